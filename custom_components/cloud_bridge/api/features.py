"""The neutral model of what an account offers beside device state: scenes, pushed events, passcodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene the user made in the vendor's app, run by the cloud."""

    id: str
    name: str


@dataclass(slots=True)
class KeypadTraits:
    """A keypad whose passcodes can be added and removed.

    The cloud answers such a change with a command id at once; whether the
    keypad took it arrives later as a CommandResult.
    """


@dataclass(frozen=True, slots=True)
class Passcode:
    """A passcode a keypad holds, as the cloud lists it (never the code itself)."""

    id: str
    name: str
    kind: str
    valid: bool | None = None


class KeyKind(StrEnum):
    """How long a passcode stays valid."""

    PERMANENT = "permanent"
    TIME_LIMIT = "time_limit"  # valid between start and end
    DISPOSABLE = "disposable"  # once, between start and end
    URGENT = "urgent"  # an emergency code

    @property
    def needs_period(self) -> bool:
        """Whether a passcode of this kind needs a start and an end."""
        return self in (KeyKind.TIME_LIMIT, KeyKind.DISPOSABLE)


@dataclass(frozen=True, slots=True)
class CreateKey:
    """Add a passcode to a keypad."""

    name: str
    kind: KeyKind
    # Left out of repr: a command's repr may end up in a log line or an error.
    password: str = field(repr=False)
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeleteKey:
    """Remove a passcode from a keypad by the id the keypad gave it."""

    key_id: str


type DeferredCommand = CreateKey | DeleteKey


class CommandOutcome(StrEnum):
    """How a deferred command ended."""

    SUCCESS = "success"
    FAILED = "failed"
    TIMEOUT = "timeout"


@dataclass(frozen=True, slots=True)
class CommandResult:
    """The late outcome of a deferred command, as the cloud pushed it."""

    device_id: str
    command_id: str
    command: str  # "create_key" or "delete_key"
    outcome: CommandOutcome


@dataclass(frozen=True, slots=True)
class DeviceChanged:
    """A pushed event changed the state of a device in the snapshot."""

    device_id: str


class ChannelEventType(StrEnum):
    """Something that happened on a channel, with no state left behind."""

    RING = "ring"  # a doorbell was pressed


class PressKind(StrEnum):
    """How a button was pressed."""

    SINGLE = "single_push"
    DOUBLE = "double_push"
    TRIPLE = "triple_push"
    LONG = "long_push"
    SINGLE_LONG = "single_long_push"
    LONG_SINGLE = "long_single_push"


@dataclass(frozen=True, slots=True)
class ChannelEvent:
    """A happening on one channel: a doorbell rang, a button was pressed."""

    device_id: str
    channel_key: str
    event_type: ChannelEventType | PressKind


type PushEvent = DeviceChanged | CommandResult | ChannelEvent
