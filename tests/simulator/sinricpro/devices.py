"""SinricPro device types: default state fields and how each action changes them."""

from __future__ import annotations

from collections.abc import Callable
import copy
from dataclasses import dataclass
from typing import Any

JsonDict = dict[str, Any]
# An action takes the decoded value and returns the state fields it changes.
Action = Callable[[JsonDict], JsonDict]

PRODUCT_PREFIX = "sinric.devices.types."


class ActionError(Exception):
    """An action the type does not have, or a value it cannot take (HTTP 400)."""


@dataclass(frozen=True)
class Delta:
    """A change relative to a field's current value (adjust* actions), kept within bounds."""

    by: float
    low: float
    high: float


def _pick(value: JsonDict, key: str, allowed: dict[str, str]) -> str:
    raw = value.get(key)
    if not isinstance(raw, str) or raw.lower() not in allowed:
        raise ActionError(f"{key} must be one of {sorted(set(allowed.values()))}")
    return allowed[raw.lower()]


def _num(value: JsonDict, key: str, low: float, high: float) -> float:
    raw = value.get(key)
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not low <= raw <= high:
        raise ActionError(f"{key} must be a number between {low} and {high}")
    return raw


def _power(value: JsonDict) -> JsonDict:
    return {"powerState": _pick(value, "state", {"on": "On", "off": "Off"})}


def _int_field(key: str, low: int, high: int, target: str | None = None) -> Action:
    def run(value: JsonDict) -> JsonDict:
        return {target or key: int(_num(value, key, low, high))}

    return run


def _color(value: JsonDict) -> JsonDict:
    color = value.get("color")
    if not isinstance(color, dict):
        raise ActionError("color must be an object {r, g, b}")
    return {"color": {c: int(_num(color, c, 0, 255)) for c in ("r", "g", "b")}}


def _lock(value: JsonDict) -> JsonDict:
    return {"lockState": _pick(value, "state", {"lock": "LOCKED", "unlock": "UNLOCKED"})}


def _garage(value: JsonDict) -> JsonDict:
    return {"mode": _pick(value, "mode", {"open": "Open", "close": "Close"})}


def _target_temperature(value: JsonDict) -> JsonDict:
    return {"targetTemperature": _num(value, "temperature", -50, 100)}


def _thermostat_mode(value: JsonDict) -> JsonDict:
    modes = {m.lower(): m for m in ("AUTO", "COOL", "HEAT", "ECO", "OFF")}
    return {"thermostatMode": _pick(value, "thermostatMode", modes)}


def _doorbell(value: JsonDict) -> JsonDict:
    _pick(value, "state", {"pressed": "pressed"})
    return {}


def _current_temperature(value: JsonDict) -> JsonDict:
    changes: JsonDict = {"temperature": _num(value, "temperature", -100, 150)}
    if "humidity" in value:
        changes["humidity"] = _num(value, "humidity", 0, 100)
    return changes


def _contact(value: JsonDict) -> JsonDict:
    return {"contactState": _pick(value, "state", {"open": "open", "closed": "closed"})}


def _motion(value: JsonDict) -> JsonDict:
    states = {"detected": "detected", "notdetected": "notDetected"}
    return {"lastMotionState": _pick(value, "state", states)}


def _flag(key: str, target: str) -> Action:
    def run(value: JsonDict) -> JsonDict:
        if not isinstance(value.get(key), bool):
            raise ActionError(f"{key} must be true or false")
        return {target: value[key]}

    return run


def _text(key: str, target: str | None = None) -> Action:
    def run(value: JsonDict) -> JsonDict:
        if not isinstance(value.get(key), str) or not value[key]:
            raise ActionError(f"{key} must be a word")
        return {target or key: value[key]}

    return run


def _delta(key: str, target: str, low: int, high: int) -> Action:
    def run(value: JsonDict) -> JsonDict:
        return {target: Delta(_num(value, key, -high, high), low, high)}

    return run


MEDIA_CONTROLS = ("Play", "Pause", "Stop", "StartOver", "Previous", "Next", "Rewind", "FastForward")
BANDS = ("BASS", "MIDRANGE", "TREBLE")


