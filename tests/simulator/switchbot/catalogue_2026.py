"""The simulated SwitchBot types of the 2026-05 document beyond the first: status bodies, commands, webhook names.

Status bodies carry the fields of the document's status tables with values of
its samples; commands check their parameters as the command tables give them
(malformed: 190) and change the status as the device would.
"""

from __future__ import annotations

import json
from typing import Any

from .helpers import (
    SYSTEM_ERROR,
    Command,
    CommandError,
    JsonDict,
    as_int,
    choice,
    color,
    int_into,
    nothing,
    set_to,
    toggle,
)

_CLIMATE = {"temperature": 21.4, "humidity": 52, "battery": 100, "version": "V1.1"}
_LOCK = {"battery": 90, "version": "V1.0", "lockState": "lock", "doorState": "close",
         "calibrate": True}
_RGBWW = {"power": "off", "brightness": 60, "color": "255:128:0", "colorTemperature": 3500,
          "onlineStatus": "online", "version": "V1.0"}
_RGB = {"power": "off", "brightness": 60, "color": "0:128:255", "onlineStatus": "online",
        "version": "V1.0"}
_ROBOT = {"workingStatus": "ChargeDone", "onlineStatus": "online", "battery": 100,
          "taskType": "standBy", "version": "V1.0"}
_FLOOR_ROBOT = {**_ROBOT, "waterBaseBattery": 100}
_FAN = {"mode": "direct", "version": "V3.1", "power": "off", "nightStatus": "off",
        "oscillation": "off", "verticalOscillation": "off", "fanSpeed": 30}
_PURIFIER = {"power": "OFF", "mode": 2, "childLock": 0, "version": "V1.0"}
_EVAPORATIVE = {"power": "off", "humidity": 48, "mode": 7, "drying": False, "childLock": False,
                "filterElement": {"effectiveUsageHours": 240, "usedHours": 60}, "version": "V1.0"}

STATUS: dict[str, JsonDict] = {
    "Hub 3": {"temperature": 22.1, "humidity": 47, "lightLevel": 6, "moveDetected": False,
              "onlineStatus": "online", "version": "V1.0"},
    "AI Hub": {"onlineStatus": "online", "version": "V1.0"},
    "MeterPro": _CLIMATE,
    "MeterPro(CO2)": {**_CLIMATE, "CO2": 640},
    "WeatherStation": _CLIMATE,
    "Home Climate Panel": {**_CLIMATE, "moveDetected": False, "brightness": 40},
    "Presence Sensor": {"battery": 100, "lightLevel": 12, "Detected": False, "version": "V1.0"},
    "Water Detector": {"battery": 100, "status": 0, "version": "V1.0"},
    "Smart Lock Pro Wifi": {**_LOCK, "onlineStatus": "online"},
    "Smart Lock Ultra": _LOCK,
    "Lock Ultra": _LOCK,
    "Lock Lite": {"battery": 90, "version": "V1.0", "lockState": "lock", "calibrate": True},
    "Lock Vision": {**_LOCK, "onlineStatus": "online"},
    "Lock Vision Pro": {**_LOCK, "onlineStatus": "online"},
    "Plug Mini (EU)": {"switchStatus": 1, "voltage": 230.1, "power": 8.5,
                       "electricCurrent": 42, "usedElectricity": 930, "version": "V1.0"},
    "Relay Switch 1PM": {"switchStatus": 0, "voltage": 229.8, "power": 0.0,
                         "usedElectricity": 3600, "electricCurrent": 0, "version": "V1.0"},
    "Relay Switch 1": {"switchStatus": 0, "version": "V1.0"},
    "Relay Switch 2PM": {"online": True, "switch1Status": 1, "switch2Status": 0,
                         "switch1Voltage": 230.0, "switch2Voltage": 230.0,
                         "switch1Power": 40.0, "switch2Power": 0.0,
                         "switch1UsedElectricity": 1200, "switch2UsedElectricity": 60,
                         "switch1ElectricCurrent": 175, "switch2ElectricCurrent": 0,
                         "version": "V1.0"},
    "Roller Shade": {"calibrate": True, "battery": 90, "moving": False, "slidePosition": 0,
                     "version": "V1.0"},
    "Garage Door Opener": {"doorStatus": 1, "online": True, "version": "V1.0"},
    "Strip Light 3": _RGBWW,
    "Floor Lamp": {**_RGBWW, "online": True},
    "RGBICWW Strip Light": _RGBWW,
    "RGBICWW Floor Lamp": _RGBWW,
    "RGBIC Neon Rope Light": _RGB,
    "RGBIC Neon Wire Rope Light": _RGB,
    "Candle Warmer Lamp": {"power": "off", "brightness": 50, "onlineStatus": "online",
                           "version": "V1.0"},
    "Circulator Fan": _FAN,
    "Standing Circulator Fan": {**_FAN, "battery": 70, "chargingStatus": "uncharged"},
    "Air Purifier VOC": _PURIFIER,
    "Air Purifier Table VOC": _PURIFIER,
    "Air Purifier PM2.5": _PURIFIER,
    "Air Purifier Table PM2.5": _PURIFIER,
    "Humidifier2": _EVAPORATIVE,
    "K10+": {"workingStatus": "StandBy", "onlineStatus": "online", "battery": 100},
    "K10+ Pro": {"workingStatus": "StandBy", "onlineStatus": "online", "battery": 100},
    "Robot Vacuum Cleaner K10+ Pro Combo": _ROBOT,
    "Robot Vacuum Cleaner K11+": _ROBOT,
    "Robot Vacuum Cleaner K20 Plus Pro": _ROBOT,
    "Robot Vacuum Cleaner S10": _FLOOR_ROBOT,
    "Robot Vacuum Cleaner S20": _FLOOR_ROBOT,
    "Smart Radiator Thermostat": {"battery": 80, "mode": 1, "temperature": 19.5,
                                  "version": "V1.0"},
    "Video Doorbell": {"battery": 75, "online": True, "version": "V1.0"},
    "AI Art Frame": {"battery": 60, "displayMode": 1, "imageUrl": "https://example.com/a.jpg",
                     "version": "V1.0"},
    "Keypad Vision": {"version": "V1.0"},
    "Keypad Vision Pro": {"version": "V1.0"},
}


