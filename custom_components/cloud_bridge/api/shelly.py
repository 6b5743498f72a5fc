"""Shelly Cloud Control API v2 client: device state by id, switch commands, one call a second."""

from __future__ import annotations

from collections.abc import Collection, Mapping
import logging
import math
import re
from typing import Any

import aiohttp

from .client import CloudClient
from .commands import (
    CloseCover,
    Command,
    OpenCover,
    SetBrightness,
    SetColor,
    SetCoverPosition,
    SetPower,
    SetPowerFor,
    StopCover,
)
from .errors import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    DeviceOffline,
    RateLimited,
    Rejection,
    UnknownDevices,
)
from .http import Response, fingerprint, request
from .limiter import spacer_for
from .model import Channel, CoverTraits, Device, LightTraits, Vendor
from .shelly_batch import CommandBatcher, Pending
from .shelly_fields import DEVICE, device_channel
from .shelly_status import parse_device

_LOGGER = logging.getLogger(__name__)

CALL_INTERVAL = 1.0  # the document: "limited to 1 request/second"
IDS_PER_CALL = 10  # the document: "between 1 and 10" ids a get call
RATE_LIMIT_RETRIES = 3
DEFAULT_POLL_INTERVAL = 30.0
# A switched relay's power and current reach the cloud a moment after the
# command's answer; read those devices again then, not at the next poll.
REREAD_AFTER_COMMAND = 3.0

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


def normalize_host(host: str) -> str:
    """`shelly-42-eu.shelly.cloud` → `https://shelly-42-eu.shelly.cloud`; URLs stay."""
    host = host.strip().rstrip("/")
    return host if re.match(r"^https?://", host, re.IGNORECASE) else f"https://{host}"