def _media_control(value: JsonDict) -> JsonDict:
    _pick(value, "control", {c.lower(): c for c in MEDIA_CONTROLS})
    return {}


def _change_channel(value: JsonDict) -> JsonDict:
    channel = value.get("channel")
    if not isinstance(channel, dict) or not (
        isinstance(channel.get("number"), str) or isinstance(channel.get("name"), str)
    ):
        raise ActionError("channel must be {number} or {name}, as text")
    return {"channel": {k: channel[k] for k in ("number", "name") if k in channel}}


def _skip_channels(value: JsonDict) -> JsonDict:
    count = value.get("channelCount")
    if isinstance(count, bool) or not isinstance(count, int) or count == 0:
        raise ActionError("channelCount must be a whole number other than 0")
    return {}


def _bands(value: JsonDict) -> list[JsonDict]:
    bands = value.get("bands")
    if not isinstance(bands, list) or not bands:
        raise ActionError("bands must be a list of {name, value}")
    for band in bands:
        if not isinstance(band, dict) or band.get("name") not in BANDS:
            raise ActionError(f"band names are {', '.join(BANDS)}")
    return bands


def _set_bands(value: JsonDict) -> JsonDict:
    return {"bands": {b["name"]: int(_num(b, "value", -6, 6)) for b in _bands(value)}}


def _reset_bands(value: JsonDict) -> JsonDict:
    return {"bands": {b["name"]: 0 for b in _bands(value)}}


def _empty(value: JsonDict) -> JsonDict:
    return {}


def _air_quality(value: JsonDict) -> JsonDict:
    return {k: _num(value, k, 0, 2000) for k in ("pm1", "pm2_5", "pm10")}


_POWER_USAGE = ("voltage", "current", "power", "apparentPower", "reactivePower", "factor", "wattHours")


def _power_usage(value: JsonDict) -> JsonDict:
    changes = {k: _num(value, k, -100000, 100000) for k in _POWER_USAGE if k in value}
    return {**changes, "startTime": value.get("startTime")}


_MEDIA_ACTIONS: dict[str, Action] = {
    "setPowerState": _power,
    "setVolume": _int_field("volume", 0, 100),
    "adjustVolume": _delta("volume", "volume", 0, 100),
    "setMute": _flag("mute", "mute"),
    "mediaControl": _media_control,
    "selectInput": _text("input"),
}

_THERMOSTAT_ACTIONS: dict[str, Action] = {
    "setPowerState": _power,
    "targetTemperature": _target_temperature,
    "setThermostatMode": _thermostat_mode,
}

# Actions a client may request through the REST call.
ACTIONS: dict[str, dict[str, Action]] = {
    "SWITCH": {"setPowerState": _power},
    "LIGHT": {
        "setPowerState": _power,
        "setBrightness": _int_field("brightness", 0, 100),
        "setColor": _color,
        "setColorTemperature": _int_field("colorTemperature", 1000, 10000),
    },
    "DIMMABLE_SWITCH": {
        "setPowerState": _power,
        "setPowerLevel": _int_field("powerLevel", 0, 100),
    },
    "BLIND": {
        "setPowerState": _power,
        "setRangeValue": _int_field("rangeValue", 0, 100),
        "adjustRangeValue": _delta("rangeValueDelta", "rangeValue", 0, 100),
    },
    "GARAGE_DOOR": {"setMode": _garage},
    "SMARTLOCK": {"setLockState": _lock},
    "THERMOSTAT": _THERMOSTAT_ACTIONS,
    # A window AC unit's fan speed is a range value 1-3 (low, medium, high).
    "AC_UNIT": {**_THERMOSTAT_ACTIONS, "setRangeValue": _int_field("rangeValue", 0, 3)},
    "FAN": {"setPowerState": _power, "setRangeValue": _int_field("rangeValue", 0, 100)},
    "DOORBELL": {"DoorbellPress": _doorbell},
    "TV": {
        **_MEDIA_ACTIONS,
        "changeChannel": _change_channel,
        "skipChannels": _skip_channels,
    },
    "SPEAKER": {
        **_MEDIA_ACTIONS,
        "setBands": _set_bands,
        "resetBands": _reset_bands,
        "setMode": _text("mode"),
    },
    "CAMERA": {"setPowerState": _power, "getSnapshot": _empty, "getCameraStreamUrl": _empty},
    # A template device: each capability may be one of several, told apart by instanceId.
    "CUSTOM": {
        "setPowerState": _power,
        "setToggleState": lambda value: {"toggleState": _power(value)["powerState"]},
        "setRangeValue": _int_field("rangeValue", -100000, 100000),
        "setPercentage": _int_field("percentage", 0, 100),
        "setMode": _text("mode"),
        "setOpenClose": _int_field("openPercent", 0, 100),
        "setStartStop": _flag("start", "start"),
        "setPauseUnpause": _flag("pause", "pause"),
        "sendKeystroke": _text("keystroke", "lastKeystroke"),
    },
}
# What `product.actions` lists for a device that was not given its own list.
PRODUCT_ACTIONS: dict[str, list[Any]] = {kind: list(actions) for kind, actions in ACTIONS.items()}

