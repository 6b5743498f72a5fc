"""Shelly Cloud Control API v2 client: device state by id, switch commands, one call a second."""

from __future__ import annotations

from collections.abc import Collection, Mapping
import logging
import math
from typing import Any, Self

import aiohttp

from ..client import CloudClient, Setting, Settings
from ..commands import Command
from ..errors import AuthError, CloudUnreachable, RateLimited, UnknownDevices
from ..http import Response, fingerprint, request
from ..limiter import spacer_for
from ..model import Channel, Device, Vendor
from .batch import CommandBatcher, Pending
from .commands import encode, failure, set_error
from .fields import DEVICE, device_channel
from .settings import normalize_host
from .status import parse_device

_LOGGER = logging.getLogger(__name__)

CALL_INTERVAL = 1.0  # the document: "limited to 1 request/second"
IDS_PER_CALL = 10  # the document: "between 1 and 10" ids a get call
RATE_LIMIT_RETRIES = 3
DEFAULT_POLL_INTERVAL = 30.0
# A switched relay's power and current reach the cloud a moment after the
# command's answer; read those devices again then, not at the next poll.
REREAD_AFTER_COMMAND = 3.0


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
        self._batcher = CommandBatcher(self._send_one, self._send_groups, failure)

    @classmethod
    def from_settings(cls, session: aiohttp.ClientSession, settings: Settings) -> Self:
        return cls(
            session,
            settings[Setting.HOST],
            settings[Setting.AUTH_KEY],
            list(settings[Setting.DEVICE_IDS]),
        )

    @property
    def account_id(self) -> str:
        return fingerprint("shelly", self._auth_key)

    @property
    def chooses_devices(self) -> bool:
        # Control API v2 has no call that lists an account's devices.
        return True

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
            raise set_error(resp)

    async def _send_groups(self, body: dict[str, Any]) -> dict[str, str]:
        resp = await self._post("set/groups", body, urgent=True)
        if resp.status != 200:
            raise set_error(resp)
        failed = (
            resp.data.get("failedCommands") if isinstance(resp.data, dict) else None
        )
        return (
            {str(k): str(v) for k, v in failed.items()}
            if isinstance(failed, dict)
            else {}
        )
