"""The SinricPro event stream: both framings and shapes, reconnects, the watchdog, tokens, polls."""

from __future__ import annotations

from contextlib import aclosing
from datetime import timedelta
from typing import Any

import aiohttp
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.cloud_bridge.api import SinricProClient
from custom_components.cloud_bridge.api.features import DeviceChanged
from custom_components.cloud_bridge.api.sinricpro import client as sinricpro
from custom_components.cloud_bridge.api.sinricpro.events import read_event
from custom_components.cloud_bridge.api.sse import HEARTBEAT, SseParser, read_events
from tests.conftest import SINRICPRO_API_KEY, setup_entry, sinricpro_data, wait_until
from tests.simulator.base import Fault
from tests.simulator.sinricpro import SinricProCloud
from tests.sinricpro.home import CONTACT, LIGHT, MOTION, SWITCH, TEMPERATURE

STREAM = "/sse/stream"


def state(hass: HomeAssistant, entity_id: str) -> str:
    """The entity's state."""
    return hass.states.get(entity_id).state


def streams_opened(cloud: SinricProCloud) -> int:
    """How many times the stream was asked for."""
    return len(cloud.requests_to(STREAM))


@pytest.fixture
def fast_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconnect almost at once, so that tests need not wait out the real backoff."""
    monkeypatch.setattr(sinricpro, "BACKOFF_BASE", 0.01)


@pytest.mark.parametrize(
    ("framing", "shape"),
    [("data", "device"), ("data", "message"), ("bare", "device"), ("bare", "message")],
)
async def test_events_move_entities(
    hass: HomeAssistant,
    sinricpro_home: SinricProCloud,
    sinricpro_home_entry: MockConfigEntry,
    framing: str,
    shape: str,
) -> None:
    """Every framing and shape of deviceMessageArrived reaches the entities."""
    sinricpro_home.framing, sinricpro_home.event_shape = framing, shape
    sinricpro_home.device_event(TEMPERATURE, "currentTemperature", {"temperature": 14.0, "humidity": 70.5})
    sinricpro_home.device_event(CONTACT, "setContactState", {"state": "open"})
    sinricpro_home.device_event(MOTION, "motion", {"state": "detected"})
    sinricpro_home.device_event(LIGHT, "setBrightness", {"brightness": 20})
    sinricpro_home.device_event(SWITCH, "setPowerState", {"state": "On"})
    # Events arrive in order: once the last has moved its entity, all have.
    await wait_until(lambda: state(hass, "switch.hall_switch") == "on", "switched on")
    assert hass.states.get("light.desk_lamp").attributes["brightness"] == 51
    assert state(hass, "sensor.garden_temperature") == "14.0"
    assert state(hass, "sensor.garden_humidity") == "70.5"
    assert state(hass, "binary_sensor.back_door_door") == "on"
    assert state(hass, "binary_sensor.hall_motion_motion") == "on"


async def test_connectivity(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """deviceDisconnected makes the device unavailable, its connectivity off; deviceConnected back."""
    sinricpro_home.set_online(SWITCH, False)
    await wait_until(lambda: state(hass, "binary_sensor.hall_switch_connectivity") == "off", "disconnected")
    assert state(hass, "switch.hall_switch") == "unavailable"
    sinricpro_home.set_online(SWITCH, True)
    await wait_until(lambda: state(hass, "switch.hall_switch") == "off", "connected")
    assert state(hass, "binary_sensor.hall_switch_connectivity") == "on"


@pytest.mark.usefixtures("fast_stream")
async def test_dropped_stream(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """A dropped stream polls at the normal pace until it is back; then polls slow and resync."""
    coordinator = sinricpro_home_entry.runtime_data
    assert coordinator.update_interval == timedelta(seconds=1800)
    polls = len(sinricpro_home.requests_to("/api/v1/devices"))
    sinricpro_home.inject(Fault(status=503, body="busy", path_prefix=STREAM))
    sinricpro_home.drop_streams(abort=True)
    await wait_until(lambda: not coordinator.push_active, "push off")
    assert coordinator.update_interval == timedelta(seconds=60)
    await wait_until(lambda: len(sinricpro_home.requests_to("/api/v1/devices")) > polls, "polled at once")
    await wait_until(lambda: streams_opened(sinricpro_home) >= 3, "tried again")

    # Changed while nothing was pushed: the resync after the reconnect shows it.
    sinricpro_home.devices[SWITCH]["powerState"] = "On"
    sinricpro_home.clear_faults()
    await wait_until(lambda: coordinator.push_active, "back up")
    assert coordinator.update_interval == timedelta(seconds=1800)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=11))
    await wait_until(lambda: state(hass, "switch.hall_switch") == "on", "resynced")


@pytest.mark.usefixtures("fast_stream")
async def test_clean_end_reconnects(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """A stream the cloud ends cleanly is opened again, and its events flow as before."""
    sinricpro_home.drop_streams()
    await wait_until(lambda: streams_opened(sinricpro_home) == 2 and sinricpro_home.open_streams == 1, "reopened")
    sinricpro_home.device_event(CONTACT, "setContactState", {"state": "open"})
    await wait_until(lambda: state(hass, "binary_sensor.back_door_door") == "on", "event after reconnect")


@pytest.mark.usefixtures("fast_stream")
async def test_stream_of_junk(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """A stream of lines that are no events is read past, and opened again when it ends."""
    junk = "data: not json\n\nretry: 5\n\n"
    sinricpro_home.inject(Fault(status=200, body=junk, times=1, path_prefix=STREAM))
    sinricpro_home.drop_streams()
    coordinator = sinricpro_home_entry.runtime_data
    await wait_until(lambda: streams_opened(sinricpro_home) == 3 and coordinator.push_active, "reopened")
    sinricpro_home.device_event(MOTION, "motion", {"state": "detected"})
    await wait_until(lambda: state(hass, "binary_sensor.hall_motion_motion") == "on", "events flow")


@pytest.mark.usefixtures("fast_stream")
async def test_watchdog(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stream silent past the watchdog, not even a heartbeat, is reopened."""
    monkeypatch.setattr(sinricpro, "STREAM_WATCHDOG", 0.2)
    sinricpro_home.heartbeat_interval = 3600
    entry = await setup_entry(hass, sinricpro_data(sinricpro_home))
    await wait_until(lambda: streams_opened(sinricpro_home) >= 2, "reopened")
    await hass.config_entries.async_unload(entry.entry_id)
    await wait_until(lambda: sinricpro_home.open_streams == 0, "closed on unload")


