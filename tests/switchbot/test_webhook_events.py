"""SwitchBot webhook events: states moved at once, merged, in order; bodies ignored safely."""

from __future__ import annotations

from collections.abc import AsyncIterator
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
import pytest

from custom_components.cloud_bridge.api.switchbot.webhook import apply_event
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
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.webhook_home import our_log

NEW_PLUG = "6055F92AB1D0"
OTHER_PLUG = "6055F92AB1D1"


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms the pushed events show up on."""
    return [Platform.SWITCH, Platform.SENSOR, Platform.COVER]


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
    assert not our_log(caplog, logging.INFO)
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


async def test_event_type_spelled_anew_still_applies(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """An event names its device by MAC: a type spelled in a way no table lists is read by the device's own profile.

    core's switchbot_cloud drops such events and polls instead (core #179876).
    """
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    status_calls = len(switchbot_cloud.requests_to("/status"))
    event = {"eventType": "changeReport", "context": {"deviceType": "WoHandNew", "deviceMac": BOT, "power": "on"}}
    assert await post_webhook(webhook_client, entry, event) == 200
    assert hass.states.get("switch.coffee_bot").state == STATE_ON
    assert len(switchbot_cloud.requests_to("/status")) == status_calls
