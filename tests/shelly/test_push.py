"""Shelly real-time updates through the simulated socket: events, merging, poll plan, drops, silence."""

from __future__ import annotations

import json
import logging
import time

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api.shelly import client as shelly_client
from custom_components.cloud_bridge.const import DOMAIN
from custom_components.cloud_bridge.coordinator import SAFETY_INTERVAL
from custom_components.cloud_bridge.diagnostics import (
    async_get_config_entry_diagnostics,
)
from tests.conftest import (
    SHELLY_1PM,
    SHELLY_2PM,
    SHELLY_HT,
    setup_entry,
    shelly_data,
    wait_until,
)
from tests.shelly.push_support import (
    COUNTER,
    COUNTER_POWER,
    GARAGE,
    ISLAND,
    poll,
    push_data,
    state,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud


async def test_events_move_state_within_a_second(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """Both generations' shapes, with decimal ids, change entities between polls."""
    realtime = shelly_cloud.realtime
    polls = len(shelly_cloud.requests_to("/v2/devices/api/get"))
    assert state(hass, COUNTER) == STATE_OFF
    assert state(hass, GARAGE) == STATE_OFF
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True, "apower": 42.5}})
    await realtime.change(SHELLY_1PM, {"relays": [{"ison": True}]})
    started = time.monotonic()
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON and state(hass, GARAGE) == STATE_ON)
    assert time.monotonic() - started < 1.0
    assert state(hass, COUNTER_POWER) == "42.5"
    assert state(hass, ISLAND) == STATE_OFF
    # Nothing was read for it: the socket carried the change.
    assert len(shelly_cloud.requests_to("/v2/devices/api/get")) == polls
    diagnostics = await async_get_config_entry_diagnostics(hass, push_entry)
    assert diagnostics["push"]["up"] is True
    assert diagnostics["push"]["events"] == 2
    assert diagnostics["push"]["since"] <= time.time()
    assert diagnostics["push"]["pushed_devices"] == sorted([SHELLY_1PM, SHELLY_2PM])
    assert diagnostics["entry"]["data"]["token"] == "**REDACTED**"


async def test_partial_delta_keeps_what_it_lacks(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """A delta with only `output` leaves power, energy and the other relay as they were."""
    realtime = shelly_cloud.realtime
    energy = state(hass, "sensor.kitchen_2pm_counter_energy")
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True, "apower": 12.0}})
    await wait_until(lambda: state(hass, COUNTER_POWER) == "12.0")
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": False}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_OFF)
    assert state(hass, COUNTER_POWER) == "12.0"
    assert state(hass, "sensor.kitchen_2pm_counter_energy") == energy != STATE_UNAVAILABLE
    # gen1: a delta for the meter alone keeps the relay on.
    await realtime.change(SHELLY_1PM, {"relays": [{"ison": True}]})
    await wait_until(lambda: state(hass, GARAGE) == STATE_ON)
    await realtime.change(SHELLY_1PM, {"meters": [{"power": 7.5}]})
    await wait_until(lambda: state(hass, "sensor.garage_1pm_power") == "7.5")
    assert state(hass, GARAGE) == STATE_ON


