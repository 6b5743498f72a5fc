"""Devices that appear in or leave an account: entities added and removed without a reload."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge import async_remove_config_entry_device
from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import SINRIC_SWITCH
from tests.simulator.sinricpro import SinricProCloud

NEW = "660a7edf061ee8c78078d001"


async def _poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    # The event stream runs as a background task for as long as the entry is
    # loaded, so waiting for background tasks would wait forever: refresh.
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


async def test_new_device_gets_entities(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, sinricpro_entry: MockConfigEntry
) -> None:
    """A device added in the vendor's app appears at the next poll, no reload."""
    sinricpro_cloud.add_device(NEW, "SWITCH", "Porch Light Switch", powerState="On")
    await _poll(hass, sinricpro_entry)
    assert hass.states.get("switch.porch_light_switch").state == "on"
    assert sinricpro_entry.state.name == "LOADED"


async def test_removed_device_goes(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    sinricpro_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    """A device deleted from the account leaves the registry with its entities."""
    identifier = (DOMAIN, f"sinricpro_{SINRIC_SWITCH}")
    assert device_registry.async_get_device({identifier}) is not None
    del sinricpro_cloud.devices[SINRIC_SWITCH]
    await _poll(hass, sinricpro_entry)
    assert device_registry.async_get_device({identifier}) is None
    assert entity_registry.async_get("switch.fan_switch") is None
    assert hass.states.get("switch.fan_switch") is None


async def test_user_may_delete_only_gone_devices(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    sinricpro_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """The delete button works for a device the account no longer has, not for others."""
    present = device_registry.async_get_device({(DOMAIN, f"sinricpro_{SINRIC_SWITCH}")})
    assert not await async_remove_config_entry_device(hass, sinricpro_entry, present)
    gone = device_registry.async_get_or_create(
        config_entry_id=sinricpro_entry.entry_id, identifiers={(DOMAIN, "sinricpro_0000")}
    )
    assert await async_remove_config_entry_device(hass, sinricpro_entry, gone)


async def test_empty_answer_removes_nothing(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    sinricpro_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """An account that suddenly lists no device is taken for a hiccup: its devices stay."""
    before = len(dr.async_entries_for_config_entry(device_registry, sinricpro_entry.entry_id))
    assert before
    sinricpro_cloud.devices.clear()
    await _poll(hass, sinricpro_entry)
    assert len(dr.async_entries_for_config_entry(device_registry, sinricpro_entry.entry_id)) == before
