"""Shelly gen2+ energy meters: `em:N`+`emdata:N` (three phases), `em1:N`+`em1data:N`, `pm1:N`."""

from __future__ import annotations

from typing import Any

from ..model import Channel, Reading
from ..values import number
from .fields import WH_PER_KWH, as_dict, scaled

PHASES = ("a", "b", "c")
# Per phase of em:N and on em1:N (without the `a_` prefix).
EM_FIELDS = {
    Reading.POWER: "act_power",
    Reading.VOLTAGE: "voltage",
    Reading.CURRENT: "current",
    Reading.POWER_FACTOR: "pf",
    Reading.FREQUENCY: "freq",
}
# Fields of switch:N, cover:N, light:N and pm1:N.
METER_FIELDS = {
    Reading.POWER: ("apower", "act_power"),
    Reading.VOLTAGE: ("voltage",),
    Reading.CURRENT: ("current",),
    Reading.POWER_FACTOR: ("pf",),
    Reading.FREQUENCY: ("freq",),
}


def meter(channel: Channel, value: dict[str, Any]) -> Channel:
    """The readings of a metered output (switch, cover, light, pm1): only those it reports."""
    for reading, fields in METER_FIELDS.items():
        for field in fields:
            if field in value:
                channel.readings[reading] = number(value[field])
    for reading, field in (
        (Reading.ENERGY, "aenergy"),
        (Reading.RETURNED_ENERGY, "ret_aenergy"),
    ):
        if field in value:
            channel.readings[reading] = scaled(
                as_dict(value[field]).get("total"), WH_PER_KWH
            )
    return channel


def em(key: str, value: dict[str, Any], label: str | None) -> list[Channel]:
    """A three-phase meter: the totals, and one channel a phase."""
    totals = Channel(
        key=key,
        name=label,
        readings={
            Reading.POWER: number(value.get("total_act_power")),
            Reading.CURRENT: number(value.get("total_current")),
        },
    )
    phases = [
        Channel(
            key=f"{key}:{phase}",
            index=index,
            name=f"Phase {phase.upper()}",
            readings={
                reading: number(value.get(f"{phase}_{field}"))
                for reading, field in EM_FIELDS.items()
                if f"{phase}_{field}" in value
            },
        )
        for index, phase in enumerate(PHASES)
        if f"{phase}_act_power" in value
    ]
    return [totals, *phases]


def emdata(key: str, value: dict[str, Any]) -> dict[str, dict[Reading, float | None]]:
    """A three-phase meter's energy counters (Wh), by the em:N channel they belong to."""
    meter_key = key.replace("emdata", "em", 1)
    found: dict[str, dict[Reading, float | None]] = {
        meter_key: {
            Reading.ENERGY: scaled(value.get("total_act"), WH_PER_KWH),
            Reading.RETURNED_ENERGY: scaled(value.get("total_act_ret"), WH_PER_KWH),
        }
    }
    for phase in PHASES:
        if f"{phase}_total_act_energy" in value:
            found[f"{meter_key}:{phase}"] = {
                Reading.ENERGY: scaled(
                    value.get(f"{phase}_total_act_energy"), WH_PER_KWH
                ),
                Reading.RETURNED_ENERGY: scaled(
                    value.get(f"{phase}_total_act_ret_energy"), WH_PER_KWH
                ),
            }
    return found


def em1(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """One phase or circuit of a meter (Pro EM, Pro 3EM in one-phase profile)."""
    return Channel(
        key=key,
        index=index,
        name=label,
        readings={
            reading: number(value.get(field))
            for reading, field in EM_FIELDS.items()
            if field in value
        },
    )


def em1data(key: str, value: dict[str, Any]) -> dict[str, dict[Reading, float | None]]:
    """One circuit's energy counters (Wh), for its em1:N channel."""
    return {
        key.replace("em1data", "em1", 1): {
            Reading.ENERGY: scaled(value.get("total_act_energy"), WH_PER_KWH),
            Reading.RETURNED_ENERGY: scaled(
                value.get("total_act_ret_energy"), WH_PER_KWH
            ),
        }
    }


def pm1(key: str, index: int, value: dict[str, Any], label: str | None) -> Channel:
    """A power meter (Mini PM): power, voltage, current, energy both ways."""
    return meter(Channel(key=key, index=index, name=label), value)
