"""SwitchBot humidifiers: the Humidifier's levels, the Evaporative Humidifier's eight modes."""

from __future__ import annotations

from typing import Any

from ..commands import Command, SetPower, SetPreset, SetTargetHumidity
from ..model import (
    Channel,
    Flag,
    HumidifierTraits,
    Reading,
    SwitchPurpose,
    SwitchTraits,
)
from .profile import (
    MAIN,
    Encoded,
    Profile,
    number,
    power,
    power_commands,
    set_flag,
    set_readings,
    whole,
)

# The Humidifier's fixed atomization levels (setMode 101/102/103 → 34/67/100 %).
HUMIDIFIER_LEVELS = {"low": ("101", 34), "medium": ("102", 67), "high": ("103", 100)}
CHILD_LOCK = "child_lock"


def _humidifier() -> Channel:
    return Channel(
        key=MAIN,
        traits=HumidifierTraits(modes=("auto", *HUMIDIFIER_LEVELS)),
        readings={Reading.HUMIDITY: None, Reading.TEMPERATURE: None},
        flags={Flag.WATER_EMPTY: None},
    )


def _humidifier_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, HumidifierTraits)
    channel.is_on = power(body)
    set_readings(
        channel,
        body,
        {Reading.HUMIDITY: "humidity", Reading.TEMPERATURE: "temperature"},
    )
    if isinstance(body.get("lackWater"), bool):
        channel.flags[Flag.WATER_EMPTY] = body["lackWater"]
    if body.get("auto") is True:
        traits.mode = "auto"
    elif body.get("auto") is False:
        level = whole(body.get("nebulizationEfficiency"))
        traits.mode = next(
            (name for name, (_, pct) in HUMIDIFIER_LEVELS.items() if pct == level), None
        )


def _humidifier_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetTargetHumidity(percent=percent):
            return ("setMode", str(max(0, min(percent, 100))))
        case SetPreset(preset="auto"):
            return ("setMode", "auto")
        case SetPreset(preset=preset) if preset in HUMIDIFIER_LEVELS:
            return ("setMode", HUMIDIFIER_LEVELS[preset][0])
    return power_commands(channel, command, last)


# -- Evaporative Humidifier (Humidifier2): mode 1-8 and a target humidity -------

EVAPORATIVE_MODES = {
    "level_4": 1,
    "level_3": 2,
    "level_2": 3,
    "level_1": 4,
    "humidity": 5,
    "sleep": 6,
    "auto": 7,
    "drying": 8,
}
DEFAULT_TARGET = 50  # % the humidity mode asks for until a target is known


def _evaporative() -> Channel:
    return Channel(
        key=MAIN,
        traits=HumidifierTraits(modes=tuple(EVAPORATIVE_MODES)),
        readings={Reading.HUMIDITY: None, Reading.FILTER_LIFE: None},
        flags={Flag.DRYING: None},
    )


def _evaporative_extras(body: dict[str, Any]) -> list[Channel]:
    return [Channel(key=CHILD_LOCK, traits=SwitchTraits(SwitchPurpose.CHILD_LOCK))]


def _filter_life(element: Any) -> float | None:
    """% of the filter's life left, from its effective and used hours."""
    if not isinstance(element, dict):
        return None
    total, used = (
        number(element.get("effectiveUsageHours")),
        number(element.get("usedHours")),
    )
    if total is None or used is None or total <= 0:
        return None
    return round(max(0.0, min(100.0, 100 * (total - used) / total)), 1)


def _evaporative_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key == CHILD_LOCK:
        if isinstance(body.get("childLock"), bool):
            channel.is_on = body["childLock"]
        return
    traits = channel.traits
    assert isinstance(traits, HumidifierTraits)
    channel.is_on = power(body)
    set_readings(channel, body, {Reading.HUMIDITY: "humidity"})
    mode = whole(body.get("mode"))
    traits.mode = next((k for k, v in EVAPORATIVE_MODES.items() if v == mode), None)
    set_flag(channel, Flag.DRYING, body.get("drying"))
    if "filterElement" in body:
        channel.readings[Reading.FILTER_LIFE] = _filter_life(body["filterElement"])
    if (target := whole(body.get("targetHumidify"))) is not None:
        traits.target = max(0, min(target, 100))


def _evaporative_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if channel.key == CHILD_LOCK:
        if isinstance(command, SetPower):
            return ("setChildLock", "true" if command.on else "false")
        return None
    traits = channel.traits
    target = traits.target if isinstance(traits, HumidifierTraits) else None
    match command:
        case SetTargetHumidity(percent=percent):
            # A target is the humidity mode's: setting one switches to it.
            return ("setMode", {"mode": 5, "targetHumidify": max(0, min(percent, 100))})
        case SetPreset(preset=preset) if preset in EVAPORATIVE_MODES:
            return (
                "setMode",
                {
                    "mode": EVAPORATIVE_MODES[preset],
                    "targetHumidify": target or DEFAULT_TARGET,
                },
            )
    return power_commands(channel, command, last)


HUMIDIFIERS: dict[str, Profile] = {
    "Humidifier": Profile(
        _humidifier,
        _humidifier_update,
        _humidifier_commands,
        pushed=frozenset({"power", "humidity", "temperature"}),
    ),
    "Humidifier2": Profile(
        _evaporative,
        _evaporative_update,
        _evaporative_commands,
        pushed=frozenset({"power", "mode", "drying"}),
        extras=_evaporative_extras,
    ),
}