async def test_online_event_sets_availability(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    realtime = shelly_cloud.realtime
    await realtime.set_online(SHELLY_2PM, False)
    await wait_until(lambda: state(hass, COUNTER) == STATE_UNAVAILABLE)
    await realtime.set_online(SHELLY_2PM, True)
    await wait_until(lambda: state(hass, COUNTER) == STATE_OFF)


async def test_unknown_and_malformed_frames_are_skipped(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    realtime = shelly_cloud.realtime
    caplog.set_level(logging.DEBUG, logger="custom_components.cloud_bridge")
    device = {"id": str(int(SHELLY_2PM, 16)), "code": "SNSW-102P16EU", "gen": "G2"}
    for frame in (
        "not json",
        "[1, 2]",
        '{"event": "Shelly:Future", "device": {"id": "1"}}',
        '{"event": "Shelly:StatusOnChange", "device": {"id": "99"}, "status": {}}',
        '{"event": "Shelly:StatusOnChange", "status": {"switch:0": {"output": true}}}',
        f'{{"event": "Shelly:StatusOnChange", "device": {json.dumps(device)}, "status": 5}}',
        f'{{"event": "Shelly:Online", "device": {json.dumps(device)}, "online": "maybe"}}',
    ):
        await realtime.send_raw(frame)
    await realtime.change(SHELLY_2PM, {"switch:1": {"output": True}})
    await wait_until(lambda: state(hass, ISLAND) == STATE_ON)
    diagnostics = await async_get_config_entry_diagnostics(hass, push_entry)
    assert diagnostics["push"]["skipped"] == 7
    assert diagnostics["push"]["events"] == 1
    assert state(hass, COUNTER) == STATE_OFF
    assert "no device of ours has id 000000000063" in caplog.text
    assert "skipped event 'Shelly:Future'" in caplog.text


async def test_push_and_poll_meet_by_report_time(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """An event older than the poll is dropped; a poll older than a push does not undo it."""
    realtime = shelly_cloud.realtime
    read_at = shelly_cloud.devices[SHELLY_2PM].status["sys"]["unixtime"]
    await realtime.push_status(SHELLY_2PM, {"switch:0": {"output": True}}, ts=read_at - 60)
    await realtime.change(SHELLY_2PM, {"switch:1": {"output": True}})
    await wait_until(lambda: state(hass, ISLAND) == STATE_ON)
    assert state(hass, COUNTER) == STATE_OFF
    # Newer than what the cloud answers polls with (its change has not landed there yet).
    await realtime.push_status(SHELLY_2PM, {"switch:0": {"output": True}}, ts=read_at + 60)
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON)
    # The first poll with push up reads every device (a safety read).
    reads = len(shelly_cloud.requests_to("/v2/devices/api/get"))
    await poll(hass, push_entry)
    assert len(shelly_cloud.requests_to("/v2/devices/api/get")) > reads
    assert state(hass, COUNTER) == STATE_ON


async def test_polls_slow_for_pushed_devices_only(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """A shared device, which the socket never covers, keeps being read at the normal pace."""
    realtime = shelly_cloud.realtime
    coordinator = push_entry.runtime_data
    realtime.shared.add(SHELLY_HT)
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True}})
    await realtime.change(SHELLY_1PM, {"relays": [{"ison": True}]})
    await realtime.change(SHELLY_HT, {"temperature:0": {"tC": 30.0}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON and state(hass, GARAGE) == STATE_ON)
    # The first poll with push up reads everything once (a safety read).
    await poll(hass, push_entry)
    before = len(shelly_cloud.requests)
    await poll(hass, push_entry)
    reads = [r.json["ids"] for r in shelly_cloud.requests[before:] if r.path.endswith("/get")]
    assert reads == [[SHELLY_HT]]
    assert coordinator.update_interval is not None
    assert coordinator.update_interval.total_seconds() == 30
    assert state(hass, "sensor.cellar_h_t_temperature") == "30.0"
    assert state(hass, COUNTER) == STATE_ON
    # Once every device has pushed, the whole account polls at the safety interval.
    realtime.shared.clear()
    await realtime.change(SHELLY_HT, {"temperature:0": {"tC": 31.0}})
    await wait_until(lambda: state(hass, "sensor.cellar_h_t_temperature") == "31.0")
    await poll(hass, push_entry)
    assert coordinator.update_interval.total_seconds() == SAFETY_INTERVAL


async def test_dropped_socket_is_reopened(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    realtime = shelly_cloud.realtime
    coordinator = push_entry.runtime_data
    assert coordinator.push_active
    reads = len(shelly_cloud.requests_to("/v2/devices/api/get"))
    await realtime.drop()
    await wait_until(
        lambda: realtime.connections == 2 and realtime.open_sockets == 1 and coordinator.push_active
    )
    # Down and up again: every device is read for what the gap missed.
    await wait_until(lambda: len(shelly_cloud.requests_to("/v2/devices/api/get")) > reads)
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON)


async def test_silent_socket_is_reopened(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """A socket that answers no ping is taken as dead, then opened anew."""
    realtime = shelly_cloud.realtime
    realtime.silent = True
    await wait_until(lambda: realtime.connections >= 2)
    realtime.silent = False
    await wait_until(lambda: realtime.open_sockets == 1 and push_entry.runtime_data.push_active)
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON)


async def test_unreachable_socket_keeps_polling(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A socket that cannot be reached is tried again and again; polls keep their pace."""
    shelly_cloud.inject(Fault(path_prefix="/shelly/wss/hk_sock", status=503))
    entry = await setup_entry(hass, push_data(shelly_cloud))
    await wait_until(lambda: len(shelly_cloud.requests_to("/shelly/wss/hk_sock")) >= 3)
    coordinator = entry.runtime_data
    assert not coordinator.push_active
    assert coordinator.update_interval is not None
    assert coordinator.update_interval.total_seconds() == 30
    shelly_cloud.clear_faults()
    await wait_until(lambda: shelly_cloud.realtime.open_sockets == 1 and coordinator.push_active)


async def test_without_sign_in_no_socket(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    entry = await setup_entry(hass, shelly_data(shelly_cloud))
    await hass.async_block_till_done()
    assert shelly_cloud.realtime.connections == 0
    assert "push" not in await async_get_config_entry_diagnostics(hass, entry)


def test_safety_read_interval_matches_the_coordinator() -> None:
    """A poll reads pushed devices as seldom as the coordinator polls a pushed account."""
    assert shelly_client.PUSHED_READ_INTERVAL == SAFETY_INTERVAL


async def test_server_that_cannot_be_reached_is_tried_again(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, caplog: pytest.LogCaptureFixture
) -> None:
    """A socket server that refuses the connection: retried with backoff, never an issue."""
    caplog.set_level(logging.DEBUG, logger="custom_components.cloud_bridge")
    entry = await setup_entry(hass, push_data(shelly_cloud, user_api_url="http://127.0.0.1:9"))
    await wait_until(lambda: caplog.text.count("Shelly push: ClientConnectorError") >= 2)
    assert not entry.runtime_data.push_active
    issues = ir.async_get(hass)
    assert issues.async_get_issue(DOMAIN, f"sign_in_refused_{entry.entry_id}") is None


async def test_server_ping_is_answered(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    realtime = shelly_cloud.realtime
    await realtime.ping_clients()
    await wait_until(lambda: realtime.pongs == 1)
    assert realtime.connections == 1


async def test_push_during_a_poll_is_not_undone(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """A delta with no report time that lands while a poll is on its way survives the poll's answer."""
    shelly_cloud.inject(Fault(path_prefix="/v2/devices/api/get", delay=0.5, times=1))
    refresh = hass.async_create_task(push_entry.runtime_data.async_refresh())
    await wait_until(lambda: bool(shelly_cloud.faults) and shelly_cloud.faults[0].times == 0)
    # The cloud's answer, read after the delay, has not caught up with the change yet.
    await shelly_cloud.realtime.push_status(SHELLY_2PM, {"switch:0": {"output": True}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON)
    await refresh
    await hass.async_block_till_done()
    assert state(hass, COUNTER) == STATE_ON


async def test_device_the_cloud_sent_no_status_for(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    """A poll answering `status: null` (a device asleep), then a push: merged into nothing, not a crash."""
    device = shelly_cloud.devices[SHELLY_HT]
    body = [{**device.state(), "status": None, "settings": device.settings}]
    shelly_cloud.inject(Fault(path_prefix="/v2/devices/api/get", status=200, body=json.dumps(body), times=1))
    await poll(hass, push_entry)
    await shelly_cloud.realtime.change(SHELLY_HT, {"temperature:0": {"tC": 12.5}})
    await wait_until(lambda: state(hass, "sensor.cellar_h_t_temperature") == "12.5")
    assert push_entry.runtime_data.push_active