@pytest.mark.parametrize("framing", ["data", "bare"])
async def test_heartbeats_keep_the_stream(
    sinricpro_home: SinricProCloud, framing: str
) -> None:
    """Heartbeats, well past the watchdog in all, keep the reader going (api alone)."""
    sinricpro_home.framing = framing
    sinricpro_home.heartbeat_interval = 0.02
    async with aiohttp.ClientSession() as session:
        client = SinricProClient(session, SINRICPRO_API_KEY, sinricpro_home.url)
        token = await client.access_token()
        async with (
            session.get(f"{sinricpro_home.url}{STREAM}", params={"accessToken": token}) as resp,
            aclosing(read_events(resp.content, watchdog=0.2)) as events,
        ):
            beats = 0
            async for item in events:
                beats += item is HEARTBEAT or item == {"event": "heartbeat"}
                if beats == 20:
                    break


@pytest.mark.usefixtures("fast_stream")
async def test_expired_token(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """A stream that refuses an expired token gets a new one from the API key, unnoticed."""
    first = sinricpro_home.requests_to(STREAM)[0].query["accessToken"]
    sinricpro_home.expire_tokens()
    sinricpro_home.inject(Fault(status=503, times=1, path_prefix="/api/v1/devices"))
    sinricpro_home.drop_streams()
    coordinator = sinricpro_home_entry.runtime_data
    await wait_until(lambda: streams_opened(sinricpro_home) >= 3 and coordinator.push_active, "reopened")
    assert [r.query["accessToken"] == first for r in sinricpro_home.requests_to(STREAM)] == [True, True, False]
    assert len(sinricpro_home.requests_to("/api/v1/auth")) == 2
    assert not hass.config_entries.flow.async_progress()


@pytest.mark.usefixtures("fast_stream")
async def test_revoked_key(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """A refused API key ends the stream and asks the user to sign in again."""
    # Polls fail for another reason, so that only the stream can tell.
    sinricpro_home.inject(Fault(status=503, path_prefix="/api/v1/devices"))
    sinricpro_home.revoke_key()
    sinricpro_home.drop_streams()
    await wait_until(lambda: bool(hass.config_entries.flow.async_progress()), "reauth")
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]
    assert streams_opened(sinricpro_home) == 2
    assert sinricpro_home.open_streams == 0
    assert not sinricpro_home_entry.runtime_data.push_active


async def test_unload_ends_stream(
    hass: HomeAssistant, sinricpro_home: SinricProCloud, sinricpro_home_entry: MockConfigEntry
) -> None:
    """Unloading the entry closes its stream; no task is left behind."""
    assert sinricpro_home.open_streams == 1
    assert await hass.config_entries.async_unload(sinricpro_home_entry.entry_id)
    assert sinricpro_home_entry.state is ConfigEntryState.NOT_LOADED
    await wait_until(lambda: sinricpro_home.open_streams == 0, "closed")


def test_parser_framings() -> None:
    """Both framings, comments as heartbeats, multi-line data, fields we do not use."""
    parser = SseParser()
    lines = [
        ": heartbeat", "event: message", "id: 7", "retry: 1000",
        'data: {"a":', 'data: 1}', "",
        '{"event":"deviceConnected"}',
        "", "not json and not a field",
    ]
    assert [parser.feed(line) for line in lines] == [
        HEARTBEAT, None, None, None, None, None, '{"a":\n1}', '{"event":"deviceConnected"}', None, None,
    ]


@pytest.mark.parametrize(
    "payload",
    [
        "text",
        {"event": "heartbeat"},
        {"event": "deviceMessageArrived"},
        {"event": "deviceMessageArrived", "device": {"id": "unknown", "powerState": "On"}},
        {"event": "deviceMessageArrived", "message": {"deviceId": SWITCH, "payload": {"action": "setPowerState", "value": "{bad", "success": True}}},
        {"event": "deviceMessageArrived", "message": {"deviceId": SWITCH, "payload": {"action": "setPowerState", "value": {"state": "On"}, "success": False}}},
        {"event": "somethingNew", "device": {"id": SWITCH}},
    ],
)
def test_events_that_change_nothing(payload: Any) -> None:
    """Malformed, unknown or failed events change nothing and raise nothing."""
    from custom_components.cloud_bridge.api.sinricpro.devices import parse_device

    switch = parse_device({"id": SWITCH, "product": {"code": "sinric.devices.types.SWITCH"}, "powerState": "Off"})
    assert switch is not None
    assert read_event(payload, {SWITCH: switch}) is None
    assert switch.channels["main"].is_on is False


def test_message_value_as_text() -> None:
    """A message whose value is JSON text, as the action call sends it, is read too."""
    from custom_components.cloud_bridge.api.sinricpro.devices import parse_device

    switch = parse_device({"id": SWITCH, "product": {"code": "sinric.devices.types.SWITCH"}})
    assert switch is not None
    payload = {"event": "deviceMessageArrived", "message": {"deviceId": SWITCH, "payload": {"action": "setPowerState", "value": '{"state": "On"}'}}}
    assert read_event(payload, {SWITCH: switch}) == DeviceChanged(SWITCH)
    assert switch.channels["main"].is_on is True
