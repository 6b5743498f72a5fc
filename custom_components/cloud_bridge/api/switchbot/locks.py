"""SwitchBot smart locks: lock state, the door they sit in, battery, deadbolt, night latch, passcodes."""

from __future__ import annotations

from typing import Any

from ..appliance_model import ButtonPurpose
from ..commands import Command, OpenLock, Press, SetLocked
from ..features import KeypadTraits
from ..model import ButtonTraits, Channel, Flag, LockState, LockTraits, Reading
from .profile import MAIN, Encoded, Profile, set_readings

NIGHT_LATCH = "night_latch"
KEYPAD = "keypad"

# Status bodies say lock/unlock (2026-05) or locked/unlocked, events LOCKED;
# newer locks add latchBoltLocked (held by the latch bolt: locked) and
# halfLocked (not fully thrown: the user should look, as for a jam).
_LOCK_STATES = {
    "locked": LockState.LOCKED,
    "lock": LockState.LOCKED,
    "latchboltlocked": LockState.LOCKED,
    "unlocked": LockState.UNLOCKED,
    "unlock": LockState.UNLOCKED,
    "jammed": LockState.JAMMED,
    "halflocked": LockState.JAMMED,
}


def _lock(*, door: bool, deadbolt: bool, night_latch: bool, keypad: bool) -> Profile:
    """A lock profile; what the type's tables list decides the rest."""

    def build() -> Channel:
        return Channel(
            key=MAIN,
            traits=LockTraits(supports_open=deadbolt),
            readings={Reading.BATTERY: None},
            flags={Flag.DOOR: None} if door else {},
        )

    def extras(body: dict[str, Any]) -> list[Channel]:
        channels = []
        if night_latch:
            purpose = ButtonPurpose.UNLOCK_NIGHT_LATCH
            channels.append(Channel(key=NIGHT_LATCH, traits=ButtonTraits(purpose)))
        if keypad:
            channels.append(Channel(key=KEYPAD, traits=KeypadTraits()))
        return channels

    return Profile(
        build,
        _lock_update,
        _lock_commands,
        pushed=frozenset({"lockState"}),
        extras=extras,
    )


def _lock_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key != MAIN:
        return
    traits = channel.traits
    assert isinstance(traits, LockTraits)
    state = body.get("lockState")
    if isinstance(state, str) and state.lower() in _LOCK_STATES:
        traits.state = _LOCK_STATES[state.lower()]
    door = body.get("doorState")
    if isinstance(door, str) and Flag.DOOR in channel.flags:
        channel.flags[Flag.DOOR] = door.lower() in ("open", "opened")
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _lock_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetLocked(locked=locked) if channel.key == MAIN:
            return ("lock" if locked else "unlock", "default")
        case OpenLock() if channel.key == MAIN:
            # "Disengage deadbolt or latch": the door opens.
            return ("deadbolt", "default")
        case Press() if channel.key == NIGHT_LATCH:
            return ("nightLatchUnlock", "default")
    return None


LOCKS: dict[str, Profile] = {
    "Smart Lock": _lock(door=True, deadbolt=True, night_latch=False, keypad=False),
    "Smart Lock Pro": _lock(door=True, deadbolt=True, night_latch=False, keypad=False),
    "Smart Lock Pro Wifi": _lock(
        door=True, deadbolt=True, night_latch=True, keypad=False
    ),
    "Smart Lock Ultra": _lock(
        door=True, deadbolt=True, night_latch=False, keypad=False
    ),
    "Lock Ultra": _lock(door=True, deadbolt=True, night_latch=False, keypad=False),
    # The device list says "Lock Lite"; users see "Smart Lock Lite" (vendor notes).
    "Lock Lite": _lock(door=False, deadbolt=True, night_latch=False, keypad=False),
    "Smart Lock Lite": _lock(
        door=False, deadbolt=True, night_latch=False, keypad=False
    ),
    "Lock Vision": _lock(door=True, deadbolt=False, night_latch=False, keypad=True),
    "Lock Vision Pro": _lock(door=True, deadbolt=False, night_latch=False, keypad=True),
}