def _object(param: Any) -> JsonDict:
    """A parameter the table gives as JSON: an object, or a string holding one."""
    if isinstance(param, str):
        try:
            param = json.loads(param)
        except ValueError:
            raise CommandError(SYSTEM_ERROR) from None
    if not isinstance(param, dict):
        raise CommandError(SYSTEM_ERROR)
    return param


def _switch_status(key: str, value: int) -> Command:
    return set_to(key, value)


def _toggle_status(status: JsonDict, _param: Any) -> None:
    status["switchStatus"] = 1 - int(status.get("switchStatus", 0))


def _relay_commands() -> dict[str, Command]:
    return {
        "turnOn": _switch_status("switchStatus", 1),
        "turnOff": _switch_status("switchStatus", 0),
        "toggle": _toggle_status,
        "setMode": int_into("switchMode", 0, 3),
    }


def _channel_switch(value: int | None) -> Command:
    """A 2PM's turnOn/turnOff/toggle: the parameter names the channel, "1" or "2"."""

    def run(status: JsonDict, param: Any) -> None:
        channel = str(param).strip().strip('"')
        if channel not in ("1", "2"):
            raise CommandError(SYSTEM_ERROR)
        key = f"switch{channel}Status"
        status[key] = (1 - int(status.get(key, 0))) if value is None else value

    return run


def _two_pm_mode(status: JsonDict, param: Any) -> None:
    parts = str(param).split(";")
    if len(parts) != 2 or parts[0].strip() not in ("1", "2"):
        raise CommandError(SYSTEM_ERROR)
    as_int(parts[1], 0, 3)


def _purifier_mode(status: JsonDict, param: Any) -> None:
    body = _object(param)
    mode = as_int(body.get("mode"), 1, 4)
    if "fanGear" in body:
        if mode != 1:
            raise CommandError(SYSTEM_ERROR)  # a gear is for the normal mode only
        as_int(body["fanGear"], 1, 3)
    status["mode"] = mode


def _evaporative_mode(status: JsonDict, param: Any) -> None:
    body = _object(param)
    status["mode"] = as_int(body.get("mode"), 1, 8)
    if "targetHumidify" in body:
        status["targetHumidify"] = as_int(body["targetHumidify"], 0, 100)


def _start_clean(actions: tuple[str, ...], water: bool) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        body = _object(param)
        if body.get("action") not in actions or not isinstance(body.get("param"), dict):
            raise CommandError(SYSTEM_ERROR)
        _clean_params(body["param"], water)
        status["workingStatus"], status["taskType"] = "Clearing", "cleanAll"

    return run


