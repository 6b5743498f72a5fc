"""SwitchBot device catalogue for the simulator: list entries, status bodies, command effects.

The types of the first document are here; those the 2026-05 document adds
are in catalogue_2026.py and joined into the same tables.
"""

from __future__ import annotations

import copy
from typing import Any

from . import catalogue_2026
from .helpers import (
    COMMAND_NOT_SUPPORTED,
    SYSTEM_ERROR,
    Command,
    CommandError,
    JsonDict,
    as_int,
    choice,
    color,
    int_into,
    keypad,
    nothing,
    set_to,
    toggle,
    validate_only,
)

# Names in the device list differ from names in the document's headings; both are
# accepted so a test written from either reads naturally.
_FAMILY = {
    "Curtain 3": "Curtain3",
    "Lock": "Smart Lock",
    "Meter Plus": "MeterPlus",
    "Meter Plus (JP)": "MeterPlus",
    "Meter Plus (US)": "MeterPlus",
    "Outdoor Meter": "WoIOSensor",
}


def family(device_type: str) -> str:
    """The canonical device-list name for ``device_type``."""
    return _FAMILY.get(device_type, device_type)


# electricCurrent in mA, as the 2026-05 document gives it.
_PLUG_MINI = {"power": "on", "voltage": 120.4, "version": "V1.4-1.4", "weight": 12.3,
              "electricityOfDay": 95, "electricCurrent": 120}
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


DEFAULT_STATUS.update(catalogue_2026.STATUS)


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
    if kind in ("Smart Lock", "Smart Lock Pro", "Smart Lock Ultra", "Lock Ultra", "Lock Lite"):
        return {"group": False, "master": True, "groupName": "", "lockDevicesIds": []}
    if kind in ("Keypad", "Keypad Touch") or kind in catalogue_2026.WITH_KEYS:
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


def _curtain_position(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(",")]
    if len(parts) != 3 or parts[1] not in ("0", "1", "ff"):
        raise CommandError(SYSTEM_ERROR)
    as_int(parts[0], 0, 255)
    status["slidePosition"] = as_int(parts[2], 0, 100)
    status["moving"] = False



def _blind_position(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(";")]
    if len(parts) != 2 or parts[0] not in ("up", "down"):
        raise CommandError(SYSTEM_ERROR)
    position = as_int(parts[1], 0, 100)
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
    status["nebulizationEfficiency"] = presets.get(text) or as_int(text, 0, 100)
    status["auto"] = False



def _smart_fan_all(status: JsonDict, param: Any) -> None:
    parts = [p.strip() for p in str(param).split(",")]
    if len(parts) != 4 or parts[0] not in ("on", "off"):
        raise CommandError(SYSTEM_ERROR)
    status["power"] = parts[0]
    status["mode"] = as_int(parts[1], 1, 2)
    status["speed"] = as_int(parts[2], 1, 4)
    status["shakeRange"] = as_int(parts[3], 0, 120)



_POWER: dict[str, Command] = {"turnOn": set_to("power", "on"), "turnOff": set_to("power", "off")}
_POWER_TOGGLE: dict[str, Command] = {**_POWER, "toggle": toggle}
_CURTAIN_COMMANDS: dict[str, Command] = {
    "setPosition": _curtain_position,
    "turnOn": set_to("slidePosition", 0),
    "turnOff": set_to("slidePosition", 100),
    "pause": set_to("moving", False),
}
_BRIGHTNESS: dict[str, Command] = {"setBrightness": int_into("brightness", 1, 100)}
_COLOR_TEMP: dict[str, Command] = {
    "setColorTemperature": int_into("colorTemperature", 2700, 6500)
}
_VACUUM_COMMANDS: dict[str, Command] = {
    "start": set_to("workingStatus", "Clearing"),
    "stop": set_to("workingStatus", "StandBy"),
    "dock": set_to("workingStatus", "GotoChargeBase"),
    "PowLevel": validate_only(0, 3),
}
_CEILING_COMMANDS = {**_POWER_TOGGLE, **_BRIGHTNESS, **_COLOR_TEMP}

COMMANDS: dict[str, dict[str, Command]] = {
    # A press is momentary: the reported power does not change.
    "Bot": {**_POWER, "press": nothing},
    "Plug": _POWER,
    "Plug Mini (US)": _POWER_TOGGLE,
    "Plug Mini (JP)": _POWER_TOGGLE,
    "Curtain": _CURTAIN_COMMANDS,
    "Curtain3": _CURTAIN_COMMANDS,
    "Smart Lock": {
        "lock": set_to("lockState", "locked"),
        "unlock": set_to("lockState", "unlocked"),
        "deadbolt": set_to("lockState", "unlocked"),
    },
    "Smart Lock Pro": {
        "lock": set_to("lockState", "lock"),
        "unlock": set_to("lockState", "unlock"),
        "deadbolt": set_to("lockState", "unlock"),
    },
    "Humidifier": {**_POWER, "setMode": _humidifier_mode},
    "Color Bulb": {**_POWER_TOGGLE, **_BRIGHTNESS, **_COLOR_TEMP, "setColor": color},
    "Strip Light": {**_POWER_TOGGLE, **_BRIGHTNESS, "setColor": color},
    "Ceiling Light": _CEILING_COMMANDS,
    "Ceiling Light Pro": _CEILING_COMMANDS,
    "Robot Vacuum Cleaner S1": _VACUUM_COMMANDS,
    "Robot Vacuum Cleaner S1 Plus": _VACUUM_COMMANDS,
    "Keypad": {"createKey": keypad, "deleteKey": keypad},
    "Keypad Touch": {"createKey": keypad, "deleteKey": keypad},
    "Blind Tilt": {
        "setPosition": _blind_position,
        "fullyOpen": _blind_fixed(None, 100),
        "closeUp": _blind_fixed("up", 0),
        "closeDown": _blind_fixed("down", 0),
    },
    "Battery Circulator Fan": {
        **_POWER,
        "setWindSpeed": int_into("fanSpeed", 1, 100),
        "setWindMode": choice(
            "mode", {m: m for m in ("direct", "natural", "sleep", "baby")}
        ),
        "setNightLightMode": choice("nightStatus", {"off": "off", "1": 1, "2": 2}),
    },
    "Smart Fan": {**_POWER, "setAllStatus": _smart_fan_all},
}


COMMANDS.update(catalogue_2026.COMMANDS)
for _kind in catalogue_2026.WITH_KEYS:
    COMMANDS.setdefault(_kind, {}).update({"createKey": keypad, "deleteKey": keypad})
for _lock in ("Lock Vision", "Lock Vision Pro"):
    COMMANDS[_lock].update({"lock": set_to("lockState", "lock"), "unlock": set_to("lockState", "unlock")})


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
        as_int(parts[0], 16, 30)
        as_int(parts[1], 0, 5)
        as_int(parts[2], 1, 4)
    elif command == "SetChannel":
        as_int(parameter, 1, 9999)


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
WEBHOOK_TYPES.update(catalogue_2026.WEBHOOK_TYPES)
