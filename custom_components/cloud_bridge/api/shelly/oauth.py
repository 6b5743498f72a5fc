"""Shelly's sign-in for Real Time Events (client id `shelly-diy`): login page, code and refresh grants.

Shelly documents this as work in progress; what the grants answer and the
token's lifetime come from two implementations that measured them. The
quirks, by name:

- the login page is on my.shelly.cloud, but the code it hands back is a JWT
  whose `user_api_url` claim names the account's own server, where the
  grants and the socket live;
- the code grant is `grant_type=code` (not OAuth's `authorization_code`) and
  takes no client secret or redirect URI;
- `grant_type=refresh_token` renews a token but is undocumented, and the
  answer may lack `expires_in` (the access token is a JWT: `exp - iat`);
- the socket listens on port 6113 of that server, with the token in `t`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
import json
import logging
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

import aiohttp

from ..client import SignIn
from ..errors import CloudUnreachable, SignInRefused
from ..http import plain_http_allowed, request
from .settings import normalize_host

_LOGGER = logging.getLogger(__name__)

CLIENT_ID: Final = "shelly-diy"
LOGIN_URL: Final = "https://my.shelly.cloud/oauth_login.html"
TOKEN_PATH: Final = "/oauth/auth"
SOCKET_PORT: Final = 6113
SOCKET_PATH: Final = "/shelly/wss/hk_sock"
# Measured by two implementations (`exp - iat`); used when nothing says otherwise.
TOKEN_LIFETIME: Final = 43200
SERVER: Final = "user_api_url"  # where the token dict keeps the account's server


def jwt_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT, unverified (the server that issued it checks it); {} if unreadable."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(raw)
    except (binascii.Error, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def server_of(code: str) -> str | None:
    """The account's server that a sign-in code names, if it is one we may talk to."""
    url = jwt_claims(code).get(SERVER)
    if not isinstance(url, str) or not url.strip():
        return None
    server = normalize_host(url)
    return server if plain_http_allowed(server) else None


def socket_url(server: str) -> str:
    """The Real Time Events socket of a server.

    A plain-http server is a local test server (the only kind plain http may
    reach): it serves the socket beside its API, on its own port.
    """
    parts = urlsplit(server)
    if parts.scheme == "http":
        return f"ws://{parts.netloc}{SOCKET_PATH}"
    return f"wss://{parts.hostname}:{SOCKET_PORT}{SOCKET_PATH}"


def _lifetime(answer: Mapping[str, Any], access_token: str) -> int:
    given = answer.get("expires_in")
    if isinstance(given, int | float) and not isinstance(given, bool) and given > 0:
        return int(given)
    claims = jwt_claims(access_token)
    exp, iat = claims.get("exp"), claims.get("iat")
    if isinstance(exp, int | float) and isinstance(iat, int | float) and exp > iat:
        return int(exp - iat)
    return TOKEN_LIFETIME


class ShellySignIn(SignIn):
    """Shelly's OAuth code flow, as far as it is known."""

    name = "Shelly Cloud"

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        query = {"client_id": CLIENT_ID, "redirect_uri": redirect_uri, "state": state}
        return f"{LOGIN_URL}?{urlencode(query)}"

    async def async_exchange(
        self, session: aiohttp.ClientSession, code: str
    ) -> dict[str, Any]:
        server = server_of(code)
        if server is None:
            raise SignInRefused("the sign-in code names no server we may reach")
        token = await _grant(session, server, {"grant_type": "code", "code": code})
        return {**token, SERVER: server}

    async def async_refresh(
        self, session: aiohttp.ClientSession, token: Mapping[str, Any]
    ) -> dict[str, Any]:
        server, refresh = token.get(SERVER), token.get("refresh_token")
        if not isinstance(server, str) or not isinstance(refresh, str) or not refresh:
            raise SignInRefused("nothing to renew the sign-in with")
        form = {"grant_type": "refresh_token", "refresh_token": refresh}
        return {**token, **await _grant(session, server, form)}


async def _grant(
    session: aiohttp.ClientSession, server: str, form: dict[str, str]
) -> dict[str, Any]:
    """One call to the token endpoint; the token with its lifetime."""
    resp = await request(
        session, "POST", f"{server}{TOKEN_PATH}", form={"client_id": CLIENT_ID, **form}
    )
    if resp.status in (400, 401, 403):
        # Never the body: it may echo the code or token it refuses.
        raise SignInRefused(f"the {form['grant_type']} grant answered {resp.status}")
    data = resp.data if isinstance(resp.data, dict) else {}
    access = data.get("access_token")
    if resp.status != 200 or not isinstance(access, str) or not access:
        raise CloudUnreachable(f"the token endpoint answered HTTP {resp.status}")
    token: dict[str, Any] = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": _lifetime(data, access),
    }
    if isinstance(refresh := data.get("refresh_token"), str) and refresh:
        token["refresh_token"] = refresh
    _LOGGER.debug("Shelly sign-in: %s grant accepted", form["grant_type"])
    return token
