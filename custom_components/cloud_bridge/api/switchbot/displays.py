"""SwitchBot AI Art Frame and Video Doorbell: a frame's images, a doorbell's presses and motion detection."""

from __future__ import annotations

from typing import Any

from ..appliance_model import ButtonPurpose
from ..commands import Command, Press, SetPower
from ..model import (
    ButtonTraits,
    Channel,
    DoorbellTraits,
    Flag,
    Reading,
    SwitchPurpose,
    SwitchTraits,
)
from .profile import MAIN, Encoded, Profile, set_readings
from .sensors import detected

PREVIOUS = "previous"
MOTION_DETECTION = "motion_detection"


def _frame() -> Channel:
    return Channel(
        key=MAIN,
        traits=ButtonTraits(ButtonPurpose.NEXT_IMAGE),
        readings={Reading.BATTERY: None},
    )


def _frame_extras(body: dict[str, Any]) -> list[Channel]:
    return [Channel(key=PREVIOUS, traits=ButtonTraits(ButtonPurpose.PREVIOUS_IMAGE))]


def _frame_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key == MAIN:
        set_readings(channel, body, {Reading.BATTERY: "battery"})


def _frame_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(command, Press):
        return ("previous" if channel.key == PREVIOUS else "next", "default")
    return None


def _doorbell() -> Channel:
    # Presses arrive by webhook; the cloud cannot ring it.
    return Channel(
        key=MAIN,
        traits=DoorbellTraits(can_ring=False),
        readings={Reading.BATTERY: None},
        flags={Flag.MOTION: None},
    )


def _doorbell_extras(body: dict[str, Any]) -> list[Channel]:
    # Not in the status: the switch shows what was last set.
    switch = SwitchTraits(SwitchPurpose.MOTION_DETECTION)
    return [Channel(key=MOTION_DETECTION, traits=switch, assumed=True)]


def _doorbell_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key != MAIN:
        return
    set_readings(channel, body, {Reading.BATTERY: "battery"})
    if (motion := detected(body)) is not None:
        channel.flags[Flag.MOTION] = motion


def _doorbell_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if channel.key == MOTION_DETECTION and isinstance(command, SetPower):
        name = "enableMotionDetection" if command.on else "disableMotionDetection"
        return (name, "default")
    return None


DISPLAYS: dict[str, Profile] = {
    "AI Art Frame": Profile(
        _frame, _frame_update, _frame_commands, extras=_frame_extras
    ),
    "Video Doorbell": Profile(
        _doorbell,
        _doorbell_update,
        _doorbell_commands,
        pushed=frozenset({"battery"}),
        extras=_doorbell_extras,
    ),
}
