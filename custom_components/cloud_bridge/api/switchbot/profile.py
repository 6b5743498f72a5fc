"""The shape of a SwitchBot device profile and the field readers profiles share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import values
from ..commands import Command, SetPower
from ..model import Channel, Reading

MAIN = "main"
KELVIN_RANGE = (2700, 6500)

# (command, parameter) as the command table gives them.
type Encoded = tuple[str, str]


def number(value: Any) -> float | None:
    """A reading from a status body; the cloud sends numbers, sometimes as strings."""
    return values.number(value, text=True)


def whole(value: Any) -> int | None:
    """A whole-number field (brightness, position) or None."""
    return values.whole(value, text=True)


def power(body: dict[str, Any]) -> bool | None:
    """`power` (status) or `powerState` (webhook), "on"/"ON"/"off"/"OFF"."""
    value = body.get("power", body.get("powerState"))
    if isinstance(value, str) and value.lower() in ("on", "off"):
        return value.lower() == "on"
    return None


def parse_rgb(value: Any) -> tuple[int, int, int] | None:
    """ "255:245:235" → (255, 245, 235)."""
    if not isinstance(value, str):
        return None
    parts = value.split(":")
    if len(parts) != 3 or not all(part.strip().isdigit() for part in parts):
        return None
    red, green, blue = (min(int(part), 255) for part in parts)
    return red, green, blue


def set_readings(
    channel: Channel, body: dict[str, Any], fields: dict[Reading, str]
) -> None:
    for reading, key in fields.items():
        if key in body:
            channel.readings[reading] = number(body[key])


@dataclass(frozen=True, slots=True)
class Profile:
    """How one device type becomes a channel and takes commands."""

    build: Callable[[], Channel]
    update: Callable[[Channel, dict[str, Any]], None]
    # The device's last status (merged with webhook events), for commands such
    # as the Blind Tilt's that repeat part of the current state.
    encode: Callable[[Channel, Command, dict[str, Any]], Encoded | None]
    # Whether `/status` answers for this type (cameras only report by webhook).
    polled: bool = True
    # The status fields its webhook events carry: a poll that finds one of them
    # changed without an event has caught the webhook missing one.
    pushed: frozenset[str] = frozenset()


def no_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    return None


def power_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(command, SetPower):
        return ("turnOn" if command.on else "turnOff", "default")
    return None
