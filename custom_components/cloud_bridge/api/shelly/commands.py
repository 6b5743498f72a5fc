"""Shelly set calls: neutral commands encoded as the document gives them, and their errors."""

from __future__ import annotations

from typing import Any

from ..commands import (
    CloseCover,
    Command,
    OpenCover,
    SetBrightness,
    SetColor,
    SetColorTemp,
    SetCoverPosition,
    SetPower,
    SetPowerFor,
    StopCover,
)
from ..errors import CloudUnreachable, CommandRejected, DeviceOffline, Rejection
from ..http import Response
from ..model import Channel, CoverTraits, LightTraits

TEMPERATURE_RANGE = (2700, 7000)  # K that set/light takes (set/groups: 2500-7000)
# Error strings of the set calls, from the document's tables.
OFFLINE_ERRORS = {"DEVICE_OFFLINE"}
REJECTIONS = {
    "DEVICE_FAILED_COMMAND": Rejection.FAILED,
    "DEVICE_INVALID_MODE": Rejection.UNSUPPORTED,
    "DEVICE_UNSUPPORTED_COMMAND": Rejection.UNSUPPORTED,
    "DEVICE_INVALID_CHANNEL": Rejection.INVALID,
    "BAD_REQUEST": Rejection.INVALID,
    "DEVICE_NOT_FOUND": Rejection.NOT_FOUND,
    "INSTANCE_NOT_FOUND": Rejection.CLOUD_ERROR,
    "UNEXPECTED_SUBSERVICE_ERROR": Rejection.CLOUD_ERROR,
}


def encode(channel: Channel, command: Command) -> tuple[str, dict[str, Any]]:
    """The set call and body (without id and channel) for a command, as documented."""
    kind = (
        "cover"
        if isinstance(channel.traits, CoverTraits)
        else "light"
        if isinstance(channel.traits, LightTraits)
        else "switch"
    )
    match command:
        case SetPower(on=on) if kind != "cover":
            return f"set/{kind}", {"on": on}
        case SetPowerFor(on=on, seconds=seconds) if kind != "cover":
            return f"set/{kind}", {"on": on, "toggle_after": seconds}
        case SetBrightness(percent=percent) if kind == "light":
            return "set/light", {"on": True, "brightness": percent}
        case SetColor(rgb=(red, green, blue), white=white) if kind == "light":
            body = {"on": True, "red": red, "green": green, "blue": blue}
            return "set/light", body if white is None else {**body, "white": white}
        case SetColorTemp(kelvin=kelvin) if kind == "light":
            # The current v2 document: `temperature`, 2700-7000 K on set/light.
            low, high = TEMPERATURE_RANGE
            return "set/light", {"on": True, "temperature": max(low, min(kelvin, high))}
        case SetCoverPosition(position=position) if kind == "cover":
            return "set/cover", {"position": position}
        case OpenCover() if kind == "cover":
            return "set/cover", {"position": "open"}
        case CloseCover() if kind == "cover":
            return "set/cover", {"position": "close"}
        case StopCover() if kind == "cover":
            return "set/cover", {"position": "stop"}
    raise CommandRejected("unsupported", type(command).__name__, Rejection.UNSUPPORTED)


def failure(error: str, message: str = "") -> Exception:
    """The error for one of the document's error strings."""
    if error in OFFLINE_ERRORS:
        return DeviceOffline(message or error)
    return CommandRejected(error, message, REJECTIONS.get(error, Rejection.FAILED))


def set_error(resp: Response) -> Exception:
    """The error a failed set call answered with."""
    data = resp.data if isinstance(resp.data, dict) else {}
    error = data.get("error")
    if not isinstance(error, str):
        return CloudUnreachable(f"HTTP {resp.status}")
    details = data.get("data")
    messages = details.get("messages") if isinstance(details, dict) else None
    message = "; ".join(map(str, messages)) if isinstance(messages, list) else ""
    return failure(error, message)
