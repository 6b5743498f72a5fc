"""SwitchBot sensors: meters, Hub 2, motion and contact sensors, cameras."""

from __future__ import annotations

from typing import Any

from ..model import (
    Channel,
    Flag,
    Reading,
)
from .profile import (
    MAIN,
    Profile,
    no_commands,
    set_readings,
)

_CLIMATE = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.BATTERY: "battery",
}
_HUB2 = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.LIGHT_LEVEL: "lightLevel",
}


def _meter(fields: dict[Reading, str]) -> Profile:
    def build() -> Channel:
        return Channel(key=MAIN, readings=dict.fromkeys(fields))

    def update(channel: Channel, body: dict[str, Any]) -> None:
        set_readings(channel, body, fields)

    return Profile(build, update, no_commands)


def _detected(body: dict[str, Any]) -> bool | None:
    if isinstance(body.get("moveDetected"), bool):
        return bool(body["moveDetected"])
    state = body.get("detectionState")
    return state == "DETECTED" if isinstance(state, str) else None


def _motion_update(channel: Channel, body: dict[str, Any]) -> None:
    if (detected := _detected(body)) is not None:
        channel.flags[Flag.MOTION] = detected
    if isinstance(body.get("brightness"), str):
        channel.flags[Flag.LIGHT] = body["brightness"] == "bright"
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _motion_sensor() -> Channel:
    return Channel(
        key=MAIN,
        flags={Flag.MOTION: None, Flag.LIGHT: None},
        readings={Reading.BATTERY: None},
    )


def _contact_sensor() -> Channel:
    channel = _motion_sensor()
    channel.flags[Flag.DOOR] = None
    return channel


def _contact_update(channel: Channel, body: dict[str, Any]) -> None:
    _motion_update(channel, body)
    if isinstance(body.get("openState"), str):
        # timeOutNotClose: left open for longer than the app's timeout.
        channel.flags[Flag.DOOR] = body["openState"] != "close"


def _camera() -> Channel:
    return Channel(key=MAIN, flags={Flag.MOTION: None})


SENSORS: dict[str, Profile] = {
    "Meter": _meter(_CLIMATE),
    "MeterPlus": _meter(_CLIMATE),
    "Meter Plus": _meter(_CLIMATE),
    "WoIOSensor": _meter(_CLIMATE),
    "Hub 2": _meter(_HUB2),
    "Motion Sensor": Profile(_motion_sensor, _motion_update, no_commands),
    "Contact Sensor": Profile(_contact_sensor, _contact_update, no_commands),
    # Cameras have no status call: they report motion by webhook only.
    "Indoor Cam": Profile(_camera, _motion_update, no_commands, polled=False),
    "Pan/Tilt Cam": Profile(_camera, _motion_update, no_commands, polled=False),
}