def _clean_params(body: JsonDict, water: bool) -> None:
    as_int(body.get("fanLevel"), 1, 4)
    as_int(body.get("times", 1), 1, 2639999)
    if water and "waterLevel" in body:
        as_int(body["waterLevel"], 1, 2)


def _change_param(water: bool) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        _clean_params(_object(param), water)

    return run


_POWER = {"turnOn": set_to("power", "on"), "turnOff": set_to("power", "off")}
_LIGHT = {**_POWER, "toggle": toggle, "setBrightness": int_into("brightness", 0, 100)}
_RGB_LIGHT = {**_LIGHT, "setColor": color}
_RGBWW_LIGHT = {**_RGB_LIGHT, "setColorTemperature": int_into("colorTemperature", 2700, 6500)}
_LOCK_COMMANDS = {"lock": set_to("lockState", "lock"), "unlock": set_to("lockState", "unlock")}
_DEADBOLT = {**_LOCK_COMMANDS, "deadbolt": set_to("lockState", "unlock")}
_FAN_COMMANDS = {
    **_POWER,
    "setWindSpeed": int_into("fanSpeed", 1, 100),
    "setWindMode": choice("mode", {m: m for m in ("direct", "natural", "sleep", "baby")}),
    "setNightLightMode": choice("nightStatus", {"off": "off", "1": 1, "2": 2}),
    "closeDelay": int_into("closeDelay", 1, 36000),
}
_PURIFIER_COMMANDS = {
    "turnOn": set_to("power", "ON"),
    "turnOff": set_to("power", "OFF"),
    "setMode": _purifier_mode,
    "setChildLock": choice("childLock", {"0": 0, "1": 1}),
}
_CLASSIC_ROBOT = {
    "start": set_to("workingStatus", "Clearing"),
    "stop": set_to("workingStatus", "StandBy"),
    "dock": set_to("workingStatus", "GotoChargeBase"),
    "PowLevel": int_into("powLevel", 0, 3),
}


def _robot(actions: tuple[str, ...], water: bool) -> dict[str, Command]:
    return {
        "startClean": _start_clean(actions, water),
        "pause": set_to("workingStatus", "Paused"),
        "dock": set_to("workingStatus", "GotoChargeBase"),
        "setVolume": int_into("volume", 0, 100),
        "changeParam": _change_param(water),
    }


_FLOOR_ROBOT_COMMANDS = {
    **_robot(("sweep", "sweep_mop"), water=True),
    "selfClean": int_into("selfClean", 1, 3),
    "addWaterForHumi": nothing,
}

COMMANDS: dict[str, dict[str, Command]] = {
    "Smart Lock Pro Wifi": {**_DEADBOLT, "nightLatchUnlock": set_to("lockState", "unlock")},
    "Smart Lock Ultra": _DEADBOLT,
    "Lock Ultra": _DEADBOLT,
    "Lock Lite": _DEADBOLT,
    "Plug Mini (EU)": _relay_commands(),
    "Relay Switch 1PM": _relay_commands(),
    "Relay Switch 1": _relay_commands(),
    "Relay Switch 2PM": {
        "turnOn": _channel_switch(1),
        "turnOff": _channel_switch(0),
        "toggle": _channel_switch(None),
        "setMode": _two_pm_mode,
        "setPosition": int_into("position", 0, 100),
    },
    "Roller Shade": {"setPosition": int_into("slidePosition", 0, 100)},
    "Garage Door Opener": {"turnOn": set_to("doorStatus", 0), "turnOff": set_to("doorStatus", 1)},
    "Strip Light 3": _RGBWW_LIGHT,
    "Floor Lamp": _RGBWW_LIGHT,
    "RGBICWW Strip Light": _RGBWW_LIGHT,
    "RGBICWW Floor Lamp": _RGBWW_LIGHT,
    "RGBIC Neon Rope Light": _RGB_LIGHT,
    "RGBIC Neon Wire Rope Light": _RGB_LIGHT,
    "Candle Warmer Lamp": _LIGHT,
    "Circulator Fan": _FAN_COMMANDS,
    "Standing Circulator Fan": _FAN_COMMANDS,
    "Air Purifier VOC": _PURIFIER_COMMANDS,
    "Air Purifier Table VOC": _PURIFIER_COMMANDS,
    "Air Purifier PM2.5": _PURIFIER_COMMANDS,
    "Air Purifier Table PM2.5": _PURIFIER_COMMANDS,
    "Humidifier2": {
        **_POWER,
        "setMode": _evaporative_mode,
        "setChildLock": choice("childLock", {"true": True, "false": False}),
    },
    "K10+": _CLASSIC_ROBOT,
    "K10+ Pro": _CLASSIC_ROBOT,
    "Robot Vacuum Cleaner K10+ Pro Combo": _robot(("sweep", "mop"), water=False),
    "Robot Vacuum Cleaner K11+": _robot(("sweep", "mop"), water=True),
    "Robot Vacuum Cleaner K20 Plus Pro": _robot(("sweep", "mop"), water=True),
    "Robot Vacuum Cleaner S10": _FLOOR_ROBOT_COMMANDS,
    "Robot Vacuum Cleaner S20": _FLOOR_ROBOT_COMMANDS,
    "Smart Radiator Thermostat": {
        "turnOn": set_to("mode", 1),
        "turnOff": set_to("mode", 2),
        "setMode": int_into("mode", 0, 5),
        "setManualModeTemperature": int_into("targetTemperature", 4, 35),
    },
    "Video Doorbell": {
        "enableMotionDetection": set_to("motionDetection", True),
        "disableMotionDetection": set_to("motionDetection", False),
    },
    "AI Art Frame": {"next": nothing, "previous": nothing},
}

