"""SwitchBot webhook: registration at the cloud, the URL it gets, and what is left alone."""

from __future__ import annotations

from unittest.mock import AsyncMock, patch

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_OFF, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.conftest import (
    BOT,
    setup_entry,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.webhook_home import issue, our_log, webhook_url

FOREIGN_URL = "https://other-app.example.net/hooks/f00dfeedsecret"
CLOUDHOOK_URL = "https://hooks.nabu.casa/cloudhook-secret-0123"


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms the pushed events show up on."""
    return [Platform.SWITCH, Platform.SENSOR, Platform.COVER]


async def test_registers_webhook_and_polls_slowly(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A v1.1 account gets our URL; polls drop to the safety interval once a push has come."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert entry.data["webhook_id"]
    assert switchbot_cloud.webhook_url == webhook_url(hass, entry)
    assert entry.data["webhook_url"] == switchbot_cloud.webhook_url
    setup = switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook")[-1]
    assert setup.json == {"action": "setupWebhook", "url": switchbot_cloud.webhook_url, "deviceList": "ALL"}
    # A URL the cloud takes may be one it cannot reach: polls keep their pace...
    assert entry.runtime_data.update_interval.total_seconds() == 60
    assert not entry.runtime_data.push_active
    # ...until a push comes through it.
    assert await switchbot_cloud.send_webhook(switchbot_cloud.webhook_event(BOT, power="on")) == 200
    await hass.async_block_till_done()
    assert entry.runtime_data.update_interval.total_seconds() == 1800
    assert not ir.async_get(hass).issues

    # A reload finds the URL in place: nothing set or deleted again.
    calls = len(switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook"))
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert len(switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook")) == calls
    assert not switchbot_cloud.requests_to("/v1.1/webhook/deleteWebhook")
    assert entry.runtime_data.webhook_registered


async def test_webhook_query_of_another_shape(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A query answer without a URL list: no webhook, polling as usual."""
    switchbot_cloud.inject(
        Fault(status=200, body='{"statusCode": 100, "body": []}', path_prefix="/v1.1/webhook/queryWebhook")
    )
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert not entry.runtime_data.push_active
    assert switchbot_cloud.webhook_url is None


async def test_replaces_only_our_stale_url(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """The URL we set before (another address since) is deleted and ours set."""
    old = "https://old-address.example.org/api/webhook/abc"
    switchbot_cloud.webhook_url = old
    data = {**switchbot_data(switchbot_cloud), "webhook_id": "abc", "webhook_url": old}
    entry = await setup_entry(hass, data)
    assert switchbot_cloud.requests_to("/v1.1/webhook/deleteWebhook")[-1].json == {
        "action": "deleteWebhook",
        "url": old,
    }
    assert switchbot_cloud.webhook_url == webhook_url(hass, entry)
    assert entry.data["webhook_url"] == switchbot_cloud.webhook_url


async def test_foreign_url_left_alone(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another app's URL stays; the user is told, without the URL's secret part."""
    switchbot_cloud.webhook_url = FOREIGN_URL
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert switchbot_cloud.webhook_url == FOREIGN_URL
    assert not switchbot_cloud.requests_to("/v1.1/webhook/deleteWebhook")
    assert not entry.runtime_data.push_active
    assert entry.runtime_data.update_interval.total_seconds() < 1800
    shown = issue(hass, "webhook_in_use", entry)
    assert shown is not None
    assert shown.translation_placeholders == {"title": "switchbot", "host": "other-app.example.net"}
    warnings = our_log(caplog)
    assert len(warnings) == 1
    assert "other-app.example.net" in warnings[0]
    assert "f00dfeedsecret" not in caplog.text
    assert entry.data["webhook_id"] not in caplog.text

    # Once the other app lets go, a reload takes the webhook and clears the issue.
    switchbot_cloud.webhook_url = None
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert switchbot_cloud.webhook_url == webhook_url(hass, entry)
    assert issue(hass, "webhook_in_use", entry) is None


async def test_no_reachable_url(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """Without an external URL: one repair issue, no webhook call, normal polling."""
    assert issue(hass, "webhook_unavailable", switchbot_entry) is not None
    assert not switchbot_cloud.requests_to("/v1.1/webhook")
    assert not switchbot_entry.runtime_data.push_active
    assert switchbot_entry.runtime_data.update_interval.total_seconds() < 1800


async def test_v1_0_account_polls_only(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """API v1.0 has no webhook: no webhook id, no call, no issue."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud, secret=""))
    assert "webhook_id" not in entry.data
    assert not switchbot_cloud.requests_to("/v1.1/webhook")
    assert not ir.async_get(hass).issues


async def test_webhook_setup_fails(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A cloud fault while setting the URL: one warning, polling as usual."""
    switchbot_cloud.inject(Fault(status=500, path_prefix="/v1.1/webhook"))
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert not entry.runtime_data.push_active
    assert entry.runtime_data.update_interval.total_seconds() < 1800
    assert len(our_log(caplog)) == 1
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF


async def test_remove_entry_deletes_our_url(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """Removing the account takes our URL off the cloud."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert switchbot_cloud.webhook_url is not None
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert switchbot_cloud.webhook_url is None


async def test_remove_entry_cloud_fault(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A fault while deleting the URL does not stop the removal."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    switchbot_cloud.inject(Fault(status=503))
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.config_entries.async_get_entry(entry.entry_id) is None


async def test_cloudhook(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """With Home Assistant Cloud the cloudhook URL is given, kept and deleted with the entry."""
    with (
        patch("homeassistant.components.cloud.async_active_subscription", return_value=True),
        patch(
            "homeassistant.components.cloud.async_create_cloudhook",
            AsyncMock(return_value=CLOUDHOOK_URL),
        ) as create,
        patch("homeassistant.components.cloud.async_delete_cloudhook", AsyncMock()) as delete,
    ):
        entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
        assert switchbot_cloud.webhook_url == CLOUDHOOK_URL
        assert entry.data["cloudhook_url"] == CLOUDHOOK_URL
        create.assert_awaited_once_with(hass, entry.data["webhook_id"])

        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        create.assert_awaited_once()

        await hass.config_entries.async_remove(entry.entry_id)
        await hass.async_block_till_done()
        delete.assert_awaited_once_with(hass, entry.data["webhook_id"])
    assert switchbot_cloud.webhook_url is None


async def test_cloud_not_connected_falls_back(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A subscription whose cloud is not connected: the external URL instead."""
    from homeassistant.components.cloud import CloudNotConnected

    with (
        patch("homeassistant.components.cloud.async_active_subscription", return_value=True),
        patch(
            "homeassistant.components.cloud.async_create_cloudhook",
            AsyncMock(side_effect=CloudNotConnected),
        ),
    ):
        entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert switchbot_cloud.webhook_url == webhook_url(hass, entry)
    assert "cloudhook_url" not in entry.data


async def test_cloudhook_delete_without_cloud(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud
) -> None:
    """Removing an entry whose cloudhook the cloud no longer knows still works."""
    data = {**switchbot_data(switchbot_cloud), "webhook_id": "abc", "cloudhook_url": CLOUDHOOK_URL}
    entry = await setup_entry(hass, data)
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.config_entries.async_get_entry(entry.entry_id) is None


