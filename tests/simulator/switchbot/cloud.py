"""Simulated SwitchBot cloud (API v1.0 and v1.1) for tests and local demos."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import time
from typing import Any

import aiohttp
from aiohttp import web

from ..base import JsonDict, SimulatedCloud, read_json
from .devices import (
    WEBHOOK_TYPES,
    check_ir_command,
    default_status,
    family,
    list_extras,
    run_command,
)
from .helpers import (
    DEVICE_NOT_FOUND,
    DEVICE_OFFLINE,
    DEVICE_TYPE_ERROR,
    HUB_OFFLINE,
    MESSAGES,
    NO_HUB,
    OK,
    SYSTEM_ERROR,
    CommandError,
)

# The cloud refuses signatures whose timestamp is too far from its own clock.
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000


def sign(token: str, secret: str, t: str, nonce: str) -> str:
    """The v1.1 signature exactly as the document's Python sample computes it."""
    digest = hmac.new(
        secret.encode("utf-8"), (token + t + nonce).encode("utf-8"), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("utf-8")


class SwitchBotCloud(SimulatedCloud):
    """A stateful SwitchBot account behind /v1.0 and /v1.1."""

    def __init__(self, token: str, secret: str) -> None:
        super().__init__()
        self.token = token
        self.secret = secret
        # The real daily limit is 1,000 (v1.0) / 10,000 (v1.1); tests opt in.
        self.quota: int | None = None
        self.calls_today = 0
        self.devices: dict[str, JsonDict] = {}
        self.remotes: dict[str, JsonDict] = {}
        self.statuses: dict[str, JsonDict] = {}
        self.scenes: dict[str, str] = {}
        self.offline: set[str] = set()
        self.offline_hubs: set[str] = set()
        self.executed_scenes: list[str] = []
        self.ir_commands: list[JsonDict] = []
        self.webhook_url: str | None = None
        self.webhook_enabled = True
        self._webhook_created = 0
        self._webhook_updated = 0
        version = r"{version:v1\.[01]}"
        router = self.app.router
        router.add_get(f"/{version}/devices", self._get_devices)
        router.add_get(f"/{version}/devices/{{device_id}}/status", self._get_status)
        router.add_post(f"/{version}/devices/{{device_id}}/commands", self._post_command)
        router.add_get(f"/{version}/scenes", self._get_scenes)
        router.add_post(f"/{version}/scenes/{{scene_id}}/execute", self._execute_scene)
        router.add_post("/v1.1/webhook/{action}", self._webhook)

    # -- test-facing state ------------------------------------------------------------

    def add_device(
        self,
        device_id: str,
        device_type: str,
        name: str,
        *,
        hub_id: str = NO_HUB,
        status: JsonDict | None = None,
        cloud_service: bool = True,
    ) -> None:
        """Add a physical device with the document's default status for its type."""
        # Hub 2 reports itself as its own hub in the status body.
        status_hub = device_id if family(device_type) == "Hub 2" else hub_id
        body: JsonDict = {
            "deviceId": device_id,
            "deviceType": device_type,
            "hubDeviceId": status_hub,
        }
        body.update(default_status(device_type))
        body.update(copy.deepcopy(status or {}))
        self.statuses[device_id] = body
        self.devices[device_id] = {
            "deviceId": device_id,
            "deviceName": name,
            "deviceType": device_type,
            "enableCloudService": cloud_service,
            "hubDeviceId": hub_id,
            **list_extras(device_type, device_id, body),
        }

    def add_remote(
        self, device_id: str, remote_type: str, name: str, hub_id: str = NO_HUB
    ) -> None:
        """Add a virtual IR remote (no status; commands are only recorded)."""
        self.remotes[device_id] = {
            "deviceId": device_id,
            "deviceName": name,
            "remoteType": remote_type,
            "hubDeviceId": hub_id,
        }

    def add_scene(self, scene_id: str, name: str) -> None:
        """Add a manual scene."""
        self.scenes[scene_id] = name

    def set_offline(self, device_id: str, offline: bool = True) -> None:
        """Make the device answer 161 "device offline" (or bring it back)."""
        if offline:
            self.offline.add(device_id)
        else:
            self.offline.discard(device_id)

    def set_hub_offline(self, hub_id: str, offline: bool = True) -> None:
        """Make every device behind ``hub_id`` answer 171 "hub device is offline"."""
        if offline:
            self.offline_hubs.add(hub_id)
        else:
            self.offline_hubs.discard(hub_id)

    def reset_quota(self) -> None:
        """Start a new day for the daily call counter."""
        self.calls_today = 0

    def webhook_event(self, device_id: str, **context: Any) -> JsonDict:
        """A changeReport body for ``device_id`` as the cloud would POST it."""
        device_type = self.devices[device_id]["deviceType"]
        return {
            "eventType": "changeReport",
            "eventVersion": "1",
            "context": {
                "deviceType": WEBHOOK_TYPES.get(family(device_type), device_type),
                "deviceMac": device_id,
                **context,
                "timeOfSample": int(time.time() * 1000),
            },
        }

    async def send_webhook(self, event: JsonDict) -> int:
        """POST ``event`` to the configured webhook URL; returns the HTTP status."""
        if self.webhook_url is None or not self.webhook_enabled:
            raise RuntimeError("no enabled webhook configured")
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.webhook_url, json=event) as response,
        ):
            return response.status

    # -- authentication ------------------------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        headers = request.headers
        if headers.get("Authorization") != self.token:
            return False
        if request.path.startswith("/v1.1/") and not self._signature_ok(request):
            return False
        # Over quota the cloud answers exactly as for a bad token.
        if self.quota is not None and self.calls_today >= self.quota:
            return False
        self.calls_today += 1
        return True

    def _signature_ok(self, request: web.Request) -> bool:
        headers = request.headers
        t = headers.get("t", "")
        nonce = headers.get("nonce")
        given = headers.get("sign")
        if nonce is None or given is None or len(t) != 13 or not t.isdigit():
            return False
        if abs(int(time.time() * 1000) - int(t)) > MAX_CLOCK_SKEW_MS:
            return False
        expected = sign(self.token, self.secret, t, nonce)
        return hmac.compare_digest(expected.encode(), given.encode())

    @staticmethod
    def _unauthorized() -> web.Response:
        return web.json_response({"message": "Unauthorized"}, status=401)

    @staticmethod
    def _answer(code: int, body: Any = None, message: str | None = None) -> web.Response:
        # Device-level errors still travel as HTTP 200; only statusCode differs.
        return web.json_response(
            {
                "statusCode": code,
                "body": {} if body is None else body,
                "message": MESSAGES.get(code, "") if message is None else message,
            }
        )

    def _reachability(self, device_id: str) -> int:
        hub = self.devices.get(device_id, self.remotes.get(device_id, {})).get("hubDeviceId")
        if device_id in self.offline or device_id in self.offline_hubs:
            return DEVICE_OFFLINE
        if hub in self.offline_hubs:
            return HUB_OFFLINE
        return OK

    # -- handlers -----------------------------------------------------------------------

    async def _get_devices(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        return self._answer(
            OK,
            {
                "deviceList": copy.deepcopy(list(self.devices.values())),
                "infraredRemoteList": copy.deepcopy(list(self.remotes.values())),
            },
        )

    async def _get_status(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        device_id = request.match_info["device_id"]
        if device_id in self.remotes:
            return self._answer(DEVICE_TYPE_ERROR)
        if device_id not in self.devices:
            return self._answer(DEVICE_NOT_FOUND)
        if not self.devices[device_id]["enableCloudService"]:
            return self._answer(SYSTEM_ERROR)
        reachability = self._reachability(device_id)
        if reachability != OK:
            return self._answer(reachability)
        return self._answer(OK, copy.deepcopy(self.statuses[device_id]))

    async def _post_command(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        device_id = request.match_info["device_id"]
        payload = await read_json(request)
        if device_id not in self.devices and device_id not in self.remotes:
            return self._answer(DEVICE_NOT_FOUND)
        if not isinstance(payload, dict) or not isinstance(payload.get("command"), str):
            return self._answer(SYSTEM_ERROR)
        command: str = payload["command"]
        parameter = payload.get("parameter", "default")
        command_type = payload.get("commandType", "command") or "command"
        reachability = self._reachability(device_id)
        if reachability != OK:
            return self._answer(reachability)
        try:
            if device_id in self.remotes:
                check_ir_command(self.remotes[device_id]["remoteType"], command, parameter)
                self.ir_commands.append(
                    {
                        "deviceId": device_id,
                        "command": command,
                        "parameter": parameter,
                        "commandType": command_type,
                    }
                )
                return self._answer(OK)
            if not self.devices[device_id]["enableCloudService"]:
                return self._answer(SYSTEM_ERROR)
            if command_type not in ("command", "customize"):
                return self._answer(SYSTEM_ERROR)
            device_type = self.devices[device_id]["deviceType"]
            body = run_command(device_type, self.statuses[device_id], command, parameter)
        except CommandError as err:
            return self._answer(err.code)
        return self._answer(OK, body)

    async def _get_scenes(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        scenes = [{"sceneId": sid, "sceneName": name} for sid, name in self.scenes.items()]
        return self._answer(OK, scenes)

    async def _execute_scene(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        scene_id = request.match_info["scene_id"]
        if scene_id not in self.scenes:
            return self._answer(SYSTEM_ERROR)
        self.executed_scenes.append(scene_id)
        return self._answer(OK)

    # -- webhook (v1.1 only) --------------------------------------------------------------

    async def _webhook(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        payload = await read_json(request)
        action = request.match_info["action"]
        if not isinstance(payload, dict):
            return self._answer(SYSTEM_ERROR, message="Invalid parameters")
        handlers = {
            "setupWebhook": self._setup_webhook,
            "queryWebhook": self._query_webhook,
            "updateWebhook": self._update_webhook,
            "deleteWebhook": self._delete_webhook,
        }
        handler = handlers.get(action)
        if handler is None:
            raise web.HTTPNotFound()
        return handler(payload)

    def _setup_webhook(self, payload: JsonDict) -> web.Response:
        url = payload.get("url")
        if not isinstance(url, str) or not url:
            return self._answer(SYSTEM_ERROR, message="Invalid parameters")
        # One URL per account: a different URL must be deleted first.
        if self.webhook_url is not None and self.webhook_url != url:
            return self._answer(SYSTEM_ERROR, message="webhook url already exists")
        now = int(time.time() * 1000)
        if self.webhook_url is None:
            self._webhook_created = now
        self.webhook_url = url
        self.webhook_enabled = True
        self._webhook_updated = now
        return self._answer(OK, message="")

    def _query_webhook(self, payload: JsonDict) -> web.Response:
        action = payload.get("action")
        if action == "queryUrl":
            urls = [] if self.webhook_url is None else [self.webhook_url]
            return self._answer(OK, {"urls": urls}, message="")
        if action == "queryDetails":
            # The sample sends "urls" (a list); the table says "url": take either.
            wanted = payload.get("urls", payload.get("url", []))
            wanted = [wanted] if isinstance(wanted, str) else wanted
            details = [
                {
                    "url": self.webhook_url,
                    "createTime": self._webhook_created,
                    "lastUpdateTime": self._webhook_updated,
                    "deviceList": "ALL",
                    "enable": self.webhook_enabled,
                }
                for url in wanted
                if url == self.webhook_url
            ]
            return self._answer(OK, details, message="")
        return self._answer(SYSTEM_ERROR, message="Invalid parameters")

    def _update_webhook(self, payload: JsonDict) -> web.Response:
        config = payload.get("config")
        if not isinstance(config, dict) or self.webhook_url is None:
            return self._answer(SYSTEM_ERROR, message="Invalid parameters")
        if isinstance(config.get("url"), str) and config["url"]:
            self.webhook_url = config["url"]
        if isinstance(config.get("enable"), bool):
            self.webhook_enabled = config["enable"]
        self._webhook_updated = int(time.time() * 1000)
        return self._answer(OK, message="")

    def _delete_webhook(self, payload: JsonDict) -> web.Response:
        url = payload.get("url")
        if self.webhook_url is None or url != self.webhook_url:
            return self._answer(SYSTEM_ERROR, message="webhook url not found")
        self.webhook_url = None
        self.webhook_enabled = True
        return self._answer(OK, message="")
