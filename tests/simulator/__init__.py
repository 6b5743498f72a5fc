"""Local simulators of the SwitchBot, Shelly and SinricPro clouds, served over real HTTP."""

from .base import Fault, RecordedRequest, SimulatedCloud
from .shelly import ShellyCloud
from .sinricpro import SinricProCloud
from .switchbot import SwitchBotCloud

__all__ = [
    "Fault",
    "RecordedRequest",
    "ShellyCloud",
    "SimulatedCloud",
    "SinricProCloud",
    "SwitchBotCloud",
]
