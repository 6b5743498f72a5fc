"""Finding a Shelly account's devices: the config flow's list, the options' list, devices added later."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qs

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.cloud_bridge.const import DOMAIN
from custom_components.cloud_bridge.new_devices import CHECK_INTERVAL, FIRST_CHECK
from tests.conftest import (
    SHELLY_1PM,
    SHELLY_2PM,
    SHELLY_AUTH_KEY,
    SHELLY_HT,
    setup_entry,
    shelly_data,
    skip_realtime,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.catalogue import blu_door
from tests.simulator.shelly.devices import gen2_switch

SPARE = "c0ffee000002"


async def _shelly_form(hass: HomeAssistant, shelly_cloud: ShellyCloud, **fields: Any) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "shelly"})
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, **fields}
    )


def _options_of(result: dict[str, Any], field: str) -> list[tuple[str, str]]:
    for key, selector in result["data_schema"].schema.items():
        if str(key) == field:
            return [(o["value"], o["label"]) for o in selector.config["options"]]
    raise AssertionError(f"no field {field}")


def _suggested(result: dict[str, Any]) -> dict[str, Any]:
    return {
        str(key): key.description.get("suggested_value")
        for key in result["data_schema"].schema
        if key.description
    }


async def test_found_devices_all_ticked(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Left empty, the ids are found: every device by its app name and model, all ticked."""
    result = await _shelly_form(hass, shelly_cloud)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "choose_devices"
    assert result["description_placeholders"] == {"count": "3"}
    assert _options_of(result, "devices") == [
        (SHELLY_HT, "Cellar H&T (Shelly Plus H&T)"),
        (SHELLY_1PM, "Garage 1PM (Shelly 1PM)"),
        (SHELLY_2PM, "Kitchen 2PM (Shelly Plus 2PM)"),
    ]
    assert _suggested(result)["devices"] == [SHELLY_HT, SHELLY_1PM, SHELLY_2PM]
    # Both older calls are form posts with the key, in the account's spacing.
    listing = [r for r in shelly_cloud.requests if not r.path.startswith("/v2/")]
    assert [r.path for r in listing] == ["/device/all_status", "/interface/device/list"]
    assert all(parse_qs(r.text) == {"auth_key": [SHELLY_AUTH_KEY]} for r in listing)
    assert all(b.time - a.time >= 0.95 for a, b in pairwise(shelly_cloud.requests))
    assert shelly_cloud.rate_limit_violations == 0

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"devices": []})
    assert result["errors"] == {"devices": "no_devices_chosen"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM, SHELLY_2PM]}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["device_ids"] == [SHELLY_1PM, SHELLY_2PM]
    # The unticked H&T was offered: it is not offered again as new.
    assert result["data"]["offered_ids"] == [SHELLY_HT, SHELLY_1PM, SHELLY_2PM]
    await hass.async_block_till_done()
    assert hass.states.get("switch.kitchen_2pm_counter") is not None
    assert hass.states.get("sensor.cellar_h_t_humidity") is None


async def test_account_added_already(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """The same auth key again ends before any device is listed."""
    result = await _shelly_form(hass, shelly_cloud)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM]}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    before = len(shelly_cloud.requests)
    result = await _shelly_form(hass, shelly_cloud)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert shelly_cloud.requests[before:] == []


async def test_chosen_device_gone_meanwhile(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """A ticked device the v2 calls no longer know is named, as a typed id would be."""
    result = await _shelly_form(hass, shelly_cloud)
    shelly_cloud.devices.pop(SHELLY_HT)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM, SHELLY_HT]}
    )
    # Shown beside the list: this step has no field of typed ids.
    assert result["errors"] == {"devices": "invalid_device_ids"}
    assert result["description_placeholders"]["device_ids"] == SHELLY_HT


@pytest.mark.parametrize(
    ("setup", "errors"),
    [
        ({"discovery": "refused"}, {"device_ids": "discovery_refused"}),
        ({"discovery": "gone"}, {"device_ids": "discovery_refused"}),
        ({"devices": {}}, {"device_ids": "nothing_found"}),
    ],
    ids=["refused", "gone", "none-found"],
)
async def test_no_devices_found(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, setup: dict[str, Any], errors: dict[str, str]
) -> None:
    """When discovery does not answer, or finds nothing, the form says so and asks for ids."""
    for name, value in setup.items():
        setattr(shelly_cloud, name, value)
    result = await _shelly_form(hass, shelly_cloud)
    assert result["step_id"] == "shelly"
    assert result["errors"] == errors
    shelly_cloud.add(gen2_switch(SPARE, name="Spare", channels=1))
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SPARE}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["device_ids"] == [SPARE]