# The webhook `deviceType` each sends, as the document's samples spell it.
WEBHOOK_TYPES = {
    "Hub 3": "Hub 3",
    "MeterPro": "MeterPro",
    "MeterPro(CO2)": "MeterPro(CO2)",
    "WeatherStation": "WeatherStation",
    "Home Climate Panel": "climate Panel",
    "Presence Sensor": "Presence Sensor",
    "Water Detector": "Water Detector",
    "Smart Lock Pro Wifi": "WoLockProWifi",
    "Smart Lock Ultra": "Smart Lock Ultra",
    "Lock Lite": "WoLockLite",
    "Lock Vision": "W1141000",
    "Lock Vision Pro": "W1141001",
    "Plug Mini (EU)": "Plug Mini (EU)",
    "Relay Switch 1PM": "Relay Switch 1PM",
    "Relay Switch 1": "Relay Switch 1",
    "Relay Switch 2PM": "Relay Switch 2PM",
    "Roller Shade": "WoRollerShade",
    "Garage Door Opener": "Garage Door Opener",
    "Strip Light 3": "Strip Light 3",
    "Floor Lamp": "Floor Lamp",
    "RGBICWW Strip Light": "RGBICWW Strip Light",
    "RGBICWW Floor Lamp": "RGBICWW Floor Lamp",
    "RGBIC Neon Rope Light": "RGBIC Neon Rope Light",
    "RGBIC Neon Wire Rope Light": "RGBIC Neon Wire Rope Light",
    "Candle Warmer Lamp": "Candle Warmer Lamp",
    "Circulator Fan": "WoFan2",
    "Standing Circulator Fan": "Standing Fan",
    "Air Purifier VOC": "Air Purifier VOC",
    "Air Purifier Table VOC": "Air Purifier Table VOC",
    "Air Purifier PM2.5": "Air Purifier PM2.5",
    "Air Purifier Table PM2.5": "Air Purifier Table PM2.5",
    "Humidifier2": "Humidifier2",
    "K10+": "WoSweeperMini",
    "K10+ Pro": "WoSweeperMiniPro",
    "Robot Vacuum Cleaner K10+ Pro Combo": "Robot Vacuum Cleaner K10+ Pro Combo",
    "Robot Vacuum Cleaner K11+": "Robot Vacuum Cleaner K11 Plus",
    "Robot Vacuum Cleaner K20 Plus Pro": "Robot Vacuum Cleaner K20+ Pro",
    "Robot Vacuum Cleaner S10": "Robot Vacuum Cleaner S10",
    "Robot Vacuum Cleaner S20": "Robot Vacuum Cleaner s20",
    "Smart Radiator Thermostat": "Smart Radiator Thermostat",
    "Video Doorbell": "Video Doorbell",
    "AI Art Frame": "AI Art Frame",
    "Keypad Vision": "Keypad Vision",
    "Keypad Vision Pro": "Keypad Vision Pro",
}

# Types whose device list carries the passcodes (keyList) and a paired lock.
WITH_KEYS = {"Keypad Vision", "Keypad Vision Pro", "Lock Vision", "Lock Vision Pro"}
