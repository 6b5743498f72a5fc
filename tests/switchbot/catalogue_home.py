"""An account with one device of every type SwitchBot's 2026-05 document adds, for the tests of those types."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.conftest import (
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    serving,
    setup_entry,
    switchbot_data,
)
from tests.simulator.switchbot import SwitchBotCloud

HUB = "E0C0FFEE0001"
DEVICES: dict[str, tuple[str, str, dict[str, Any]]] = {
    # id: (deviceType, name, status overrides)
    "E0A000000001": ("Hub 3", "Living Hub", {"moveDetected": True}),
    "E0A000000002": ("MeterPro(CO2)", "Office Air", {}),
    "E0A000000003": ("WeatherStation", "Garden Station", {}),
    "E0A000000004": ("Home Climate Panel", "Hall Panel", {}),
    "E0A000000005": ("Presence Sensor", "Study Presence", {"Detected": True}),
    "E0A000000006": ("Water Detector", "Laundry Leak", {"status": 1}),
    "E0A000000007": ("Smart Lock Pro Wifi", "Front Lock", {"lockState": "latchBoltLocked"}),
    "E0A000000008": ("Lock Ultra", "Back Lock", {"lockState": "halfLocked"}),
    "E0A000000009": ("Lock Lite", "Shed Lock", {}),
    "E0A00000000A": ("Lock Vision", "Gate Lock", {}),
    "E0A00000000B": ("Keypad Vision", "Gate Keypad", {}),
    "E0A00000000C": ("Relay Switch 1PM", "Boiler Relay", {"switchStatus": 1, "power": 1500.0}),
    "E0A00000000D": ("Relay Switch 1", "Porch Relay", {}),
    "E0A00000000E": ("Relay Switch 2PM", "Kitchen Relays", {}),
    "E0A00000000F": ("Plug Mini (EU)", "Desk Plug", {}),
    "E0A000000010": ("Roller Shade", "Bedroom Shade", {"slidePosition": 30}),
    "E0A000000011": ("Garage Door Opener", "Garage", {}),
    "E0A000000012": ("Strip Light 3", "Shelf Strip", {"power": "on"}),
    "E0A000000013": ("RGBIC Neon Rope Light", "Neon Rope", {}),
    "E0A000000014": ("Candle Warmer Lamp", "Candle Lamp", {"power": "on"}),
    "E0A000000015": ("Circulator Fan", "Desk Fan", {}),
    "E0A000000016": ("Air Purifier PM2.5", "Bedroom Purifier", {"power": "ON", "childLock": 1}),
    "E0A000000017": ("Humidifier2", "Nursery Humidifier", {"power": "on", "mode": 5, "drying": True}),
    "E0A000000018": ("K10+", "Mini Robot", {}),
    "E0A000000019": ("Robot Vacuum Cleaner S10", "Floor Robot", {"workingStatus": "Clearing"}),
    "E0A00000001A": ("Robot Vacuum Cleaner K20 Plus Pro", "Upstairs Robot", {}),
    "E0A00000001B": ("Smart Radiator Thermostat", "Lounge Radiator", {"mode": 4}),
    "E0A00000001C": ("AI Art Frame", "Hall Frame", {}),
    "E0A00000001D": ("Video Doorbell", "Front Doorbell", {}),
    "E0A00000001E": ("Pan/Tilt Cam Plus 3K", "Yard Cam", {}),
    "E0A00000001F": ("Relay Switch 2PM", "Study Blind", {"position": 25, "calibrate": True}),
}
# A 2PM in roller mode reports its position and not its relays.
ROLLER_2PM = "E0A00000001F"


@pytest.fixture(name="cloud")
async def cloud_fixture(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SwitchBotCloud]:
    """An account with one device of every type the 2026-05 document adds."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device(HUB, "AI Hub", "Hub")
    for device_id, (device_type, name, status) in DEVICES.items():
        cloud.add_device(device_id, device_type, name, hub_id=HUB, status=status)
    for key in [k for k in cloud.statuses[ROLLER_2PM] if k.startswith("switch")]:
        del cloud.statuses[ROLLER_2PM][key]
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture(name="entry")
async def entry_fixture(hass: HomeAssistant, cloud: SwitchBotCloud) -> MockConfigEntry:
    """The account set up with API v1.1."""
    return await setup_entry(hass, switchbot_data(cloud))


def entity(hass: HomeAssistant, domain: str, device_id: str, channel: str = "main") -> str:
    """The entity id of a device's channel on a platform."""
    prefix = f"switchbot_{device_id}_{channel}_"
    return next(
        e.entity_id
        for e in er.async_get(hass).entities.values()
        if e.domain == domain and e.unique_id.startswith(prefix)
    )


def state(hass: HomeAssistant, domain: str, device_id: str, channel: str = "main") -> Any:
    """The state object of a device's channel on a platform."""
    return hass.states.get(entity(hass, domain, device_id, channel))


