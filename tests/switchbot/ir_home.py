"""The simulated SwitchBot account with a remote of every IR type, and helpers its tests share."""

from __future__ import annotations

from typing import Any

from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant

from tests.conftest import SWITCHBOT_SECRET, SWITCHBOT_TOKEN
from tests.simulator.switchbot import SwitchBotCloud

IR_HUB = "F0A1B2C3D4E7"
IR_METER = "C271111EC0FF"
AC = "02-202007201626-70"
DIY_AC = "02-202007201626-71"
TV = "02-202008110034-13"
STREAMER = "02-202008110034-14"
SET_TOP_BOX = "02-202008110034-15"
DVD = "02-202008110034-16"
SPEAKER = "02-202008110034-17"
FAN = "02-202008110034-18"
LIGHT = "02-202008110034-19"
OTHERS = "02-202007201626-10"
PROJECTOR = "02-202008110034-20"

REMOTES = [
    (AC, "Air Conditioner", "Living Room AC"),
    (DIY_AC, "DIY Air Conditioner", "Bedroom AC"),
    (TV, "TV", "Living Room TV"),
    (STREAMER, "Streamer", "Streaming Stick"),
    (SET_TOP_BOX, "Set Top Box", "Cable Box"),
    (DVD, "DVD Player", "Blu-ray Player"),
    (SPEAKER, "Speaker", "Soundbar"),
    (FAN, "Fan", "Desk Fan"),
    (LIGHT, "Light", "Hall Light"),
    (PROJECTOR, "Projector", "Projector"),
    ("02-202008110034-21", "Camera", "Nursery Camera"),
    ("02-202008110034-22", "Air Purifier", "Air Purifier"),
    ("02-202008110034-23", "Water Heater", "Boiler"),
    ("02-202008110034-24", "Robot Vacuum Cleaner", "Old Vacuum"),
    (OTHERS, "Others", "Gadget"),
]
IR_PLATFORMS = [
    Platform.BUTTON,
    Platform.CLIMATE,
    Platform.FAN,
    Platform.LIGHT,
    Platform.MEDIA_PLAYER,
    Platform.REMOTE,
]


def ir_account() -> SwitchBotCloud:
    """An account with a hub, a Meter and a remote of every type (Others without a hub)."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device(IR_HUB, "Hub Mini", "Living Room Hub")
    cloud.add_device(IR_METER, "Meter", "Kitchen Meter", hub_id=IR_HUB)
    for device_id, remote_type, name in REMOTES:
        if device_id == OTHERS:
            cloud.add_remote(device_id, remote_type, name)
        else:
            cloud.add_remote(device_id, remote_type, name, hub_id=IR_HUB)
    return cloud


def sent(cloud: SwitchBotCloud, device_id: str, version: str = "v1.1") -> Any:
    """The body of the last command the cloud received for `device_id`."""
    return cloud.requests_to(f"/{version}/devices/{device_id}/commands")[-1].json


def command(name: str, parameter: str = "default", command_type: str = "command") -> dict[str, str]:
    """A command body as the document writes it."""
    return {"command": name, "parameter": parameter, "commandType": command_type}


async def call(hass: HomeAssistant, domain: str, service: str, entity_id: str, **data: Any) -> None:
    """Call an action on one entity and wait for it."""
    await hass.services.async_call(domain, service, {ATTR_ENTITY_ID: entity_id, **data}, blocking=True)