# Events only a device itself sends; tests raise them with SinricProCloud.device_event().
DEVICE_EVENTS: dict[str, dict[str, Action]] = {
    "TEMPERATURESENSOR": {"currentTemperature": _current_temperature},
    "CONTACT_SENSOR": {"setContactState": _contact},
    "MOTION_SENSOR": {"motion": _motion},
    "DOORBELL": {"DoorbellPress": _doorbell},
    "THERMOSTAT": {"currentTemperature": _current_temperature},
    "AC_UNIT": {"currentTemperature": _current_temperature},
    "AIR_QUALITY_SENSOR": {"airQuality": _air_quality},
    "ENERGY_SENSOR": {"powerUsage": _power_usage},
    "CAMERA": {"motion": _motion},
}

_THERMOSTAT_STATE: JsonDict = {
    "powerState": "On", "temperature": 21.5, "humidity": 45.0,
    "targetTemperature": 21.0, "thermostatMode": "AUTO",
}
DEFAULT_STATE: dict[str, JsonDict] = {
    "SWITCH": {"powerState": "Off"},
    "LIGHT": {"powerState": "Off", "brightness": 100, "color": {"r": 255, "g": 255, "b": 255},
              "colorTemperature": 2700},
    "DIMMABLE_SWITCH": {"powerState": "Off", "powerLevel": 100},
    "BLIND": {"powerState": "On", "rangeValue": 0},
    "GARAGE_DOOR": {"mode": "Close"},
    "SMARTLOCK": {"lockState": "LOCKED"},
    "THERMOSTAT": _THERMOSTAT_STATE,
    "AC_UNIT": {**_THERMOSTAT_STATE, "rangeValue": 1},
    "FAN": {"powerState": "Off", "rangeValue": 1},
    "TEMPERATURESENSOR": {"temperature": 21.5, "humidity": 45.0},
    "CONTACT_SENSOR": {"contactState": "closed"},
    "MOTION_SENSOR": {"lastMotionState": "notDetected"},
    "DOORBELL": {},
    "TV": {"powerState": "Off", "volume": 20, "mute": False, "input": "HDMI1",
           "channel": {"number": "1", "name": "One"}},
    "SPEAKER": {"powerState": "Off", "volume": 30, "mute": False, "input": "AUX", "mode": "MUSIC",
                "bands": {"BASS": 0, "MIDRANGE": 0, "TREBLE": 0}},
    "AIR_QUALITY_SENSOR": {"pm1": 3, "pm2_5": 8, "pm10": 12},
    "ENERGY_SENSOR": {},
    "CAMERA": {"powerState": "On", "lastMotionState": "notDetected"},
    "CUSTOM": {},
}


def default_state(device_type: str) -> JsonDict:
    """A fresh copy of the state fields a device of ``device_type`` carries."""
    return copy.deepcopy(DEFAULT_STATE.get(device_type, {}))


def resolve(table: dict[str, dict[str, Action]], device_type: str, action: str) -> Action:
    """The handler for ``action`` on ``device_type``; ActionError when it has none."""
    handler = table.get(device_type, {}).get(action)
    if handler is None:
        raise ActionError(f"Action {action} is not supported by {device_type}")
    return handler
