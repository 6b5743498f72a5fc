"""Where Shelly's polls and pushes meet: each device's raw state, and the pushes a poll must not undo."""

from __future__ import annotations

import copy
import logging
import time
from typing import Any

from .push import Frame, merge
from .status import reported_at

_LOGGER = logging.getLogger(__name__)


def _status_of(state: dict[str, Any]) -> dict[str, Any]:
    """The state's status, made a dict where the cloud sent none (a sleeping device)."""
    status = state.get("status")
    if not isinstance(status, dict):
        status = state["status"] = {}
    return status


def _compare(pushed: dict[str, Any], held: dict[str, Any]) -> int:
    """-1, 0 or 1 as a pushed status says it is older, unknown or newer than one held."""
    at, than = reported_at(pushed), reported_at(held)
    if at is None or than is None or at == than:
        return 0
    return 1 if at > than else -1


class PushedStates:
    """Each device's state as last read, with what was pushed since.

    A push is kept until its device is read again. A poll's answer then gets
    the pushes it may not have seen: those that arrived after its request
    was sent, unless they say they are older than it, and those that say they
    are newer than it.
    """

    def __init__(self) -> None:
        self._states: dict[str, dict[str, Any]] = {}
        self._since_read: dict[str, list[tuple[float, Frame]]] = {}

    def read(self, state: dict[str, Any], sent: float) -> dict[str, Any]:
        """The state a poll read (its request sent at monotonic `sent`), pushes re-applied."""
        device_id = state["id"]
        status = _status_of(state)
        for arrived, frame in self._since_read.pop(device_id, []):
            if frame.status is None:
                if arrived >= sent:
                    state["online"] = 1 if frame.online else 0
                continue
            order = _compare(frame.status, status)
            if order > 0 or (arrived >= sent and order == 0):
                _LOGGER.debug(
                    "Shelly device %s: a push newer than the poll kept", device_id
                )
                merge(status, copy.deepcopy(frame.status))
                state["online"] = 1
        self._states[device_id] = state
        return state

    def push(self, frame: Frame) -> dict[str, Any] | None:
        """The device's state with the frame merged; None for a device never read, or an older frame."""
        state = self._states.get(frame.device_id)
        if state is None:
            _LOGGER.debug("Shelly push: no device of ours has id %s", frame.device_id)
            return None
        status = _status_of(state)
        if frame.status is None:
            state["online"] = 1 if frame.online else 0
        elif _compare(frame.status, status) < 0:
            _LOGGER.debug("Shelly push: skipped an event older than the last poll")
            return None
        else:
            merge(status, copy.deepcopy(frame.status))
            # A device that reports a change is online, whatever was missed.
            state["online"] = 1
        self._since_read.setdefault(frame.device_id, []).append(
            (time.monotonic(), frame)
        )
        return state
