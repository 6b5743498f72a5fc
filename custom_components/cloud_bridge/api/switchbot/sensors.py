"""SwitchBot sensors: meters, hubs with sensors, motion, contact, presence and leak sensors, cameras."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Channel, Flag, Reading
from .profile import MAIN, Profile, no_commands, set_readings

type FlagReader = Callable[[dict[str, Any]], bool | None]

_CLIMATE = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.BATTERY: "battery",
}
_CO2 = {**_CLIMATE, Reading.CO2: "CO2"}
_HUB = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.LIGHT_LEVEL: "lightLevel",
}
_CLIMATE_KEYS = ("temperature", "humidity", "battery")


def detected(body: dict[str, Any]) -> bool | None:
    """Motion: `moveDetected` (status) or `detectionState` (events)."""
    if isinstance(body.get("moveDetected"), bool):
        return bool(body["moveDetected"])
    state = body.get("detectionState")
    return state == "DETECTED" if isinstance(state, str) else None


def _present(body: dict[str, Any]) -> bool | None:
    """Presence: `Detected` (the status table's spelling; events are read into it)."""
    for key in ("Detected", "detected"):
        if isinstance(body.get(key), bool):
            return bool(body[key])
    return detected(body)


def _leak(body: dict[str, Any]) -> bool | None:
    """A leak: `status` (status) or `detectionState` (events), 1 wet and 0 dry."""
    for key in ("status", "detectionState"):
        value = body.get(key)
        if value in (0, 1) and not isinstance(value, bool):
            return bool(value == 1)
    return None


def _bright(body: dict[str, Any]) -> bool | None:
    """Ambient light as events and motion sensors say it: "bright" or "dim"."""
    value = body.get("brightness")
    return value == "bright" if value in ("bright", "dim") else None


def _open(body: dict[str, Any]) -> bool | None:
    """A contact sensor's door; `timeOutNotClose` is open for longer than the app's timeout."""
    state = body.get("openState")
    return state != "close" if isinstance(state, str) else None


def _sensor(
    readings: dict[Reading, str],
    flags: dict[Flag, FlagReader] | None = None,
    *,
    polled: bool = True,
    meter: bool = False,
) -> Profile:
    """A device that only measures: readings by field, flags by reader.

    A `meter` behind a Hub Mini may answer temperature, humidity and battery
    all 0: that is the hub not hearing it, not a reading (vendor notes).
    """
    flag_readers = flags or {}

    def build() -> Channel:
        return Channel(
            key=MAIN,
            readings=dict.fromkeys(readings),
            flags=dict.fromkeys(flag_readers),
        )

    def update(channel: Channel, body: dict[str, Any]) -> None:
        if meter and all(body.get(key) == 0 for key in _CLIMATE_KEYS):
            return
        set_readings(channel, body, readings)
        for flag, read in flag_readers.items():
            if (value := read(body)) is not None:
                channel.flags[flag] = value

    pushed = frozenset(readings.values()) | {"moveDetected", "openState", "status"}
    return Profile(build, update, no_commands, polled=polled, pushed=pushed)


_MOTION: dict[Flag, FlagReader] = {Flag.MOTION: detected, Flag.LIGHT: _bright}
_BATTERY = {Reading.BATTERY: "battery"}

SENSORS: dict[str, Profile] = {
    "Meter": _sensor(_CLIMATE, meter=True),
    "MeterPlus": _sensor(_CLIMATE, meter=True),
    "Meter Plus": _sensor(_CLIMATE, meter=True),
    "WoIOSensor": _sensor(_CLIMATE, meter=True),
    "MeterPro": _sensor(_CLIMATE, meter=True),
    "MeterPro(CO2)": _sensor(_CO2, meter=True),
    "WeatherStation": _sensor(_CLIMATE, meter=True),
    "Hub 2": _sensor(_HUB),
    "Hub 3": _sensor(_HUB, {Flag.MOTION: detected}),
    "Home Climate Panel": _sensor(
        {**_CLIMATE, Reading.LIGHT_LEVEL: "brightness"},
        {Flag.MOTION: detected, Flag.LIGHT: _bright},
    ),
    "Motion Sensor": _sensor(_BATTERY, _MOTION),
    "Contact Sensor": _sensor(_BATTERY, {**_MOTION, Flag.DOOR: _open}),
    "Presence Sensor": _sensor(
        {**_BATTERY, Reading.LIGHT_LEVEL: "lightLevel"}, {Flag.OCCUPANCY: _present}
    ),
    "Water Detector": _sensor(_BATTERY, {Flag.MOISTURE: _leak}),
    # Cameras have no status call: they report motion by webhook only.
    "Indoor Cam": _sensor({}, {Flag.MOTION: detected}, polled=False),
    "Pan/Tilt Cam": _sensor({}, {Flag.MOTION: detected}, polled=False),
    "Pan/Tilt Cam 2K": _sensor({}, {Flag.MOTION: detected}, polled=False),
    "Pan/Tilt Cam Plus 2K": _sensor({}, {Flag.MOTION: detected}, polled=False),
    "Pan/Tilt Cam Plus 3K": _sensor({}, {Flag.MOTION: detected}, polled=False),
}
