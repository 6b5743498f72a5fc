"""Readers for the fields both Shelly generations share in their status bodies."""

from __future__ import annotations

from typing import Any

from ..model import Channel, Flag, Reading
from ..values import number

DEVICE = "device"  # the channel of a device's own sensors (H&T, battery, Wi-Fi)

# gen1 meters[].total counts watt-minutes; emeters[].total and gen2 aenergy are Wh.
WATT_MINUTES_PER_KWH = 60_000
WH_PER_KWH = 1_000


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def as_bool(value: Any) -> bool | None:
    """True/False as the device sends it (gen1 also sends 0/1), or None."""
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    return None


def name(value: Any) -> str | None:
    """A name the user gave in the Shelly app, or None."""
    return value.strip() or None if isinstance(value, str) else None


def scaled(value: Any, divisor: float) -> float | None:
    """A counter converted to the model's unit, e.g. Wh → kWh."""
    count = number(value)
    return None if count is None else round(count / divisor, 3)


def device_channel(readings: dict[Reading, float | None], online: bool) -> Channel:
    """The channel of what the device reports about itself."""
    return Channel(key=DEVICE, readings=readings, flags={Flag.CONNECTED: online})
