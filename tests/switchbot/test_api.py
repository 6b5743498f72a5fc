"""The SwitchBot client on its own, with no Home Assistant: status shapes and faults."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.cloud_bridge.api import (
    Device,
    RateLimited,
    Reading,
    SwitchBotClient,
)
from tests.conftest import (
    BOT,
    METER,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
)
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud


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
    meters = {str(n): Device(str(n), "Meter", "Meter", "SwitchBot", model_id="Meter") for n in range(500)}
    assert client.min_poll_interval(meters) == 86400  # one poll a day
