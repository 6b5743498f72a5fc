"""A SinricPro account with a device of every type, and a way to wait for what the stream brings."""

from __future__ import annotations

import asyncio

from homeassistant.config_entries import ConfigEntry

from tests.simulator.sinricpro import SinricProCloud

SWITCH = "66b100000000000000000001"
LIGHT = "66b100000000000000000002"
DIMMER = "66b100000000000000000003"
BLIND = "66b100000000000000000004"
GARAGE = "66b100000000000000000005"
LOCK = "66b100000000000000000006"
FAN = "66b100000000000000000007"
THERMOSTAT = "66b100000000000000000008"
AC_UNIT = "66b100000000000000000009"
TEMPERATURE = "66b10000000000000000000a"
CONTACT = "66b10000000000000000000b"
MOTION = "66b10000000000000000000c"
DOORBELL = "66b10000000000000000000d"
MOWER = "66b10000000000000000000e"


def populate(cloud: SinricProCloud) -> None:
    """One device of each type of the first document, and a lawn mower, a type Cloud Bridge does not know."""
    cloud.add_device(SWITCH, "SWITCH", "Hall Switch", powerState="Off")
    cloud.add_device(
        LIGHT, "LIGHT", "Desk Lamp", powerState="On", brightness=40,
        color={"r": 255, "g": 255, "b": 255}, colorTemperature=2700,
    )
    cloud.add_device(DIMMER, "DIMMABLE_SWITCH", "Porch Dimmer", powerState="On", powerLevel=60)
    cloud.add_device(BLIND, "BLIND", "Bedroom Blind", rangeValue=30)
    cloud.add_device(GARAGE, "GARAGE_DOOR", "Garage Door", mode="Close")
    cloud.add_device(LOCK, "SMARTLOCK", "Front Lock", lockState="LOCKED")
    cloud.add_device(
        FAN, "FAN", "Ceiling Fan", powerState="On", rangeValue=2,
        fanConfiguration={"maxFanSpeed": 5},
    )
    cloud.add_device(
        THERMOSTAT, "THERMOSTAT", "Hall Thermostat", thermostatMode="HEAT",
        targetTemperature=20.5, temperature=19.0, humidity=45.0,
    )
    cloud.add_device(AC_UNIT, "AC_UNIT", "Office AC", thermostatMode="COOL", targetTemperature=23.0)
    cloud.add_device(TEMPERATURE, "TEMPERATURESENSOR", "Garden", temperature=12.5, humidity=80.0)
    cloud.add_device(CONTACT, "CONTACT_SENSOR", "Back Door")
    cloud.add_device(MOTION, "MOTION_SENSOR", "Hall Motion")
    cloud.add_device(DOORBELL, "DOORBELL", "Front Doorbell")
    cloud.add_device(MOWER, "LAWN_MOWER", "Back Lawn Mower", powerState="Off")


async def reads_done(entry: ConfigEntry) -> None:
    """Wait until the entry's reads-again (background tasks after a command) are done."""
    reads = [t for t in entry._background_tasks if " read " in t.get_name()]
    if reads:
        await asyncio.wait(reads)
