"""Simulated Shelly sign-in (OAuth, client id shelly-diy) and Real Time Events socket.

As vendor-notes describe them: the login page hands back a code that is a
JWT naming the account's server (`user_api_url`); `/oauth/auth` takes
`grant_type=code` and `grant_type=refresh_token`; the socket at
`/shelly/wss/hk_sock?t=<access token>` sends `Shelly:StatusOnChange` and
`Shelly:Online` with decimal device ids, and closes with 4401 on a token it
refuses. Here it is served beside the API on the simulator's own port.
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
import time
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web
from yarl import URL

if TYPE_CHECKING:
    from .cloud import ShellyCloud

JsonDict = dict[str, Any]
CLIENT_ID = "shelly-diy"
TOKEN_REFUSED = 4401


def _b64(data: JsonDict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def jwt(claims: JsonDict) -> str:
    """A JWT of these claims, signed by nobody (clients do not check signatures)."""
    return f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}.c2lt"


def socket_id(device_id: str) -> str:
    """A device id as the socket spells it: decimal, unless it starts with X."""
    return device_id if device_id.upper().startswith("X") else str(int(device_id, 16))


def merge(into: JsonDict, delta: JsonDict) -> None:
    """The cloud's own status update: objects key by key, lists element by element."""
    for key, value in delta.items():
        before = into.get(key)
        if isinstance(value, dict) and isinstance(before, dict):
            merge(before, value)
        elif isinstance(value, list) and isinstance(before, list):
            for index, item in enumerate(value):
                if index < len(before) and isinstance(item, dict) and isinstance(before[index], dict):
                    merge(before[index], item)
                elif index < len(before):
                    before[index] = item
                else:
                    before.append(item)
        else:
            into[key] = value


