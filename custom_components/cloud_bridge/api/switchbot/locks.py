"""SwitchBot smart locks: lock state, the door they sit in, battery."""

from __future__ import annotations

from typing import Any

from ..commands import (
    Command,
    SetLocked,
)
from ..model import (
    Channel,
    Flag,
    LockState,
    LockTraits,
    Reading,
)
from .profile import (
    MAIN,
    Encoded,
    Profile,
    set_readings,
)


def _lock() -> Channel:
    return Channel(
        key=MAIN,
        traits=LockTraits(),
        readings={Reading.BATTERY: None},
        flags={Flag.DOOR: None},
    )


_LOCK_STATES = {
    "locked": LockState.LOCKED,
    "unlocked": LockState.UNLOCKED,
    "jammed": LockState.JAMMED,
}


def _lock_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, LockTraits)
    state = body.get("lockState")
    if isinstance(state, str) and state.lower() in _LOCK_STATES:
        traits.state = _LOCK_STATES[state.lower()]
    door = body.get("doorState")
    if isinstance(door, str):
        channel.flags[Flag.DOOR] = door.lower() in ("open", "opened")
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _lock_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(command, SetLocked):
        return ("lock" if command.locked else "unlock", "default")
    return None


LOCKS: dict[str, Profile] = {
    "Smart Lock": Profile(_lock, _lock_update, _lock_commands),
    "Smart Lock Pro": Profile(_lock, _lock_update, _lock_commands),
}
