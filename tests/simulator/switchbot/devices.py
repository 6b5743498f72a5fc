"""SwitchBot device catalogue for the simulator: list entries, status bodies, command effects."""

from __future__ import annotations

from collections.abc import Callable
import copy
import itertools
from typing import Any

JsonDict = dict[str, Any]
Command = Callable[[JsonDict, Any], JsonDict | None]

# Body statusCode values and the messages sent with them (document's error table).
OK = 100
DEVICE_TYPE_ERROR = 151
DEVICE_NOT_FOUND = 152
COMMAND_NOT_SUPPORTED = 160
DEVICE_OFFLINE = 161
HUB_OFFLINE = 171
SYSTEM_ERROR = 190
MESSAGES = {
    OK: "success",
    DEVICE_TYPE_ERROR: "device type error",
    DEVICE_NOT_FOUND: "device not found",
    COMMAND_NOT_SUPPORTED: "command is not supported",
    DEVICE_OFFLINE: "device offline",
    HUB_OFFLINE: "hub device is offline",
    SYSTEM_ERROR: "System error",
}

NO_HUB = "000000000000"

# Names in the device list differ from names in the document's headings; both are
# accepted so a test written from either reads naturally.
_FAMILY = {
    "Curtain 3": "Curtain3",
    "Lock": "Smart Lock",
    "Meter Plus": "MeterPlus",
    "Meter Plus (JP)": "MeterPlus",
    "Meter Plus (US)": "MeterPlus",
    "Outdoor Meter": "WoIOSensor",
    "Pan/Tilt Cam 2K": "Pan/Tilt Cam",
}


def family(device_type: str) -> str:
    """The canonical device-list name for ``device_type``."""
    return _FAMILY.get(device_type, device_type)


_PLUG_MINI = {"power": "on", "voltage": 120.4, "version": "V1.4-1.4", "weight": 12.3,
              "electricityOfDay": 95, "electricCurrent": 0.12}
_CURTAIN = {
    "calibrate": True,
    "group": False,
    "moving": False,
    "battery": 100,
    "version": "V4.2",
    # The status table says String, but the sample and the real cloud send an int.
    "slidePosition": 0,
}
_METER = {"temperature": 22.5, "humidity": 45, "battery": 100, "version": "V4.2"}
_CEILING = {"power": "off", "version": "V3.1-6.3", "brightness": 80, "colorTemperature": 4000}
_VACUUM = {"workingStatus": "StandBy", "onlineStatus": "online", "battery": 100}

DEFAULT_STATUS: dict[str, JsonDict] = {
    "Bot": {"power": "off", "battery": 100, "version": "V6.3", "deviceMode": "switchMode"},
    "Curtain": _CURTAIN,
    "Curtain3": _CURTAIN,
    "Meter": _METER,
    "MeterPlus": _METER,
    "WoIOSensor": _METER,
    "Hub 2": {"temperature": 21.8, "humidity": 48, "lightLevel": 12, "version": "V1.0"},
    "Smart Lock": {"battery": 90, "version": "V4.2", "lockState": "locked",
                   "doorState": "closed", "calibrate": True},
    "Motion Sensor": {"battery": 95, "version": "V1.2", "moveDetected": False,
                      "brightness": "bright"},
    "Contact Sensor": {"battery": 95, "version": "V1.2", "moveDetected": False,
                       "openState": "close", "brightness": "dim"},
    "Ceiling Light": _CEILING,
    "Ceiling Light Pro": _CEILING,
    "Plug Mini (US)": _PLUG_MINI,
    "Plug Mini (JP)": _PLUG_MINI,
    "Plug": {"power": "off", "version": "V4.2"},
    "Strip Light": {"power": "off", "version": "V3.1-6.3", "brightness": 100,
                    "color": "255:255:255"},
    "Color Bulb": {"power": "off", "brightness": 100, "version": "V3.1-6.3",
                   "color": "255:255:255", "colorTemperature": 4000},
    "Robot Vacuum Cleaner S1": _VACUUM,
    "Robot Vacuum Cleaner S1 Plus": _VACUUM,
    "Humidifier": {"power": "off", "humidity": 40, "temperature": 21.0,
                   "nebulizationEfficiency": 34, "auto": False, "childLock": False,
                   "sound": True, "lackWater": False},
    "Blind Tilt": {"version": 2, "calibrate": True, "group": False, "moving": False,
                   "direction": "up", "slidePosition": 50},
    "Battery Circulator Fan": {
        "mode": "direct",
        "version": "V3.1",
        "battery": 80,
        "power": "off",
        # The table types this Integer yet lists "off" as a value: we send what it lists.
        "nightStatus": "off",
        "oscillation": "off",
        "verticalOscillation": "off",
        "chargingStatus": "uncharged",
        "fanSpeed": 30,
    },
    "Smart Fan": {"power": "off", "mode": 1, "speed": 1, "shaking": False,
                  "shakeCenter": 60, "shakeRange": 60},
    "Hub Mini": {"version": "V2.0"},
    "Hub Plus": {"version": "V2.0"},
    "Hub": {"version": "V2.0"},
}


