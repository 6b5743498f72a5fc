"""The shape of a SwitchBot device profile and the field readers profiles share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import values
from ..commands import Command, SetPower
from ..model import Channel, Device, Flag, Reading

MAIN = "main"
KELVIN_RANGE = (2700, 6500)

# (command, parameter) as the command table gives them: a string, or an
# object for the commands whose parameter the table shows as JSON.
type Encoded = tuple[str, str | dict[str, Any]]
# Status and events give currents in mA; the model counts amperes.
MILLIAMPS_PER_AMP = 1000
# usedElectricity counts watt-minutes a day; the model counts kWh.
WATT_MINUTES_PER_KWH = 60_000


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


def switch_state(value: Any) -> bool | None:
    """`switchStatus` 1 (on) or 0 (off), as a number or a string."""
    state = whole(value)
    return None if state not in (0, 1) else state == 1


def scaled(value: Any, divisor: float) -> float | None:
    """A reading converted to the model's unit (mA → A, watt-minutes → kWh)."""
    result = number(value)
    return None if result is None else round(result / divisor, 3)


def parse_rgb(value: Any) -> tuple[int, int, int] | None:
    """ "255:245:235" → (255, 245, 235)."""
    if not isinstance(value, str):
        return None
    parts = [values.digits(part.strip()) for part in value.split(":")]
    if len(parts) != 3 or None in parts:
        return None
    red, green, blue = (min(part or 0, 255) for part in parts)
    return red, green, blue


def set_readings(
    channel: Channel, body: dict[str, Any], fields: dict[Reading, str]
) -> None:
    """Read the fields present in `body` into the channel's readings."""
    for reading, key in fields.items():
        if key in body:
            channel.readings[reading] = number(body[key])


def set_flag(channel: Channel, flag: Flag, value: Any) -> None:
    """A yes/no field (true/false, 1/0) into a flag; anything else leaves it."""
    if isinstance(value, bool):
        channel.flags[flag] = value
    elif (state := whole(value)) in (0, 1):
        channel.flags[flag] = state == 1


def reports_offline(body: dict[str, Any]) -> bool:
    """Whether a body says the device lost its cloud (robots: onlineStatus; relays: online)."""
    return body.get("onlineStatus") == "offline" or body.get("online") is False


def no_extras(body: dict[str, Any]) -> list[Channel]:
    """A device of one channel only."""
    return []


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
    # Channels beside the main one (a second relay, a child lock, a robot's
    # buttons), given what is known of the device; `update` and `encode`
    # serve them too, told apart by the channel's key.
    extras: Callable[[dict[str, Any]], list[Channel]] = no_extras


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


def refresh_channels(profile: Profile, device: Device, body: dict[str, Any]) -> None:
    """Read `body` (all that is known of the device) into every channel it has.

    The extra channels follow the body: a channel it no longer calls for
    goes, a new one is built (a relay switched to roller mode, say).
    """
    wanted = {channel.key: channel for channel in profile.extras(body)}
    for key in [k for k in device.channels if k != MAIN and k not in wanted]:
        del device.channels[key]
    for key, channel in wanted.items():
        device.channels.setdefault(key, channel)
    for channel in device.channels.values():
        profile.update(channel, body)
