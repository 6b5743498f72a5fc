"""What every part of the simulated SwitchBot catalogue shares: status codes, command errors, parameter readers."""

from __future__ import annotations

from collections.abc import Callable
import itertools
from typing import Any

JsonDict = dict[str, Any]
Command = Callable[[JsonDict, Any], JsonDict | None]

# Body statusCode values and the messages sent with them (document's error table).
OK = 100
DEVICE_TYPE_ERROR = 151
DEVICE_NOT_FOUND = 152
COMMAND_NOT_SUPPORTED = 160
DEVICE_OFFLINE = 161
HUB_OFFLINE = 171
SYSTEM_ERROR = 190
MESSAGES = {
    OK: "success",
    DEVICE_TYPE_ERROR: "device type error",
    DEVICE_NOT_FOUND: "device not found",
    COMMAND_NOT_SUPPORTED: "command is not supported",
    DEVICE_OFFLINE: "device offline",
    HUB_OFFLINE: "hub device is offline",
    SYSTEM_ERROR: "System error",
}

NO_HUB = "000000000000"


class CommandError(Exception):
    """A command refused with a body statusCode (160 unsupported, 190 bad format)."""

    def __init__(self, code: int) -> None:
        super().__init__(MESSAGES.get(code, str(code)))
        self.code = code


def as_int(value: Any, low: int, high: int) -> int:
    # The cloud takes parameters as strings; a bare JSON number is tolerated too.
    if isinstance(value, bool):
        raise CommandError(SYSTEM_ERROR)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise CommandError(SYSTEM_ERROR) from None
    if not low <= number <= high:
        raise CommandError(SYSTEM_ERROR)
    return number


def set_to(key: str, value: Any) -> Command:
    def run(status: JsonDict, _param: Any) -> None:
        status[key] = value

    return run


def toggle(status: JsonDict, _param: Any) -> None:
    status["power"] = "off" if status.get("power") == "on" else "on"


def nothing(_status: JsonDict, _param: Any) -> None:
    return None


def int_into(key: str, low: int, high: int) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        status[key] = as_int(param, low, high)

    return run


def validate_only(low: int, high: int) -> Command:
    # The suction level is not part of the status body, so only the format matters.
    def run(_status: JsonDict, param: Any) -> None:
        as_int(param, low, high)

    return run


def color(status: JsonDict, param: Any) -> None:
    parts = str(param).split(":")
    if len(parts) != 3:
        raise CommandError(SYSTEM_ERROR)
    status["color"] = ":".join(str(as_int(p, 0, 255)) for p in parts)


def choice(key: str, allowed: dict[str, Any]) -> Command:
    def run(status: JsonDict, param: Any) -> None:
        text = str(param).strip()
        if text not in allowed:
            raise CommandError(SYSTEM_ERROR)
        status[key] = allowed[text]

    return run


command_ids = itertools.count(1)


def keypad(status: JsonDict, param: Any) -> JsonDict:
    # Keypad parameters are JSON objects, not strings; results arrive by webhook.
    if not isinstance(param, dict):
        raise CommandError(SYSTEM_ERROR)
    return {"commandId": f"CMD{1664440449000000 + next(command_ids)}"}
