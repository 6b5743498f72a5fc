"""Simulated SinricPro cloud: API-key auth, REST devices and actions, SSE event stream, read limit."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from dataclasses import dataclass, field
import json
import secrets
import time
from typing import Any

from aiohttp import web

from ..base import JsonDict, SimulatedCloud, read_json
from .devices import (
    ACTIONS,
    DEVICE_EVENTS,
    PRODUCT_ACTIONS,
    PRODUCT_PREFIX,
    ActionError,
    Delta,
    default_state,
    resolve,
)
from .limits import ReadLimit

# How often a quiet stream checks whether its client went away, so open_streams is honest.
_DISCONNECT_POLL = 0.2


@dataclass(eq=False)
class _Stream:
    request: web.Request
    queue: asyncio.Queue[JsonDict | None] = field(default_factory=asyncio.Queue)
    finished: asyncio.Event = field(default_factory=asyncio.Event)


def _failure(status: int, message: str) -> web.Response:
    return web.json_response({"success": False, "message": message}, status=status)


def _action_names(product: JsonDict) -> set[str]:
    """The actions a device's product lists: names, or {action, instanceId, …} entries."""
    return {
        entry if isinstance(entry, str) else entry.get("action", "")
        for entry in product.get("actions", [])
    }


def _merge(fields: JsonDict, changes: JsonDict) -> None:
    """Apply an action's changes: relative ones against the current value, objects key by key."""
    for key, change in changes.items():
        if isinstance(change, Delta):
            current = fields.get(key, change.low)
            fields[key] = int(min(max(current + change.by, change.low), change.high))
        elif isinstance(change, dict) and isinstance(fields.get(key), dict) and key != "channel":
            fields[key].update(copy.deepcopy(change))
        else:
            fields[key] = copy.deepcopy(change)


