"""Local simulators of the SwitchBot, Shelly and SinricPro clouds, served over real HTTP."""

from .base import Fault, RecordedRequest, SimulatedCloud
from .shelly import ShellyCloud
from .shelly.devices import (
    ShellyDevice,
    gen1_relay,
    gen1_rgbw2,
    gen1_roller,
    gen2_cover,
    gen2_ht,
    gen2_light,
    gen2_switch,
)
from .sinricpro import SinricProCloud
from .switchbot import SwitchBotCloud

__all__ = [
    "Fault",
    "RecordedRequest",
    "ShellyCloud",
    "ShellyDevice",
    "SimulatedCloud",
    "SinricProCloud",
    "SwitchBotCloud",
    "gen1_relay",
    "gen1_rgbw2",
    "gen1_roller",
    "gen2_cover",
    "gen2_ht",
    "gen2_light",
    "gen2_switch",
]
