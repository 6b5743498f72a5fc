"""Shelly device states (gen1, gen2+ and BLU behind a gateway) turned into neutral devices."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..model import Device, Flag, PressTraits, Reading
from ..values import digits, number
from .fields import DEVICE, as_dict
from .gen1 import gen1_channels, gen1_name
from .gen2 import gen2_channels, gen2_name
from .models import MODEL_NAMES

BLE_GEN = "GBLE"  # a BLU device, reported by the gateway that hears it


@dataclass(slots=True)
class Parsed:
    """A device as its state describes it, and the parts of the state nothing maps."""

    device: Device
    unmapped: list[str] = field(default_factory=list)


def hex_id(value: Any) -> str | None:
    """A device id as the v2 calls spell it: the decimal form some parts use, in hex."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format(value, "012x")
    if isinstance(value, str) and (decimal := digits(value)) is not None:
        return format(decimal, "012x")
    return value if isinstance(value, str) and value else None


# Epoch seconds of a plausible report time (2001 … 5138); some parts count milliseconds.
EPOCH_RANGE = (1e9, 1e11)


def _epoch(value: float | None) -> float | None:
    """Epoch seconds, from seconds or milliseconds; None when neither is plausible."""
    low, high = EPOCH_RANGE
    for seconds in (value, None if value is None else value / 1000):
        if seconds is not None and low <= seconds < high:
            return seconds
    return None


def reported_at(status: dict[str, Any]) -> float | None:
    """When the device last reported, as epoch seconds, from what its status has."""
    for value in (
        status.get("ts"),
        as_dict(status.get("sys")).get("unixtime"),
        status.get("unixtime"),
    ):
        # After a deep-sleep wake the device's own clock reads null or 0.
        if (seconds := _epoch(number(value))) is not None:
            return seconds
    updated = status.get("_updated")
    if isinstance(updated, str):
        try:
            when = datetime.strptime(updated, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return None
        return when.replace(tzinfo=UTC).timestamp()
    return None


# Home Assistant's Shelly integration gives a sleeping device 2.2 of its wake
# periods before it takes it as gone; battery devices that name no period
# report at least once a day.
WAKE_PERIODS_ALLOWED = 2.2
DEFAULT_WAKE_PERIOD = 24 * 3600.0
UNIT_SECONDS = {"h": 3600.0, "m": 60.0}


def _wake_period(status: dict[str, Any], settings: dict[str, Any]) -> float:
    """Seconds between a sleeping device's reports, as it states them (gen2+ or gen1)."""
    period = number(as_dict(status.get("sys")).get("wakeup_period"))
    if period is None:
        sleep_mode = as_dict(settings.get("sleep_mode"))
        period = number(sleep_mode.get("period"))
        if period is not None:
            period *= UNIT_SECONDS.get(str(sleep_mode.get("unit")), 60.0)
    return period if period is not None and period > 0 else DEFAULT_WAKE_PERIOD


def _report_by(
    device: Device, status: dict[str, Any], settings: dict[str, Any]
) -> float | None:
    """By when a sleeping device should report again; None for a button, which keeps no schedule."""
    last = device.channels[DEVICE].readings.get(Reading.LAST_REPORT)
    if last is None or any(
        isinstance(channel.traits, PressTraits) for channel in device.channels.values()
    ):
        return None
    return last + WAKE_PERIODS_ALLOWED * _wake_period(status, settings)


def on_mains(device: Device) -> bool:
    """Whether a battery device says it runs on external power now (and so stays awake)."""
    return device.channels[DEVICE].flags.get(Flag.EXTERNAL_POWER) is True


def parse_device(state: dict[str, Any]) -> Parsed | None:
    """One entry of the get call's answer; None when it has no id."""
    device_id = state.get("id")
    if not isinstance(device_id, str) or not device_id:
        return None
    code = state.get("code") if isinstance(state.get("code"), str) else None
    gen = state.get("gen")
    online = state.get("online") in (1, True)
    status = as_dict(state.get("status"))
    settings = as_dict(state.get("settings"))
    if gen == "G1":
        channels, unmapped = gen1_channels(status, settings, online, code or "")
        given = gen1_name(settings)
    else:
        channels, unmapped = gen2_channels(status, settings, online, ble=gen == BLE_GEN)
        given = gen2_name(settings)
    model = MODEL_NAMES.get(code or "", code or str(state.get("type") or "Shelly"))
    device = Device(
        id=device_id,
        # BLU devices have no settings: the name given in the app is not here.
        name=given or (model if code in MODEL_NAMES else f"Shelly {code or device_id}"),
        model=model,
        model_id=code or "",
        manufacturer="Shelly",
        online=online,
        channels={channel.key: channel for channel in channels},
    )
    own = device.channels[DEVICE]
    # Battery devices sleep between reports, unless plugged in; BLU devices
    # only ever report.
    device.sleeps = (
        gen == BLE_GEN or Reading.BATTERY in own.readings
    ) and not on_mains(device)
    if device.sleeps:
        own.readings[Reading.LAST_REPORT] = reported_at(status)
        device.report_by = _report_by(device, status, settings)
    if gen == BLE_GEN:
        device.via_device = hex_id(as_dict(status.get("reporter")).get("id"))
    return Parsed(device, unmapped)
