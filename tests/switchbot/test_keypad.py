"""Keypad passcodes: the create_key and delete_key actions and the event entity of their results."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.const import DOMAIN
from custom_components.cloud_bridge.coordinator import MAX_PENDING
from custom_components.cloud_bridge.diagnostics import (
    async_get_config_entry_diagnostics,
)
from tests.conftest import (
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    post_webhook,
    serving,
    setup_entry,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud

HUB = "F0A1B2C3D4E5"
KEYPAD = "F7538E1ABCEB"
KEYPAD_TOUCH = "F7538E1ABCEC"
BOT = "C1D2E3F4A5B6"
PASSCODE = "48151623"
EVENT = "event.front_door_keypad_passcode_change"


@pytest.fixture
def platforms() -> list[Platform]:
    """The event platform and a switch that is not a keypad."""
    return [Platform.EVENT, Platform.SWITCH]


@pytest.fixture
async def keypad_cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SwitchBotCloud]:
    """A SwitchBot account with a Keypad (two passcodes), a Keypad Touch and a Bot."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device(HUB, "Hub Mini", "Hallway Hub")
    cloud.add_device(KEYPAD, "Keypad", "Front Door Keypad", hub_id=HUB)
    cloud.devices[KEYPAD]["keyList"] = [
        {"id": 11, "name": "Family", "type": "permanent", "password": "c2VjcmV0",
         "iv": "aXY=", "status": "normal", "createTime": 1664640056000},
        {"id": 12, "name": "Cleaner", "type": "timeLimit", "password": "b3RoZXI=",
         "iv": "aXY=", "status": "expired", "createTime": 1664640056000},
    ]
    cloud.add_device(KEYPAD_TOUCH, "Keypad Touch", "Garage Keypad", hub_id=HUB)
    # A list entry without its key list reads as no passcodes.
    del cloud.devices[KEYPAD_TOUCH]["keyList"]
    cloud.add_device(BOT, "Bot", "Coffee Bot", hub_id=HUB)
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def keypad_entry(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, webhook_client: TestClient
) -> MockConfigEntry:
    """The keypad account, set up with a webhook the results can reach."""
    return await setup_entry(hass, switchbot_data(keypad_cloud))


async def _call(
    hass: HomeAssistant, service: str, data: dict[str, Any]
) -> dict[str, Any] | None:
    return await hass.services.async_call(  # type: ignore[return-value]
        DOMAIN, service, data, blocking=True, return_response=True
    )


def _commands(cloud: SwitchBotCloud, device_id: str) -> list[Any]:
    return [r.json for r in cloud.requests_to(f"/v1.1/devices/{device_id}/commands")]


