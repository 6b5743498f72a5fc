"""Shelly Cloud Control API v2 client: device state by id, commands, discovery, one call a second."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import fields
from functools import partial
import logging
import math
import time
from typing import Any, Self

import aiohttp

from ..client import CloudClient, FoundDevice, Setting, Settings, StreamListener
from ..commands import Command
from ..errors import AuthError, CloudUnreachable, RateLimited, UnknownDevices
from ..features import ChannelEvent, DeviceChanged, PressKind, PushEvent
from ..http import Response, fingerprint, request
from ..limiter import spacer_for
from ..model import Channel, Device, PressTraits, Vendor
from .batch import CommandBatcher, Pending
from .commands import encode, failure, set_error
from .discovery import async_discover
from .fields import DEVICE, device_channel
from .oauth import ShellySignIn
from .push import PushState, async_hold_socket, read_frame
from .pushed_states import PushedStates
from .settings import normalize_host
from .status import on_mains, parse_device

_LOGGER = logging.getLogger(__name__)

CALL_INTERVAL = 1.0  # the document: "limited to 1 request/second"
IDS_PER_CALL = 10  # the document: "between 1 and 10" ids a get call
RATE_LIMIT_RETRIES = 3
DEFAULT_POLL_INTERVAL = 30.0
# A switched relay's power and current reach the cloud a moment after the
# command's answer; read those devices again then, not at the next poll.
REREAD_AFTER_COMMAND = 3.0
# While the socket pushes a device's changes, a poll reads it this seldom,
# for what a push may have missed.
PUSHED_READ_INTERVAL = 1800.0


def _is_rate_limited(resp: Response) -> bool:
    # Over the limit the cloud answers 429, or 401 with `max_req` in the body.
    return resp.status == 429 or (resp.status == 401 and "max_req" in resp.text)


class ShellyClient(CloudClient):
    """The devices of one Shelly Cloud account, by the ids the user gave."""

    vendor = Vendor.SHELLY
    # Control API v2 has no call that lists an account's devices.
    chooses_devices = True
    sign_in = ShellySignIn()

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        auth_key: str,
        device_ids: list[str],
        *,
        signed_in: bool = False,
    ) -> None:
        self._session = session
        self._base_url = normalize_host(host)
        self._auth_key = auth_key
        self.device_ids = device_ids
        self._spacer = spacer_for(
            fingerprint("shelly", self._base_url, auth_key), CALL_INTERVAL
        )
        self._missing: list[str] = []
        # The last state of each device: what a sleeping one keeps, what a
        # button's press count is compared with.
        self._last: dict[str, Device] = {}
        self._events: list[PushEvent] = []
        self.unmapped: dict[str, list[str]] = {}
        self._batcher = CommandBatcher(self._send_one, self._send_groups, failure)
        # Push: each device's state as last read or pushed, which deltas merge into.
        self._signed_in = signed_in
        self._states = PushedStates()
        self.push = PushState()
        self._pushed_read_at = -math.inf

    @classmethod
    def from_settings(cls, session: aiohttp.ClientSession, settings: Settings) -> Self:
        return cls(
            session,
            settings[Setting.HOST],
            settings[Setting.AUTH_KEY],
            list(settings[Setting.DEVICE_IDS]),
            signed_in=bool(settings.get(Setting.SIGN_IN_TOKEN)),
        )

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
        return await self._call(
            f"/v2/devices/api/{path}",
            urgent=urgent,
            params={"auth_key": self._auth_key},
            headers={"Content-Type": "application/json"},
            body=body,
        )

    async def _post_form(self, path: str, *, urgent: bool) -> Response:
        # The older v1 calls take the key as a form field.
        return await self._call(path, urgent=urgent, form={"auth_key": self._auth_key})

    async def _call(self, path: str, *, urgent: bool, **send: Any) -> Response:
        url = f"{self._base_url}{path}"
        for attempt in range(RATE_LIMIT_RETRIES):
            async with self._spacer.slot(urgent=urgent):
                resp = await request(self._session, "POST", url, **send)
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
            sent = time.monotonic()
            resp = await self._post(
                "get", {"ids": chunk, "select": ["status", "settings"]}
            )
            if resp.status != 200 or not isinstance(resp.data, list):
                raise CloudUnreachable(f"HTTP {resp.status}")
            for state in resp.data:
                parsed = parse_device(state) if isinstance(state, dict) else None
                if parsed is not None and parsed.device.id in chunk:
                    parsed = parse_device(self._states.read(state, sent)) or parsed
                    devices[parsed.device.id] = self._settle(parsed.device)
                    self._note_unmapped(parsed.device.id, parsed.unmapped)
        return devices

    def _note_unmapped(self, device_id: str, parts: list[str]) -> None:
        if parts and parts != self.unmapped.get(device_id):
            _LOGGER.info(
                "Shelly device %s reports parts Cloud Bridge does not map yet: %s",
                device_id,
                ", ".join(parts),
            )
        if parts:
            self.unmapped[device_id] = parts
        else:
            self.unmapped.pop(device_id, None)

    def _settle(self, device: Device) -> Device:
        """The device as read, with what it said before where it says nothing now."""
        last = self._last.get(device.id)
        if last is not None:
            # Asleep, the cloud may answer with no status at all.
            device.sleeps = device.sleeps or (last.sleeps and not on_mains(device))
            if device.sleeps and not device.online:
                _carry_over(last, device)
            self._count_presses(last, device)
        self._last[device.id] = device
        return device

    def _count_presses(self, last: Device, device: Device) -> None:
        for key, channel in device.channels.items():
            before = last.channels.get(key)
            now = channel.traits
            if (
                isinstance(now, PressTraits)
                and before is not None
                and isinstance(before.traits, PressTraits)
                and _pressed(before.traits.presses, now.presses)
            ):
                # Presses between two polls show as one: the device keeps only the last.
                self._events.append(
                    ChannelEvent(device.id, key, now.last or PressKind.SINGLE)
                )

    def take_events(self) -> list[PushEvent]:
        events, self._events = self._events, []
        return events

    async def async_get_devices(self) -> dict[str, Device]:
        ids = self._to_poll()
        devices = await self._read(ids)
        if self.push.up and ids == self.device_ids:
            # Set once the read worked: a failed one is tried at the next poll.
            self._pushed_read_at = time.monotonic()
        for device_id in self.device_ids:
            if device_id not in ids and device_id in self._last:
                devices[device_id] = self._last[device_id]
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

    def _to_poll(self) -> list[str]:
        """Every device, but those the socket pushes only now and then."""
        if not self.push.up:
            self._pushed_read_at = -math.inf
        if time.monotonic() - self._pushed_read_at >= PUSHED_READ_INTERVAL:
            return self.device_ids
        return [d for d in self.device_ids if d not in self.push.pushed]

    @property
    def push_covers_all(self) -> bool:
        return all(device_id in self.push.pushed for device_id in self.device_ids)

    @property
    def supports_stream(self) -> bool:
        return self._signed_in

    async def async_run_stream(self, listener: StreamListener) -> None:
        def changed(up: bool) -> None:
            if up == self.push.up:
                return
            self.push.up = up
            if up:
                self.push.since = time.time()
                self.push.opened += 1
            _LOGGER.debug("Shelly push %s", "open" if up else "closed")
            listener.stream_connected(up)

        await async_hold_socket(
            self._session,
            listener,
            partial(self._on_frame, listener),
            changed,
        )

    def _on_frame(self, listener: StreamListener, text: str) -> None:
        """Merge one frame into its device's state and tell the listener."""
        frame = read_frame(text)
        state = self._states.push(frame) if frame else None
        if frame is None or state is None:
            self.push.skipped += 1
            return
        self.push.events += 1
        self.push.pushed.add(frame.device_id)
        parsed = parse_device(state)
        current = listener.stream_devices().get(frame.device_id)
        if parsed is None or current is None:
            return
        held = self._last.get(frame.device_id)
        device = self._settle(parsed.device)
        # In place: entities and the snapshot hold this very device, and so
        # may a poll under way, which would otherwise bring back the old one.
        for target in {id(current): current, id(held): held}.values():
            if target is not None:
                for item in fields(device):
                    setattr(target, item.name, getattr(device, item.name))
        self._last[frame.device_id] = current
        listener.stream_event(DeviceChanged(frame.device_id))
        for event in self.take_events():
            listener.stream_event(event)

    @property
    def reread_after_command(self) -> float:
        return REREAD_AFTER_COMMAND

    async def async_reread(self, device_ids: Collection[str]) -> dict[str, Device]:
        return await self._read([d for d in self.device_ids if d in device_ids])

    @property
    def missing_devices(self) -> list[str]:
        """Configured ids the cloud did not answer for at the last poll."""
        return self._missing

    async def async_discover(self, *, waited_for: bool = True) -> list[FoundDevice]:
        return await async_discover(partial(self._post_form, urgent=waited_for))

    def diagnostics(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "unmapped_components": dict(sorted(self.unmapped.items()))
        }
        if self._signed_in:
            found["push"] = self.push.as_dict()
        return found

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


def _pressed(before: int | None, now: int | None) -> bool:
    """Whether a press count moved: up, or down to a new count after a restart."""
    if before is None or now is None:
        return False
    return now > before or 0 < now < before


def _fill[K, V](now: dict[K, V], then: dict[K, V]) -> None:
    """Give `now` the entries of `then` that it lacks."""
    for key, value in then.items():
        now.setdefault(key, value)


def _carry_over(last: Device, device: Device) -> None:
    """A sleeping device's last readings stand where its status now says nothing.

    Only what the status leaves out is carried over: a value it reports as
    null or invalid stays unknown.
    """
    for key, before in last.channels.items():
        channel = device.channels.get(key)
        if channel is None:
            device.channels[key] = before
            continue
        _fill(channel.readings, before.readings)
        _fill(channel.flags, before.flags)
        _fill(channel.texts, before.texts)
    device.via_device = device.via_device or last.via_device
    if device.report_by is None:
        device.report_by = last.report_by
