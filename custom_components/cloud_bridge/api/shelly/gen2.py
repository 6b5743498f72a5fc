"""Shelly gen2+ status shapes: one `<component>:<id>` key per switch, cover, light, input, meter."""

from __future__ import annotations

from typing import Any

from ..model import (
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    LightTraits,
    Motion,
    Reading,
    SwitchTraits,
)
from ..values import clamp, number, whole
from .fields import (
    WH_PER_KWH,
    as_bool,
    as_dict,
    device_channel,
    name,
    scaled,
)

COVER_MOTION = {"opening": Motion.OPENING, "closing": Motion.CLOSING}
# Fields of switch:N, cover:N, pm1:N and em1:N that are readings.
METER_FIELDS = {
    Reading.POWER: ("apower", "act_power"),
    Reading.VOLTAGE: ("voltage",),
    Reading.CURRENT: ("current",),
}


def _meter(channel: Channel, value: dict[str, Any]) -> Channel:
    for reading, fields in METER_FIELDS.items():
        for field in fields:
            if field in value:
                channel.readings[reading] = number(value[field])
    if "aenergy" in value:
        channel.readings[Reading.ENERGY] = scaled(
            as_dict(value["aenergy"]).get("total"), WH_PER_KWH
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
    return _meter(channel, value)


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
    return _meter(channel, value)


def _light(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    level = whole(value.get("brightness"))
    traits = LightTraits(
        brightness=None if level is None else clamp(level),
        supports_rgb=key.startswith("rgb"),
    )
    rgb = value.get("rgb")
    if traits.supports_rgb and isinstance(rgb, list) and len(rgb) == 3:
        parts = [whole(c) for c in rgb]
        if None not in parts:
            red, green, blue = (clamp(c or 0, 0, 255) for c in parts)
            traits.rgb = (red, green, blue)
    channel = Channel(
        key=key,
        index=index,
        name=label,
        traits=traits,
        is_on=as_bool(value.get("output")),
    )
    return _meter(channel, value)


def _input(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    return Channel(
        key=key,
        index=index,
        name=label,
        flags={Flag.INPUT: as_bool(value.get("state"))},
    )


def _em(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    # A three-phase meter: the totals over its phases.
    return Channel(
        key=key,
        index=index,
        name=label,
        readings={
            Reading.POWER: number(value.get("total_act_power")),
            Reading.CURRENT: number(value.get("total_current")),
        },
    )


def _plain_meter(
    key: str, index: int, value: dict[str, Any], label: str | None
) -> Channel:
    return _meter(Channel(key=key, index=index, name=label), value)


COMPONENTS = {
    "switch": _switch,
    "cover": _cover,
    "light": _light,
    "rgb": _light,
    "rgbw": _light,
    "input": _input,
    "em": _em,
    "em1": _plain_meter,
    "pm1": _plain_meter,
}


def _order(key: str) -> tuple[str, int]:
    component, _, instance = key.partition(":")
    return component, int(instance) if instance.isdigit() else -1


def gen2_channels(
    status: dict[str, Any], settings: dict[str, Any], online: bool
) -> list[Channel]:
    """Every channel of a gen2+ device."""
    channels: list[Channel] = []
    readings: dict[Reading, float | None] = {}
    for key in sorted(status, key=_order):
        component, _, instance = key.partition(":")
        value = as_dict(status[key])
        build = COMPONENTS.get(component)
        if build is not None and instance.isdigit():
            label = name(as_dict(settings.get(key)).get("name"))
            channels.append(build(key, int(instance), value, label))
        elif component == "temperature" and Reading.TEMPERATURE not in readings:
            readings[Reading.TEMPERATURE] = number(value.get("tC"))
        elif component == "humidity" and Reading.HUMIDITY not in readings:
            readings[Reading.HUMIDITY] = number(value.get("rh"))
        elif component == "devicepower":
            readings[Reading.BATTERY] = number(
                as_dict(value.get("battery")).get("percent")
            )
        elif component == "wifi":
            readings[Reading.SIGNAL] = number(value.get("rssi"))
    return [*channels, device_channel(readings, online)]


def gen2_name(settings: dict[str, Any]) -> str | None:
    """The name the user gave the device."""
    return name(as_dict(as_dict(settings.get("sys")).get("device")).get("name"))