def default_status(device_type: str) -> JsonDict:
    """A fresh copy of the status fields the document lists for ``device_type``."""
    return copy.deepcopy(DEFAULT_STATUS.get(family(device_type), {}))


def list_extras(device_type: str, device_id: str, status: JsonDict) -> JsonDict:
    """Type-specific keys of the device-list entry (curtain grouping, lock groups...)."""
    kind = family(device_type)
    if kind in ("Curtain", "Curtain3"):
        return {
            "curtainDevicesIds": [device_id],
            "calibrate": status.get("calibrate", True),
            "group": False,
            "master": True,
            "openDirection": "left",
        }
    if kind == "Smart Lock":
        return {"group": False, "master": True, "groupName": "", "lockDevicesIds": []}
    if kind in ("Keypad", "Keypad Touch"):
        return {"lockDeviceId": "", "keyList": []}
    if kind == "Blind Tilt":
        return {
            "version": status.get("version", 2),
            "blindTiltDevicesIds": [device_id],
            "calibrate": status.get("calibrate", True),
            "group": False,
            "master": True,
            "direction": status.get("direction", "up"),
            "slidePosition": status.get("slidePosition", 0),
        }
    return {}


class CommandError(Exception):
    """A command refused with a body statusCode (160 unsupported, 190 bad format)."""

    def __init__(self, code: int) -> None:
        super().__init__(MESSAGES.get(code, str(code)))
        self.code = code


def _int(value: Any, low: int, high: int) -> int:
    # The cloud takes parameters as strings; a bare JSON number is tolerated too.
    if isinstance(value, bool):
        raise CommandError(SYSTEM_ERROR)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise CommandError(SYSTEM_ERROR) from None
    if not low <= number <= high:
        raise CommandError(SYSTEM_ERROR)
    return number


def _set(key: str, value: Any) -> Command:
    def run(status: JsonDict, _param: Any) -> None:
        status[key] = value

    return run


def _toggle(status: JsonDict, _param: Any) -> None:
    status["power"] = "off" if status.get("power") == "on" else "on"


def _nothing(_status: JsonDict, _param: Any) -> None:
    return None


def _int_into(key: str, low: int, high: int) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        status[key] = _int(param, low, high)

    return run


def _validate_only(low: int, high: int) -> Command:
    # The suction level is not part of the status body, so only the format matters.
    def run(_status: JsonDict, param: Any) -> None:
        _int(param, low, high)

    return run


def _color(status: JsonDict, param: Any) -> None:
    parts = str(param).split(":")
    if len(parts) != 3:
        raise CommandError(SYSTEM_ERROR)
    status["color"] = ":".join(str(_int(p, 0, 255)) for p in parts)