class SinricProCloud(SimulatedCloud):
    """A SinricPro account: queued actions confirmed asynchronously on the SSE stream."""

    def __init__(self, api_key: str, *, token_lifetime: int = 604800) -> None:
        super().__init__()
        self.api_key = api_key
        self.token_lifetime = token_lifetime
        self.key_revoked = False
        self.confirm_delay: float = 0.05
        self.confirm_actions = True
        self.framing: str = "data"
        self.event_shape: str = "device"
        self.heartbeat_interval: float = 15.0
        self.read_limit = ReadLimit()
        # Where a 429 names its wait: the Retry-After header, or resetTime in the body.
        self.wait_in: str = "header"
        # 404 or 410: the token flow is gone and the key goes in a header on every call.
        self.auth_gone: int | None = None
        self.devices: dict[str, JsonDict] = {}
        self.types: dict[str, str] = {}
        self.events: list[JsonDict] = []
        self.actions: list[JsonDict] = []
        self._tokens: dict[str, float] = {}
        self._refresh_tokens: set[str] = set()
        self._streams: set[_Stream] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        router = self.app.router
        router.add_post("/api/v1/auth", self._auth)
        router.add_get("/api/v1/devices", self._list_devices)
        router.add_get("/api/v1/devices/{device_id}", self._get_device)
        router.add_post("/api/v1/devices/{device_id}/action", self._action)
        router.add_get("/sse/stream", self._stream)

    # -- test-facing state ------------------------------------------------------------------

    def add_device(
        self,
        device_id: str,
        type: str,
        name: str,
        *,
        online: bool = True,
        actions: list[Any] | None = None,
        **state: Any,
    ) -> None:
        """Add a device of ``type`` (e.g. "SWITCH") with its type's default state.

        ``actions`` is its `product.actions` list (all of its type's unless told):
        action names, or {action, instanceId, …} entries of a template device.
        """
        self.types[device_id] = type
        listed = copy.deepcopy(PRODUCT_ACTIONS.get(type, []) if actions is None else actions)
        self.devices[device_id] = {
            "id": device_id,
            "name": name,
            "description": "",
            "product": {
                "code": PRODUCT_PREFIX + type,
                "name": type.replace("_", " ").title(),
                "actions": listed,
            },
            "isOnline": online,
            **default_state(type),
            **copy.deepcopy(state),
        }

    def set_online(self, device_id: str, online: bool = True) -> None:
        """Change a device's connection and announce it on the stream."""
        device = self.devices[device_id]
        device["isOnline"] = online
        event = "deviceConnected" if online else "deviceDisconnected"
        self.publish({"event": event, "device": {"name": device["name"], "id": device_id}})

    def expire_tokens(self) -> None:
        """Invalidate every access token issued so far (as if 7 days had passed)."""
        self._tokens.clear()

    def revoke_key(self) -> None:
        """Make the API key refused, as when the user deletes it in the portal."""
        self.key_revoked = True
        self._tokens.clear()

    def device_event(
        self, device_id: str, action: str, value: JsonDict, instance_id: str | None = None
    ) -> None:
        """Raise an event as the device itself would (sensor readings, doorbell...)."""
        device_type = self.types[device_id]
        try:
            handler = resolve(DEVICE_EVENTS, device_type, action)
        except ActionError:
            handler = resolve(ACTIONS, device_type, action)
        self._confirm(device_id, action, value, handler(value), kind="event", instance_id=instance_id)

    def publish(self, event: JsonDict) -> None:
        """Send ``event`` to every open stream (and keep it in ``events``)."""
        self.events.append(event)
        for stream in self._streams:
            stream.queue.put_nowait(event)

    def drop_streams(self, *, abort: bool = False) -> None:
        """End every open stream: cleanly, or by cutting the connection (``abort``)."""
        for stream in self._streams:
            if abort and stream.request.transport is not None:
                stream.request.transport.close()
            stream.queue.put_nowait(None)

    @property
    def open_streams(self) -> int:
        """How many SSE clients are connected now."""
        return len(self._streams)

    async def _before_stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        streams = list(self._streams)
        self.drop_streams()
        if streams:
            await asyncio.wait(
                [asyncio.ensure_future(s.finished.wait()) for s in streams], timeout=2.0
            )

    # -- auth -------------------------------------------------------------------------------

    async def _auth(self, request: web.Request) -> web.Response:
        if self.auth_gone is not None:
            return web.json_response({"message": "Not Found"}, status=self.auth_gone)
        if self.key_revoked or request.headers.get("x-sinric-api-key") != self.api_key:
            return _failure(401, "Invalid API key")
        token = "eyJhbGciOiJIUzI1NiJ9." + secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(32)
        self._tokens[token] = time.monotonic() + self.token_lifetime
        self._refresh_tokens.add(refresh)
        return web.json_response(
            {
                "success": True,
                "message": "OK.",
                "accessToken": token,
                "refreshToken": refresh,
                "expiresIn": self.token_lifetime,
            }
        )

    def _token_ok(self, token: str | None) -> bool:
        expiry = self._tokens.get(token or "")
        if expiry is None:
            return False
        if time.monotonic() >= expiry:
            del self._tokens[token or ""]
            return False
        return True

    def _bearer_ok(self, request: web.Request) -> bool:
        """A live access token as Bearer, or (the 2026 form) the API key in its header."""
        if request.headers.get("x-sinric-api-key") is not None:
            return not self.key_revoked and request.headers["x-sinric-api-key"] == self.api_key
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self._token_ok(token.strip())

    def _read_refused(self) -> web.Response | None:
        """A 429 when this read is over the account's limit, naming the wait."""
        wait = self.read_limit.take()
        if wait is None:
            return None
        body: JsonDict = {"success": False, "message": "Too many requests"}
        headers = {}
        if self.wait_in == "header":
            headers["Retry-After"] = str(max(1, round(wait)))
        else:
            body["resetTime"] = int((time.time() + wait) * 1000)
        return web.json_response(body, status=429, headers=headers)

    # -- REST -------------------------------------------------------------------------------

    async def _list_devices(self, request: web.Request) -> web.Response:
        if not self._bearer_ok(request):
            return _failure(401, "Unauthorized")
        if (refused := self._read_refused()) is not None:
            return refused
        devices = copy.deepcopy(list(self.devices.values()))
        return web.json_response({"success": True, "devices": devices})

    async def _get_device(self, request: web.Request) -> web.Response:
        if not self._bearer_ok(request):
            return _failure(401, "Unauthorized")
        if (refused := self._read_refused()) is not None:
            return refused
        device = self.devices.get(request.match_info["device_id"])
        if device is None:
            return _failure(404, "Device not found")
        return web.json_response({"success": True, "device": copy.deepcopy(device)})

    async def _action(self, request: web.Request) -> web.Response:
        if not self._bearer_ok(request):
            return _failure(401, "Unauthorized")
        device_id = request.match_info["device_id"]
        if device_id not in self.devices:
            return _failure(404, "Device not found")
        payload = await read_json(request)
        if not isinstance(payload, dict) or payload.get("type") != "request":
            return _failure(400, 'Body must be an object with "type": "request"')
        action, raw = payload.get("action"), payload.get("value")
        if not isinstance(action, str) or not action:
            return _failure(400, "action is required")
        # The API insists on value being JSON text (JSON.stringify), never an object.
        if not isinstance(raw, str):
            return _failure(400, "value must be a JSON-encoded string")
        try:
            value = json.loads(raw)
        except ValueError:
            return _failure(400, "value is not valid JSON")
        if not isinstance(value, dict):
            return _failure(400, "value must encode a JSON object")
        instance_id = payload.get("instanceId")
        if action not in _action_names(self.devices[device_id]["product"]):
            return _failure(400, f"Action {action} is not supported by this device")
        try:
            changes = resolve(ACTIONS, self.types[device_id], action)(value)
        except ActionError as err:
            return _failure(400, str(err))
        record = {"deviceId": device_id, "action": action, "value": value}
        self.actions.append({**record, "instanceId": instance_id} if instance_id else record)
        if self.confirm_actions and self.devices[device_id]["isOnline"]:
            task = asyncio.create_task(
                self._confirm_later(device_id, action, value, changes, instance_id)
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return web.json_response(
            {"success": True, "message": "OK. Your message has been queued for processing."}
        )

    async def _confirm_later(
        self,
        device_id: str,
        action: str,
        value: JsonDict,
        changes: JsonDict,
        instance_id: str | None,
    ) -> None:
        await asyncio.sleep(self.confirm_delay)
        # A device that dropped off meanwhile never confirms.
        if self.devices.get(device_id, {}).get("isOnline"):
            self._confirm(
                device_id, action, value, changes, kind="response", instance_id=instance_id
            )

    def _confirm(
        self,
        device_id: str,
        action: str,
        value: JsonDict,
        changes: JsonDict,
        *,
        kind: str,
        instance_id: str | None = None,
    ) -> None:
        device = self.devices[device_id]
        # A template device keeps each instance's fields apart.
        fields = device.setdefault("instances", {}).setdefault(instance_id, {}) if instance_id else device
        _merge(fields, changes)
        # An adjust* outcome tells the value it led to, as the device answers it.
        value = {**value, **{k: fields[k] for k, c in changes.items() if isinstance(c, Delta)}}
        if self.event_shape == "message" or instance_id:
            payload = {"action": action, "value": value, "type": kind, "success": True,
                       "deviceId": device_id, "createdAt": int(time.time() * 1000)}
            if instance_id:
                payload["instanceId"] = instance_id
            event: JsonDict = {
                "event": "deviceMessageArrived",
                "message": {"deviceId": device_id, "payload": payload},
            }
        else:
            shown = {key: fields[key] for key in changes}
            event = {
                "event": "deviceMessageArrived",
                "device": {"name": device["name"], "id": device_id, **shown},
            }
        self.publish(event)

    # -- SSE --------------------------------------------------------------------------------

    def _frame(self, event: JsonDict) -> bytes:
        text = json.dumps(event, separators=(",", ":"))
        return (f"data: {text}\n\n" if self.framing == "data" else f"{text}\n").encode()

    def _heartbeat(self) -> bytes:
        if self.framing == "data":
            return b":heartbeat\n\n"
        return b'{"event":"heartbeat"}\n'

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        if not self._token_ok(request.query.get("accessToken")) and not self._bearer_ok(
            request
        ):
            return _failure(401, "Unauthorized")
        response = web.StreamResponse(headers={"Cache-Control": "no-cache"})
        response.content_type = "text/event-stream"
        await response.prepare(request)
        stream = _Stream(request)
        self._streams.add(stream)
        loop = asyncio.get_running_loop()
        # Heartbeats fill silences; reading the interval each turn lets tests change it.
        last_write = loop.time()
        try:
            while True:
                transport = request.transport
                if transport is None or transport.is_closing():
                    break
                due = last_write + self.heartbeat_interval - loop.time()
                try:
                    event = await asyncio.wait_for(
                        stream.queue.get(), timeout=max(0.0, min(_DISCONNECT_POLL, due))
                    )
                except TimeoutError:
                    if due <= _DISCONNECT_POLL:
                        await response.write(self._heartbeat())
                        last_write = loop.time()
                    continue
                if event is None:
                    break
                await response.write(self._frame(event))
                last_write = loop.time()
        except ConnectionResetError:
            pass  # the client went away; nothing to tell it
        finally:
            self._streams.discard(stream)
            stream.finished.set()
        with contextlib.suppress(ConnectionResetError):
            await response.write_eof()
        return response
