"""SwitchBot webhook: registration at the cloud, pushed events, and what is left alone."""

from __future__ import annotations

from collections.abc import AsyncIterator
import logging
from typing import Any
from unittest.mock import AsyncMock, patch

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api.switchbot.webhook import apply_event
from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    BOT,
    CURTAIN,
    METER,
    PLUG_MINI,
    next_poll,
    post_webhook,
    setup_entry,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud

FOREIGN_URL = "https://other-app.example.net/hooks/f00dfeedsecret"
NEW_PLUG = "6055F92AB1D0"
OTHER_PLUG = "6055F92AB1D1"
CLOUDHOOK_URL = "https://hooks.nabu.casa/cloudhook-secret-0123"


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms the pushed events show up on."""
    return [Platform.SWITCH, Platform.SENSOR, Platform.COVER]


def _issue(hass: HomeAssistant, key: str, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"{key}_{entry.entry_id}")


def _our_log(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= level and r.name.startswith("custom_components.cloud_bridge")
    ]


def _webhook_url(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    return f"{hass.config.external_url}/api/webhook/{entry.data['webhook_id']}"


async def test_registers_webhook_and_polls_slowly(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A v1.1 account gets our URL; polls drop to the safety interval."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert entry.data["webhook_id"]
    assert switchbot_cloud.webhook_url == _webhook_url(hass, entry)
    assert entry.data["webhook_url"] == switchbot_cloud.webhook_url
    setup = switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook")[-1]
    assert setup.json == {"action": "setupWebhook", "url": switchbot_cloud.webhook_url, "deviceList": "ALL"}
    assert entry.runtime_data.update_interval.total_seconds() == 1800
    assert not ir.async_get(hass).issues

    # A reload finds the URL in place: nothing set or deleted again.
    calls = len(switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook"))
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert len(switchbot_cloud.requests_to("/v1.1/webhook/setupWebhook")) == calls
    assert not switchbot_cloud.requests_to("/v1.1/webhook/deleteWebhook")
    assert entry.runtime_data.push_active


async def test_pushed_events_update_entities(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """Events change states at once, without a status call."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    status_calls = len(switchbot_cloud.requests_to("/status"))

    # End to end: the simulated cloud POSTs to the URL it was given.
    assert await switchbot_cloud.send_webhook(
        switchbot_cloud.webhook_event(BOT, power="on", deviceMode="switchMode", battery=80)
    ) == 200
    await hass.async_block_till_done()
    assert hass.states.get("switch.coffee_bot").state == STATE_ON
    assert hass.states.get("sensor.coffee_bot_battery").state == "80.0"

    # Plugs say powerState "ON"/"OFF" where the status says power "on"/"off".
    event = switchbot_cloud.webhook_event(PLUG_MINI, powerState="OFF")
    assert await post_webhook(webhook_client, entry, event) == 200
    assert hass.states.get("switch.desk_lamp_plug").state == STATE_OFF

    event = switchbot_cloud.webhook_event(METER, temperature=19.5, humidity=52, scale="CELSIUS")
    assert await post_webhook(webhook_client, entry, event) == 200
    assert hass.states.get("sensor.bedroom_meter_temperature").state == "19.5"

    # SwitchBot counts 0 = open; Home Assistant 100 = open.
    event = switchbot_cloud.webhook_event(CURTAIN, slidePosition=30, calibrate=True, battery=90)
    assert await post_webhook(webhook_client, entry, event) == 200
    assert hass.states.get("cover.living_room_curtain").attributes["current_position"] == 70

    assert len(switchbot_cloud.requests_to("/status")) == status_calls

    # The next poll still agrees with what the pushes said, for the merged status.
    switchbot_cloud.statuses[PLUG_MINI]["power"] = "off"
    await next_poll(hass, entry)
    assert hass.states.get("switch.desk_lamp_plug").state == STATE_OFF


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<html>not json</html>", id="not-json"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
        pytest.param(b"[" * 100_000, id="too-large"),
        pytest.param(b"", id="empty"),
        pytest.param([1, 2], id="list"),
        pytest.param({"eventType": "somethingElse", "context": {}}, id="event-type"),
        pytest.param({"eventType": "changeReport"}, id="no-context"),
        pytest.param({"eventType": "changeReport", "context": {"deviceType": "WoHand"}}, id="no-mac"),
        pytest.param(
            {"eventType": "changeReport", "context": {"deviceType": "WoHand", "deviceMac": "AABBCCDDEEFF", "power": "on"}},
            id="unknown-device",
        ),
        pytest.param(
            {"eventType": "changeReport", "context": {"deviceType": "WoToaster", "deviceMac": BOT, "power": "on"}},
            id="unknown-type",
        ),
        pytest.param(
            {"eventType": "changeReport", "context": {"deviceType": "WoHand", "deviceMac": BOT, "commandId": "X"}},
            id="result-without-outcome",
        ),
        pytest.param(
            {"eventType": "changeReport", "context": {"deviceType": "WoHand", "deviceMac": BOT, "battery": {"x": 1}, "power": "off", "deviceMode": 7}},
            id="odd-values",
        ),
    ],
)
async def test_ignored_bodies(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    webhook_client: TestClient,
    caplog: pytest.LogCaptureFixture,
    body: Any,
) -> None:
    """Whatever arrives: HTTP 200, a debug line at most, entities unchanged."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    with caplog.at_level(logging.DEBUG):
        assert await post_webhook(webhook_client, entry, body) == 200
        await hass.async_block_till_done()
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert not _our_log(caplog, logging.INFO)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_oversized_chunked_body(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A body without a length is read only up to the limit."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 4096

    response = await webhook_client.post(f"/api/webhook/{entry.data['webhook_id']}", data=chunks())
    assert response.status == 200
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF


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
    assert switchbot_cloud.webhook_url == _webhook_url(hass, entry)
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
    issue = _issue(hass, "webhook_in_use", entry)
    assert issue is not None
    assert issue.translation_placeholders == {"title": "switchbot", "host": "other-app.example.net"}
    warnings = _our_log(caplog)
    assert len(warnings) == 1
    assert "other-app.example.net" in warnings[0]
    assert "f00dfeedsecret" not in caplog.text
    assert entry.data["webhook_id"] not in caplog.text

    # Once the other app lets go, a reload takes the webhook and clears the issue.
    switchbot_cloud.webhook_url = None
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert switchbot_cloud.webhook_url == _webhook_url(hass, entry)
    assert _issue(hass, "webhook_in_use", entry) is None


async def test_no_reachable_url(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """Without an external URL: one repair issue, no webhook call, normal polling."""
    assert _issue(hass, "webhook_unavailable", switchbot_entry) is not None
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
    assert len(_our_log(caplog)) == 1
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
    assert switchbot_cloud.webhook_url == _webhook_url(hass, entry)
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


async def test_event_for_a_new_device_lists_again(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A device added in the app pushes before the list knows it: the next poll lists again.

    At most once an hour, however many such events come; then the device has entities.
    """
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    await hass.async_block_till_done()

    def lists() -> int:
        return len([r for r in switchbot_cloud.requests if r.path == "/v1.1/devices"])

    listed = lists()
    switchbot_cloud.add_device(NEW_PLUG, "Plug Mini (US)", "Porch Plug", status={"power": "on"})
    event = switchbot_cloud.webhook_event(NEW_PLUG, powerState="ON")
    for _ in range(3):
        assert await post_webhook(webhook_client, entry, event) == 200
    assert lists() == listed
    await next_poll(hass, entry)
    assert lists() == listed + 1
    assert hass.states.get("switch.porch_plug").state == STATE_ON

    # Within the hour, another unknown device waits for the regular list.
    switchbot_cloud.add_device(OTHER_PLUG, "Plug Mini (US)", "Shed Plug", status={"power": "on"})
    event = switchbot_cloud.webhook_event(OTHER_PLUG, powerState="ON")
    assert await post_webhook(webhook_client, entry, event) == 200
    await next_poll(hass, entry)
    assert lists() == listed + 1
    assert hass.states.get("switch.shed_plug") is None


def test_apply_event_spellings() -> None:
    """MACs with colons and lower case find the device; powerState is stored as power."""
    from custom_components.cloud_bridge.api import Channel, Device, SwitchTraits
    from custom_components.cloud_bridge.api.features import DeviceChanged

    device = Device("6055F92AB1C0", "Plug", "Plug Mini (US)", "SwitchBot", model_id="Plug Mini (US)")
    device.channels["main"] = Channel("main", traits=SwitchTraits())
    bodies: dict[str, dict[str, Any]] = {device.id: {"power": "off"}}
    event = {
        "eventType": "changeReport",
        "context": {"deviceType": "WoPlugUS", "deviceMac": "60:55:f9:2a:b1:c0", "powerState": "ON"},
    }
    assert apply_event(event, {device.id: device}, bodies, {}) == DeviceChanged(device.id)
    assert device.channels["main"].is_on is True
    assert bodies[device.id] == {"power": "on"}
