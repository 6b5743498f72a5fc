"""SinricPro client: API key → access token, devices and actions over REST, the event stream."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from contextlib import aclosing
import json
import logging
import time
from typing import Any, ClassVar, Self

import aiohttp

from ..client import CloudClient, Setting, Settings, StreamListener
from ..commands import Command
from ..errors import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    RateLimited,
    Rejection,
)
from ..http import REQUEST_TIMEOUT, Response, fingerprint, request
from ..limiter import CallSpacer, spacer_for
from ..model import Channel, Device, Vendor
from ..sse import HEARTBEAT, backoff_delay, read_events
from ..values import digits, number
from .actions import encode
from .custom import instance_of
from .devices import device_type, parse_device, steps_only
from .energy import EnergyTotals
from .events import read_event

_LOGGER = logging.getLogger(__name__)

DEFAULT_REST_URL = "https://api.sinric.pro"
DEFAULT_SSE_URL = "https://portal.sinric.pro"
# The stream of an account whose key goes in a header (the token flow gone).
HEADER_SSE_URL = "https://sse.sinric.pro"
# About 20 device reads a minute per account, and slow mode for staying at it:
# reads are spaced so that no minute holds more than 18. Read when the
# account's spacer is made, so that tests can scale it down.
READ_SPACING = 60.0 / 18
# The longest wait a 429 may ask for: beyond it, the cloud's figure is not believed.
MAX_WAIT = 3600.0
# Renew this long before the token's stated expiry, so no call meets a dead token.
TOKEN_MARGIN = 300.0
DEFAULT_POLL_INTERVAL = 60.0
MIN_POLL_INTERVAL = 30.0

# Stream timings, read when used so that tests can make them small. A stream
# with nothing on it, not even a heartbeat, for STREAM_WATCHDOG s is reopened.
STREAM_WATCHDOG = 90.0
BACKOFF_BASE = 1.0
BACKOFF_MAX = 300.0
# The action call only queues: the outcome should be on the stream by then.
CONFIRM_TIMEOUT = 5.0

_REJECTIONS = {400: Rejection.INVALID, 404: Rejection.NOT_FOUND}


class _TokenRefused(CloudUnreachable):
    """The stream refused the access token."""


def _rate_limited(resp: Response) -> RateLimited:
    """A 429 with the wait it names: `Retry-After` s, or the body's `resetTime`.

    A wait past MAX_WAIT (a value in other units, or none at all) is cut to it.
    """
    seconds = digits(resp.headers.get("Retry-After", "").strip())
    wait = None if seconds is None else float(seconds)
    data = resp.data if isinstance(resp.data, dict) else {}
    reset = number(data.get("resetTime"))
    if wait is None and reset is not None:
        # Epoch milliseconds, epoch seconds, or seconds to wait.
        at = reset / 1000 if reset > 1e11 else reset
        wait = max(at - time.time(), 0.0) if at > 1e9 else max(reset, 0.0)
    return RateLimited("HTTP 429", None if wait is None else min(wait, MAX_WAIT))


class SinricProClient(CloudClient):
    """One SinricPro account, reached with an API key."""

    vendor = Vendor.SINRICPRO
    default_addresses: ClassVar[Mapping[str, str]] = {
        "default_url": DEFAULT_REST_URL,
        "stream_url": DEFAULT_SSE_URL,
    }

    def __init__(
        self,
        session: aiohttp.ClientSession,
        api_key: str,
        base_url: str | None = None,
    ) -> None:
        self._session = session
        self._api_key = api_key
        self.rest_url = (base_url or DEFAULT_REST_URL).rstrip("/")
        self.sse_url = (base_url or DEFAULT_SSE_URL).rstrip("/")
        self.header_sse_url = (base_url or HEADER_SSE_URL).rstrip("/")
        # True once /api/v1/auth is gone: the key goes as a header on every call.
        self.key_in_header = False
        self._token: str | None = None
        self._token_expiry = 0.0
        self.unmapped_types: set[str] = set()
        self.energy = EnergyTotals()
        # Blinds that take steps only (adjustRangeValue), by device id.
        self._stepping: set[str] = set()
        self.stream_up = False

    @classmethod
    def from_settings(cls, session: aiohttp.ClientSession, settings: Settings) -> Self:
        return cls(
            session, settings[Setting.API_KEY], settings.get(Setting.BASE_URL) or None
        )

    @property
    def account_id(self) -> str:
        return fingerprint("sinricpro", self._api_key)

    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        return MIN_POLL_INTERVAL

    def default_poll_interval(self, devices: Mapping[str, Device]) -> float:
        return DEFAULT_POLL_INTERVAL

    @property
    def confirm_timeout(self) -> float:
        return CONFIRM_TIMEOUT

    def diagnostics(self) -> dict[str, Any]:
        return {
            "unmapped_types": sorted(self.unmapped_types),
            "stream_up": self.stream_up,
            "auth": "api_key_header" if self.key_in_header else "access_token",
        }

    @property
    def _reads(self) -> CallSpacer:
        # Shared by every client of the account: the cloud counts reads per account.
        return spacer_for(f"{self.account_id}:reads", READ_SPACING)

    # -- REST ----------------------------------------------------------------------

    async def _authenticate(self) -> str | None:
        """A new access token; None when the account uses the key as a header."""
        resp = await request(
            self._session,
            "POST",
            f"{self.rest_url}/api/v1/auth",
            headers={"x-sinric-api-key": self._api_key},
        )
        if resp.status in (404, 410):
            if not self.key_in_header:
                _LOGGER.info("SinricPro offers no /api/v1/auth for this account; using the header form")
            self.key_in_header = True
            return None
        if resp.status in (401, 403):
            raise AuthError("API key refused")
        if resp.status == 429:
            raise _rate_limited(resp)
        data = resp.data if isinstance(resp.data, dict) else {}
        token = data.get("accessToken")
        if resp.status != 200 or not isinstance(token, str) or not token:
            raise CloudUnreachable(f"auth answered HTTP {resp.status}")
        lifetime = data.get("expiresIn")
        if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)):
            lifetime = 3600.0
        self._token = token
        self._token_expiry = time.monotonic() + max(lifetime - TOKEN_MARGIN, 0.0)
        return token

    async def access_token(self) -> str | None:
        """A token that is good for a while yet, fetched anew when needed.

        None when the account takes the API key as a header instead.
        """
        if self.key_in_header:
            return None
        if self._token is None or time.monotonic() >= self._token_expiry:
            return await self._authenticate()
        return self._token

    async def _call(
        self, method: str, path: str, body: Any = None, *, urgent: bool = False
    ) -> Any:
        if method != "GET":
            # Control calls are not counted against the read limit.
            return self._checked(await self._send_signed(method, path, body))
        async with self._reads.slot(urgent=urgent):
            resp = await self._send_signed(method, path, body)
        if resp.status == 429:
            err = _rate_limited(resp)
            if err.retry_after:
                # One that names no wait leaves it to the polls' back-off.
                self._reads.hold_off(err.retry_after)
            raise err
        return self._checked(resp)

    async def _send_signed(self, method: str, path: str, body: Any) -> Response:
        resp = await self._send(method, path, body, await self.access_token())
        if resp.status == 401 and not self.key_in_header:
            # A token that was good has expired or been revoked: the API key
            # decides whether this is a reauth case.
            _LOGGER.debug("SinricPro answered 401; signing in again with the API key")
            resp = await self._send(method, path, body, await self._authenticate())
        if resp.status == 401 and self.key_in_header:
            raise AuthError("API key refused")
        return resp

    @staticmethod
    def _checked(resp: Response) -> Any:
        if resp.status == 429:
            raise _rate_limited(resp)
        data = resp.data if isinstance(resp.data, dict) else None
        if data is None or resp.status >= 500 or resp.status == 401:
            raise CloudUnreachable(f"HTTP {resp.status}")
        if resp.status != 200 or data.get("success") is not True:
            raise CommandRejected(
                str(resp.status),
                str(data.get("message", "")),
                _REJECTIONS.get(resp.status, Rejection.FAILED),
            )
        return data

    def _signed(self, token: str | None) -> dict[str, str]:
        if token is None:
            return {"x-sinric-api-key": self._api_key}
        return {"Authorization": f"Bearer {token}"}

    async def _send(
        self, method: str, path: str, body: Any, token: str | None
    ) -> Response:
        headers = self._signed(token)
        if body is not None:
            headers["Content-Type"] = "application/json"
        return await request(
            self._session, method, f"{self.rest_url}{path}", headers=headers, body=body
        )

    async def async_get_devices(self) -> dict[str, Device]:
        data = await self._call("GET", "/api/v1/devices")
        raw_devices = data.get("devices")
        if not isinstance(raw_devices, list):
            raise CloudUnreachable("device list of an unexpected shape")
        devices: dict[str, Device] = {}
        for raw in raw_devices:
            if not isinstance(raw, dict):
                continue
            device = self._parse(raw)
            if device is not None:
                devices[device.id] = device
            elif (kind := device_type(raw)) not in self.unmapped_types:
                self.unmapped_types.add(kind)
                _LOGGER.info("SinricPro device type %s is not supported yet", kind)
        return devices

    async def async_reread(self, device_ids: Collection[str]) -> dict[str, Device]:
        # One device is one call here; the whole list would be one too, but large.
        devices = {}
        for device_id in device_ids:
            if (device := await self._get_device(device_id)) is not None:
                devices[device_id] = device
        return devices

    async def _get_device(self, device_id: str) -> Device | None:
        try:
            # A read after a command: the user waits for it, ahead of polls.
            data = await self._call("GET", f"/api/v1/devices/{device_id}", urgent=True)
        except CommandRejected as err:
            if err.reason is Rejection.NOT_FOUND:
                return None
            raise
        raw = data.get("device")
        return self._parse(raw) if isinstance(raw, dict) else None

    def _parse(self, raw: dict[str, Any]) -> Device | None:
        device = parse_device(raw)
        if device is not None:
            self.energy.show(device)
            if steps_only(raw):
                self._stepping.add(device.id)
            else:
                self._stepping.discard(device.id)
        return device

    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        instance = instance_of(channel) if device.model_id == "CUSTOM" else None
        stepping = device.id in self._stepping
        for action, value in encode(device, channel, command, stepping=stepping):
            # The cloud wants `value` as a JSON string, not an object.
            body = {"type": "request", "action": action, "value": json.dumps(value)}
            if instance is not None:
                body["instanceId"] = instance
            await self._call("POST", f"/api/v1/devices/{device.id}/action", body)

    # -- event stream ------------------------------------------------------------------

    @property
    def supports_stream(self) -> bool:
        return True

    async def async_run_stream(self, listener: StreamListener) -> None:
        failures = 0
        refused = False
        while True:
            carried = False
            named_wait = 0.0
            try:
                # After a refused token, the API key decides: AuthError ends the stream.
                token = await (self._authenticate() if refused else self.access_token())
                url = self.sse_url if token else self.header_sse_url
                async with self._session.get(
                    f"{url}/sse/stream",
                    params={"accessToken": token} if token else None,
                    headers={"Accept": "text/event-stream", **self._signed(token)},
                    timeout=aiohttp.ClientTimeout(
                        total=None, sock_connect=REQUEST_TIMEOUT.total
                    ),
                ) as resp:
                    if resp.status == 401 and token is None:
                        raise AuthError("API key refused")
                    if resp.status == 401:
                        raise _TokenRefused("stream refused the token")
                    if resp.status != 200:
                        raise CloudUnreachable(f"stream answered HTTP {resp.status}")
                    refused = False
                    self._stream_changed(listener, True)
                    async with aclosing(
                        read_events(resp.content, STREAM_WATCHDOG)
                    ) as events:
                        async for payload in events:
                            carried = True
                            if payload is not HEARTBEAT and (
                                event := read_event(
                                    payload, listener.stream_devices(), self.energy
                                )
                            ):
                                listener.stream_event(event)
            except _TokenRefused:
                if not refused:
                    refused = True
                    continue
            except aiohttp.ClientError as err:
                # The URL holds the token: say what failed, never where.
                _LOGGER.debug("SinricPro event stream: %s", type(err).__name__)
            except CloudUnreachable as err:
                _LOGGER.debug("SinricPro event stream: %s", err)
            except RateLimited as err:
                # Signing in again was refused for now: wait as told, then go on.
                _LOGGER.debug("SinricPro event stream: sign-in %s", err)
                named_wait = err.retry_after or 0.0
            self._stream_changed(listener, False)
            failures = 0 if carried else failures + 1
            delay = backoff_delay(failures, BACKOFF_BASE, BACKOFF_MAX)
            await asyncio.sleep(max(delay, named_wait))

    def _stream_changed(self, listener: StreamListener, up: bool) -> None:
        if up == self.stream_up:
            return
        self.stream_up = up
        if up:
            _LOGGER.debug("SinricPro event stream open")
        else:
            _LOGGER.info("SinricPro event stream lost; reconnecting, polls meanwhile")
        listener.stream_connected(up)
