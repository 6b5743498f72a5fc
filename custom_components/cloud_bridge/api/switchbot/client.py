"""SwitchBot cloud client (API v1.0 and v1.1): quota, device list, status, commands, webhooks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
import logging
import math
import time
from typing import Any, ClassVar, Self
from urllib.parse import quote

import aiohttp

from ..client import CloudClient, Setting, Settings
from ..commands import Command
from ..errors import (
    CloudUnreachable,
    CommandRejected,
    DeviceOffline,
    Rejection,
)
from ..features import DeferredCommand, Passcode, PushEvent, Scene
from ..http import fingerprint, request
from ..limiter import spacer_for
from ..model import Channel, Device, Vendor
from .calls import DAILY_QUOTA, check_reply, headers, read_body
from .covers import cover_motion
from .devices import HUB_TYPES, PRODUCT_NAMES, PROFILES
from .ir import encode_ir, record_sent, remote_device
from .keypad import encode_key_command, passcodes
from .profile import MAIN, refresh_channels, reports_offline
from .webhook import apply_event, names_unknown_device

_LOGGER = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.switch-bot.com"
# Polls may spend this share of the daily quota; the rest is kept for commands.
POLL_SHARE = 0.7
# The device list is fetched again this often to find added and removed devices.
LIST_INTERVAL = 6 * 3600
# An event about a device not on the list (one just added in the app) brings
# the next poll's list call forward, at most once in this many seconds.
EARLY_LIST_INTERVAL = 3600
MIN_POLL_INTERVAL = 60.0
# A poll's status calls leave at most two a second, not all in the same one.
STATUS_SPACING = 0.5


class SwitchBotClient(CloudClient):
    """One SwitchBot account; v1.1 with a secret, v1.0 without."""

    vendor = Vendor.SWITCHBOT
    default_addresses: ClassVar[Mapping[str, str]] = {"default_url": DEFAULT_BASE_URL}

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
        self._listed_remotes: list[dict[str, Any]] = []
        # IR remotes report nothing: their Devices (and what we sent) live on.
        self._remotes: dict[str, Device] = {}
        self._listed_at = -math.inf
        self._listed_early_at = -math.inf
        self._devices: dict[str, Device] = {}
        # Per device: every field its status calls and events have reported.
        self._bodies: dict[str, dict[str, Any]] = {}
        # Per device: when the newest event applied was sampled (the cloud's clock).
        self._samples: dict[str, int] = {}
        self._last_success: date | None = None
        self.unmapped_types: set[str] = set()
        self.unpushed_changes = 0
        self._spacer = spacer_for(fingerprint("switchbot", token), STATUS_SPACING)

    @classmethod
    def from_settings(cls, session: aiohttp.ClientSession, settings: Settings) -> Self:
        return cls(
            session,
            settings[Setting.API_TOKEN],
            settings.get(Setting.API_SECRET) or None,
            settings.get(Setting.BASE_URL) or DEFAULT_BASE_URL,
        )

    @property
    def account_id(self) -> str:
        return fingerprint("switchbot", self._token)

    @property
    def daily_quota(self) -> int:
        """Calls a day the cloud allows this API version."""
        return DAILY_QUOTA[self.api_version]

    def min_poll_interval(self, devices: Mapping[str, Device]) -> float:
        # Only devices with a status call cost calls; remotes and hubs do not.
        device_count = self._polled_count(devices)
        lists_a_day = 86400 / LIST_INTERVAL
        budget = self.daily_quota * POLL_SHARE - lists_a_day
        # Polls come whole: a UTC day holds up to one more poll than
        # 86,400 / interval, so leave room for it.
        polls = math.floor(budget / max(device_count, 1))
        if polls <= 1:
            return 86400.0
        return max(MIN_POLL_INTERVAL, math.ceil(86400 / (polls - 1)))

    def _polled_count(self, devices: Mapping[str, Device]) -> int:
        return sum(
            1
            for d in devices.values()
            if d.model_id in PROFILES
            and PROFILES[d.model_id].polled
            and d.id not in self._remotes
        )

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        """Call the cloud and return the `body` of a statusCode 100 answer."""
        url = f"{self._base_url}/{self.api_version}{path}"
        resp = await request(
            self._session,
            method,
            url,
            headers=headers(self._token, self._secret, with_body=body is not None),
            body=body,
        )
        today = datetime.now(UTC).date()
        reply = check_reply(resp, worked_today=self._last_success == today)
        self._last_success = today
        return read_body(reply)

    async def _device_list(self) -> list[dict[str, Any]]:
        if time.monotonic() - self._listed_at >= LIST_INTERVAL:
            body = await self._call("GET", "/devices")
            if not isinstance(body, dict) or not isinstance(
                body.get("deviceList"), list
            ):
                raise CloudUnreachable("device list of an unexpected shape")
            self._listed = [d for d in body["deviceList"] if isinstance(d, dict)]
            remotes = body.get("infraredRemoteList")
            self._listed_remotes = (
                [r for r in remotes if isinstance(r, dict)]
                if isinstance(remotes, list)
                else []
            )
            self._listed_at = time.monotonic()
        return self._listed

    async def async_get_devices(self) -> dict[str, Device]:
        listed = await self._device_list()
        known = {str(entry.get("deviceId")) for entry in listed}
        devices = {
            device.id: device
            for entry in listed
            if (device := self._device(entry, known)) is not None
        }
        polled = [
            d
            for d in devices.values()
            if d.model_id in PROFILES and PROFILES[d.model_id].polled
        ]
        self.unpushed_changes = 0
        for device in polled:
            try:
                result = await self._status(device.id)
            except DeviceOffline:
                device.online = False
                continue
            except CommandRejected as err:
                # A device the cloud cannot report on (e.g. 190) keeps its last
                # known state; the rest of the account goes on. Transport
                # faults and refused credentials fail the whole poll.
                _LOGGER.debug("No status for %s: %s", device.id, err)
                continue
            if isinstance(result, dict):
                self._merge_status(device, result)
        self._remotes = {
            remote.id: remote
            for entry in self._listed_remotes
            if (
                remote := remote_device(
                    entry, known, self._remotes.get(str(entry.get("deviceId")))
                )
            )
            is not None
        }
        devices.update(self._remotes)
        self._devices = devices
        return devices

    async def _status(self, device_id: str) -> Any:
        """One status call, spaced from the account's others (commands go unspaced)."""
        async with self._spacer.slot():
            return await self._call("GET", f"/devices/{device_id}/status")

    def _merge_status(self, device: Device, status: dict[str, Any]) -> None:
        """Merge a status body into what is known; count changes no push announced."""
        known = self._bodies.setdefault(device.id, {})
        pushed = PROFILES[device.model_id].pushed
        if known and any(
            key in known and known[key] != value
            for key, value in status.items()
            if key in pushed
        ):
            self.unpushed_changes += 1
        known.update(status)
        self._refresh(device)

    def _device(self, entry: dict[str, Any], known: set[str]) -> Device | None:
        device_id = str(entry.get("deviceId", ""))
        device_type = str(entry.get("deviceType", ""))
        profile = PROFILES.get(device_type)
        if not device_id:
            return None
        if profile is None and device_type not in HUB_TYPES:
            # Still a device (and perhaps the hub others sit behind): an
            # entry without entities until a profile for its type exists.
            self._unmapped(device_type)
        hub = entry.get("hubDeviceId")
        device = Device(
            id=device_id,
            name=str(entry.get("deviceName") or device_id),
            model=PRODUCT_NAMES.get(device_type, device_type),
            model_id=device_type,
            manufacturer="SwitchBot",
            via_device=hub
            if isinstance(hub, str) and hub in known and hub != device_id
            else None,
        )
        if profile is not None:
            device.channels[MAIN] = profile.build()
            if (previous := self._devices.get(device_id)) is not None:
                # What the device does not report (a volume) is what was last
                # set: it lives on from poll to poll.
                device.channels.update(
                    (k, c) for k, c in previous.channels.items() if c.assumed
                )
            self._refresh(device)
        return device

    def _unmapped(self, device_type: str) -> None:
        if device_type not in self.unmapped_types:
            self.unmapped_types.add(device_type)
            _LOGGER.info(
                "SwitchBot device type %.60r is not mapped yet: it gets a device "
                "entry without entities",
                device_type,
            )

    def diagnostics(self) -> dict[str, Any]:
        return {
            "api_version": self.api_version,
            "unmapped_types": sorted(self.unmapped_types),
        }

    def _refresh(self, device: Device) -> None:
        """Read everything known of the device (status and events) into its channels."""
        body = self._bodies.get(device.id)
        if body is None or MAIN not in device.channels:
            return
        refresh_channels(PROFILES[device.model_id], device, body)
        if isinstance(body.get("version"), str):
            device.sw_version = body["version"]
        # Robots, relays and lamps report their own link to the cloud.
        if reports_offline(body):
            device.online = False

    async def async_execute(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        if device.id in self._remotes:
            await self._execute_ir(device, channel, command)
            return
        profile = PROFILES.get(device.model_id)
        encoded = (
            profile.encode(channel, command, self._bodies.get(device.id, {}))
            if profile
            else None
        )
        if encoded is None:
            raise CommandRejected(
                "unsupported", f"{device.model_id}: {command}", Rejection.UNSUPPORTED
            )
        name, parameter = encoded
        await self._call(
            "POST",
            f"/devices/{device.id}/commands",
            {"command": name, "parameter": parameter, "commandType": "command"},
        )
        cover_motion(channel, command)

    async def _execute_ir(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        call = encode_ir(device, channel, command)
        if call is None:
            raise CommandRejected(
                "unsupported", f"{device.model_id}: {command}", Rejection.UNSUPPORTED
            )
        name, parameter, command_type = call
        await self._call(
            "POST",
            f"/devices/{device.id}/commands",
            {"command": name, "parameter": parameter, "commandType": command_type},
        )
        record_sent(device, call)

    # -- scenes, keypad passcodes, webhook ------------------------------------

    async def async_get_scenes(self) -> list[Scene]:
        body = await self._call("GET", "/scenes")
        if not isinstance(body, list):
            raise CloudUnreachable("scene list of an unexpected shape")
        return [
            Scene(
                str(entry["sceneId"]), str(entry.get("sceneName") or entry["sceneId"])
            )
            for entry in body
            if isinstance(entry, dict) and entry.get("sceneId")
        ]

    async def async_activate_scene(self, scene_id: str) -> None:
        await self._call("POST", f"/scenes/{quote(scene_id, safe='')}/execute")

    async def async_send_deferred(
        self, device: Device, channel: Channel, command: DeferredCommand
    ) -> str:
        name, parameter = encode_key_command(command)
        body = await self._call(
            "POST",
            f"/devices/{device.id}/commands",
            {"command": name, "parameter": parameter, "commandType": "command"},
        )
        command_id = body.get("commandId") if isinstance(body, dict) else None
        if not isinstance(command_id, str) or not command_id:
            raise CloudUnreachable("no commandId in the answer")
        return command_id

    def passcodes(self, device_id: str) -> list[Passcode]:
        entry = next((d for d in self._listed if d.get("deviceId") == device_id), None)
        return [] if entry is None else passcodes(entry)

    @property
    def supports_webhook(self) -> bool:
        # The webhook calls exist in v1.1 only; v1.0 accounts are polled.
        return self.api_version == "v1.1"

    async def async_webhook_urls(self) -> list[str]:
        body = await self._call("POST", "/webhook/queryWebhook", {"action": "queryUrl"})
        urls = body.get("urls") if isinstance(body, dict) else None
        if not isinstance(urls, list):
            raise CloudUnreachable("webhook query of an unexpected shape")
        return [url for url in urls if isinstance(url, str) and url]

    async def async_set_webhook(self, url: str) -> None:
        await self._call(
            "POST",
            "/webhook/setupWebhook",
            {"action": "setupWebhook", "url": url, "deviceList": "ALL"},
        )

    async def async_delete_webhook(self, url: str) -> None:
        await self._call(
            "POST", "/webhook/deleteWebhook", {"action": "deleteWebhook", "url": url}
        )

    def apply_webhook(
        self, payload: Any, devices: Mapping[str, Device]
    ) -> PushEvent | None:
        event = apply_event(payload, devices, self._bodies, self._samples)
        if event is None and names_unknown_device(payload, devices):
            self._list_at_next_poll()
        return event

    def _list_at_next_poll(self) -> None:
        now = time.monotonic()
        if now - self._listed_early_at >= EARLY_LIST_INTERVAL:
            _LOGGER.debug("An event names a device not on the list: list again")
            self._listed_early_at = now
            self._listed_at = -math.inf