def _curtain_position(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(",")]
    if len(parts) != 3 or parts[1] not in ("0", "1", "ff"):
        raise CommandError(SYSTEM_ERROR)
    _int(parts[0], 0, 255)
    status["slidePosition"] = _int(parts[2], 0, 100)
    status["moving"] = False


def _blind_position(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(";")]
    if len(parts) != 2 or parts[0] not in ("up", "down"):
        raise CommandError(SYSTEM_ERROR)
    position = _int(parts[1], 0, 100)
    if position % 2:
        raise CommandError(SYSTEM_ERROR)
    status["direction"] = parts[0]
    status["slidePosition"] = position


def _blind_fixed(direction: str | None, position: int) -> Command:
    def run(status: JsonDict, _param: Any) -> None:
        if direction is not None:
            status["direction"] = direction
        status["slidePosition"] = position

    return run


def _humidifier_mode(status: JsonDict, param: Any) -> None:
    text = str(param).strip()
    if text == "auto":
        status["auto"] = True
        return
    presets = {"101": 34, "102": 67, "103": 100}
    status["nebulizationEfficiency"] = presets.get(text) or _int(text, 0, 100)
    status["auto"] = False


def _choice(key: str, allowed: dict[str, Any]) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        text = str(param).strip()
        if text not in allowed:
            raise CommandError(SYSTEM_ERROR)
        status[key] = allowed[text]

    return run


def _smart_fan_all(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(",")]
    if len(parts) != 4 or parts[0] not in ("on", "off"):
        raise CommandError(SYSTEM_ERROR)
    status["power"] = parts[0]
    status["mode"] = _int(parts[1], 1, 2)
    status["speed"] = _int(parts[2], 1, 4)
    status["shakeRange"] = _int(parts[3], 0, 120)


_command_ids = itertools.count(1)


def _keypad(status: JsonDict, param: Any) -> JsonDict:
    # Keypad parameters are JSON objects, not strings; results arrive by webhook.
    if not isinstance(param, dict):
        raise CommandError(SYSTEM_ERROR)
    return {"commandId": f"CMD{1664440449000000 + next(_command_ids)}"}


_POWER: dict[str, Command] = {"turnOn": _set("power", "on"), "turnOff": _set("power", "off")}
_POWER_TOGGLE: dict[str, Command] = {**_POWER, "toggle": _toggle}
_CURTAIN_COMMANDS: dict[str, Command] = {
    "setPosition": _curtain_position,
    "turnOn": _set("slidePosition", 0),
    "turnOff": _set("slidePosition", 100),
    "pause": _set("moving", False),
}
_BRIGHTNESS: dict[str, Command] = {"setBrightness": _int_into("brightness", 1, 100)}
_COLOR_TEMP: dict[str, Command] = {
    "setColorTemperature": _int_into("colorTemperature", 2700, 6500)
}
_VACUUM_COMMANDS: dict[str, Command] = {
    "start": _set("workingStatus", "Clearing"),
    "stop": _set("workingStatus", "StandBy"),
    "dock": _set("workingStatus", "GotoChargeBase"),
    "PowLevel": _validate_only(0, 3),
}
_CEILING_COMMANDS = {**_POWER_TOGGLE, **_BRIGHTNESS, **_COLOR_TEMP}