async def test_discovery_faults(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """A wrong key, a cloud that does not answer, an unexpected fault: each named in the form."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    flow_id = (await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "shelly"}))["flow_id"]
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"host": shelly_cloud.url, "auth_key": "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}, result
    shelly_cloud.inject(Fault(status=502, body="<html>", path_prefix="/device/all_status"))
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    shelly_cloud.clear_faults()
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"host": "http://shelly.example.com", "auth_key": SHELLY_AUTH_KEY}
    )
    assert result["errors"] == {"base": "insecure_url"}


async def test_discovery_reads_dev_info_ids(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Ids come from `_dev_info.id`, not the outer key; a BLU device's name from the device list."""
    shelly_cloud.add(blu_door("7c3e82aa0101", "7c3e82000001"))
    result = await _shelly_form(hass, shelly_cloud)
    assert ("7c3e82aa0101", "Garden door (Shelly BLU Door/Window)") in _options_of(result, "devices")
    # Without the names (an error answer, or a refusal of the second call), a
    # device shows by model and id.
    for status in (500, 401):
        # One flow an account at a time: the one before is left.
        hass.config_entries.flow.async_abort(result["flow_id"])
        shelly_cloud.inject(Fault(status=status, body="{}", path_prefix="/interface/device/list"))
        result = await _shelly_form(hass, shelly_cloud)
        assert ("7c3e82aa0101", "Shelly BLU Door/Window (7c3e82aa0101)") in _options_of(result, "devices")
        shelly_cloud.clear_faults()


async def test_reconfigure_needs_ids(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Reconfigure takes typed ids; the list of found devices is in the options."""
    entry = await setup_entry(hass, shelly_data(shelly_cloud))
    result = await entry.start_reconfigure_flow(hass)
    assert result["menu_options"] == ["reconfigure_account", "realtime_sign_in"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "reconfigure_account"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": " "}
    )
    assert result["errors"] == {"device_ids": "no_device_ids"}


# -- options ------------------------------------------------------------------------------


async def test_options_list(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """The options tick the account's devices: untick one to remove it, tick one to add it."""
    shelly_cloud.add(gen2_switch(SPARE, name="Spare", channels=1))
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    assert result["errors"] == {}
    assert [value for value, _ in _options_of(result, "devices")] == [SHELLY_HT, SHELLY_1PM, SHELLY_2PM, SPARE]
    assert _suggested(result)["devices"] == [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM, SHELLY_2PM, SPARE]}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SHELLY_2PM, SPARE]
    assert device_registry.async_get_device({(DOMAIN, f"shelly_{SHELLY_HT}")}) is None
    assert hass.states.get("switch.spare").state == "off"


async def test_options_same_devices_do_not_reload(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """Saved with the same devices ticked, in whatever order, the account goes on as it was."""
    coordinator = shelly_entry.runtime_data
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_HT, SHELLY_2PM, SHELLY_1PM]}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert shelly_entry.runtime_data is coordinator
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]


async def test_options_list_keeps_typed_ids(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """An id the listing lacks stays in the list by id; more can be typed beside the ticks."""
    shared = shelly_cloud.devices.pop(SHELLY_HT)
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    assert (SHELLY_HT, SHELLY_HT) in _options_of(result, "devices")
    shelly_cloud.add(shared)
    shelly_cloud.add(gen2_switch(SPARE, name="Spare", channels=1))
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM], "device_ids": f"{SPARE}\ndeadbeef0009"}
    )
    assert result["errors"] == {"device_ids": "invalid_device_ids"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"devices": []})
    assert result["errors"] == {"device_ids": "no_device_ids"}
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM], "device_ids": SPARE}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert shelly_entry.data["device_ids"] == [SHELLY_1PM, SPARE]


async def test_options_without_listing(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """Where Shelly Cloud lists nothing, the form says why and takes the ids typed."""
    shelly_cloud.discovery = "refused"
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    assert result["errors"] == {"device_ids": "discovery_refused"}
    assert "devices" not in _suggested(result)
    assert _suggested(result)["device_ids"] == f"{SHELLY_1PM}\n{SHELLY_2PM}\n{SHELLY_HT}"


# -- devices added later ---------------------------------------------------------------------


async def test_new_device_repair(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A device added in the app later is named in a repair issue, not added unasked."""
    issue_id = f"new_devices_{shelly_entry.entry_id}"
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + timedelta(seconds=1))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert shelly_cloud.discovery_calls == 2
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None

    shelly_cloud.add(gen2_switch(SPARE, name="Spare", channels=1))
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + CHECK_INTERVAL + timedelta(seconds=2))
    await hass.async_block_till_done(wait_background_tasks=True)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders == {"title": shelly_entry.title, "devices": "Spare (Shelly Plus 2PM)"}
    assert hass.states.get("switch.spare") is None

    # Options saved while the listing is refused offered nothing: the issue stays.
    shelly_cloud.discovery = "refused"
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"device_ids": f"{SHELLY_1PM}\n{SHELLY_2PM}\n{SHELLY_HT}"}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    shelly_cloud.discovery = "ok"

    # Saving the options, with the new device left unticked, ends the issue for good.
    result = await hass.config_entries.options.async_init(shelly_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"devices": [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert SPARE in shelly_entry.data["offered_ids"]
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + 2 * CHECK_INTERVAL + timedelta(seconds=3))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_new_device_repair_ends_when_listing_is_refused(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Once Shelly refuses the listing, nothing can be offered: the issue goes."""
    issue_id = f"new_devices_{shelly_entry.entry_id}"
    shelly_cloud.add(gen2_switch(SPARE, name="Spare", channels=1))
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + timedelta(seconds=1))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    shelly_cloud.discovery = "refused"
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + CHECK_INTERVAL + timedelta(seconds=2))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_new_devices_check_fails_quietly(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """A listing refused later changes nothing: polls go on, no issue."""
    shelly_cloud.discovery = "refused"
    async_fire_time_changed(hass, dt_util.utcnow() + FIRST_CHECK + timedelta(seconds=1))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert shelly_cloud.discovery_calls == 1
    assert issue_registry.async_get_issue(DOMAIN, f"new_devices_{shelly_entry.entry_id}") is None
    assert hass.states.get("switch.kitchen_2pm_counter").state == "off"