@pytest.mark.parametrize("platforms", [[Platform.EVENT]])
async def test_event_entities(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """One passcode event entity per keypad, listing its passcodes (kinds as the create_key action names them); keypads are never polled."""
    await snapshot_platform(hass, entity_registry, snapshot, keypad_entry.entry_id)
    state = hass.states.get(EVENT)
    assert state.state == STATE_UNKNOWN
    assert state.attributes["passcodes"] == [
        {"id": "11", "name": "Family", "type": "permanent", "valid": True},
        {"id": "12", "name": "Cleaner", "type": "time_limit", "valid": False},
    ]
    assert "c2VjcmV0" not in json.dumps(state.attributes)
    assert not keypad_cloud.requests_to(f"/v1.1/devices/{KEYPAD}/status")


@pytest.mark.parametrize("kind", ["time_limit", "timeLimit"])  # as documented; as 0.1.0 took it
async def test_create_key_and_its_result(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    webhook_client: TestClient,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    """create_key sends the document's object and returns the command id; the result fires the event."""
    start = datetime(2026, 12, 24, 18, 0, tzinfo=dt_util.UTC)
    end = datetime(2026, 12, 27, 10, 0, tzinfo=dt_util.UTC)
    with caplog.at_level(logging.DEBUG):
        response = await _call(
            hass,
            "create_key",
            {
                ATTR_ENTITY_ID: EVENT,
                "name": "Guest Code",
                "type": kind,
                "password": PASSCODE,
                "start_time": start.isoformat(),
                "end_time": end.isoformat(),
            },
        )
    assert _commands(keypad_cloud, KEYPAD)[-1] == {
        "commandType": "command",
        "command": "createKey",
        "parameter": {
            "name": "Guest Code",
            "type": "timeLimit",
            "password": PASSCODE,
            "startTime": int(start.timestamp()),
            "endTime": int(end.timestamp()),
        },
    }
    command_id = response["command_id"]
    assert command_id.startswith("CMD")
    assert PASSCODE not in caplog.text

    event = keypad_cloud.webhook_event(
        KEYPAD, eventName="createKey", commandId=command_id, result="success"
    )
    assert await post_webhook(webhook_client, keypad_entry, event) == 200
    await hass.async_block_till_done()
    state = hass.states.get(EVENT)
    assert state.attributes["event_type"] == "success"
    assert state.attributes["command"] == "create_key"
    assert state.attributes["command_id"] == command_id
    assert state.attributes["key_name"] == "Guest Code"

    diagnostics = await async_get_config_entry_diagnostics(hass, keypad_entry)
    assert PASSCODE not in json.dumps(diagnostics, default=str)


async def test_delete_key_by_device(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    webhook_client: TestClient,
    device_registry: dr.DeviceRegistry,
) -> None:
    """delete_key on a device target sends the id as the number the key list has."""
    device = device_registry.async_get_device({(DOMAIN, f"switchbot_{KEYPAD_TOUCH}")})
    response = await _call(hass, "delete_key", {ATTR_DEVICE_ID: device.id, "id": "11"})
    assert _commands(keypad_cloud, KEYPAD_TOUCH)[-1] == {
        "commandType": "command",
        "command": "deleteKey",
        "parameter": {"id": 11},
    }
    # The document's own sample spells the event "deleteKey " with a space.
    event = keypad_cloud.webhook_event(
        KEYPAD_TOUCH, eventName="deleteKey ", commandId=response["command_id"], result="timeout"
    )
    assert await post_webhook(webhook_client, keypad_entry, event) == 200
    await hass.async_block_till_done()
    state = hass.states.get("event.garage_keypad_passcode_change")
    assert state.attributes["event_type"] == "timeout"
    assert state.attributes["command"] == "delete_key"
    assert "key_name" not in state.attributes


async def test_permanent_key_without_times(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, keypad_entry: MockConfigEntry
) -> None:
    """A permanent passcode carries no times, even when some were given."""
    await _call(
        hass,
        "create_key",
        {ATTR_ENTITY_ID: EVENT, "name": "Family 2", "type": "permanent",
         "password": "123456", "start_time": "2026-12-24 18:00:00"},
    )
    assert _commands(keypad_cloud, KEYPAD)[-1]["parameter"] == {
        "name": "Family 2", "type": "permanent", "password": "123456",
    }


async def test_local_times(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, keypad_entry: MockConfigEntry
) -> None:
    """Times without a zone are Home Assistant's local time."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    await _call(
        hass,
        "create_key",
        {ATTR_ENTITY_ID: EVENT, "name": "Once", "type": "disposable", "password": "654321",
         "start_time": "2026-07-01 12:00:00", "end_time": "2026-07-01 13:00:00"},
    )
    parameter = _commands(keypad_cloud, KEYPAD)[-1]["parameter"]
    assert parameter["startTime"] == int(datetime(2026, 7, 1, 10, 0, tzinfo=dt_util.UTC).timestamp())
    assert parameter["endTime"] - parameter["startTime"] == 3600


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"password": "12345"}, "invalid_passcode"),
        ({"password": "1234567890123"}, "invalid_passcode"),
        ({"password": "12a456"}, "invalid_passcode"),
        ({"password": "\uff11\uff12\uff13\uff14\uff15\uff16"}, "invalid_passcode"),  # full-width digits
        ({"type": "timeLimit"}, "key_period_required"),
        ({"type": "disposable", "start_time": "2026-07-01 12:00:00"}, "key_period_required"),
        (
            {"type": "timeLimit", "start_time": "2026-07-01 12:00:00", "end_time": "2026-07-01 11:00:00"},
            "key_period_order",
        ),
        ({ATTR_ENTITY_ID: "switch.coffee_bot"}, "keypad_target"),
        ({ATTR_ENTITY_ID: "event.not_there"}, "keypad_target"),
        ({ATTR_ENTITY_ID: [], ATTR_DEVICE_ID: ["0123456789abcdef"]}, "keypad_target"),
        ({ATTR_ENTITY_ID: [EVENT, "event.garage_keypad_passcode_change"]}, "keypad_target"),
    ],
)
async def test_create_key_refused(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    data: dict[str, Any],
    key: str,
) -> None:
    """Bad input never reaches the cloud; the error and the log never show the passcode."""
    call = {ATTR_ENTITY_ID: EVENT, "name": "Guest", "type": "permanent", "password": "987654", **data}
    with caplog.at_level(logging.DEBUG), pytest.raises(ServiceValidationError) as err:
        await _call(hass, "create_key", call)
    assert err.value.translation_key == key
    assert call["password"] not in str(err.value)
    assert call["password"] not in repr(err.value.translation_placeholders)
    assert call["password"] not in caplog.text
    assert not _commands(keypad_cloud, KEYPAD)


async def test_create_key_on_an_offline_keypad(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, keypad_entry: MockConfigEntry
) -> None:
    """A cloud refusal is a translated error without the passcode."""
    keypad_cloud.set_hub_offline(HUB)
    with pytest.raises(HomeAssistantError) as err:
        await _call(
            hass,
            "create_key",
            {ATTR_ENTITY_ID: EVENT, "name": "Guest", "type": "urgent", "password": PASSCODE},
        )
    assert err.value.translation_key == "device_offline"
    assert PASSCODE not in str(err.value)
    assert PASSCODE not in repr(err.value.__cause__)


async def test_results_of_other_commands(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    webhook_client: TestClient,
) -> None:
    """A result for a command sent before a restart still fires, without the key's name."""
    event = keypad_cloud.webhook_event(
        KEYPAD, eventName="createKey", commandId="CMD-1663558451952-01", result="failed"
    )
    assert await post_webhook(webhook_client, keypad_entry, event) == 200
    await hass.async_block_till_done()
    state = hass.states.get(EVENT)
    assert state.attributes["event_type"] == "failed"
    assert state.attributes["command_id"] == "CMD-1663558451952-01"
    assert "key_name" not in state.attributes


async def test_unloaded_account(
    hass: HomeAssistant,
    keypad_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """A keypad of an account that is not loaded cannot be reached."""
    device = device_registry.async_get_device({(DOMAIN, f"switchbot_{KEYPAD}")})
    assert await hass.config_entries.async_unload(keypad_entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "delete_key", {ATTR_DEVICE_ID: device.id, "id": "11"})
    assert err.value.translation_key == "keypad_target"


@pytest.mark.parametrize(
    "context",
    [
        pytest.param({"eventName": "createKey", "commandId": "CMD1", "result": "maybe"}, id="odd-result"),
        pytest.param({"eventName": "renameKey", "commandId": "CMD1", "result": "success"}, id="odd-command"),
        pytest.param({"battery": 50}, id="no-command"),
    ],
)
async def test_keypad_events_without_a_result(
    hass: HomeAssistant,
    keypad_cloud: SwitchBotCloud,
    keypad_entry: MockConfigEntry,
    webhook_client: TestClient,
    context: dict[str, Any],
) -> None:
    """Keypad events that report no known outcome fire nothing."""
    event = keypad_cloud.webhook_event(KEYPAD, **context)
    assert await post_webhook(webhook_client, keypad_entry, event) == 200
    await hass.async_block_till_done()
    assert hass.states.get(EVENT).state == STATE_UNKNOWN


async def test_no_command_id_in_the_answer(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, keypad_entry: MockConfigEntry
) -> None:
    """An accepted command without a command id cannot be followed: say so."""
    keypad_cloud.inject(
        Fault(status=200, body='{"statusCode": 100, "body": {}}', path_prefix=f"/v1.1/devices/{KEYPAD}/commands")
    )
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "delete_key", {ATTR_ENTITY_ID: EVENT, "id": "11"})
    assert err.value.translation_key == "cannot_connect"


async def test_pending_commands_are_bounded(
    hass: HomeAssistant, keypad_cloud: SwitchBotCloud, keypad_entry: MockConfigEntry
) -> None:
    """Results that never come do not pile up."""
    for _ in range(MAX_PENDING + 5):
        await _call(hass, "delete_key", {ATTR_ENTITY_ID: EVENT, "id": "12"})
    assert len(keypad_entry.runtime_data.pending) == MAX_PENDING