COMMANDS: dict[str, dict[str, Command]] = {
    # A press is momentary: the reported power does not change.
    "Bot": {**_POWER, "press": _nothing},
    "Plug": _POWER,
    "Plug Mini (US)": _POWER_TOGGLE,
    "Plug Mini (JP)": _POWER_TOGGLE,
    "Curtain": _CURTAIN_COMMANDS,
    "Curtain3": _CURTAIN_COMMANDS,
    "Smart Lock": {"lock": _set("lockState", "locked"), "unlock": _set("lockState", "unlocked")},
    "Humidifier": {**_POWER, "setMode": _humidifier_mode},
    "Color Bulb": {**_POWER_TOGGLE, **_BRIGHTNESS, **_COLOR_TEMP, "setColor": _color},
    "Strip Light": {**_POWER_TOGGLE, **_BRIGHTNESS, "setColor": _color},
    "Ceiling Light": _CEILING_COMMANDS,
    "Ceiling Light Pro": _CEILING_COMMANDS,
    "Robot Vacuum Cleaner S1": _VACUUM_COMMANDS,
    "Robot Vacuum Cleaner S1 Plus": _VACUUM_COMMANDS,
    "Keypad": {"createKey": _keypad, "deleteKey": _keypad},
    "Keypad Touch": {"createKey": _keypad, "deleteKey": _keypad},
    "Blind Tilt": {
        "setPosition": _blind_position,
        "fullyOpen": _blind_fixed(None, 100),
        "closeUp": _blind_fixed("up", 0),
        "closeDown": _blind_fixed("down", 0),
    },
    "Battery Circulator Fan": {
        **_POWER,
        "setWindSpeed": _int_into("fanSpeed", 1, 100),
        "setWindMode": _choice(
            "mode", {m: m for m in ("direct", "natural", "sleep", "baby")}
        ),
        "setNightLightMode": _choice("nightStatus", {"off": "off", "1": 1, "2": 2}),
    },
    "Smart Fan": {**_POWER, "setAllStatus": _smart_fan_all},
}


def run_command(device_type: str, status: JsonDict, command: str, parameter: Any) -> JsonDict:
    """Apply ``command`` to ``status`` in place; returns the response body.

    Raises CommandError(160) for a command outside the type's table and
    CommandError(190) for a malformed parameter. A failed command leaves the
    status untouched.
    """
    table = COMMANDS.get(family(device_type), {})
    action = table.get(command)
    if action is None:
        raise CommandError(COMMAND_NOT_SUPPORTED)
    scratch = copy.deepcopy(status)
    body = action(scratch, parameter)
    status.clear()
    status.update(scratch)
    return body or {}


def check_ir_command(remote_type: str, command: str, parameter: Any) -> None:
    """Validate the IR commands whose parameter has a documented format."""
    kind = remote_type.removeprefix("DIY ")
    if kind == "Air Conditioner" and command == "setAll":
        parts = [p.strip() for p in str(parameter).split(",")]
        if len(parts) != 4 or parts[3] not in ("on", "off"):
            raise CommandError(SYSTEM_ERROR)
        _int(parts[0], 16, 30)
        _int(parts[1], 0, 5)
        _int(parts[2], 1, 4)
    elif command == "SetChannel":
        _int(parameter, 1, 9999)


WEBHOOK_TYPES = {
    "Bot": "WoHand",
    "Curtain": "WoCurtain",
    "Curtain3": "WoCurtain3",
    "Motion Sensor": "WoPresence",
    "Contact Sensor": "WoContact",
    "Smart Lock": "WoLock",
    "Indoor Cam": "WoCamera",
    "Pan/Tilt Cam": "WoPanTiltCam",
    "Color Bulb": "WoBulb",
    "Strip Light": "WoStrip",
    "Plug Mini (US)": "WoPlugUS",
    "Plug Mini (JP)": "WoPlugJP",
    "Meter": "WoMeter",
    "MeterPlus": "WoMeterPlus",
    "WoIOSensor": "WoIOSensor",
    "Robot Vacuum Cleaner S1": "WoSweeper",
    "Robot Vacuum Cleaner S1 Plus": "WoSweeperPlus",
    "Ceiling Light": "WoCeiling",
    "Ceiling Light Pro": "WoCeilingPro",
    "Keypad": "WoKeypad",
    "Keypad Touch": "WoKeypadTouch",
    "Hub 2": "WoHub2",
    "Battery Circulator Fan": "WoFan2",
}
