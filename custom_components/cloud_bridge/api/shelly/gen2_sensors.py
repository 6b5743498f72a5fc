"""Shelly gen2+ (and BLU) sensor components: flood, smoke, light, presence, probes, battery, virtual."""

from __future__ import annotations

from typing import Any

from ..model import Channel, Flag, Reading, Text
from ..values import number
from .fields import as_bool, as_dict

# Add-on probes (Sensor Add-on) count from 100: temperature:100, humidity:100, …
PROBE_BASE = 100


def _alarm(
    flag: Flag, key: str, index: int, value: dict[str, Any], label: str | None
) -> Channel:
    """A detector: its alarm, and whether the alarm's sound is muted."""
    return Channel(
        key=key,
        index=index,
        name=label,
        flags={
            flag: as_bool(value.get("alarm")),
            Flag.MUTED: as_bool(value.get("mute")),
        },
    )


def flood(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A leak detector: wet or dry."""
    return _alarm(Flag.MOISTURE, key, index, value, label)


def smoke(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A smoke detector: smoke or none."""
    return _alarm(Flag.SMOKE, key, index, value, label)


def illuminance(
    key: str, index: int, value: dict[str, Any], label: str | None
) -> Channel:
    """A light sensor, in lux."""
    return Channel(
        key=key,
        index=index,
        name=label,
        readings={Reading.ILLUMINANCE: number(value.get("lux"))},
    )


def presence(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A presence sensor or one of its zones: someone there, moving or still."""
    present = as_bool(value.get("value"))
    if present is None and "num_objects" in value:
        objects = number(value["num_objects"])
        present = None if objects is None else objects > 0
    # presence:0 is the whole room; its zones are numbered.
    zone = index if key.startswith("presencezone") else None
    return Channel(key=key, index=zone, name=label, flags={Flag.OCCUPANCY: present})


def voltmeter(
    key: str, index: int, value: dict[str, Any], label: str | None
) -> Channel:
    """A voltage input (Plus Uni, add-on), numbered from its first."""
    return Channel(
        key=key,
        index=index % PROBE_BASE,
        name=label,
        readings={Reading.VOLTMETER: number(value.get("voltage"))},
    )


def probe(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """An add-on probe (temperature:100…, humidity:100…), numbered from its first."""
    reading, field = (
        (Reading.TEMPERATURE, "tC")
        if key.startswith("temperature")
        else (Reading.HUMIDITY, "rh")
    )
    return Channel(
        key=key,
        index=index - PROBE_BASE,
        name=label,
        readings={reading: number(value.get(field))},
    )


def window(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A BLU Door/Window's contact: open or closed, and how far it is turned."""
    readings = {}
    if "rotation" in value:
        readings[Reading.TILT] = number(value["rotation"])
    return Channel(
        key=key,
        index=index,
        name=label,
        flags={Flag.DOOR: as_bool(value.get("open"))},
        readings=readings,
    )


def motion(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A BLU Motion's motion."""
    return Channel(
        key=key,
        index=index,
        name=label,
        flags={Flag.MOTION: as_bool(value.get("motion"))},
    )


def devicepower(channel: Channel, value: dict[str, Any]) -> None:
    """Battery % and, where reported, whether a power supply is plugged in."""
    battery = as_dict(value.get("battery"))
    channel.readings[Reading.BATTERY] = number(battery.get("percent"))
    if "external" in value:
        channel.flags[Flag.EXTERNAL_POWER] = as_bool(
            as_dict(value["external"]).get("present")
        )


def virtual(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A value the user made on the device (boolean, number, text, enum), read only."""
    component = key.partition(":")[0]
    channel = Channel(key=key, index=index, name=label or key)
    raw = value.get("value")
    if component == "boolean":
        channel.flags[Flag.VIRTUAL] = as_bool(raw)
    elif component == "number":
        channel.readings[Reading.VIRTUAL] = number(raw)
    else:
        channel.texts[Text.VIRTUAL] = None if raw is None else str(raw)
    return channel
