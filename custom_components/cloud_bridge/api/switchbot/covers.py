"""SwitchBot covers: curtains, Blind Tilt, Roller Shade, Garage Door Opener, and the motion a command starts."""

from __future__ import annotations

from typing import Any

from ..commands import (
    CloseCover,
    Command,
    OpenCover,
    SetCoverPosition,
    SetTilt,
    StopCover,
)
from ..model import (
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    Motion,
    Reading,
)
from .profile import (
    MAIN,
    Encoded,
    Profile,
    set_readings,
    whole,
)


def _curtain() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(CoverClass.CURTAIN),
        readings={Reading.BATTERY: None},
        flags={Flag.CALIBRATION: None},
    )


def _curtain_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # SwitchBot counts 0 = open, 100 = closed; Home Assistant the other way.
    if (slide := whole(body.get("slidePosition"))) is not None:
        traits.position = 100 - max(0, min(slide, 100))
    if body.get("moving") is False:
        traits.motion = None
    if isinstance(body.get("calibrate"), bool):
        channel.flags[Flag.CALIBRATION] = not body["calibrate"]
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _curtain_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetCoverPosition(position=position):
            return ("setPosition", f"0,ff,{100 - position}")
        case OpenCover():
            return ("turnOn", "default")
        case CloseCover():
            return ("turnOff", "default")
        case StopCover():
            return ("pause", "default")
    return None


def _blind_tilt() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(
            CoverClass.BLIND,
            supports_position=False,
            supports_tilt=True,
            supports_stop=False,
        ),
        readings={Reading.BATTERY: None},
        flags={Flag.CALIBRATION: None},
    )


def _blind_tilt_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # Blind Tilt counts 0 = closed, 100 = open, as Home Assistant does.
    if (slide := whole(body.get("slidePosition"))) is not None:
        traits.tilt = max(0, min(slide, 100))
    if isinstance(body.get("calibrate"), bool):
        channel.flags[Flag.CALIBRATION] = not body["calibrate"]
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _blind_tilt_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    # Tilt towards the side the slats already face.
    direction = "down" if str(last.get("direction", "")).lower() == "down" else "up"
    match command:
        case SetTilt(position=position):
            # The device takes even positions only.
            return ("setPosition", f"{direction};{position - position % 2}")
        case OpenCover():
            return ("fullyOpen", "default")
        case CloseCover():
            return ("closeDown" if direction == "down" else "closeUp", "default")
    return None


def _roller_shade() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(CoverClass.SHADE, supports_stop=False),
        readings={Reading.BATTERY: None},
        flags={Flag.CALIBRATION: None},
    )


def position_commands(command: Command) -> Encoded | None:
    """A motor whose only command is setPosition 0 (open) … 100 (closed)."""
    match command:
        case SetCoverPosition(position=position):
            return ("setPosition", str(100 - position))
        case OpenCover():
            return ("setPosition", "0")
        case CloseCover():
            return ("setPosition", "100")
    return None


def _roller_shade_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    return position_commands(command)


def _garage_door() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(
            CoverClass.GARAGE,
            supports_position=False,
            supports_stop=False,
            open_close_only=True,
        ),
    )


def _garage_door_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # doorStatus is the opener's switch: 0 "on" (open), 1 "off" (closed).
    status = whole(body.get("doorStatus"))
    if status in (0, 1):
        traits.position = 100 if status == 0 else 0
        traits.motion = None


def _garage_door_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case OpenCover():
            return ("turnOn", "default")
        case CloseCover():
            return ("turnOff", "default")
    return None


def cover_motion(channel: Channel, command: Command) -> None:
    """After a move command, show which way the cover is going until it reports."""
    traits = channel.traits
    if not isinstance(traits, CoverTraits):
        return
    match command:
        case OpenCover():
            traits.motion = Motion.OPENING
        case CloseCover():
            traits.motion = Motion.CLOSING
        case SetCoverPosition(position=target) if traits.position is not None:
            traits.motion = (
                Motion.OPENING if target > traits.position else Motion.CLOSING
            )
        case StopCover():
            traits.motion = None


_CURTAIN = Profile(
    _curtain,
    _curtain_update,
    _curtain_commands,
    pushed=frozenset({"slidePosition", "battery"}),
)

COVERS: dict[str, Profile] = {
    "Curtain": _CURTAIN,
    "Curtain3": _CURTAIN,
    # Spelled so in the wild (vendor notes): a Curtain 3 by its table.
    "Curtain 4": _CURTAIN,
    "Blind Tilt": Profile(
        _blind_tilt,
        _blind_tilt_update,
        _blind_tilt_commands,
        pushed=frozenset({"slidePosition"}),
    ),
    "Roller Shade": Profile(
        _roller_shade,
        _curtain_update,
        _roller_shade_commands,
        pushed=frozenset({"slidePosition", "battery"}),
    ),
    "Garage Door Opener": Profile(
        _garage_door,
        _garage_door_update,
        _garage_door_commands,
        pushed=frozenset({"doorStatus"}),
    ),
}
