"""Pushes nobody should send: webhook bodies and stream bytes that are broken, huge, unknown or repeated.

Each is accepted (HTTP 200) or skipped, cheaply and quietly; what follows still works.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from typing import Any
from unittest.mock import Mock

import aiohttp
from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from hypothesis import given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api import CloudUnreachable
from custom_components.cloud_bridge.api.sse import HEARTBEAT, read_events
from tests.conftest import (
    BOT,
    PLUG_MINI,
    post_webhook,
    setup_entry,
    switchbot_data,
    wait_until,
)
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud
from tests.simulator.switchbot.storm import storm
from tests.sinricpro.home import SWITCH


@pytest.fixture
def platforms() -> list[Platform]:
    """Only switches: the Plug Mini and the Bot show what pushes did."""
    return [Platform.SWITCH]


@pytest.fixture
async def webhook_entry(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> MockConfigEntry:
    """The SwitchBot account, set up with its webhook registered at the cloud."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    await hass.async_block_till_done()
    return entry


def _assert_quiet(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing was logged above info by Cloud Bridge, and nothing escaped."""
    assert not [
        r.getMessage()
        for r in caplog.records
        if r.levelno > logging.INFO and r.name.startswith("custom_components.cloud_bridge")
    ]
    for marker in ("Task exception was never retrieved", "Error doing job", "Error handling request"):
        assert marker not in caplog.text


def _event(cloud: SwitchBotCloud, device_id: str, **context: Any) -> dict[str, Any]:
    return cloud.webhook_event(device_id, **context)


# -- SwitchBot webhook ----------------------------------------------------------


async def test_webhook_junk(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    webhook_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Empty, not JSON, huge, too deep, unknown types and devices: 200, ignored, no cloud call."""
    entry = webhook_entry
    calls = len(switchbot_cloud.requests)
    plug = "switch.desk_lamp_plug"
    assert hass.states.get(plug).state == STATE_ON
    good = _event(switchbot_cloud, PLUG_MINI, powerState="OFF")
    junk: list[Any] = [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"{" * 10,
        b"[" * 30_000 + b"]" * 30_000,  # under 64 KiB, deeper than the JSON parser recurses
        json.dumps({**good, "pad": "x" * (70 * 1024)}).encode(),  # over 64 KiB
        b" " * (65 * 1024) + b"{}",
        None,
        42,
        "a string",
        [good],
        {},
        {"eventType": "somethingNew", "context": good["context"]},
        {"eventType": "changeReport"},
        {"eventType": "changeReport", "context": None},
        {"eventType": "changeReport", "context": {"deviceMac": 5}},
        {**good, "context": {**good["context"], "deviceMac": "00:11:22:33:44:55"}},
        {"eventType": "changeReport", "context": {**good["context"], "powerState": ["OFF"]}},
    ]
    for body in junk:
        assert await post_webhook(webhook_client, entry, body) == 200
        await hass.async_block_till_done()
        # Nothing of it turned the plug off.
        assert hass.states.get(plug).state == STATE_ON
    # Ignoring is cheap: not one call to the cloud for any of it.
    assert len(switchbot_cloud.requests) == calls
    # And the webhook still works.
    assert await post_webhook(webhook_client, entry, good) == 200
    await hass.async_block_till_done()
    assert hass.states.get(plug).state == STATE_OFF
    _assert_quiet(caplog)


async def test_webhook_replayed(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    webhook_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The same events replayed hundreds of times: each 200, the state the last one says."""
    entry = webhook_entry
    calls = len(switchbot_cloud.requests)
    on = _event(switchbot_cloud, BOT, powerState="ON", deviceMode="switchMode")
    off = _event(switchbot_cloud, BOT, powerState="OFF", deviceMode="switchMode")
    for _ in range(150):
        assert await post_webhook(webhook_client, entry, on) == 200
    await hass.async_block_till_done()
    assert hass.states.get("switch.coffee_bot").state == STATE_ON
    for _ in range(150):
        assert await post_webhook(webhook_client, entry, off) == 200
        assert await post_webhook(webhook_client, entry, b"not json") == 200
    await hass.async_block_till_done()
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert len(switchbot_cloud.requests) == calls
    _assert_quiet(caplog)


# Sample times that stand for "as the cloud would stamp it now" and "ten days ahead".
NOW = -1
FAR_AHEAD = int((time.time() + 10 * 86400) * 1000)


@pytest.mark.parametrize(
    ("sampled_at", "shown"),
    [
        # Each event: (timeOfSample, powerState); then the plug's state.
        ([(2000, "OFF"), (1000, "ON")], STATE_OFF),
        # The same sample again (a replay) is applied, as is a newer one.
        ([(2000, "OFF"), (2000, "ON")], STATE_ON),
        ([(2000, "OFF"), (1000, "ON"), (3000, "ON")], STATE_ON),
        # Without a sample time an event cannot be ordered: it is applied.
        ([(2000, "OFF"), (None, "ON")], STATE_ON),
        # A time days ahead (a clock gone wrong) does not hold back what follows.
        ([(FAR_AHEAD, "OFF"), (NOW, "ON")], STATE_ON),
    ],
    ids=["older-ignored", "replay-applied", "newer-applied", "no-sample-applied", "far-ahead-not-kept"],
)
async def test_webhook_out_of_order(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    webhook_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    sampled_at: list[tuple[int | None, str]],
    shown: str,
) -> None:
    """An event sampled before one already applied to its device arrives late: it changes nothing."""
    for at, power in sampled_at:
        event = _event(switchbot_cloud, PLUG_MINI, powerState=power)
        if at is None:
            del event["context"]["timeOfSample"]
        elif at != NOW:
            event["context"]["timeOfSample"] = at
        assert await post_webhook(webhook_client, webhook_entry, event) == 200
        await hass.async_block_till_done()
    assert hass.states.get("switch.desk_lamp_plug").state == shown
    _assert_quiet(caplog)


async def test_webhook_storm(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """1,002 events sent at 2,004 a second over 16 connections, many overtaking others.

    Each is answered 200, none costs a call to the cloud, and afterwards every
    device shows the last event sent for it. (scripts/load runs the full storm,
    1,000 events a second for 10 s, and prints Home Assistant's loop delay.)
    """
    calls = len(switchbot_cloud.requests)
    before = {
        entity: hass.states.get(entity).state
        for entity in ("switch.desk_lamp_plug", "switch.coffee_bot")
    }
    sent = await storm(switchbot_cloud, rate=2004, seconds=0.5, connections=16)
    await hass.async_block_till_done()
    assert sent["statuses"] == {"200": 1002}
    final = {
        "switch.desk_lamp_plug": sent["final"][PLUG_MINI]["power"],
        "switch.coffee_bot": sent["final"][BOT]["power"],
    }
    # An odd number of flips each: the storm left both other than they were.
    assert final != before
    assert {entity: hass.states.get(entity).state for entity in final} == final
    assert len(switchbot_cloud.requests) == calls
    _assert_quiet(caplog)


# -- the SSE reader, fed bytes directly ----------------------------------------------------


async def _read_all(chunks: list[bytes], limit: int = 2**16) -> tuple[list[Any], CloudBridgeEnd]:
    """Feed `chunks` to a stream reader, then its end; every event read, and how it ended."""
    reader = aiohttp.StreamReader(Mock(_reading_paused=False), limit, loop=asyncio.get_running_loop())
    for chunk in chunks:
        reader.feed_data(chunk)
    reader.feed_eof()
    events: list[Any] = []
    try:
        async for item in read_events(reader, watchdog=60):
            events.append(item)
    except CloudUnreachable as err:
        return events, CloudBridgeEnd(str(err))
    raise AssertionError("read_events ended without saying why")


class CloudBridgeEnd(str):
    """Why the stream reader stopped."""


STREAM = (
    b':heartbeat\n\n'
    b'data: {"event": "a", "n": 1}\n\n'
    b'data: {"event": "b",\n'
    b'data:  "n": 2}\n\n'
    b'{"event": "c", "n": 3}\n'
    b'data: {not json}\n\n'
    b'{broken\n'
    b'data: {"event": "d", "text": "caf\xc3\xa9 \xff\xfe"}\n\n'
    b'\xff\xfe\xfd\n'
    b'event: ignored\nid: 7\nretry: 1000\n\n'
    b'data: {"event": "e", "n": 5}\r\n\r\n'
    b'{"event": "f", "n": 6}\n'
)


def _names(events: list[Any]) -> list[Any]:
    return [e if e is HEARTBEAT else e.get("event") for e in events]


async def test_sse_reader_whole() -> None:
    """Events in both framings are parsed; bad JSON and bad bytes are skipped."""
    events, end = await _read_all([STREAM])
    assert _names(events) == [HEARTBEAT, "a", "b", "c", "d", "e", "f"]
    assert events[4]["text"].startswith("café ")  # invalid UTF-8 replaced, not fatal
    assert end == "the stream ended"


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(cuts=st.lists(st.integers(1, len(STREAM) - 1), unique=True, max_size=40))
def test_sse_reader_split_anywhere(cuts: list[int]) -> None:
    """The same bytes split into chunks anywhere, even mid-character: the same events."""
    bounds = [0, *sorted(cuts), len(STREAM)]
    chunks = [STREAM[a:b] for a, b in itertools.pairwise(bounds)]
    events, _ = asyncio.run(_read_all(chunks))
    assert _names(events) == [HEARTBEAT, "a", "b", "c", "d", "e", "f"]


async def test_sse_reader_long_lines() -> None:
    """A long event within the reader's limit parses; one beyond it ends the stream with our error."""
    long_event = json.dumps({"event": "long", "pad": "x" * 100_000}).encode()
    events, end = await _read_all([b"data: " + long_event + b"\n\n", b'{"event": "after"}\n'])
    assert _names(events) == ["long", "after"]
    assert end == "the stream ended"
    events, end = await _read_all(
        [b'{"event": "before"}\n', b"data: " + b"y" * (1024 * 1024) + b"\n\n", b'{"event": "lost"}\n']
    )
    assert _names(events) == ["before"]
    assert end == "ValueError"  # the reconnect that follows starts on a clean line


# -- the SSE stream, through the simulator ------------------------------------------------


async def test_stream_junk_through_simulator(
    hass: HomeAssistant,
    sinricpro_home: SinricProCloud,
    sinricpro_home_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Raw junk on the open stream is skipped; the stream stays up and the next event applies."""
    frame = sinricpro_home._frame

    def raw_or_framed(event: dict[str, Any]) -> bytes:
        raw = event.get("__raw__")
        return raw if isinstance(raw, bytes) else frame(event)

    monkeypatch.setattr(sinricpro_home, "_frame", raw_or_framed)
    opened = len(sinricpro_home.requests_to("/sse/stream"))
    entity_id = "switch.hall_switch"
    assert hass.states.get(entity_id).state == STATE_OFF
    for raw in (
        b"data: {not json}\n\n",
        b"{half an event",
        b' and the rest, still not JSON}\n\n',
        b'data: {"event": "deviceMessageArrived", "device": {"id": "\xff\xfe"}}\n\n',
        b"\xff\xfe\xfd\xfc\n\n",
        b"data: " + json.dumps({"event": "x", "pad": "z" * 60_000}).encode() + b"\n\n",
        b"data: []\n\n",
        b"data: null\n\n",
    ):
        sinricpro_home.publish({"__raw__": raw})
    for event in (
        {"event": "somethingNew", "device": {"id": SWITCH, "powerState": "On"}},
        {"event": "deviceMessageArrived", "device": {"id": "000000000000000000000000", "powerState": "On"}},
        {"event": "deviceMessageArrived", "message": {"deviceId": SWITCH, "payload": {"action": "setPowerState", "value": "{bad"}}},
        {"event": "deviceMessageArrived", "message": {"deviceId": SWITCH, "payload": "not an object"}},
    ):
        sinricpro_home.publish(event)
    # An event that does apply, after all of it.
    sinricpro_home.device_event(SWITCH, "setPowerState", {"state": "On"})
    await wait_until(lambda: hass.states.get(entity_id).state == STATE_ON, "the switch is on")
    assert sinricpro_home_entry.runtime_data.push_active
    assert len(sinricpro_home.requests_to("/sse/stream")) == opened  # never reopened
    _assert_quiet(caplog)
