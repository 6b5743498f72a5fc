"""The shared core of the api package on its own, with no Home Assistant: HTTP and its faults."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.cloud_bridge.api import (
    CloudUnreachable,
    SwitchBotClient,
    http,
)
from tests.conftest import (
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
)
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud


async def test_timeout(
    session: aiohttp.ClientSession, switchbot_cloud: SwitchBotCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer slower than the client's timeout is CloudUnreachable."""
    monkeypatch.setattr(http, "REQUEST_TIMEOUT", aiohttp.ClientTimeout(total=0.1))
    switchbot_cloud.inject(Fault(delay=0.5, times=1))
    client = SwitchBotClient(session, SWITCHBOT_TOKEN, SWITCHBOT_SECRET, switchbot_cloud.url)
    with pytest.raises(CloudUnreachable, match="timed out"):
        await client.async_get_devices()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://api.switch-bot.com", True),
        ("http://127.0.0.1:8081", True),
        ("http://localhost:8081", True),
        ("http://192.168.1.20", True),
        ("http://10.1.2.3:8080", True),
        ("http://[::1]:8080", True),
        ("http://api.switch-bot.com", False),
        ("http://8.8.8.8", False),
        ("ftp://127.0.0.1", False),
        ("http://", False),
    ],
)
def test_plain_http_allowed(url: str, allowed: bool) -> None:
    """Plain http only to loopback and private addresses."""
    assert http.plain_http_allowed(url) is allowed
