"""SinricPro REST client: API key → access token, device list, actions."""

from __future__ import annotations

from collections.abc import Mapping
import json
import logging
import time
from typing import Any

import aiohttp

from .client import CloudClient
from .commands import Command, SetPower
from .errors import AuthError, CloudUnreachable, CommandRejected, RateLimited
from .http import Response, fingerprint, request
from .model import Channel, Device, Reading, SwitchTraits, Vendor

_LOGGER = logging.getLogger(__name__)

DEFAULT_REST_URL = "https://api.sinric.pro"
DEFAULT_SSE_URL = "https://portal.sinric.pro"
# Renew this long before the token's stated expiry, so no call meets a dead token.
TOKEN_MARGIN = 300.0
DEFAULT_POLL_INTERVAL = 60.0
MIN_POLL_INTERVAL = 30.0

TYPE_PREFIX = "sinric.devices.types."
MAIN = "main"
# product.code suffix → does it switch, and which device fields are readings.
SWITCH_TYPES = {"SWITCH"}
READINGS: dict[str, dict[Reading, str]] = {
    "TEMPERATURESENSOR": {
        Reading.TEMPERATURE: "temperature",
        Reading.HUMIDITY: "humidity",
    },
}
# Readings that only exist when the device has ever reported them.
OPTIONAL_READINGS = {Reading.HUMIDITY}


def _device_type(raw: dict[str, Any]) -> str:
    product = raw.get("product")
    code = product.get("code") if isinstance(product, dict) else None
    return code.removeprefix(TYPE_PREFIX) if isinstance(code, str) else ""


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def parse_device(raw: dict[str, Any]) -> Device | None:
    """One device of `GET /api/v1/devices`; None for a type we do not map."""
    device_id = raw.get("id")
    device_type = _device_type(raw)
    if not isinstance(device_id, str) or not (
        device_type in SWITCH_TYPES or device_type in READINGS
    ):
        return None
    channel = Channel(
        key=MAIN, traits=SwitchTraits() if device_type in SWITCH_TYPES else None
    )
    if channel.switchable:
        state = raw.get("powerState")
        channel.is_on = state.lower() == "on" if isinstance(state, str) else None
    for reading, field in READINGS.get(device_type, {}).items():
        if field in raw or reading not in OPTIONAL_READINGS:
            channel.readings[reading] = _num(raw.get(field))
    return Device(
        id=device_id,
        name=str(raw.get("name") or device_id),
        model=device_type,
        manufacturer="SinricPro",
        online=raw.get("isOnline") is not False,
        channels={MAIN: channel},
    )


class SinricProClient(CloudClient):
    """One SinricPro account, reached with an API key."""

    vendor = Vendor.SINRICPRO

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
        self._token: str | None = None
        self._token_expiry = 0.0
        self.unmapped_types: set[str] = set()

    @property
    def account_id(self) -> str:
        return fingerprint("sinricpro", self._api_key)

    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        return MIN_POLL_INTERVAL

    def default_poll_interval(self, devices: Mapping[str, Device]) -> float:
        return DEFAULT_POLL_INTERVAL

    async def _authenticate(self) -> str:
        resp = await request(
            self._session,
            "POST",
            f"{self.rest_url}/api/v1/auth",
            headers={"x-sinric-api-key": self._api_key},
        )
        if resp.status in (401, 403):
            raise AuthError("API key refused")
        data = resp.data if isinstance(resp.data, dict) else {}
        token = data.get("accessToken")
        if resp.status != 200 or not isinstance(token, str) or not token:
            raise CloudUnreachable(f"auth answered HTTP {resp.status}")
        lifetime = _num(data.get("expiresIn")) or 3600.0
        self._token = token
        self._token_expiry = time.monotonic() + max(lifetime - TOKEN_MARGIN, 0.0)
        return token

    async def access_token(self) -> str:
        """A token that is good for a while yet, fetched anew when needed."""
        if self._token is None or time.monotonic() >= self._token_expiry:
            return await self._authenticate()
        return self._token

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        resp = await self._send(method, path, body, await self.access_token())
        if resp.status == 401:
            # A token that was good has expired or been revoked: the API key
            # decides whether this is a reauth case.
            _LOGGER.debug("SinricPro refused the access token; authenticating again")
            resp = await self._send(method, path, body, await self._authenticate())
        if resp.status == 429:
            raise RateLimited("HTTP 429")
        data = resp.data if isinstance(resp.data, dict) else None
        if data is None or resp.status >= 500 or resp.status == 401:
            raise CloudUnreachable(f"HTTP {resp.status}")
        if resp.status != 200 or data.get("success") is not True:
            raise CommandRejected(str(resp.status), str(data.get("message", "")))
        return data

    async def _send(self, method: str, path: str, body: Any, token: str) -> Response:
        headers = {"Authorization": f"Bearer {token}"}
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
            device = parse_device(raw)
            if device is not None:
                devices[device.id] = device
            elif (kind := _device_type(raw)) not in self.unmapped_types:
                self.unmapped_types.add(kind)
                _LOGGER.info("SinricPro device type %s is not supported yet", kind)
        return devices

    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        match command:
            case SetPower(on=on):
                action, value = "setPowerState", {"state": "On" if on else "Off"}
        await self._call(
            "POST",
            f"/api/v1/devices/{device.id}/action",
            # The cloud wants `value` as a JSON string, not an object.
            {"type": "request", "action": action, "value": json.dumps(value)},
        )
