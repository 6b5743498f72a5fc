"""Dispatcher signals of an account's devices, and what a deferred command was."""

from __future__ import annotations

from dataclasses import dataclass

from .const import DOMAIN


def signal_command_result(entry_id: str, device_id: str) -> str:
    """The dispatcher signal that carries a device's deferred command results."""
    return f"{DOMAIN}_{entry_id}_{device_id}_command_result"


def signal_channel_event(entry_id: str, device_id: str, channel_key: str) -> str:
    """The dispatcher signal that carries what happens on a channel (a doorbell press)."""
    return f"{DOMAIN}_{entry_id}_{device_id}_{channel_key}_event"


@dataclass(frozen=True, slots=True)
class PendingCommand:
    """What a deferred command was, to tell when its result arrives (never a secret)."""

    command: str
    key_name: str | None = None
