"""The api package on its own, with no Home Assistant: wire formats and faults."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.cloud_bridge.api import (
    AuthError,
    CloudUnreachable,
    CommandRejected,
    Device,
    RateLimited,
    Reading,
    SetPower,
    ShellyClient,
    SinricProClient,
    SwitchBotClient,
    http,
)
from custom_components.cloud_bridge.api.shelly.status import (
    parse_device as parse_shelly,
)
from custom_components.cloud_bridge.api.sinricpro.devices import (
    parse_device as parse_sinric,
)

from .conftest import (
    BOT,
    METER,
    SHELLY_1PM,
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
)
from .simulator.base import Fault
from .simulator.shelly import ShellyCloud
from .simulator.sinricpro import SinricProCloud
from .simulator.switchbot import SwitchBotCloud


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session, as any caller of the api package would pass."""
    async with aiohttp.ClientSession() as session:
        yield session


async def test_timeout(
    session: aiohttp.ClientSession, switchbot_cloud: SwitchBotCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer slower than the client's timeout is CloudUnreachable."""
    monkeypatch.setattr(http, "REQUEST_TIMEOUT", aiohttp.ClientTimeout(total=0.1))
    switchbot_cloud.inject(Fault(delay=0.5, times=1))
    client = SwitchBotClient(session, SWITCHBOT_TOKEN, SWITCHBOT_SECRET, switchbot_cloud.url)
    with pytest.raises(CloudUnreachable, match="timed out"):
        await client.async_get_devices()


async def test_switchbot_status_shapes(
    session: aiohttp.ClientSession, switchbot_cloud: SwitchBotCloud
) -> None:
    """Numbers sent as strings are read; a device the cloud cannot report on keeps its state."""
    client = SwitchBotClient(session, SWITCHBOT_TOKEN, SWITCHBOT_SECRET, switchbot_cloud.url)
    switchbot_cloud.statuses[METER].update(temperature="19.5", humidity="n/a", battery=True)
    devices = await client.async_get_devices()
    readings = devices[METER].channels["main"].readings
    assert readings == {Reading.TEMPERATURE: 19.5, Reading.HUMIDITY: None, Reading.BATTERY: None}
    assert devices[BOT].sw_version == switchbot_cloud.statuses[BOT]["version"]

    switchbot_cloud.inject(
        Fault(status=200, body='{"statusCode": 190, "body": {}, "message": "System error"}',
              times=1, path_prefix=f"/v1.1/devices/{METER}")
    )
    switchbot_cloud.set_offline(BOT)
    devices = await client.async_get_devices()
    assert devices[METER].channels["main"].readings[Reading.TEMPERATURE] == 19.5
    assert devices[BOT].online is False


async def test_switchbot_429(session: aiohttp.ClientSession, switchbot_cloud: SwitchBotCloud) -> None:
    """HTTP 429 with an HTML body is RateLimited, not a crash."""
    switchbot_cloud.inject(Fault(status=429, body="<html>slow down</html>", times=1))
    client = SwitchBotClient(session, SWITCHBOT_TOKEN, None, switchbot_cloud.url)
    with pytest.raises(RateLimited):
        await client.async_get_devices()
    # 700 of v1.0's 1,000 calls a day for polls, 4 for device lists: 500 devices
    # fit once a day only.
    meters = {str(n): Device(str(n), "Meter", "Meter", "SwitchBot") for n in range(500)}
    assert client.min_poll_interval(meters) == 86400  # one poll a day


async def test_shelly_keeps_being_rate_limited(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud
) -> None:
    """A cloud that keeps answering 429 ends in RateLimited after a few spaced tries."""
    shelly_cloud.inject(Fault(status=429, body="max_req", times=3))
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    with pytest.raises(RateLimited):
        await client.async_get_devices()
    calls = shelly_cloud.requests_to("/v2/devices/api/get")
    assert len(calls) == 3
    assert calls[2].time - calls[0].time >= 2.9


@pytest.mark.parametrize("fault", [Fault(status=500, times=1), Fault(status=200, body="{}", times=1)])
async def test_shelly_bad_answers(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud, fault: Fault
) -> None:
    """A get call answered with an error or the wrong shape is CloudUnreachable."""
    shelly_cloud.inject(fault)
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    with pytest.raises(CloudUnreachable):
        await client.async_get_devices()


async def test_shelly_set_without_error_string(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud
) -> None:
    """A failed set call without the document's error body is CloudUnreachable."""
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    devices = await client.async_get_devices()
    device = devices[SHELLY_1PM]
    shelly_cloud.inject(Fault(status=502, body="<html>bad gateway</html>", path_prefix="/v2/devices/api/set"))
    with pytest.raises(CloudUnreachable):
        await client.async_execute(device, device.channels["relay:0"], SetPower(on=True))
    shelly_cloud.clear_faults()
    shelly_cloud.inject(Fault(status=400, body='{"error": "BAD_REQUEST"}', path_prefix="/v2/devices/api/set"))
    with pytest.raises(CommandRejected, match="BAD_REQUEST"):
        await client.async_execute(device, device.channels["relay:0"], SetPower(on=True))


def test_shelly_gen1_shapes() -> None:
    """gen1 emeters (Wh), H&T tmp/hum/bat, and junk in place of objects."""
    device = parse_shelly(
        {
            "id": "e8db84d4a1b2",
            "gen": "G1",
            "code": "SHEM",
            "online": 1,
            "status": {
                "relays": ["junk"],
                "emeters": [{"power": 120.5, "voltage": 231.2, "current": 0.52, "total": 2500}],
                "tmp": {"tC": 20.5},
                "hum": {"value": 55},
                "bat": {"value": 90},
            },
            "settings": {"name": "  "},
        }
    )
    assert device is not None
    assert device.name == "Shelly SHEM"
    assert device.channels["relay:0"].is_on is None
    assert device.channels["emeter:0"].readings == {
        Reading.POWER: 120.5, Reading.VOLTAGE: 231.2, Reading.CURRENT: 0.52, Reading.ENERGY: 2.5,
    }
    assert device.channels["device"].readings == {
        Reading.TEMPERATURE: 20.5, Reading.HUMIDITY: 55.0, Reading.BATTERY: 90.0,
    }
    assert parse_shelly({"id": 42}) is None
    gen2 = parse_shelly({"id": "x", "gen": "G2", "type": "relay", "status": {"switch:0": {"output": "yes"}, "sys": {}}})
    assert gen2 is not None
    assert gen2.model == "relay"
    assert gen2.channels["switch:0"].is_on is None


async def test_sinricpro_token_lifetime(
    session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud
) -> None:
    """A token about to expire is renewed before the call, not after a 401."""
    sinricpro_cloud.token_lifetime = 60
    client = SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url)
    await client.async_get_devices()
    await client.async_get_devices()
    assert len(sinricpro_cloud.requests_to("/api/v1/auth")) == 2
    assert client.min_poll_interval({}) == 30


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(status=500, times=1, path_prefix="/api/v1/auth"), CloudUnreachable),
        (Fault(status=429, times=1, path_prefix="/api/v1/devices"), RateLimited),
        (Fault(status=200, body='{"success": true}', times=1, path_prefix="/api/v1/devices"), CloudUnreachable),
        (Fault(status=200, body='{"success": false, "message": "nope"}', times=1, path_prefix="/api/v1/devices"), CommandRejected),
        (Fault(status=401, times=2, path_prefix="/api/v1/devices"), CloudUnreachable),
    ],
)
async def test_sinricpro_faults(
    session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud, fault: Fault, error: type[Exception]
) -> None:
    """Each kind of bad answer becomes one of our errors."""
    sinricpro_cloud.inject(fault)
    client = SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url)
    with pytest.raises(error):
        await client.async_get_devices()


async def test_sinricpro_revoked_key(session: aiohttp.ClientSession, sinricpro_cloud: SinricProCloud) -> None:
    """Only a refused API key is AuthError."""
    sinricpro_cloud.revoke_key()
    with pytest.raises(AuthError):
        await SinricProClient(session, SINRICPRO_API_KEY, sinricpro_cloud.url).async_get_devices()


def test_sinricpro_unmapped_and_junk() -> None:
    """Types we do not map yet and devices without an id give no device."""
    assert parse_sinric({"id": "a", "product": {"code": "sinric.devices.types.TV"}}) is None
    assert parse_sinric({"product": "SWITCH"}) is None
    switch = parse_sinric({"id": "b", "product": {"code": "sinric.devices.types.SWITCH"}, "powerState": 1})
    assert switch is not None
    assert switch.channels["main"].is_on is None


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
