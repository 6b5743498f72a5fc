"""Scene entities: the account's manual scenes, run by the cloud."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.scene import DOMAIN as SCENE_DOMAIN
from homeassistant.const import ATTR_ENTITY_ID, SERVICE_TURN_ON, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.api import CommandRejected
from custom_components.cloud_bridge.api.features import DeleteKey
from tests.conftest import setup_entry, switchbot_data
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud

OFFICE = "T02-20200804130110"
BEDROOM = "T02-202011051830-39363561"


@pytest.fixture
def platforms() -> list[Platform]:
    """Only the scene platform."""
    return [Platform.SCENE]


@pytest.fixture
def scenes(switchbot_cloud: SwitchBotCloud) -> SwitchBotCloud:
    """The document's sample scenes on the SwitchBot account."""
    switchbot_cloud.add_scene(OFFICE, "Close Office Devices")
    switchbot_cloud.add_scene(BEDROOM, "Set Bedroom to 24")
    return switchbot_cloud


async def _activate(hass: HomeAssistant, entity_id: str) -> None:
    await hass.services.async_call(
        SCENE_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )


async def test_switchbot_scenes(
    hass: HomeAssistant,
    scenes: SwitchBotCloud,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every manual scene is an entity; activating it executes it at the cloud."""
    entry = await setup_entry(hass, switchbot_data(scenes))
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    assert hass.states.get("scene.close_office_devices").state == STATE_UNKNOWN

    await _activate(hass, "scene.set_bedroom_to_24")
    assert scenes.executed_scenes == [BEDROOM]
    request = scenes.requests_to(f"/v1.1/scenes/{BEDROOM}/execute")[-1]
    assert request.method == "POST"
    assert hass.states.get("scene.set_bedroom_to_24").state != STATE_UNKNOWN


async def test_scene_deleted_in_the_app(hass: HomeAssistant, scenes: SwitchBotCloud) -> None:
    """A scene the cloud no longer knows: a translated error, nothing silent."""
    await setup_entry(hass, switchbot_data(scenes))
    del scenes.scenes[OFFICE]
    with pytest.raises(HomeAssistantError) as err:
        await _activate(hass, "scene.close_office_devices")
    assert err.value.translation_key == "command_device_error"


async def test_scene_cloud_unreachable(hass: HomeAssistant, scenes: SwitchBotCloud) -> None:
    """The cloud down when a scene is run: a translated error."""
    await setup_entry(hass, switchbot_data(scenes))
    scenes.inject(Fault(status=503))
    with pytest.raises(HomeAssistantError) as err:
        await _activate(hass, "scene.close_office_devices")
    assert err.value.translation_key == "cannot_connect"


async def test_scene_list_retried(hass: HomeAssistant, scenes: SwitchBotCloud) -> None:
    """A failed scene list leaves the devices alone; the platform tries again."""
    scenes.inject(Fault(status=500, path_prefix="/v1.1/scenes", times=1))
    entry = await setup_entry(hass, switchbot_data(scenes))
    assert entry.runtime_data.last_update_success
    assert hass.states.get("scene.close_office_devices") is None
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=60))
    await hass.async_block_till_done()
    assert hass.states.get("scene.close_office_devices") is not None


async def test_scene_list_of_another_shape(hass: HomeAssistant, scenes: SwitchBotCloud) -> None:
    """A scene list that is not a list is a cloud fault, not a crash."""
    scenes.inject(Fault(status=200, body='{"statusCode": 100, "body": {}}', path_prefix="/v1.1/scenes"))
    entry = await setup_entry(hass, switchbot_data(scenes))
    assert entry.runtime_data.last_update_success
    assert not hass.states.async_entity_ids(SCENE_DOMAIN)


async def test_clouds_without_scenes(
    hass: HomeAssistant, shelly_entry: MockConfigEntry, sinricpro_entry: MockConfigEntry
) -> None:
    """Shelly and SinricPro have no scenes, keypads or webhook: the neutral defaults say so."""
    assert not hass.states.async_entity_ids(SCENE_DOMAIN)
    for entry in (shelly_entry, sinricpro_entry):
        client = entry.runtime_data.client
        assert not client.supports_webhook
        assert await client.async_webhook_urls() == []
        assert client.apply_webhook({"eventType": "changeReport"}, entry.runtime_data.data) is None
        assert client.passcodes("any") == []
        with pytest.raises(CommandRejected):
            await client.async_activate_scene("T02-1")
        with pytest.raises(CommandRejected):
            await client.async_set_webhook("https://example.org/hook")
        with pytest.raises(CommandRejected):
            await client.async_delete_webhook("https://example.org/hook")
        device = next(iter(entry.runtime_data.data.values()))
        channel = next(iter(device.channels.values()))
        with pytest.raises(CommandRejected):
            await client.async_send_deferred(device, channel, DeleteKey("1"))
