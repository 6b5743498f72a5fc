"""Simulated Shelly Cloud Control API v2 (plus the deprecated v1 all_status) for tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import contextlib
import copy
import time
from typing import Any

from aiohttp import web

from ..base import JsonDict, SimulatedCloud, read_json
from .devices import (
    LIGHT_FIELDS,
    ShellyDevice,
    ShellyError,
    bad_request,
    set_cover,
    set_light,
    set_switch,
)
from .realtime import ShellyRealtime

MAX_IDS = 10
_SELECTABLE = ("status", "settings")
_LIGHT_RANGES = {"brightness": 100, "red": 255, "green": 255, "blue": 255, "white": 255,
                 "gain": 100, "temperature": 7000}
# The current v2 document: set/light takes 2700-7000 K, set/groups 2500-7000 K.
_KELVIN_LOW = {"single": 2700, "group": 2500}
# A group reports failures with its own, smaller vocabulary of error strings.
_GROUP_ERRORS = {
    "DEVICE_OFFLINE": "DEVICE_FAILED_COMMAND",
    "DEVICE_INVALID_MODE": "DEVICE_UNSUPPORTED_COMMAND",
    "DEVICE_INVALID_CHANNEL": "BAD_REQUEST",
}
Apply = Callable[[ShellyDevice, int], None]


def _error(status: int, error: str, *messages: str) -> web.Response:
    return web.json_response({"error": error, "data": {"messages": list(messages)}},
                             status=status)


def _number(payload: JsonDict, key: str, high: float | None = None) -> float | None:
    value = payload.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_request(f"{key} must be a number")
    if value < 0 or (high is not None and value > high):
        raise bad_request(f"{key} is out of range")
    return float(value)


def _channel(payload: JsonDict) -> int:
    value = payload.get("channel", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad_request("channel must be a non-negative integer")
    channel: int = value
    return channel


def _device_id(payload: JsonDict) -> str:
    value = payload.get("id")
    if not isinstance(value, str) or not value:
        raise bad_request("id is required")
    return value


class ShellyCloud(SimulatedCloud):
    """A Shelly cloud account: auth_key in the query string, 1 request/second."""

    def __init__(self, auth_key: str) -> None:
        super().__init__()
        self.auth_key = auth_key
        self.min_interval: float = 1.0
        self.rate_limit_style: str = "429"
        self.rate_limit_violations = 0
        self.empty_set_body = True
        # The document says failedCommands ids are decimal; False echoes them as sent.
        self.group_ids_decimal = True
        self.devices: dict[str, ShellyDevice] = {}
        # How the older listing calls answer: "ok", "refused" (isok false, as for
        # accounts Shelly no longer offers them to) or "gone" (404).
        self.discovery = "ok"
        self.discovery_calls = 0
        self._last_accepted: dict[str, float] = {}
        self._timers: list[asyncio.TimerHandle] = []
        router = self.app.router
        router.add_post("/v2/devices/api/get", self._get)
        router.add_post("/v2/devices/api/set/switch", self._set_switch)
        router.add_post("/v2/devices/api/set/cover", self._set_cover)
        router.add_post("/v2/devices/api/set/light", self._set_light)
        router.add_post("/v2/devices/api/set/groups", self._set_groups)
        # The older v1 call; kept only because it can list an account's devices.
        router.add_post("/device/all_status", self._all_status)
        router.add_post("/interface/device/list", self._device_list)
        # The sign-in and socket of Real Time Events.
        self.realtime = ShellyRealtime(self)

    # -- test-facing state --------------------------------------------------------------

    def add(self, device: ShellyDevice) -> ShellyDevice:
        """Add a device built by one of the factories in devices.py."""
        self.devices[device.id] = device
        return device

    def add_device(
        self,
        device_id: str,
        *,
        gen: str,
        type: str,
        code: str,
        status: JsonDict,
        settings: JsonDict | None = None,
        online: bool = True,
    ) -> ShellyDevice:
        """Add a device with explicit shapes (see vendor-notes for G1/G2 keys)."""
        return self.add(ShellyDevice(device_id, gen, type, code, copy.deepcopy(status),
                                     copy.deepcopy(settings or {}), online))

    def set_online(self, device_id: str, online: bool = True) -> None:
        """Mark a device online (1) or offline (0)."""
        self.devices[device_id].online = online

    def reset_rate_limit(self) -> None:
        """Forget the last accepted request so the next one is never throttled."""
        self._last_accepted.clear()

    async def _before_stop(self) -> None:
        await self.realtime.stop()
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()

    # -- gatekeeping --------------------------------------------------------------------

    def _gate(self, key: str | None) -> web.Response | None:
        if key != self.auth_key:
            # Deliberately without "max_req": that word marks a rate limit, not a bad key.
            return web.json_response(
                {"isok": False, "errors": {"invalid_token": "Missing or wrong auth_key"}},
                status=401,
            )
        now = time.monotonic()
        last = self._last_accepted.get(key)
        if last is not None and now - last < self.min_interval:
            self.rate_limit_violations += 1
            status = 401 if self.rate_limit_style == "401" else 429
            return web.json_response(
                {"isok": False, "errors": {"max_req": "Request limit reached!"}},
                status=status,
            )
        self._last_accepted[key] = now
        return None

    async def _payload(self, request: web.Request) -> tuple[JsonDict, web.Response | None]:
        refused = self._gate(request.query.get("auth_key"))
        if refused is not None:
            return {}, refused
        payload = await read_json(request)
        if not isinstance(payload, dict):
            return {}, _error(400, "BAD_REQUEST", "Body must be a JSON object")
        return payload, None

    def _set_ok(self) -> web.Response:
        if self.empty_set_body:
            return web.Response(status=200)
        return web.json_response({})

    # -- get ------------------------------------------------------------------------------

    async def _get(self, request: web.Request) -> web.Response:
        payload, refused = await self._payload(request)
        if refused is not None:
            return refused
        ids = payload.get("ids")
        select = payload.get("select", [])
        pick = payload.get("pick", {})
        problems: list[str] = []
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append("ids must be a list of device ids")
        elif not 1 <= len(ids) <= MAX_IDS:
            problems.append(f"ids must contain between 1 and {MAX_IDS} items")
        if not isinstance(select, list) or any(s not in _SELECTABLE for s in select):
            problems.append('select may only contain "status" and "settings"')
        if not isinstance(pick, dict) or any(
            k not in _SELECTABLE or not isinstance(v, list) for k, v in pick.items()
        ):
            problems.append("pick must map status/settings to lists of properties")
        if problems or not isinstance(ids, list):
            return _error(400, "BAD_REQUEST", *problems)
        states = []
        for device_id in dict.fromkeys(ids):
            device = self.devices.get(device_id)
            if device is None:
                continue
            state = device.state()
            for part in select:
                data: JsonDict = getattr(device, part)
                wanted = pick.get(part)
                if wanted is not None:
                    data = {k: v for k, v in data.items() if k in wanted}
                    if not data:
                        continue
                state[part] = copy.deepcopy(data)
            states.append(state)
        return web.json_response(states)

    # -- single device control -----------------------------------------------------------

    def _device(self, device_id: str) -> ShellyDevice:
        device = self.devices.get(device_id)
        if device is None:
            raise ShellyError(404, "DEVICE_NOT_FOUND", f"Device {device_id} not found")
        if not device.online:
            raise ShellyError(400, "DEVICE_OFFLINE", f"Device {device_id} is offline")
        return device

    async def _control(self, request: web.Request, parse: Callable[[JsonDict], Apply]
                       ) -> web.Response:
        payload, refused = await self._payload(request)
        if refused is not None:
            return refused
        try:
            apply = parse(payload)
            device_id, channel = _device_id(payload), _channel(payload)
            apply(self._device(device_id), channel)
        except ShellyError as err:
            return _error(err.status, err.error, err.message)
        return self._set_ok()

    async def _set_switch(self, request: web.Request) -> web.Response:
        return await self._control(request, self._parse_switch)

    async def _set_cover(self, request: web.Request) -> web.Response:
        return await self._control(request, self._parse_cover)

    async def _set_light(self, request: web.Request) -> web.Response:
        return await self._control(request, self._parse_light)

    def _parse_switch(self, command: JsonDict) -> Apply:
        on = command.get("on")
        if not isinstance(on, bool):
            raise bad_request("on is required and must be a boolean")
        after = _number(command, "toggle_after")

        def apply(device: ShellyDevice, channel: int) -> None:
            set_switch(device, channel, on)
            if after:
                self._later(after, lambda: set_switch(device, channel, not on))

        return apply

    def _parse_cover(self, command: JsonDict) -> Apply:
        position: Any = command.get("position")
        _number(command, "duration")
        if isinstance(position, float) and position.is_integer():
            position = int(position)
        is_word = isinstance(position, str) and position in ("open", "close", "stop")
        is_number = (isinstance(position, int) and not isinstance(position, bool)
                     and 0 <= position <= 100)
        if not (is_word or is_number):
            raise bad_request("position must be 'open', 'close', 'stop' or 0..100")
        target: str | int = position
        return lambda device, channel: set_cover(device, channel, target)

    def _parse_group_light(self, command: JsonDict) -> Apply:
        return self._parse_light(command, "group")

    def _parse_light(self, command: JsonDict, call: str = "single") -> Apply:
        on = command.get("on")
        if on is not None and not isinstance(on, bool):
            raise bad_request("on must be a boolean")
        changes: JsonDict = {} if on is None else {"on": on}
        for key in LIGHT_FIELDS:
            value = _number(command, key, _LIGHT_RANGES[key])
            if key == "temperature" and value is not None and value < _KELVIN_LOW[call]:
                raise bad_request("temperature is out of range")
            if value is not None:
                changes[key] = int(value)
        if not changes:
            raise bad_request("on is required when no other parameter is given")
        after = _number(command, "toggle_after")

        def apply(device: ShellyDevice, channel: int) -> None:
            set_light(device, channel, changes)
            if after and on is not None:
                self._later(after, lambda: set_light(device, channel, {"on": not on}))

        return apply

    def _later(self, delay: float, action: Callable[[], None]) -> None:
        def run() -> None:
            # The device may have changed mode meanwhile; the flip-back is then dropped.
            with contextlib.suppress(ShellyError):
                action()

        self._timers.append(asyncio.get_running_loop().call_later(delay, run))

    # -- groups ---------------------------------------------------------------------------

    async def _set_groups(self, request: web.Request) -> web.Response:
        payload, refused = await self._payload(request)
        if refused is not None:
            return refused
        parsers = {"switch": self._parse_switch, "cover": self._parse_cover,
                   "light": self._parse_group_light}
        jobs: list[tuple[list[str], Apply]] = []
        try:
            if not any(kind in payload for kind in parsers):
                raise bad_request("at least one of switch, cover, light is required")
            for kind, parse in parsers.items():
                if kind not in payload:
                    continue
                group = payload[kind]
                ids = group.get("ids") if isinstance(group, dict) else None
                command = group.get("command") if isinstance(group, dict) else None
                if (not isinstance(ids, list) or not ids
                        or not all(isinstance(i, str) for i in ids)):
                    raise bad_request(f"{kind}.ids must be a non-empty list")
                if not isinstance(command, dict):
                    raise bad_request(f"{kind}.command is required")
                jobs.append((ids, parse(command)))
        except ShellyError as err:
            return _error(err.status, err.error, err.message)
        failed: dict[str, str] = {}
        for ids, apply in jobs:
            for member in ids:
                device_id, _, raw_channel = member.rpartition("_")
                if not device_id:
                    device_id, raw_channel = member, "0"
                if not raw_channel.isdigit():
                    failed[self._group_key(member, 0)] = "BAD_REQUEST"
                    continue
                try:
                    apply(self._device(device_id), int(raw_channel))
                except ShellyError as err:
                    key = self._group_key(device_id, int(raw_channel))
                    failed[key] = _GROUP_ERRORS.get(err.error, err.error)
        return web.json_response({"failedCommands": failed} if failed else {})

    def _group_key(self, device_id: str, channel: int) -> str:
        # A non-hex id cannot be shown in decimal, so it is echoed unchanged.
        if self.group_ids_decimal:
            with contextlib.suppress(ValueError):
                device_id = str(int(device_id, 16))
        return f"{device_id}_{channel}"

    # -- deprecated v1 ----------------------------------------------------------------------

    def _v1_refused(self) -> web.Response | None:
        self.discovery_calls += 1
        if self.discovery == "gone":
            return web.Response(status=404, text="Not Found")
        if self.discovery == "refused":
            return web.json_response(
                {"isok": False, "errors": {"wrong_api": "Use the v2 API"}})
        return None

    async def _v1_gate(self, request: web.Request) -> web.Response | None:
        form = await request.post()
        key = form.get("auth_key")
        refused = self._gate(key if isinstance(key, str) else None)
        # A response is a mapping, falsy when empty: test against None.
        return refused if refused is not None else self._v1_refused()

    async def _all_status(self, request: web.Request) -> web.Response:
        refused = await self._v1_gate(request)
        if refused is not None:
            return refused
        devices_status: dict[str, Any] = {}
        for device in self.devices.values():
            status = copy.deepcopy(device.status)
            status["_dev_info"] = {"id": device.id, "code": device.code, "gen": device.gen,
                                   "online": device.online}
            # The outer key is not the id the v2 calls take for every device.
            devices_status[f"{device.id}_status"] = status
        return web.json_response({"isok": True, "data": {"devices_status": devices_status}})

    async def _device_list(self, request: web.Request) -> web.Response:
        refused = await self._v1_gate(request)
        if refused is not None:
            return refused
        devices = {d.id: {"id": d.id, "name": d.name, "type": d.code, "gen": d.gen}
                   for d in self.devices.values()}
        return web.json_response({"isok": True, "data": {"devices": devices}})
