"""SwitchBot fans and air purifiers: speed, wind modes, swing, the purifiers' modes and child lock."""

from __future__ import annotations

from typing import Any

from ..commands import Command, SetFanSpeed, SetOscillation, SetPower, SetPreset
from ..model import Channel, FanTraits, Flag, Reading, SwitchPurpose, SwitchTraits
from .profile import (
    MAIN,
    Encoded,
    Profile,
    power,
    power_commands,
    set_readings,
    switch_state,
    whole,
)

FAN_MODES = ("direct", "natural", "sleep", "baby")
# Smart Fan (v1.0) setAllStatus fanMode: 1 standard, 2 natural; speed levels 1-4.
SMART_FAN_MODES = {"standard": "1", "natural": "2"}
SMART_FAN_LEVELS = 4
FULL_SWING = 120  # degrees, the widest shakeRange
CHILD_LOCK = "child_lock"


def _circulator_fan(*, battery: bool) -> Profile:
    def build() -> Channel:
        return Channel(
            key=MAIN,
            traits=FanTraits(presets=FAN_MODES),
            readings={Reading.BATTERY: None} if battery else {},
            flags={Flag.CHARGING: None} if battery else {},
        )

    return Profile(
        build,
        _circulator_fan_update,
        _circulator_fan_commands,
        pushed=frozenset({"power", "fanSpeed", "mode", "oscillation"}),
    )


def _circulator_fan_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, FanTraits)
    channel.is_on = power(body)
    if (speed := whole(body.get("fanSpeed"))) is not None:
        traits.speed = max(0, min(speed, 100))
    if body.get("mode") in FAN_MODES:
        traits.preset = body["mode"]
    if isinstance(body.get("oscillation"), str):
        traits.oscillating = body["oscillation"] == "on"
    if Flag.CHARGING in channel.flags and isinstance(body.get("chargingStatus"), str):
        channel.flags[Flag.CHARGING] = body["chargingStatus"] == "charging"
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _circulator_fan_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetFanSpeed(percent=percent):
            return ("setWindSpeed", str(max(1, min(percent, 100))))
        case SetPreset(preset=preset) if preset in FAN_MODES:
            return ("setWindMode", preset)
    return power_commands(channel, command, last)


def _smart_fan() -> Channel:
    return Channel(
        key=MAIN,
        traits=FanTraits(
            speed_count=SMART_FAN_LEVELS,
            presets=tuple(SMART_FAN_MODES),
            supports_oscillation=True,
        ),
    )


def _smart_fan_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, FanTraits)
    channel.is_on = power(body)
    if (level := whole(body.get("speed"))) is not None:
        traits.speed = round(
            max(1, min(level, SMART_FAN_LEVELS)) * 100 / SMART_FAN_LEVELS
        )
    mode = str(body.get("mode", ""))
    traits.preset = next((k for k, v in SMART_FAN_MODES.items() if v == mode), None)
    if isinstance(body.get("shaking"), bool):
        traits.oscillating = body["shaking"]


def _smart_fan_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    # setAllStatus always sets power, mode, speed and swing together: the
    # parts the command does not change repeat the last status.
    mode = str(last.get("mode", "1"))
    level = whole(last.get("speed")) or 1
    swing = whole(last.get("shakeRange")) or 0
    match command:
        case SetPower(on=False):
            return ("turnOff", "default")
        case SetPower(on=True):
            return ("turnOn", "default")
        case SetFanSpeed(percent=percent):
            level = max(1, min(SMART_FAN_LEVELS, -(-percent * SMART_FAN_LEVELS // 100)))
        case SetPreset(preset=preset) if preset in SMART_FAN_MODES:
            mode = SMART_FAN_MODES[preset]
        case SetOscillation(on=on):
            swing = (swing or FULL_SWING) if on else 0
        case _:
            return None
    return ("setAllStatus", f"on,{mode},{level},{swing}")


# -- air purifiers: mode 1 normal (fan gear 1-3), 2 auto, 3 sleep, 4 pet --------

PURIFIER_MODES = {"normal": 1, "auto": 2, "sleep": 3, "pet": 4}
PURIFIER_GEARS = 3


def _purifier() -> Channel:
    return Channel(
        key=MAIN,
        traits=FanTraits(speed_count=PURIFIER_GEARS, presets=tuple(PURIFIER_MODES)),
    )


def _purifier_extras(body: dict[str, Any]) -> list[Channel]:
    return [Channel(key=CHILD_LOCK, traits=SwitchTraits(SwitchPurpose.CHILD_LOCK))]


def _purifier_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key == CHILD_LOCK:
        channel.is_on = switch_state(body.get("childLock"))
        return
    traits = channel.traits
    assert isinstance(traits, FanTraits)
    channel.is_on = power(body)
    mode = whole(body.get("mode"))
    traits.preset = next((k for k, v in PURIFIER_MODES.items() if v == mode), None)


def _purifier_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if channel.key == CHILD_LOCK:
        if isinstance(command, SetPower):
            return ("setChildLock", "1" if command.on else "0")
        return None
    match command:
        case SetPreset(preset=preset) if preset in PURIFIER_MODES:
            return ("setMode", {"mode": PURIFIER_MODES[preset]})
        case SetFanSpeed(percent=percent):
            # The gear can be set in normal mode only: the command sets both.
            gear = max(1, min(PURIFIER_GEARS, -(-percent * PURIFIER_GEARS // 100)))
            return ("setMode", {"mode": PURIFIER_MODES["normal"], "fanGear": gear})
    return power_commands(channel, command, last)


_PURIFIER = Profile(
    _purifier,
    _purifier_update,
    _purifier_commands,
    pushed=frozenset({"power", "mode", "childLock"}),
    extras=_purifier_extras,
)

FANS: dict[str, Profile] = {
    "Battery Circulator Fan": _circulator_fan(battery=True),
    "Circulator Fan": _circulator_fan(battery=False),
    "Standing Circulator Fan": _circulator_fan(battery=True),
    # Spelled so in the wild (vendor notes).
    "Standing Fan": _circulator_fan(battery=True),
    "Smart Fan": Profile(_smart_fan, _smart_fan_update, _smart_fan_commands),
    "Air Purifier VOC": _PURIFIER,
    "Air Purifier Table VOC": _PURIFIER,
    "Air Purifier PM2.5": _PURIFIER,
    "Air Purifier Table PM2.5": _PURIFIER,
}