def parse_device_ids(text: str) -> list[str]:
    """Ids separated by commas, spaces or newlines, without repeats, in order."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text) if part))


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
        case SetColor(rgb=(red, green, blue)) if kind == "light":
            return "set/light", {"on": True, "red": red, "green": green, "blue": blue}
        case SetCoverPosition(position=position) if kind == "cover":
            return "set/cover", {"position": position}
        case OpenCover() if kind == "cover":
            return "set/cover", {"position": "open"}
        case CloseCover() if kind == "cover":
            return "set/cover", {"position": "close"}
        case StopCover() if kind == "cover":
            return "set/cover", {"position": "stop"}
    raise CommandRejected("unsupported", type(command).__name__, Rejection.UNSUPPORTED)


def _is_rate_limited(resp: Response) -> bool:
    # Over the limit the cloud answers 429, or 401 with `max_req` in the body.
    return resp.status == 429 or (resp.status == 401 and "max_req" in resp.text)


class ShellyClient(CloudClient):
    """The devices of one Shelly Cloud account, by the ids the user gave."""

    vendor = Vendor.SHELLY

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        auth_key: str,
        device_ids: list[str],
    ) -> None:
        self._session = session
        self._base_url = normalize_host(host)
        self._auth_key = auth_key
        self.device_ids = device_ids
        self._spacer = spacer_for(
            fingerprint("shelly", self._base_url, auth_key), CALL_INTERVAL
        )
        self._missing: list[str] = []
        self._batcher = CommandBatcher(self._send_one, self._send_groups, _failure)

    @property
    def account_id(self) -> str:
        return fingerprint("shelly", self._auth_key)

    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        # Leave at least as many call slots for commands as polls take.
        calls = math.ceil(len(self.device_ids) / IDS_PER_CALL)
        return max(5.0, 2.0 * calls * CALL_INTERVAL)

    def default_poll_interval(self, devices: Mapping[str, Device]) -> float:
        return max(DEFAULT_POLL_INTERVAL, self.min_poll_interval(devices))

    async def _post(
        self, path: str, body: dict[str, Any], *, urgent: bool = False
    ) -> Response:
        url = f"{self._base_url}/v2/devices/api/{path}"
        for attempt in range(RATE_LIMIT_RETRIES):
            async with self._spacer.slot(urgent=urgent):
                resp = await request(
                    self._session,
                    "POST",
                    url,
                    params={"auth_key": self._auth_key},
                    headers={"Content-Type": "application/json"},
                    body=body,
                )
            if not _is_rate_limited(resp):
                break
            _LOGGER.debug("Shelly Cloud asked to slow down (try %s)", attempt + 1)
            self._spacer.hold_off(CALL_INTERVAL * (attempt + 1))
        else:
            raise RateLimited("Shelly Cloud kept answering max_req")
        if resp.status == 401:
            raise AuthError("auth_key refused")
        return resp

    async def _read(self, device_ids: list[str]) -> dict[str, Device]:
        """The devices the cloud answers for, up to IDS_PER_CALL ids a call."""
        devices: dict[str, Device] = {}
        for start in range(0, len(device_ids), IDS_PER_CALL):
            chunk = device_ids[start : start + IDS_PER_CALL]
            resp = await self._post(
                "get", {"ids": chunk, "select": ["status", "settings"]}
            )
            if resp.status != 200 or not isinstance(resp.data, list):
                raise CloudUnreachable(f"HTTP {resp.status}")
            for state in resp.data:
                device = parse_device(state) if isinstance(state, dict) else None
                if device is not None and device.id in chunk:
                    devices[device.id] = device
        return devices

    async def async_get_devices(self) -> dict[str, Device]:
        devices = await self._read(self.device_ids)
        self._missing = [d for d in self.device_ids if d not in devices]
        for device_id in self._missing:
            # Kept, unavailable, so its entities stay until the user removes the id.
            devices[device_id] = Device(
                id=device_id,
                name=device_id,
                model="Shelly",
                manufacturer="Shelly",
                online=False,
                channels={DEVICE: device_channel({}, online=False)},
            )
        return devices

    @property
    def reread_after_command(self) -> float:
        return REREAD_AFTER_COMMAND

    async def async_reread(self, device_ids: Collection[str]) -> dict[str, Device]:
        return await self._read([d for d in self.device_ids if d in device_ids])

    @property
    def missing_devices(self) -> list[str]:
        """Configured ids the cloud did not answer for at the last poll."""
        return self._missing

    async def async_discover(self) -> list[str]:
        """The account's device ids, from the older v1 `/device/all_status` call.

        A convenience only: the call is deprecated and may go away, so an
        empty list (not an error) is the answer when it does not work.
        """
        try:
            async with self._spacer.slot(urgent=True):
                resp = await request(
                    self._session,
                    "POST",
                    f"{self._base_url}/device/all_status",
                    params={"auth_key": self._auth_key},
                )
        except CloudUnreachable:
            return []
        data = resp.data.get("data") if isinstance(resp.data, dict) else None
        found = data.get("devices_status") if isinstance(data, dict) else None
        return sorted(found) if resp.status == 200 and isinstance(found, dict) else []

    async def async_validate(self) -> None:
        """Raise UnknownDevices naming every id the cloud does not know."""
        await self.async_get_devices()
        if self._missing:
            raise UnknownDevices(self._missing)

    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        path, body = encode(channel, command)
        await self._batcher.submit(
            Pending(path.removeprefix("set/"), device.id, channel.index or 0, body)
        )

    async def _send_one(self, item: Pending) -> None:
        body = {"id": item.device_id, "channel": item.channel, **item.command}
        resp = await self._post(f"set/{item.kind}", body, urgent=True)
        if resp.status != 200:
            raise _set_error(resp)

    async def _send_groups(self, body: dict[str, Any]) -> dict[str, str]:
        resp = await self._post("set/groups", body, urgent=True)
        if resp.status != 200:
            raise _set_error(resp)
        failed = (
            resp.data.get("failedCommands") if isinstance(resp.data, dict) else None
        )
        return (
            {str(k): str(v) for k, v in failed.items()}
            if isinstance(failed, dict)
            else {}
        )


def _failure(error: str, message: str = "") -> Exception:
    """The error for one of the document's error strings."""
    if error in OFFLINE_ERRORS:
        return DeviceOffline(message or error)
    return CommandRejected(error, message, REJECTIONS.get(error, Rejection.FAILED))


def _set_error(resp: Response) -> Exception:
    """The error a failed set call answered with."""
    data = resp.data if isinstance(resp.data, dict) else {}
    error = data.get("error")
    if not isinstance(error, str):
        return CloudUnreachable(f"HTTP {resp.status}")
    details = data.get("data")
    messages = details.get("messages") if isinstance(details, dict) else None
    message = "; ".join(map(str, messages)) if isinstance(messages, list) else ""
    return _failure(error, message)
