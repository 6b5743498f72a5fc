"""No credential ever shows: a whole session at debug level, scanned for every secret."""

from __future__ import annotations

import json
import logging

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    BOT,
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    post_webhook,
    setup_entry,
    shelly_data,
    sinricpro_data,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud


@pytest.fixture
async def http_components(hass: HomeAssistant) -> None:
    """Components with HTTP views, set up before the server starts serving."""
    for component in ("diagnostics", "media_player"):
        assert await async_setup_component(hass, component, {})


async def test_no_secret_anywhere(
    hass: HomeAssistant,
    http_components: None,
    switchbot_cloud: SwitchBotCloud,
    shelly_cloud: ShellyCloud,
    sinricpro_cloud: SinricProCloud,
    webhook_client: TestClient,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Setup, commands, pushes, faults, token renewal: no secret in logs, diagnostics, issues or states."""
    caplog.set_level(logging.DEBUG)
    switchbot = await setup_entry(hass, switchbot_data(switchbot_cloud))
    shelly = await setup_entry(hass, shelly_data(shelly_cloud))
    sinricpro = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    entries: list[MockConfigEntry] = [switchbot, shelly, sinricpro]

    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.coffee_bot"}, blocking=True)
    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.garage_1pm"}, blocking=True)
    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.fan_switch"}, blocking=True)
    event = {
        "eventType": "changeReport",
        "eventVersion": "1",
        "context": {"deviceType": "WoHand", "deviceMac": BOT, "power": "off", "timeOfSample": 1},
    }
    assert await post_webhook(webhook_client, switchbot, event) == 200
    assert await post_webhook(webhook_client, switchbot, b"not json") == 200
    # Faults and renewals are where secrets tend to leak into messages.
    sinricpro_cloud.expire_tokens()
    await hass.services.async_call("switch", "turn_off", {"entity_id": "switch.fan_switch"}, blocking=True)
    shelly_cloud.inject(Fault(status=401, body='{"isok": false}', times=3, path_prefix="/v2/devices/api/set"))
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call("switch", "turn_off", {"entity_id": "switch.garage_1pm"}, blocking=True)
    await hass.async_block_till_done()

    secrets = {
        SWITCHBOT_TOKEN,
        SWITCHBOT_SECRET,
        SHELLY_AUTH_KEY,
        SINRICPRO_API_KEY,
        switchbot.data["webhook_id"],
        *sinricpro_cloud._tokens,  # the access tokens the cloud handed out
        *sinricpro_cloud._refresh_tokens,
    }
    # Ours at every level; anyone's from INFO up. (aiohttp.access is the simulated
    # clouds' own server log; HA core's webhook component logs ids at DEBUG.)
    records = [
        r
        for r in caplog.records
        if r.name.startswith("custom_components.cloud_bridge")
        or (r.levelno >= logging.INFO and r.name != "aiohttp.access")
    ]
    texts = [record.getMessage() for record in records]
    texts += [str(record.exc_info) for record in records if record.exc_info]
    texts.append(str(err.value))
    for entry in entries:
        texts.append(json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, entry)))
    texts += [json.dumps(issue.to_json()) for issue in ir.async_get(hass).issues.values() if issue.domain == DOMAIN]
    texts += [json.dumps(state.as_dict(), default=str) for state in hass.states.async_all()]
    assert len(texts) > 50
    leaks = [(secret, text) for secret in secrets for text in texts if secret in text]
    assert not [(secret[:6], text[:300]) for secret, text in leaks]
