"""SinricPro device types: what each becomes, how its state fields read, how commands encode."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from ..appliance_model import ClimateTraits
from ..commands import (
    HvacMode,
)
from ..model import (
    Channel,
    CoverClass,
    CoverTraits,
    Device,
    DoorbellTraits,
    FanTraits,
    Flag,
    LightTraits,
    LockState,
    LockTraits,
    Reading,
    SwitchTraits,
    Traits,
)
from ..values import clamp, number, whole
from .capabilities import Listed, listed_actions
from .custom import custom_channels, custom_fields, instance_of
from .media import MAIN, MEDIA_TYPES, media_channels, media_fields

TYPE_PREFIX: Final = "sinric.devices.types."
ECO: Final = "eco"

# Colour temperatures the SinricPro apps offer, warm white to cool white.
KELVIN_RANGE: Final = (2200, 7000)
# Fans count speeds 1..maxFanSpeed; a fan that does not say has three.
DEFAULT_FAN_SPEEDS: Final = 3
# An AC unit's fan speed is a rangeValue 1-3.
AC_FAN_MODES: Final = ("low", "medium", "high")
THERMOSTAT_MODES: Final = {
    "AUTO": HvacMode.AUTO,
    "COOL": HvacMode.COOL,
    "HEAT": HvacMode.HEAT,
    "OFF": HvacMode.OFF,
    # ECO is how the thermostat runs rather than what it does: Home Assistant
    # sees auto with the eco preset.
    "ECO": HvacMode.AUTO,
}
HVAC_MODES: Final = (HvacMode.OFF, HvacMode.AUTO, HvacMode.COOL, HvacMode.HEAT)


def _fan_speeds(raw: Mapping[str, Any]) -> int:
    config = raw.get("fanConfiguration")
    speeds = config.get("maxFanSpeed") if isinstance(config, dict) else None
    if isinstance(speeds, int) and not isinstance(speeds, bool) and speeds > 0:
        return speeds
    return DEFAULT_FAN_SPEEDS


_THERMOSTAT_ACTIONS = ("setPowerState", "targetTemperature", "setThermostatMode")
_MEDIA_ACTIONS = ("setPowerState", "setVolume", "adjustVolume", "setMute", "mediaControl", "selectInput")
# product.code suffix → the actions a device takes when its product lists none.
TYPE_ACTIONS: Final[dict[str, tuple[str, ...]]] = {
    "SWITCH": ("setPowerState",),
    "LIGHT": ("setPowerState", "setBrightness", "setColor", "setColorTemperature"),
    "DIMMABLE_SWITCH": ("setPowerState", "setPowerLevel"),
    "BLIND": ("setPowerState", "setRangeValue"),
    "GARAGE_DOOR": ("setMode",),
    "SMARTLOCK": ("setLockState",),
    "FAN": ("setPowerState", "setRangeValue"),
    "THERMOSTAT": _THERMOSTAT_ACTIONS,
    "AC_UNIT": (*_THERMOSTAT_ACTIONS, "setRangeValue"),
    "DOORBELL": ("DoorbellPress",),
    "TV": (*_MEDIA_ACTIONS, "changeChannel", "skipChannels"),
    "SPEAKER": (*_MEDIA_ACTIONS, "setBands", "adjustBands", "resetBands", "setMode"),
    "CAMERA": ("setPowerState", "getSnapshot", "getCameraStreamUrl"),
}


def _light(raw: Mapping[str, Any], listed: Listed) -> Traits:
    return LightTraits(
        dimmable="setBrightness" in listed,
        supports_rgb="setColor" in listed,
        kelvin_range=KELVIN_RANGE if "setColorTemperature" in listed else None,
    )


def _switch(raw: Mapping[str, Any], listed: Listed) -> Traits | None:
    return SwitchTraits() if "setPowerState" in listed else None


# product.code suffix → the traits of the device's main channel (None: it only measures).
TRAITS: dict[str, Callable[[Mapping[str, Any], Listed], Traits | None]] = {
    "SWITCH": lambda raw, listed: SwitchTraits(),
    "LIGHT": _light,
    "DIMMABLE_SWITCH": lambda raw, listed: LightTraits(dimmable="setPowerLevel" in listed),
    "BLIND": lambda raw, listed: CoverTraits(
        CoverClass.BLIND,
        supports_stop=False,
        # Without setRangeValue, a position is reached by stepping there.
        supports_position=bool({"setRangeValue", "adjustRangeValue"} & listed.names),
    ),
    "GARAGE_DOOR": lambda raw, listed: CoverTraits(
        CoverClass.GARAGE,
        supports_position=False,
        supports_stop=False,
        open_close_only=True,
    ),
    "SMARTLOCK": lambda raw, listed: LockTraits(),
    "FAN": lambda raw, listed: FanTraits(speed_count=_fan_speeds(raw)),
    "THERMOSTAT": lambda raw, listed: ClimateTraits(
        hvac_modes=HVAC_MODES,
        presets=(ECO,),
        min_temperature=5.0,
        max_temperature=35.0,
        temperature_step=0.5,
        thermostat=True,
    ),
    "AC_UNIT": lambda raw, listed: ClimateTraits(
        hvac_modes=HVAC_MODES, presets=(ECO,), fan_modes=AC_FAN_MODES
    ),
    "TEMPERATURESENSOR": lambda raw, listed: None,
    "CONTACT_SENSOR": lambda raw, listed: None,
    "MOTION_SENSOR": lambda raw, listed: None,
    "DOORBELL": lambda raw, listed: DoorbellTraits(),
    "AIR_QUALITY_SENSOR": lambda raw, listed: None,
    "ENERGY_SENSOR": lambda raw, listed: None,
    "CAMERA": _switch,
    "CUSTOM": _switch,
}
# product.code suffix → the product's name in the SinricPro portal.
PRODUCT_NAMES: Final = {
    "SWITCH": "Switch",
    "LIGHT": "Light",
    "DIMMABLE_SWITCH": "Dimmable Switch",
    "BLIND": "Blind",
    "GARAGE_DOOR": "Garage Door",
    "SMARTLOCK": "Smart Lock",
    "FAN": "Fan",
    "THERMOSTAT": "Thermostat",
    "AC_UNIT": "AC Unit",
    "TEMPERATURESENSOR": "Temperature Sensor",
    "CONTACT_SENSOR": "Contact Sensor",
    "MOTION_SENSOR": "Motion Sensor",
    "DOORBELL": "Doorbell",
    "TV": "TV",
    "SPEAKER": "Speaker",
    "AIR_QUALITY_SENSOR": "Air Quality Sensor",
    "ENERGY_SENSOR": "Energy Sensor",
    "CAMERA": "Camera",
    "CUSTOM": "Custom Device",
}
# Types whose powerState is the main channel's power.
POWERED = {
    "SWITCH", "LIGHT", "DIMMABLE_SWITCH", "FAN", "THERMOSTAT", "AC_UNIT",
    "TV", "SPEAKER", "CAMERA", "CUSTOM",
}  # fmt: skip
_CLIMATE_READINGS = {Reading.TEMPERATURE: "temperature", Reading.HUMIDITY: "humidity"}
READINGS: dict[str, dict[Reading, str]] = {
    "TEMPERATURESENSOR": _CLIMATE_READINGS,
    "THERMOSTAT": _CLIMATE_READINGS,
    "AC_UNIT": _CLIMATE_READINGS,
    "AIR_QUALITY_SENSOR": {
        Reading.PM1: "pm1",
        Reading.PM25: "pm2_5",
        Reading.PM10: "pm10",
    },
    # The last powerUsage report; energy is summed from the reports (energy.py).
    "ENERGY_SENSOR": {
        Reading.POWER: "power",
        Reading.VOLTAGE: "voltage",
        Reading.CURRENT: "current",
        Reading.POWER_FACTOR: "factor",
        Reading.APPARENT_POWER: "apparentPower",
        Reading.REACTIVE_POWER: "reactivePower",
    },
}
# Readings that only exist when the device has ever reported them.
OPTIONAL_READINGS = {Reading.HUMIDITY}
FLAGS: dict[str, Flag] = {
    "CONTACT_SENSOR": Flag.DOOR,
    "MOTION_SENSOR": Flag.MOTION,
    "CAMERA": Flag.MOTION,
}

# Lock states as device fields report them, and as action values echo them.
LOCK_STATES = {
    "locked": LockState.LOCKED,
    "lock": LockState.LOCKED,
    "unlocked": LockState.UNLOCKED,
    "unlock": LockState.UNLOCKED,
    "jammed": LockState.JAMMED,
}


def device_type(raw: Mapping[str, Any]) -> str:
    """The product.code suffix of a raw device, e.g. "SWITCH"; "" when missing."""
    product = raw.get("product")
    code = product.get("code") if isinstance(product, dict) else None
    return code.removeprefix(TYPE_PREFIX) if isinstance(code, str) else ""


def steps_only(raw: Mapping[str, Any]) -> bool:
    """Whether a blind takes only steps (adjustRangeValue), no position to go to."""
    if device_type(raw) != "BLIND":
        return False
    names = listed_actions(raw, TYPE_ACTIONS["BLIND"]).names
    return "adjustRangeValue" in names and "setRangeValue" not in names


def parse_device(raw: dict[str, Any]) -> Device | None:
    """One device of `GET /api/v1/devices`; None for a type we do not map."""
    device_id = raw.get("id")
    kind = device_type(raw)
    mapped = kind in TRAITS or kind in MEDIA_TYPES
    if not isinstance(device_id, str) or not device_id or not mapped:
        return None
    listed = listed_actions(raw, TYPE_ACTIONS.get(kind, ()))
    if kind in MEDIA_TYPES:
        channels = media_channels(kind, listed)
    else:
        channels = [Channel(key=MAIN, traits=TRAITS[kind](raw, listed))]
        if kind == "CUSTOM":
            channels.extend(custom_channels(listed))
    channel = channels[0]
    for reading, field in READINGS.get(kind, {}).items():
        if field in raw or reading not in OPTIONAL_READINGS:
            channel.readings[reading] = None
    if kind == "ENERGY_SENSOR":
        channel.readings[Reading.ENERGY] = None
    if kind in FLAGS:
        channel.flags[FLAGS[kind]] = None
    device = Device(
        id=device_id,
        name=str(raw.get("name") or device_id),
        model=PRODUCT_NAMES.get(kind, kind),
        model_id=kind,
        manufacturer="SinricPro",
        channels={c.key: c for c in channels},
    )
    apply_fields(device, {"isOnline": True, **raw})
    instances = raw.get("instances")
    for instance, fields in (instances if isinstance(instances, dict) else {}).items():
        if isinstance(fields, dict):
            apply_fields(device, fields, str(instance))
    return device


def _whole(value: Any, low: int, high: int) -> int | None:
    level = whole(value)
    return None if level is None else clamp(level, low, high)


def _word(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _rgb(value: Any) -> tuple[int, int, int] | None:
    if not isinstance(value, dict):
        return None
    parts = [_whole(value.get(c), 0, 255) for c in "rgb"]
    r, g, b = parts
    return None if r is None or g is None or b is None else (r, g, b)


def apply_fields(
    device: Device, fields: Mapping[str, Any], instance: str | None = None
) -> None:
    """Read the state fields present in `fields` into the device; others stay.

    `instance` names the capability of a template device the fields are of.
    """
    if device.model_id == "CUSTOM":
        for channel in device.channels.values():
            if channel.key != MAIN and instance_of(channel) == instance:
                custom_fields(channel, fields)
        if instance is not None:
            return
    elif device.model_id in MEDIA_TYPES:
        media_fields(device.channels, fields)
    channel = device.channels[MAIN]
    traits = channel.traits
    if "isOnline" in fields:
        device.online = fields["isOnline"] is not False
        channel.flags[Flag.CONNECTED] = device.online
    if device.model_id in POWERED and "powerState" in fields:
        state = _word(fields["powerState"])
        channel.is_on = None if state not in ("on", "off") else state == "on"
    for reading, field in READINGS.get(device.model_id, {}).items():
        if field in fields and reading in channel.readings:
            channel.readings[reading] = number(fields[field])
    flag = FLAGS.get(device.model_id)
    if flag is Flag.DOOR and "contactState" in fields:
        channel.flags[flag] = _word(fields["contactState"]) == "open"
    elif flag is Flag.MOTION and "lastMotionState" in fields:
        channel.flags[flag] = _word(fields["lastMotionState"]) == "detected"
    if isinstance(traits, LightTraits):
        _light_fields(device.model_id, traits, fields)
    elif isinstance(traits, CoverTraits):
        _cover_fields(traits, fields)
    elif isinstance(traits, LockTraits) and "lockState" in fields:
        traits.state = LOCK_STATES.get(_word(fields["lockState"]) or "")
    elif isinstance(traits, FanTraits) and "rangeValue" in fields:
        level = _whole(fields["rangeValue"], 0, traits.speed_count)
        traits.speed = None if level is None else level * 100 // traits.speed_count
    elif isinstance(traits, ClimateTraits):
        _climate_fields(traits, fields)


def _light_fields(kind: str, traits: LightTraits, fields: Mapping[str, Any]) -> None:
    level = "powerLevel" if kind == "DIMMABLE_SWITCH" else "brightness"
    if level in fields:
        traits.brightness = _whole(fields[level], 0, 100)
    if not traits.supports_rgb:
        return
    rgb = _rgb(fields.get("color"))
    kelvin = _whole(fields.get("colorTemperature"), *KELVIN_RANGE)
    # The device list has both fields, and only the colour tells which mode the
    # light is in: white means white light at its temperature.
    if rgb is not None and (kelvin is None or rgb != (255, 255, 255)):
        traits.rgb, traits.color_temp = rgb, None
    elif kelvin is not None:
        traits.color_temp, traits.rgb = kelvin, None


def _cover_fields(traits: CoverTraits, fields: Mapping[str, Any]) -> None:
    if traits.open_close_only:
        state = _word(fields.get("garageDoorState", fields.get("mode")))
        if state is not None and state.startswith(("open", "clos")):
            traits.position = 100 if state.startswith("open") else 0
            traits.motion = None
    elif "rangeValue" in fields:
        traits.position = _whole(fields["rangeValue"], 0, 100)


def _climate_fields(traits: ClimateTraits, fields: Mapping[str, Any]) -> None:
    if "targetTemperature" in fields:
        traits.target_temperature = number(fields["targetTemperature"])
    if "thermostatMode" in fields:
        mode = fields["thermostatMode"]
        name = mode.upper() if isinstance(mode, str) else ""
        traits.hvac_mode = THERMOSTAT_MODES.get(name)
        traits.preset = ECO if name == "ECO" else None
    if traits.fan_modes and "rangeValue" in fields:
        level = _whole(fields["rangeValue"], 0, len(traits.fan_modes))
        traits.fan_mode = traits.fan_modes[level - 1] if level else None
