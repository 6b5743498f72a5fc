"""SwitchBot cloud client (API v1.0 and v1.1) and the device-type table it reads."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, date, datetime
import hashlib
import hmac
import logging
import math
import time
from typing import Any
import uuid

import aiohttp

from .client import CloudClient
from .errors import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    DeviceOffline,
    QuotaError,
    RateLimited,
)
from .http import fingerprint, request
from .model import Channel, Command, Device, Reading, SetPower, Vendor

_LOGGER = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.switch-bot.com"
DAILY_QUOTA = {"v1.0": 1000, "v1.1": 10000}
# Polls may spend this share of the daily quota; the rest is kept for commands.
POLL_SHARE = 0.7
# The device list is fetched again this often to find added and removed devices.
LIST_INTERVAL = 6 * 3600
MIN_POLL_INTERVAL = 60.0

STATUS_OK = 100
OFFLINE_CODES = {161, 171}  # device offline, hub offline
NO_HUB = "000000000000"

HUB_TYPES = {"Hub", "Hub Plus", "Hub Mini", "Hub 2"}
# deviceType → does it switch, and which status keys become which readings.
SWITCH_TYPES = {"Bot", "Plug", "Plug Mini (US)", "Plug Mini (JP)"}
_CLIMATE = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.BATTERY: "battery",
}
READINGS: dict[str, dict[Reading, str]] = {
    "Bot": {Reading.BATTERY: "battery"},
    "Meter": _CLIMATE,
    "MeterPlus": _CLIMATE,
    "Meter Plus": _CLIMATE,
    "WoIOSensor": _CLIMATE,
    "Hub 2": {Reading.TEMPERATURE: "temperature", Reading.HUMIDITY: "humidity"},
}
STATUS_TYPES = SWITCH_TYPES | set(READINGS)

MAIN = "main"


def _sign(token: str, secret: str) -> dict[str, str]:
    """Headers of a v1.1 request, signed as the document's Python sample does."""
    nonce = str(uuid.uuid4())
    stamp = str(round(time.time() * 1000))
    digest = hmac.new(
        secret.encode(), (token + stamp + nonce).encode(), hashlib.sha256
    ).digest()
    return {
        "Authorization": token,
        "sign": base64.b64encode(digest).decode(),
        "t": stamp,
        "nonce": nonce,
    }


