"""SwitchBot home appliances: Humidifier, fans and robot vacuums."""

from __future__ import annotations

from typing import Any

from ..commands import (
    Command,
    ReturnToBase,
    SetFanSpeed,
    SetOscillation,
    SetPower,
    SetPreset,
    SetTargetHumidity,
    StartCleaning,
    StopCleaning,
)
from ..model import (
    Channel,
    FanTraits,
    Flag,
    HumidifierTraits,
    Reading,
    VacuumActivity,
    VacuumTraits,
)
from .profile import (
    MAIN,
    Encoded,
    Profile,
    power,
    power_commands,
    set_readings,
    whole,
)

# The Humidifier's fixed atomization levels (setMode 101/102/103 → 34/67/100 %).
HUMIDIFIER_LEVELS = {"low": ("101", 34), "medium": ("102", 67), "high": ("103", 100)}
FAN_MODES = ("direct", "natural", "sleep", "baby")
# Smart Fan (v1.0) setAllStatus fanMode: 1 standard, 2 natural; speed levels 1-4.
SMART_FAN_MODES = {"standard": "1", "natural": "2"}
SMART_FAN_LEVELS = 4
FULL_SWING = 120  # degrees, the widest shakeRange
# PowLevel 0-3, by the names the command table gives them.
SUCTION_LEVELS = ("quiet", "standard", "strong", "max")
WORKING_STATUS = {
    "StandBy": VacuumActivity.IDLE,
    "Clearing": VacuumActivity.CLEANING,
    "Paused": VacuumActivity.PAUSED,
    "GotoChargeBase": VacuumActivity.RETURNING,
    "Charging": VacuumActivity.DOCKED,
    "ChargeDone": VacuumActivity.DOCKED,
    "Dormant": VacuumActivity.IDLE,
    "InTrouble": VacuumActivity.ERROR,
    "InRemoteControl": VacuumActivity.CLEANING,
    "InDustCollecting": VacuumActivity.DOCKED,
}


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


def _circulator_fan() -> Channel:
    return Channel(
        key=MAIN,
        traits=FanTraits(presets=FAN_MODES),
        readings={Reading.BATTERY: None},
        flags={Flag.CHARGING: None},
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
    if isinstance(body.get("chargingStatus"), str):
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


def _vacuum() -> Channel:
    return Channel(
        key=MAIN,
        traits=VacuumTraits(fan_speeds=SUCTION_LEVELS),
        readings={Reading.BATTERY: None},
    )


def _vacuum_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, VacuumTraits)
    status = body.get("workingStatus")
    if isinstance(status, str):
        traits.activity = WORKING_STATUS.get(status)
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _vacuum_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case StartCleaning():
            return ("start", "default")
        case StopCleaning():
            return ("stop", "default")
        case ReturnToBase():
            return ("dock", "default")
        case SetPreset(preset=preset) if preset in SUCTION_LEVELS:
            return ("PowLevel", str(SUCTION_LEVELS.index(preset)))
    return None


HUMIDIFIER = Profile(_humidifier, _humidifier_update, _humidifier_commands)
CIRCULATOR_FAN = Profile(
    _circulator_fan, _circulator_fan_update, _circulator_fan_commands
)
SMART_FAN = Profile(_smart_fan, _smart_fan_update, _smart_fan_commands)
VACUUM = Profile(_vacuum, _vacuum_update, _vacuum_commands)
