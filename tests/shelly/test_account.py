"""Shelly devices over time (options, discovery, unknown ids), toggle_after, and bursts."""

from __future__ import annotations

import asyncio
from itertools import pairwise

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    SHELLY_1PM,
    SHELLY_2PM,
    SHELLY_HT,
    next_poll,
    setup_entry,
    shelly_data,
)
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.devices import gen2_switch


async def _options(hass: HomeAssistant, entry: MockConfigEntry, **user_input: object) -> dict:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(result["flow_id"], user_input)


async def test_remove_and_add_ids(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Where nothing is listed: removing an id removes its device; an added id is checked, then set up."""
    shelly_cloud.discovery = "refused"
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    suggested = {str(k): k.description.get("suggested_value") for k in result["data_schema"].schema if k.description}
    assert suggested["device_ids"] == f"{SHELLY_1PM}\n{SHELLY_2PM}\n{SHELLY_HT}"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"device_ids": f"{SHELLY_1PM}\n{SHELLY_2PM}"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SHELLY_2PM]
    assert device_registry.async_get_device({(DOMAIN, f"shelly_{SHELLY_HT}")}) is None
    assert hass.states.get("sensor.cellar_h_t_humidity") is None

    shelly_cloud.add(gen2_switch("c0ffee000001", name="Garden Plug", channels=1))
    result = await _options(hass, shelly_entry, device_ids=f"{SHELLY_1PM} {SHELLY_2PM} c0ffee000001")
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert hass.states.get("switch.garden_plug").state == "off"


async def test_option_errors(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """Unknown ids are named, an empty list is refused, nothing is saved."""
    shelly_cloud.discovery = "gone"
    result = await _options(hass, shelly_entry, device_ids=f"{SHELLY_1PM} deadbeef0009")
    assert result["errors"] == {"device_ids": "invalid_device_ids"}
    assert result["description_placeholders"]["device_ids"] == "deadbeef0009"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"device_ids": " "})
    assert result["errors"] == {"device_ids": "no_device_ids"}
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]


async def test_unknown_device_repair(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A device the cloud no longer knows: unavailable, and a repair issue names it."""
    device = shelly_cloud.devices.pop(SHELLY_HT)
    await next_poll(hass, shelly_entry)
    assert hass.states.get("sensor.cellar_h_t_humidity").state == "unavailable"
    issue = issue_registry.async_get_issue(DOMAIN, f"unknown_devices_{shelly_entry.entry_id}")
    assert issue is not None
    assert issue.translation_placeholders["device_ids"] == SHELLY_HT

    shelly_cloud.add(device)
    await next_poll(hass, shelly_entry)
    assert issue_registry.async_get_issue(DOMAIN, f"unknown_devices_{shelly_entry.entry_id}") is None
    assert hass.states.get("sensor.cellar_h_t_humidity").state == "47.2"


async def test_turn_on_for(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    switchbot_entry: MockConfigEntry,
) -> None:
    """`turn_on_for` sends toggle_after; a cloud without it says so."""
    await hass.services.async_call(
        DOMAIN, "turn_on_for", {"entity_id": "switch.garage_1pm", "duration": 90}, blocking=True
    )
    body = shelly_cloud.requests_to("/v2/devices/api/set/switch")[-1].json
    assert body == {"id": SHELLY_1PM, "channel": 0, "on": True, "toggle_after": 90}
    assert hass.states.get("switch.garage_1pm").state == "on"
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "turn_on_for", {"entity_id": "switch.coffee_bot", "duration": 90}, blocking=True
        )
    assert err.value.translation_key == "command_unsupported"


async def test_burst_of_25(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """25 devices and a burst of commands: no call over 10 ids, none under a second apart."""
    ids = [f"c0ffee{n:06x}" for n in range(25)]
    for device_id in ids:
        shelly_cloud.add(gen2_switch(device_id, channels=1, name=f"Outlet {device_id}"))
    entry = await setup_entry(hass, {**shelly_data(shelly_cloud), "device_ids": ids})
    turns = [
        hass.services.async_call(
            "switch", "turn_on" if n % 2 else "turn_off", {"entity_id": f"switch.outlet_{d}"}, blocking=True
        )
        for n, d in enumerate(ids)
    ]
    await asyncio.gather(*turns, entry.runtime_data.async_refresh())
    calls = shelly_cloud.requests_to("/v2/devices/api/")
    assert all(len(call.json.get("ids", [])) <= 10 for call in calls)
    assert min(b.time - a.time for a, b in pairwise(calls)) >= 0.99
    assert shelly_cloud.rate_limit_violations == 0
    # 25 commands of two kinds went out as two group calls.
    assert len(shelly_cloud.requests_to("/v2/devices/api/set/groups")) == 2


async def test_interval_only(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """Saving the same devices with a new interval changes only the interval."""
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    calls = len(shelly_cloud.requests)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM, SHELLY_2PM, SHELLY_HT], "scan_interval": 120}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert shelly_entry.options == {"scan_interval": 120}
    assert len(shelly_cloud.requests) == calls  # nothing to check with the cloud
