"""Setting up and unloading an account, its devices, and polls that fail and recover."""

from __future__ import annotations

from itertools import pairwise
import logging

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    BOT,
    CURTAIN,
    HUB,
    METER,
    next_poll,
    setup_entry,
    shelly_data,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.switchbot import SwitchBotCloud


async def test_devices(
    hass: HomeAssistant,
    switchbot_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """One registry entry a device, linked to its hub."""
    devices = dr.async_entries_for_config_entry(device_registry, switchbot_entry.entry_id)
    assert devices == snapshot
    hub = device_registry.async_get_device({(DOMAIN, f"switchbot_{HUB}")})
    for device_id in (BOT, METER, CURTAIN):
        device = device_registry.async_get_device({(DOMAIN, f"switchbot_{device_id}")})
        assert device.via_device_id == hub.id


async def test_device_models(
    hass: HomeAssistant,
    switchbot_entry: MockConfigEntry,
    ir_entry: MockConfigEntry,
    shelly_entry: MockConfigEntry,
    sinricpro_home_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Each device shows its product's name as model and the vendor's code, where it differs, as model id."""
    accounts = {
        "switchbot": switchbot_entry,
        "switchbot_ir": ir_entry,
        "shelly": shelly_entry,
        "sinricpro": sinricpro_home_entry,
    }
    for label, entry in accounts.items():
        devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
        models = sorted((d.name or "", d.model or "", d.model_id or "") for d in devices)
        assert models == snapshot(name=label)


async def test_unload(hass: HomeAssistant, switchbot_entry: MockConfigEntry) -> None:
    """An entry unloads and its entities go."""
    assert switchbot_entry.state is ConfigEntryState.LOADED
    assert await hass.config_entries.async_unload(switchbot_entry.entry_id)
    assert switchbot_entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.get("switch.coffee_bot").state == STATE_UNAVAILABLE


@pytest.mark.parametrize(
    ("fault", "state"),
    [
        (Fault(status=500), ConfigEntryState.SETUP_RETRY),
        (Fault(status=200, body="<html>maintenance</html>"), ConfigEntryState.SETUP_RETRY),
        (Fault(status=401, body='{"message": "Unauthorized"}'), ConfigEntryState.SETUP_ERROR),
    ],
)
async def test_setup_faults(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, fault: Fault, state: ConfigEntryState
) -> None:
    """A cloud fault at setup retries; refused credentials ask for new ones."""
    switchbot_cloud.inject(fault)
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert entry.state is state
    reauth = [f for f in hass.config_entries.flow.async_progress() if f["context"]["source"] == "reauth"]
    assert bool(reauth) == (fault.status == 401)


async def test_poll_failure_and_recovery(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A failed poll makes entities unavailable once; the next good poll brings them back."""
    # The poll stops at its first failed call, so one fault fails one poll.
    switchbot_cloud.inject(Fault(status=503, times=1))
    with caplog.at_level(logging.INFO):
        await next_poll(hass, switchbot_entry)
        assert hass.states.get("switch.coffee_bot").state == STATE_UNAVAILABLE
        await next_poll(hass, switchbot_entry)
        assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and "cloud_bridge" in r.name]
    assert len(errors) == 1
    assert "Could not reach the cloud" in errors[0].getMessage()


async def test_quota_after_success(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """A 401 after the token worked today is the daily quota, not bad credentials.

    Entities keep their last state (tests/test_switchbot_quota.py has the rest).
    """
    switchbot_cloud.quota = switchbot_cloud.calls_today
    await next_poll(hass, switchbot_entry)
    assert switchbot_entry.runtime_data.last_update_success
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert not hass.config_entries.flow.async_progress()


async def test_shelly_poll_in_chunks_of_ten(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """25 device ids take three calls, each at most 10 ids and a second apart."""
    from tests.simulator.shelly.devices import gen2_switch

    ids = [f"c0ffee{n:06x}" for n in range(25)]
    for device_id in ids:
        shelly_cloud.add(gen2_switch(device_id, channels=1, name=f"Plug {device_id}"))
    entry = await setup_entry(hass, {**shelly_data(shelly_cloud), "device_ids": ids})
    assert entry.state is ConfigEntryState.LOADED
    calls = shelly_cloud.requests_to("/v2/devices/api/get")
    assert [len(call.json["ids"]) for call in calls] == [10, 10, 5]
    gaps = [b.time - a.time for a, b in pairwise(calls)]
    assert min(gaps) >= 0.99
    assert shelly_cloud.rate_limit_violations == 0
    assert entry.runtime_data.update_interval.total_seconds() == 30
