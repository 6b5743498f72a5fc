"""Switch entities of all three clouds: state, commands, and what the clouds receive."""

from __future__ import annotations

import json

from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from tests.conftest import (
    BOT,
    PLUG_MINI,
    SHELLY_1PM,
    SHELLY_2PM,
    SINRIC_SWITCH,
    next_poll,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud


@pytest.fixture
def platforms() -> list[Platform]:
    """Only the switch platform."""
    return [Platform.SWITCH]


async def _switch(hass: HomeAssistant, entity_id: str, on: bool) -> None:
    await hass.services.async_call(
        SWITCH_DOMAIN,
        SERVICE_TURN_ON if on else SERVICE_TURN_OFF,
        {ATTR_ENTITY_ID: entity_id},
        blocking=True,
    )


async def test_switchbot(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """A Bot and a Plug Mini switch; the cloud receives turnOn/turnOff."""
    await snapshot_platform(hass, entity_registry, snapshot, switchbot_entry.entry_id)
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert hass.states.get("switch.desk_lamp_plug").state == STATE_ON

    await _switch(hass, "switch.coffee_bot", True)
    assert hass.states.get("switch.coffee_bot").state == STATE_ON
    command = switchbot_cloud.requests_to(f"/v1.1/devices/{BOT}/commands")[-1]
    assert command.json == {"command": "turnOn", "parameter": "default", "commandType": "command"}
    assert switchbot_cloud.statuses[BOT]["power"] == "on"

    await _switch(hass, "switch.desk_lamp_plug", False)
    command = switchbot_cloud.requests_to(f"/v1.1/devices/{PLUG_MINI}/commands")[-1]
    assert command.json == {"command": "turnOff", "parameter": "default", "commandType": "command"}
    assert hass.states.get("switch.desk_lamp_plug").state == STATE_OFF


async def test_switchbot_offline_device(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """statusCode 161 is a translated error, and the device shows unavailable."""
    switchbot_cloud.set_offline(BOT)
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.coffee_bot", True)
    assert err.value.translation_key == "device_offline"
    assert str(err.value).startswith("Coffee Bot is offline, says the cloud")
    assert hass.states.get("switch.coffee_bot").state == STATE_UNAVAILABLE


async def test_switchbot_command_rejected(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """Any other statusCode names the code; the state stays what it was."""
    switchbot_cloud.inject(
        Fault(status=200, body='{"statusCode": 190, "body": {}, "message": "System error"}', times=1)
    )
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.coffee_bot", True)
    assert err.value.translation_key == "command_device_error"
    assert err.value.translation_placeholders == {"device": "Coffee Bot", "code": "190", "message": "System error"}
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF


async def test_shelly(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every relay is a switch: gen1 relays[] and gen2 switch:N with their names."""
    await snapshot_platform(hass, entity_registry, snapshot, shelly_entry.entry_id)
    assert hass.states.get("switch.garage_1pm").state == STATE_OFF
    assert hass.states.get("switch.kitchen_2pm_counter").state == STATE_OFF

    await _switch(hass, "switch.kitchen_2pm_island", True)
    body = shelly_cloud.requests_to("/v2/devices/api/set/switch")[-1].json
    assert body == {"id": SHELLY_2PM, "on": True, "channel": 1}
    assert hass.states.get("switch.kitchen_2pm_island").state == STATE_ON
    assert hass.states.get("switch.kitchen_2pm_counter").state == STATE_OFF

    await _switch(hass, "switch.garage_1pm", True)
    body = shelly_cloud.requests_to("/v2/devices/api/set/switch")[-1].json
    assert body == {"id": SHELLY_1PM, "on": True, "channel": 0}
    assert shelly_cloud.devices[SHELLY_1PM].status["relays"][0]["ison"] is True


@pytest.mark.parametrize(
    ("error", "status", "key"),
    [
        ("DEVICE_OFFLINE", 400, "device_offline"),
        ("DEVICE_INVALID_CHANNEL", 400, "command_invalid"),
        ("DEVICE_INVALID_MODE", 400, "command_unsupported"),
        ("BAD_REQUEST", 400, "command_invalid"),
        ("DEVICE_NOT_FOUND", 404, "command_not_found"),
        ("INSTANCE_NOT_FOUND", 404, "command_cloud_error"),
        ("DEVICE_FAILED_COMMAND", 400, "command_failed"),
        ("UNEXPECTED_SUBSERVICE_ERROR", 500, "command_cloud_error"),
    ],
)
async def test_shelly_errors(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    error: str,
    status: int,
    key: str,
) -> None:
    """The document's error strings become translated errors."""
    body = json.dumps({"error": error, "data": {"messages": ["It went wrong"]}})
    shelly_cloud.inject(Fault(status=status, body=body, times=1, path_prefix="/v2/devices/api/set"))
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.garage_1pm", True)
    assert err.value.translation_key == key
    assert hass.states.get("switch.garage_1pm").state in (STATE_OFF, STATE_UNAVAILABLE)


async def test_sinricpro(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    sinricpro_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """A SWITCH is a switch; `value` goes out as a JSON string."""
    await snapshot_platform(hass, entity_registry, snapshot, sinricpro_entry.entry_id)
    await _switch(hass, "switch.fan_switch", True)
    action = sinricpro_cloud.requests_to(f"/api/v1/devices/{SINRIC_SWITCH}/action")[-1]
    assert action.json == {"type": "request", "action": "setPowerState", "value": '{"state": "On"}'}
    assert action.headers["Authorization"].startswith("Bearer ")
    assert hass.states.get("switch.fan_switch").state == STATE_ON


async def test_sinricpro_token_renewed(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, sinricpro_entry: MockConfigEntry
) -> None:
    """An access token that stopped working is renewed with the API key, unnoticed."""
    sinricpro_cloud.expire_tokens()
    await _switch(hass, "switch.fan_switch", True)
    assert len(sinricpro_cloud.requests_to("/api/v1/auth")) == 2
    assert hass.states.get("switch.fan_switch").state == STATE_ON
    assert not hass.config_entries.flow.async_progress()


async def test_revoked_key_starts_reauth(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, sinricpro_entry: MockConfigEntry
) -> None:
    """A refused API key fails the command and asks the user to sign in again."""
    sinricpro_cloud.expire_tokens()
    sinricpro_cloud.revoke_key()
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.fan_switch", True)
    assert err.value.translation_key == "auth_failed"
    await hass.async_block_till_done()
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]


async def test_unnamed_channels_are_numbered(
    hass: HomeAssistant, shelly_cloud: ShellyCloud
) -> None:
    """Relays without a name in the Shelly app are numbered from 1."""
    from tests.conftest import setup_entry, shelly_data
    from tests.simulator.shelly.devices import gen1_relay

    shelly_cloud.add(gen1_relay("a4cf12f4ab25", code="SHSW-25", name="Porch 2.5", relays=2))
    await setup_entry(hass, {**shelly_data(shelly_cloud), "device_ids": ["a4cf12f4ab25"]})
    assert hass.states.get("switch.porch_2_5_channel_1").state == STATE_OFF
    assert hass.states.get("switch.porch_2_5_channel_2").state == STATE_OFF


async def test_rate_limited_command(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, shelly_entry: MockConfigEntry
) -> None:
    """A command the cloud keeps refusing as too fast says so; the state stays."""
    shelly_cloud.inject(Fault(status=429, body="max_req", times=3, path_prefix="/v2/devices/api/set"))
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.garage_1pm", True)
    assert err.value.translation_key == "rate_limited"
    assert hass.states.get("switch.garage_1pm").state == STATE_OFF


@pytest.mark.parametrize(
    ("code", "key"),
    [
        (151, "command_wrong_type"),
        (152, "command_not_found"),
        (160, "command_unsupported"),
        (161, "device_offline"),
        (171, "device_offline"),
        (190, "command_device_error"),
    ],
)
async def test_switchbot_status_codes(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    code: int,
    key: str,
) -> None:
    """Every statusCode of the document's error table is its own translated error."""
    switchbot_cloud.inject(
        Fault(status=200, body=json.dumps({"statusCode": code, "body": {}, "message": "x"}), times=1)
    )
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, "switch.desk_lamp_plug", False)
    assert err.value.translation_key == key
    offline = code in (161, 171)
    assert (hass.states.get("switch.desk_lamp_plug").state == STATE_UNAVAILABLE) is offline
    if offline:
        # Unavailable until the device answers again.
        await next_poll(hass, switchbot_entry)
        assert hass.states.get("switch.desk_lamp_plug").state == STATE_ON
