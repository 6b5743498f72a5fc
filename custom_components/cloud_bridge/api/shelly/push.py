"""Shelly Real Time Events: the account's socket (pinged, watched, reopened) and what its frames say.

The quirks of the socket, by name:

- no heartbeat is documented: after 30 s without a frame we ping, and a
  socket that answers nothing for another 30 s is taken as dead;
- device ids arrive in decimal (`"180817295016193"`) where the v2 calls use
  the hex id (`a4cf12f4ab01`); ids starting with `X` (BLU) are the same;
- a status event is often a partial delta, in the device generation's own
  shape (gen1 `/status`, gen2 component map): it is merged into the last
  status, never put in its place;
- close code 4401 means the token is refused;
- only devices the account owns are pushed (shared ones are not).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
import json
import logging
import time
from typing import Any, Final

import aiohttp

from ..client import StreamListener
from ..errors import CloudBridgeError, SignInRefused
from ..sse import backoff_delay
from .oauth import SERVER, socket_url
from .status import hex_id

_LOGGER = logging.getLogger(__name__)

PING_INTERVAL: Final = 30.0
BACKOFF_BASE: Final = 1.0
BACKOFF_MAX: Final = 300.0
TOKEN_REFUSED: Final = 4401  # the close code for a refused token
# Renew the token this long before it lapses, and reopen the socket with it.
RENEW_BEFORE: Final = 600.0
CONNECT_TIMEOUT: Final = 30.0
HEALTHY_AFTER: Final = 60.0  # seconds up after which a socket counts as working
STATUS_EVENT: Final = "Shelly:StatusOnChange"
_ENDED: Final = (
    aiohttp.WSMsgType.CLOSE,
    aiohttp.WSMsgType.CLOSING,
    aiohttp.WSMsgType.CLOSED,
    aiohttp.WSMsgType.ERROR,
)
ONLINE_EVENT: Final = "Shelly:Online"


@dataclass(slots=True)
class PushState:
    """What the socket has done, for the diagnostics and the poll plan."""

    up: bool = False
    since: float | None = None  # epoch seconds the socket (last) opened
    events: int = 0  # frames that changed a device
    skipped: int = 0  # frames unknown, malformed or for no device of ours
    opened: int = 0
    # Devices the socket has spoken of: owned ones, which it covers.
    pushed: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        """The state, for the diagnostics (never the token)."""
        return {
            "up": self.up,
            "since": self.since,
            "events": self.events,
            "skipped": self.skipped,
            "opened": self.opened,
            "pushed_devices": sorted(self.pushed),
        }


@dataclass(frozen=True, slots=True)
class Frame:
    """One event the socket sent, for a device by its hex id."""

    event: str
    device_id: str
    status: dict[str, Any] | None = None  # StatusOnChange: the (partial) status
    online: bool | None = None  # Online: whether the device is


def read_frame(text: str) -> Frame | None:
    """A frame as we use it; None (with a debug line) for anything else."""
    try:
        payload = json.loads(text)
    except ValueError:
        _LOGGER.debug("Shelly push: skipped a frame that is not JSON")
        return None
    if not isinstance(payload, dict):
        _LOGGER.debug("Shelly push: skipped a frame that is not an object")
        return None
    event = payload.get("event")
    device = payload.get("device")
    device_id = hex_id(device.get("id")) if isinstance(device, dict) else None
    if event not in (STATUS_EVENT, ONLINE_EVENT) or device_id is None:
        _LOGGER.debug("Shelly push: skipped event %r", event)
        return None
    if event == STATUS_EVENT:
        status = payload.get("status")
        if not isinstance(status, dict):
            _LOGGER.debug("Shelly push: skipped a status event with no status")
            return None
        return Frame(event, device_id, status=status)
    online = payload.get("online")
    if online not in (0, 1, True, False):
        _LOGGER.debug("Shelly push: skipped an online event with no state")
        return None
    return Frame(event, device_id, online=bool(online))


def merge(into: dict[str, Any], delta: dict[str, Any]) -> None:
    """Merge a partial status into the last one, in place: nothing it lacks is lost.

    Objects merge key by key; lists (gen1 `relays`, `meters`) element by
    element, so a delta for the first relay leaves the second alone.
    """
    for key, value in delta.items():
        before = into.get(key)
        if isinstance(value, dict) and isinstance(before, dict):
            merge(before, value)
        elif isinstance(value, list) and isinstance(before, list):
            into[key] = _merge_lists(before, value)
        else:
            into[key] = value


def _merge_lists(before: list[Any], delta: list[Any]) -> list[Any]:
    merged = list(before)
    for index, value in enumerate(delta):
        if index >= len(merged):
            merged.append(value)
        elif isinstance(value, dict) and isinstance(merged[index], dict):
            merge(merged[index], value)
        else:
            merged[index] = value
    return merged


async def async_hold_socket(
    session: aiohttp.ClientSession,
    listener: StreamListener,
    on_frame: Callable[[str], None],
    on_change: Callable[[bool], None],
) -> None:
    """Hold the account's socket open, reopening it with backoff, until cancelled.

    Raises SignInRefused once the token is refused (by renewal or by 4401).
    """
    failures = 0
    renew = False
    try:
        while True:
            planned = healthy = False
            try:
                token = await listener.stream_token(renew=renew)
                if _renew_at(token) <= time.time() and not renew:
                    # Opened again close to the token's end: renew it first.
                    token = await listener.stream_token(renew=True)
                renew = False
                healthy, planned = await _hold_once(session, token, on_frame, on_change)
            except aiohttp.WSServerHandshakeError as err:
                if err.status in (401, 403):
                    raise SignInRefused(f"the socket answered {err.status}") from None
                _LOGGER.debug("Shelly push: the socket answered %s", err.status)
            except (aiohttp.ClientError, TimeoutError) as err:
                # The URL holds the token: say what failed, never where.
                _LOGGER.debug("Shelly push: %s", type(err).__name__)
            except SignInRefused:
                raise
            except CloudBridgeError as err:
                _LOGGER.debug("Shelly push: the sign-in could not be renewed: %s", err)
            on_change(False)
            renew = renew or planned
            if planned:
                continue  # a planned reopen with a renewed token: no wait
            failures = 0 if healthy else failures + 1
            await asyncio.sleep(backoff_delay(failures, BACKOFF_BASE, BACKOFF_MAX))
    finally:
        # However it ends (refused, cancelled, a fault of ours): push is down.
        on_change(False)


def _renew_at(token: Any) -> float:
    """When to renew a token: RENEW_BEFORE its end, or halfway for a short-lived one."""
    expires_at = float(token.get("expires_at") or time.time() + 3600)
    lifetime = float(token.get("expires_in") or RENEW_BEFORE * 2)
    return expires_at - min(RENEW_BEFORE, lifetime / 2)


async def _hold_once(
    session: aiohttp.ClientSession,
    token: Any,
    on_frame: Callable[[str], None],
    on_change: Callable[[bool], None],
) -> tuple[bool, bool]:
    """One socket, until it ends: whether it worked a while, and whether to renew now."""
    renew_at = _renew_at(token)
    # Pings are ours (not aiohttp's heartbeat): a pong is then a frame like
    # any other, and silence is measured between frames.
    async with asyncio.timeout(CONNECT_TIMEOUT):
        socket = await session.ws_connect(
            socket_url(str(token[SERVER])),
            params={"t": str(token["access_token"])},
            autoping=False,
        )
    opened = time.monotonic()
    carried = False
    async with socket:
        on_change(True)
        # At least a second: a token that lapses sooner must not spin.
        wait = max(renew_at - time.time(), 1.0)
        try:
            async with asyncio.timeout(wait):
                carried = await _read_until_silent(socket, on_frame)
        except TimeoutError:
            _LOGGER.debug("Shelly push: renewing the sign-in before it lapses")
            return True, True
    if socket.close_code == TOKEN_REFUSED:
        raise SignInRefused("the socket closed with 4401")
    _LOGGER.debug("Shelly push: the socket closed (%s)", socket.close_code)
    # Frames, or a minute up (a quiet house), make a working socket: no backoff.
    return carried or time.monotonic() - opened >= HEALTHY_AFTER, False


def _pass_on(on_frame: Callable[[str], None], text: str) -> None:
    """Hand a frame on; a fault in handling one frame never ends the socket."""
    try:
        on_frame(text)
    except Exception as err:  # one frame must not end push
        _LOGGER.debug(
            "Shelly push: a frame could not be applied (%s)", type(err).__name__
        )


async def _read_until_silent(
    socket: aiohttp.ClientWebSocketResponse, on_frame: Callable[[str], None]
) -> bool:
    """Pass each text frame on until the socket ends or answers no ping; whether any came."""
    carried = False
    pinged = False
    while True:
        try:
            message = await socket.receive(timeout=PING_INTERVAL)
        except TimeoutError:
            if pinged:
                _LOGGER.debug("Shelly push: no answer to a ping, the socket is dead")
                return carried
            await socket.ping()
            pinged = True
            continue
        pinged = False
        if message.type is aiohttp.WSMsgType.TEXT:
            carried = True
            _pass_on(on_frame, message.data)
        elif message.type is aiohttp.WSMsgType.PING:
            await socket.pong(message.data)
        elif message.type in _ENDED:
            return carried
