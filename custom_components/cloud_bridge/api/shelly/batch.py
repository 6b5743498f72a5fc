"""Commands issued in the same moment go to Shelly Cloud as one `set/groups` call.

A scene, a Home Assistant group or an automation switches many channels at
once; at one call a second, twenty single calls would take twenty seconds.
Commands that arrive within a short window are gathered: the same command for
several channels of one kind (switch, cover, light) becomes one group, groups
of different kinds share a request, and each channel's error in
`failedCommands` goes back to the command that caused it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
import json
import logging
from typing import Any

_LOGGER = logging.getLogger(__name__)

# Seconds to wait for more commands of the same moment: a scene or group sends
# its commands within one turn of the event loop, so a short wait catches them.
WINDOW = 0.01


@dataclass(slots=True)
class Pending:
    """One command waiting for its call."""

    kind: str  # switch | cover | light
    device_id: str
    channel: int
    command: dict[str, Any]
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    @property
    def group_id(self) -> str:
        """`<ID>_<CHANNEL>` as the group call names a channel."""
        return f"{self.device_id}_{self.channel}"


# Sends one command alone; sends groups and returns failedCommands.
type SendOne = Callable[[Pending], Awaitable[None]]
type SendGroups = Callable[[dict[str, Any]], Awaitable[dict[str, str]]]
type FailureFor = Callable[[str], Exception]


def failed_key(device_id: str, channel: int) -> str:
    """How failedCommands names a channel: the id in decimal, always with a channel."""
    try:
        return f"{int(device_id, 16)}_{channel}"
    except ValueError:
        return f"{device_id}_{channel}"


def plan(batch: list[Pending]) -> list[list[list[Pending]]]:
    """Requests, each a list of groups (same kind and command), one group per kind."""
    groups: dict[tuple[str, str], list[Pending]] = {}
    for item in batch:
        key = (item.kind, json.dumps(item.command, sort_keys=True))
        groups.setdefault(key, []).append(item)
    requests: list[list[list[Pending]]] = []
    for members in groups.values():
        kind = members[0].kind
        target = next((r for r in requests if all(g[0].kind != kind for g in r)), None)
        if target is None:
            requests.append([members])
        else:
            target.append(members)
    return requests


class CommandBatcher:
    """Gathers commands for a moment, then sends them in as few calls as it can."""

    def __init__(
        self, send_one: SendOne, send_groups: SendGroups, failure_for: FailureFor
    ) -> None:
        self._send_one = send_one
        self._send_groups = send_groups
        self._failure_for = failure_for
        self._batch: list[Pending] = []
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, item: Pending) -> None:
        """Queue a command; return when the cloud has taken it, or raise its error."""
        self._batch.append(item)
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(WINDOW, self._flush)
        await item.done

    def _flush(self) -> None:
        batch, self._batch, self._timer = self._batch, [], None
        task = asyncio.get_running_loop().create_task(self._send(batch))
        # Keep a reference until done: the loop holds tasks only weakly.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: list[Pending]) -> None:
        if len(batch) == 1:
            await self._settle(batch, self._send_one(batch[0]))
            return
        for request in plan(batch):
            items = [item for group in request for item in group]
            body = {
                group[0].kind: {
                    "ids": [item.group_id for item in group],
                    "command": group[0].command,
                }
                for group in request
            }
            await self._settle_group(items, body)

    async def _settle(self, items: list[Pending], call: Awaitable[None]) -> None:
        try:
            await call
        except Exception as err:  # handed to the caller who waits
            for item in items:
                if not item.done.done():
                    item.done.set_exception(err)
        else:
            for item in items:
                if not item.done.done():
                    item.done.set_result(None)

    async def _settle_group(self, items: list[Pending], body: dict[str, Any]) -> None:
        try:
            failed = await self._send_groups(body)
        except Exception as err:  # handed to the callers who wait
            for item in items:
                if not item.done.done():
                    item.done.set_exception(err)
            return
        for item in items:
            error = failed.get(failed_key(item.device_id, item.channel)) or failed.get(
                item.group_id
            )
            if item.done.done():
                continue
            if error is None:
                item.done.set_result(None)
            else:
                _LOGGER.debug("Group command failed for %s: %s", item.group_id, error)
                item.done.set_exception(self._failure_for(error))
