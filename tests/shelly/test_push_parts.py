"""The parts of Shelly's push that need no socket: the sign-in's JWT, token lifetimes, merging."""

from __future__ import annotations

import json
import time

import aiohttp
import pytest

from custom_components.cloud_bridge.api.errors import SignInRefused
from custom_components.cloud_bridge.api.shelly.oauth import (
    ShellySignIn,
    jwt_claims,
    server_of,
    socket_url,
)
from custom_components.cloud_bridge.api.shelly.push import merge
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.realtime import jwt


@pytest.mark.parametrize("token", ["", "a.b", "a.!!!.c", "a.bm90IGpzb24.c", "a.WzFd.c"])
def test_unreadable_jwt_has_no_claims(token: str) -> None:
    """Not three parts, not base64, not JSON, not an object."""
    assert jwt_claims(token) == {}


def test_server_of_a_code() -> None:
    assert server_of(jwt({"user_api_url": "shelly-49-eu.shelly.cloud/"})) == "https://shelly-49-eu.shelly.cloud"
    assert server_of(jwt({"user_api_url": "http://shelly-49-eu.shelly.cloud"})) is None
    assert server_of(jwt({"user_api_url": 5})) is None
    assert server_of(jwt({})) is None


def test_socket_url() -> None:
    """Shelly's servers listen on 6113; a local test server on its own port."""
    assert socket_url("https://shelly-49-eu.shelly.cloud") == "wss://shelly-49-eu.shelly.cloud:6113/shelly/wss/hk_sock"
    assert socket_url("http://127.0.0.1:8123") == "ws://127.0.0.1:8123/shelly/wss/hk_sock"


def test_merge_keeps_what_a_delta_lacks() -> None:
    status = {"relays": [{"ison": False, "power": 3.0}, {"ison": True}], "wifi": {"rssi": -60}, "n": 1}
    merge(status, {"relays": [{"ison": True}, 7, {"ison": False}], "wifi": {"ip": "x"}, "n": {"a": 1}})
    assert status == {
        "relays": [{"ison": True, "power": 3.0}, 7, {"ison": False}],
        "wifi": {"rssi": -60, "ip": "x"},
        "n": {"a": 1},
    }


@pytest.mark.parametrize(
    ("answer", "lifetime"),
    [
        ({"expires_in": 600}, 600),
        # No expires_in: the access token's own exp - iat.
        ({}, 7200),
        ({"expires_in": "soon"}, 7200),
    ],
)
async def test_token_lifetime(
    shelly_cloud: ShellyCloud, session: aiohttp.ClientSession, answer: dict[str, object], lifetime: int
) -> None:
    now = int(time.time())
    access = jwt({"iat": now, "exp": now + 7200})
    body = {"access_token": access, **answer}
    shelly_cloud.inject(Fault(status=200, body=json.dumps(body), path_prefix="/oauth/auth"))
    token = await ShellySignIn().async_exchange(session, jwt({"user_api_url": shelly_cloud.url}))
    assert token["expires_in"] == lifetime
    assert "refresh_token" not in token


async def test_token_lifetime_unknown(shelly_cloud: ShellyCloud, session: aiohttp.ClientSession) -> None:
    """Neither expires_in nor a readable JWT: the 12 h both implementations measured."""
    shelly_cloud.inject(Fault(status=200, body='{"access_token": "opaque"}', path_prefix="/oauth/auth"))
    token = await ShellySignIn().async_exchange(session, jwt({"user_api_url": shelly_cloud.url}))
    assert token["expires_in"] == 43200


@pytest.mark.parametrize("token", [{}, {"user_api_url": "https://x"}, {"user_api_url": "https://x", "refresh_token": ""}])
async def test_refresh_needs_a_server_and_a_refresh_token(
    session: aiohttp.ClientSession, token: dict[str, str]
) -> None:
    with pytest.raises(SignInRefused):
        await ShellySignIn().async_refresh(session, token)