def _number(value: Any) -> float | None:
    """A reading from a status body; the cloud sends numbers, sometimes as strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _power(value: Any) -> bool | None:
    """`power` arrives as "on"/"off" or "ON"/"OFF"."""
    if isinstance(value, str) and value.lower() in ("on", "off"):
        return value.lower() == "on"
    return None


class SwitchBotClient(CloudClient):
    """One SwitchBot account; v1.1 with a secret, v1.0 without."""

    vendor = Vendor.SWITCHBOT

    def __init__(
        self,
        session: aiohttp.ClientSession,
        token: str,
        secret: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
    ) -> None:
        self._session = session
        self._token = token
        self._secret = secret or None
        self._base_url = base_url.rstrip("/")
        self.api_version = "v1.1" if self._secret else "v1.0"
        self._listed: list[dict[str, Any]] = []
        self._listed_at = -math.inf
        self._devices: dict[str, Device] = {}
        self._last_success: date | None = None

    @property
    def account_id(self) -> str:
        return fingerprint("switchbot", self._token)

    @property
    def daily_quota(self) -> int:
        """Calls a day the cloud allows this API version."""
        return DAILY_QUOTA[self.api_version]

    def min_poll_interval(self, device_count: int) -> float:
        lists_a_day = 86400 / LIST_INTERVAL
        budget = self.daily_quota * POLL_SHARE - lists_a_day
        return max(MIN_POLL_INTERVAL, math.ceil(86400 * device_count / budget))

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        """Call the cloud and return the `body` of a statusCode 100 answer."""
        headers = (
            _sign(self._token, self._secret)
            if self._secret
            else {"Authorization": self._token}
        )
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf8"
        url = f"{self._base_url}/{self.api_version}{path}"
        resp = await request(self._session, method, url, headers=headers, body=body)
        if resp.status == 401:
            # The cloud answers 401 both for a bad token and for a spent quota:
            # credentials that worked earlier today point to the quota.
            if self._last_success == datetime.now(UTC).date():
                raise QuotaError("daily call quota spent")
            raise AuthError("token or secret refused")
        if resp.status == 429:
            raise RateLimited("HTTP 429")
        if resp.status != 200 or not isinstance(resp.data, dict):
            raise CloudUnreachable(f"HTTP {resp.status}")
        self._last_success = datetime.now(UTC).date()
        code = resp.data.get("statusCode")
        if code == STATUS_OK:
            return resp.data.get("body")
        message = str(resp.data.get("message", ""))
        if code in OFFLINE_CODES:
            raise DeviceOffline(message or str(code))
        raise CommandRejected(str(code), message)

    async def _device_list(self) -> list[dict[str, Any]]:
        if time.monotonic() - self._listed_at >= LIST_INTERVAL:
            body = await self._call("GET", "/devices")
            if not isinstance(body, dict) or not isinstance(
                body.get("deviceList"), list
            ):
                raise CloudUnreachable("device list of an unexpected shape")
            self._listed = [d for d in body["deviceList"] if isinstance(d, dict)]
            self._listed_at = time.monotonic()
        return self._listed

    async def async_get_devices(self) -> dict[str, Device]:
        listed = await self._device_list()
        known = {str(entry.get("deviceId")) for entry in listed}
        devices: dict[str, Device] = {}
        for entry in listed:
            device = self._device(entry, known)
            if device is not None:
                devices[device.id] = device
        polled = [d for d in devices.values() if d.model in STATUS_TYPES]
        results = await asyncio.gather(
            *(self._call("GET", f"/devices/{d.id}/status") for d in polled),
            return_exceptions=True,
        )
        for device, result in zip(polled, results, strict=True):
            self._apply_status(device, result)
        self._devices = devices
        return devices

    def _device(self, entry: dict[str, Any], known: set[str]) -> Device | None:
        device_id = str(entry.get("deviceId", ""))
        device_type = str(entry.get("deviceType", ""))
        if not device_id or (
            device_type not in STATUS_TYPES and device_type not in HUB_TYPES
        ):
            return None
        hub = (
            entry.get("hubDeviceId")
            if isinstance(entry.get("hubDeviceId"), str)
            else None
        )
        device = Device(
            id=device_id,
            name=str(entry.get("deviceName") or device_id),
            model=device_type,
            manufacturer="SwitchBot",
            via_device=hub if hub in known and hub != device_id else None,
        )
        if device_type in STATUS_TYPES:
            device.channels[MAIN] = Channel(
                key=MAIN,
                switchable=device_type in SWITCH_TYPES,
                readings=dict.fromkeys(READINGS.get(device_type, {})),
            )
        return device

    def _apply_status(self, device: Device, result: Any) -> None:
        if isinstance(result, DeviceOffline):
            device.online = False
            return
        if isinstance(result, BaseException) and not isinstance(
            result, CommandRejected
        ):
            # Transport faults and refused credentials fail the whole poll.
            raise result
        if not isinstance(result, dict):
            # A device the cloud cannot report on (e.g. 190) keeps its last
            # known state; the rest of the account goes on.
            _LOGGER.debug("Status of %s unavailable: %s", device.id, result)
            previous = self._devices.get(device.id)
            if previous is not None:
                device.channels = previous.channels
            return
        channel = device.channels[MAIN]
        if channel.switchable:
            channel.is_on = _power(result.get("power"))
        for reading, key in READINGS.get(device.model, {}).items():
            channel.readings[reading] = _number(result.get(key))
        if isinstance(result.get("version"), str):
            device.sw_version = result["version"]

    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        match command:
            case SetPower(on=on):
                name = "turnOn" if on else "turnOff"
        await self._call(
            "POST",
            f"/devices/{device.id}/commands",
            {"command": name, "parameter": "default", "commandType": "command"},
        )
