"""SwitchBot robot vacuums: the S1 and K10+ families, and the robots of startClean, volume and self-cleaning."""

from __future__ import annotations

from typing import Any

from ..appliance_model import ButtonPurpose
from ..commands import (
    Command,
    PauseCleaning,
    Press,
    ReturnToBase,
    SetNumber,
    SetPreset,
    StartCleaning,
    StopCleaning,
)
from ..model import (
    ButtonTraits,
    Channel,
    NumberPurpose,
    NumberTraits,
    Reading,
    VacuumActivity,
    VacuumTraits,
)
from .profile import MAIN, Encoded, Profile, set_readings

# PowLevel 0-3 and fanLevel 1-4, by the names the command tables give them.
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
VOLUME = "volume"
# S10 / S20: selfClean 1 (wash the mop), 2 (dry it), 3 (stop), and the refill.
STATION_BUTTONS = {
    "wash_mop": (ButtonPurpose.WASH_MOP, ("selfClean", "1")),
    "dry_mop": (ButtonPurpose.DRY_MOP, ("selfClean", "2")),
    "stop_self_clean": (ButtonPurpose.STOP_SELF_CLEAN, ("selfClean", "3")),
    "refill_humidifier": (
        ButtonPurpose.REFILL_HUMIDIFIER,
        ("addWaterForHumi", "default"),
    ),
}
_PUSHED = frozenset({"workingStatus", "battery", "taskType"})


def _vacuum_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key != MAIN:
        return
    traits = channel.traits
    assert isinstance(traits, VacuumTraits)
    status = body.get("workingStatus")
    if isinstance(status, str):
        traits.activity = WORKING_STATUS.get(status)
    set_readings(
        channel,
        body,
        {Reading.BATTERY: "battery", Reading.BASE_BATTERY: "waterBaseBattery"},
    )


# -- S1, S1 Plus, K10+, K10+ Pro: start / stop / dock / PowLevel ----------------


def _classic() -> Channel:
    return Channel(
        key=MAIN,
        traits=VacuumTraits(fan_speeds=SUCTION_LEVELS),
        readings={Reading.BATTERY: None},
    )


def _classic_commands(
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


CLASSIC = Profile(_classic, _vacuum_update, _classic_commands, pushed=_PUSHED)


# -- startClean robots: K10+ Pro Combo, K11+, K20 Plus Pro, S10, S20 ------------


def _robot(*, water: bool, station: bool) -> Profile:
    """`water`: its parameters carry a mop moisture level; `station`: a base of its own.

    Cleaning starts as a sweep: Home Assistant's vacuum has no mopping mode.
    """

    def build() -> Channel:
        readings: dict[Reading, float | None] = {Reading.BATTERY: None}
        if station:
            readings[Reading.BASE_BATTERY] = None
        return Channel(
            key=MAIN,
            traits=VacuumTraits(fan_speeds=SUCTION_LEVELS, supports_pause=True),
            readings=readings,
        )

    def extras(body: dict[str, Any]) -> list[Channel]:
        # The volume is not in the status: it shows what was last set.
        channels = [
            Channel(key=VOLUME, traits=NumberTraits(NumberPurpose.VOLUME), assumed=True)
        ]
        if station:
            channels += [
                Channel(key=key, traits=ButtonTraits(purpose))
                for key, (purpose, _) in STATION_BUTTONS.items()
            ]
        return channels

    def params(speed: str | None) -> dict[str, int]:
        level = speed if speed in SUCTION_LEVELS else "standard"
        found = {"fanLevel": SUCTION_LEVELS.index(level) + 1, "times": 1}
        return {**found, "waterLevel": 1} if water else found

    def commands(
        channel: Channel, command: Command, last: dict[str, Any]
    ) -> Encoded | None:
        if channel.key == VOLUME and isinstance(command, SetNumber):
            return ("setVolume", str(round(max(0.0, min(command.value, 100.0)))))
        if channel.key in STATION_BUTTONS and isinstance(command, Press):
            return STATION_BUTTONS[channel.key][1]
        traits = channel.traits
        if not isinstance(traits, VacuumTraits):
            return None
        match command:
            case StartCleaning():
                return ("startClean", {"action": "sweep", "param": params(traits.fan_speed)})
            case StopCleaning() | PauseCleaning():
                # These robots pause; there is no stop in their table.
                return ("pause", "default")
            case ReturnToBase():
                return ("dock", "default")
            case SetPreset(preset=preset) if preset in SUCTION_LEVELS:
                # Shown once the cloud takes it (the status does not say).
                return ("changeParam", params(preset))
        return None

    return Profile(build, _vacuum_update, commands, pushed=_PUSHED, extras=extras)


_COMBO = _robot(water=False, station=False)
_K11 = _robot(water=True, station=False)
_FLOOR_ROBOT = _robot(water=True, station=True)

VACUUMS: dict[str, Profile] = {
    "Robot Vacuum Cleaner S1": CLASSIC,
    "Robot Vacuum Cleaner S1 Plus": CLASSIC,
    "K10+": CLASSIC,
    "K10+ Pro": CLASSIC,
    "Robot Vacuum Cleaner K10+ Pro Combo": _COMBO,
    "Robot Vacuum Cleaner K11+": _K11,
    # Spelled so in the wild (vendor notes, the webhook sample).
    "Robot Vacuum Cleaner K11 Plus": _K11,
    "K11+": _K11,
    "K11 Plus": _K11,
    "Robot Vacuum Cleaner K20 Plus Pro": _K11,
    "Robot Vacuum Cleaner K20+ Pro": _K11,
    "K20+ Pro": _K11,
    "Robot Vacuum Cleaner S10": _FLOOR_ROBOT,
    "Robot Vacuum Cleaner S20": _FLOOR_ROBOT,
}