class ShellyRealtime:
    """The sign-in and the socket of one simulated account."""

    def __init__(self, cloud: ShellyCloud) -> None:
        self.cloud = cloud
        self.token_lifetime = 43200
        self.refuse_refresh = False  # every refresh grant answers 401
        self.silent = False  # open sockets send nothing and answer no ping
        self.refuse_sockets = False  # new sockets close at once with 4401
        self.shared: set[str] = set()  # devices shared with the account: never pushed
        self.connections = 0  # sockets opened, accepted or not
        self.pongs = 0  # answers to the pings the server sent
        self.grants: list[str] = []  # grant types asked for, in order
        self._codes: set[str] = set()
        self._access: dict[str, float] = {}  # access token → epoch expiry
        self._refresh: set[str] = set()
        self._refreshed: list[str] = []  # refresh tokens issued then dropped
        self._sockets: list[web.WebSocketResponse] = []
        router = cloud.app.router
        router.add_get("/oauth_login.html", self._login)
        router.add_post("/oauth/auth", self._grant)
        router.add_get("/shelly/wss/hk_sock", self._socket)

    # -- test-facing ------------------------------------------------------------------

    def issue_code(self) -> str:
        """What the login page hands back after the user signs in."""
        now = int(time.time())
        code = jwt({"user_api_url": self.cloud.url, "iat": now, "exp": now + 600,
                    "nonce": secrets.token_hex(4)})
        self._codes.add(code)
        return code

    def issue_token(self) -> JsonDict:
        """A token as the code grant gives it, with Home Assistant's `expires_at`."""
        token = self._new_token()
        return {**token, "user_api_url": self.cloud.url, "token_type": "Bearer",
                "expires_at": time.time() + token["expires_in"]}

    def issued_secrets(self) -> list[str]:
        """Every access and refresh token issued so far (none must reach a log)."""
        return [*self._access, *self._refresh, *self._refreshed]

    @property
    def open_sockets(self) -> int:
        """Sockets open now."""
        return sum(1 for socket in self._sockets if not socket.closed)

    async def change(self, device_id: str, delta: JsonDict, *, ts: float | None = None) -> None:
        """The device changes by itself (a switch at the wall): its status, and a push."""
        device = self.cloud.devices[device_id]
        merge(device.status, delta)
        await self.push_status(device_id, delta, ts=ts)

    async def push_status(self, device_id: str, delta: JsonDict, *, ts: float | None = None) -> None:
        """Send a StatusOnChange for the device, without changing what polls read."""
        device = self.cloud.devices[device_id]
        status = dict(delta)
        if ts is not None:
            status["ts"] = ts
        await self._event(device_id, {"event": "Shelly:StatusOnChange", "status": status,
                                      "device": self._device(device_id, device.code, device.gen)})

    async def set_online(self, device_id: str, online: bool) -> None:
        """The device comes or goes: what polls read, and a push."""
        device = self.cloud.devices[device_id]
        device.online = online
        await self._event(device_id, {"event": "Shelly:Online", "online": 1 if online else 0,
                                      "device": self._device(device_id, device.code, device.gen)})

    async def send_raw(self, text: str) -> None:
        """Send any frame as it is (malformed ones, unknown events)."""
        for socket in self._live():
            await socket.send_str(text)

    async def ping_clients(self) -> None:
        """Ping every open socket, as a server may (the client must answer)."""
        for socket in self._live():
            await socket.ping()

    async def drop(self, code: int = 1011) -> None:
        """Close every open socket (a server restart: 1011; a refused token: 4401)."""
        for socket in self._live():
            await socket.close(code=code)

    async def stop(self) -> None:
        """Close what is open before the server goes."""
        await self.drop(1001)

    # -- the sign-in ------------------------------------------------------------------

    async def _login(self, request: web.Request) -> web.Response:
        if request.query.get("client_id") != CLIENT_ID or "redirect_uri" not in request.query:
            return web.Response(status=400, text="unknown client")
        target = request.query["redirect_uri"]
        query = {"code": self.issue_code(), "state": request.query.get("state", "")}
        location = str(URL(target).update_query(query))
        raise web.HTTPFound(location)

    def _new_token(self) -> JsonDict:
        now = int(time.time())
        access = jwt({"user_api_url": self.cloud.url, "iat": now,
                      "exp": now + self.token_lifetime, "nonce": secrets.token_hex(4)})
        refresh = secrets.token_urlsafe(16)
        self._access[access] = time.time() + self.token_lifetime
        self._refresh.add(refresh)
        return {"access_token": access, "refresh_token": refresh, "expires_in": self.token_lifetime}

    async def _grant(self, request: web.Request) -> web.Response:
        form = await request.post()
        grant = str(form.get("grant_type", ""))
        self.grants.append(grant)
        if form.get("client_id") != CLIENT_ID:
            return web.json_response({"isok": False, "errors": {"client": "unknown"}}, status=400)
        if grant == "code" and form.get("code") in self._codes:
            self._codes.discard(str(form["code"]))
            return web.json_response(self._new_token())
        if grant == "refresh_token" and not self.refuse_refresh and form.get("refresh_token") in self._refresh:
            token = self._new_token()
            # The refresh token stays what it was: the answer carries none.
            dropped = token.pop("refresh_token")
            self._refresh.discard(dropped)
            self._refreshed.append(dropped)
            return web.json_response(token)
        return web.json_response({"isok": False, "errors": {"invalid_grant": "refused"}}, status=401)

    # -- the socket --------------------------------------------------------------------

    def _device(self, device_id: str, code: str, gen: str) -> JsonDict:
        return {"id": socket_id(device_id), "code": code, "gen": gen}

    def _live(self) -> list[web.WebSocketResponse]:
        return [socket for socket in self._sockets if not socket.closed]

    async def _event(self, device_id: str, frame: JsonDict) -> None:
        if device_id in self.shared:
            return  # the socket covers owned devices only
        await self.send_raw(json.dumps(frame))

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        self.connections += 1
        socket = web.WebSocketResponse(autoping=False)
        await socket.prepare(request)
        expiry = self._access.get(request.query.get("t", ""), 0.0)
        if self.refuse_sockets or expiry < time.time():
            await socket.close(code=TOKEN_REFUSED)
            return socket
        self._sockets.append(socket)
        try:
            async for message in socket:
                if message.type is WSMsgType.PING and not self.silent:
                    await socket.pong(message.data)
                elif message.type is WSMsgType.PONG:
                    self.pongs += 1
        finally:
            with contextlib.suppress(ValueError):
                self._sockets.remove(socket)
        return socket
