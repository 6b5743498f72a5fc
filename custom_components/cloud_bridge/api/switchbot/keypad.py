"""SwitchBot Keypad and Keypad Touch: their channel, the createKey/deleteKey encoding, their results.

The keypads keep passcodes locally, so the cloud only queues a change and
reports by webhook (`eventName`, `commandId`, `result`) whether the keypad
took it. Their status call reports nothing but ids, so they are never polled.
"""

from __future__ import annotations

from typing import Any

from ..features import (
    CommandOutcome,
    CommandResult,
    DeferredCommand,
    DeleteKey,
    KeyKind,
    KeypadTraits,
    Passcode,
)
from ..model import Channel
from ..values import digits
from .profile import MAIN, Profile, no_commands

KEYPAD_TYPES = ("Keypad", "Keypad Touch")

# The document's passcode types, spelled as the wire wants them.
_KINDS = {
    KeyKind.PERMANENT: "permanent",
    KeyKind.TIME_LIMIT: "timeLimit",
    KeyKind.DISPOSABLE: "disposable",
    KeyKind.URGENT: "urgent",
}
_KIND_OF = {wire: kind.value for kind, wire in _KINDS.items()}
# Webhook `eventName` → neutral command name. The document's own deleteKey
# sample carries a trailing space ("deleteKey "), hence the strip on reading.
_EVENTS = {"createKey": "create_key", "deleteKey": "delete_key"}


def _keypad() -> Channel:
    return Channel(key=MAIN, traits=KeypadTraits())


def _ignore(channel: Channel, body: dict[str, Any]) -> None:
    return None


KEYPAD = Profile(_keypad, _ignore, no_commands, polled=False)


def encode_key_command(command: DeferredCommand) -> tuple[str, dict[str, Any]]:
    """(command, parameter) for the commands call; the parameter is an object."""
    if isinstance(command, DeleteKey):
        # The command table types the id as a number, the parameter table as a
        # string: send the number the key list reports whenever it is one.
        number = digits(command.key_id)
        key_id: int | str = command.key_id if number is None else number
        return "deleteKey", {"id": key_id}
    parameter: dict[str, Any] = {
        "name": command.name,
        "type": _KINDS[command.kind],
        "password": command.password,
    }
    if command.start is not None:
        parameter["startTime"] = int(command.start.timestamp())  # 10-digit seconds
    if command.end is not None:
        parameter["endTime"] = int(command.end.timestamp())
    return "createKey", parameter


def keypad_result(device_id: str, context: dict[str, Any]) -> CommandResult | None:
    """The outcome a keypad's webhook event reports, or None when it reports none."""
    command = _EVENTS.get(str(context.get("eventName", "")).strip())
    command_id = context.get("commandId")
    result = context.get("result")
    if command is None or not isinstance(command_id, str) or not command_id:
        return None
    if result not in tuple(CommandOutcome):
        return None
    return CommandResult(device_id, command_id, command, CommandOutcome(result))


def passcodes(entry: dict[str, Any]) -> list[Passcode]:
    """A keypad's `keyList` from the device list.

    Each key also carries the code itself, encrypted with the account's secret
    (`password`, `iv`): that is never read.
    """
    keys = entry.get("keyList")
    if not isinstance(keys, list):
        return []
    return [
        Passcode(
            id=str(key["id"]),
            name=str(key.get("name", "")),
            kind=_KIND_OF.get(str(key.get("type", "")), str(key.get("type", ""))),
            valid={"normal": True, "expired": False}.get(str(key.get("status"))),
        )
        for key in keys
        if isinstance(key, dict) and key.get("id") is not None
    ]
