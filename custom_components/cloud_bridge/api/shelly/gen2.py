"""Shelly gen2+ status shapes: one `<component>:<id>` key per output, input, meter and sensor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import (
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    LightTraits,
    Motion,
    PressTraits,
    Reading,
    SwitchTraits,
)
from ..values import clamp, digits, number, whole
from . import gen2_meters, gen2_sensors
from .fields import (
    as_bool,
    as_dict,
    device_channel,
    name,
)
from .gen2_meters import meter

COVER_MOTION = {"opening": Motion.OPENING, "closing": Motion.CLOSING}
# White temperature of cct:N (and light:N where it reports one), unless its settings say.
KELVIN_RANGE = (2700, 6500)
# Parts of the status that are no device function (or one Cloud Bridge leaves
# to the vendor's app): never reported as unmapped.
IGNORED = frozenset(
    {"sys", "cloud", "mqtt", "ble", "ws", "eth", "ui", "plugs_ui", "script",
     "schedule", "knx", "matter", "modbus", "bthome", "bthomedevice",
     "bthomesensor", "sensoraddon", "wd", "zigbee", "ht_ui", "reporter",
     "packetid", "button", "group", "object", "service"}
)  # fmt: skip
type Builder = Callable[[str, int, dict[str, Any], str | None], Channel]


def _temperature(channel: Channel, value: dict[str, Any]) -> Channel:
    # An output's own temperature, inside the device.
    if isinstance(value.get("temperature"), dict):
        channel.readings[Reading.DEVICE_TEMPERATURE] = number(
            value["temperature"].get("tC")
        )
    return channel


def _switch(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    channel = Channel(
        key=key,
        index=index,
        name=label,
        traits=SwitchTraits(),
        is_on=as_bool(value.get("output")),
    )
    return _temperature(meter(channel, value), value)


def _cover(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    # current_pos is null until the cover is calibrated.
    position = whole(value.get("current_pos"))
    channel = Channel(
        key=key,
        index=index,
        name=label,
        traits=CoverTraits(
            CoverClass.SHUTTER,
            position=None if position is None else clamp(position),
            motion=COVER_MOTION.get(str(value.get("state"))),
            supports_position=position is not None or value.get("pos_control") is True,
        ),
    )
    return _temperature(meter(channel, value), value)


def _light(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    component = key.partition(":")[0]
    level = whole(value.get("brightness"))
    # cct:N reports `ct`; a light:N that does white temperature, a number in
    # `temperature` (which on other lights is an object: the device's own).
    kelvin = whole(value.get("ct", value.get("temperature")))
    white_light = component == "cct" or (kelvin is not None and kelvin > 0)
    traits = LightTraits(
        brightness=None if level is None else clamp(level),
        supports_rgb=component in ("rgb", "rgbw"),
        supports_white=component == "rgbw",
        kelvin_range=KELVIN_RANGE if white_light else None,
        color_temp=clamp(kelvin, *KELVIN_RANGE) if white_light and kelvin else None,
    )
    rgb = value.get("rgb")
    if traits.supports_rgb and isinstance(rgb, list) and len(rgb) == 3:
        parts = [whole(c) for c in rgb]
        if None not in parts:
            red, green, blue = (clamp(c or 0, 0, 255) for c in parts)
            traits.rgb = (red, green, blue)
    if traits.supports_white:
        white = whole(value.get("white"))
        traits.white = None if white is None else clamp(white, 0, 255)
    channel = Channel(
        key=key,
        index=index,
        name=label,
        traits=traits,
        is_on=as_bool(value.get("output")),
    )
    return _temperature(meter(channel, value), value)


def _input(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    return Channel(
        key=key,
        index=index,
        name=label,
        flags={Flag.INPUT: as_bool(value.get("state"))},
    )


def _button(key: str, index: int, label: str | None) -> Channel:
    # A button's presses are events the status keeps no trace of.
    return Channel(key=key, index=index, name=label, traits=PressTraits())


COMPONENTS: dict[str, Builder] = {
    "switch": _switch,
    "cover": _cover,
    "light": _light,
    "cct": _light,
    "rgb": _light,
    "rgbw": _light,
    "input": _input,
    "em1": gen2_meters.em1,
    "pm1": gen2_meters.pm1,
    "flood": gen2_sensors.flood,
    "smoke": gen2_sensors.smoke,
    "illuminance": gen2_sensors.illuminance,
    "presence": gen2_sensors.presence,
    "presencezone": gen2_sensors.presence,
    "voltmeter": gen2_sensors.voltmeter,
    "window": gen2_sensors.window,
    "motion": gen2_sensors.motion,
    "boolean": gen2_sensors.virtual,
    "number": gen2_sensors.virtual,
    "text": gen2_sensors.virtual,
    "enum": gen2_sensors.virtual,
}
# Counters that belong to a meter component of the same instance.
COUNTERS = {"emdata": gen2_meters.emdata, "em1data": gen2_meters.em1data}


def _order(key: str) -> tuple[str, int]:
    component, _, instance = key.partition(":")
    number = digits(instance)
    return component, -1 if number is None else number


def _device_reading(component: str, value: dict[str, Any], device: Channel) -> bool:
    """Fold what the device reports about itself into its channel; False if not such a part."""
    readings = device.readings
    if component == "temperature":
        # The first sensor is the room's; a device has one room.
        readings.setdefault(Reading.TEMPERATURE, number(value.get("tC")))
    elif component == "humidity":
        readings.setdefault(Reading.HUMIDITY, number(value.get("rh")))
    elif component == "devicepower":
        gen2_sensors.devicepower(device, value)
    elif component == "wifi":
        readings[Reading.SIGNAL] = number(value.get("rssi"))
    else:
        return False
    return True


def gen2_channels(
    status: dict[str, Any],
    settings: dict[str, Any],
    online: bool,
    *,
    ble: bool = False,
) -> tuple[list[Channel], list[str]]:
    """Every channel of a gen2+ (or BLU) device, and the components nothing maps."""
    channels: dict[str, Channel] = {}
    counters: dict[str, dict[Reading, float | None]] = {}
    unmapped: list[str] = []
    device = device_channel({}, online)
    for key in sorted(status, key=_order):
        component, _, raw = key.partition(":")
        value = status[key]
        if key.startswith("_") or not isinstance(value, dict):
            continue  # the cloud's own fields (_updated, ts, serial, …)
        instance = digits(raw) or 0
        config = as_dict(settings.get(key))
        label = name(config.get("name"))
        if component in ("temperature", "humidity") and (
            instance >= gen2_sensors.PROBE_BASE
        ):
            channels[key] = gen2_sensors.probe(key, instance, value, label)
        elif _device_reading(component, value, device):
            pass
        elif component == "input" and (ble or config.get("type") == "button"):
            channels[key] = _button(key, instance, label)
        elif component == "em":
            channels.update((c.key, c) for c in gen2_meters.em(key, value, label))
        elif component in COUNTERS:
            counters.update(COUNTERS[component](key, value))
        elif (build := COMPONENTS.get(component)) is not None:
            channels[key] = build(key, instance, value, label)
        elif component not in IGNORED:
            unmapped.append(key)
    for key, readings in counters.items():
        if key in channels:
            channels[key].readings.update(readings)
    return [*channels.values(), device], unmapped


def gen2_name(settings: dict[str, Any]) -> str | None:
    """The name the user gave the device."""
    return name(as_dict(as_dict(settings.get("sys")).get("device")).get("name"))
