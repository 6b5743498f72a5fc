"""Webhook events of the types SwitchBot's 2026-05 document adds: state moves at once, partial events merge."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.conftest import post_webhook
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.catalogue_home import (
    ROLLER_2PM,
    cloud_fixture,  # noqa: F401 (a fixture)
    entry_fixture,  # noqa: F401 (a fixture)
    state,
)

# (device, the event's fields as the document's samples give them,
#  (domain, channel), what the entity shows then: its state or (attribute, value))
EVENTS: list[tuple[str, dict[str, Any], tuple[str, str], Any]] = [
    ("E0A000000001", {"detectionState": "NOT_DETECTED"}, ("binary_sensor", "main"), "off"),
    ("E0A000000001", {"temperature": 30.3}, ("sensor", "main"), "30.3"),
    ("E0A000000002", {"CO2": 1203}, ("sensor", "main"), None),
    ("E0A000000003", {"temperature": 13, "humidity": 18, "scale": "CELSIUS"}, ("sensor", "main"), None),
    ("E0A000000004", {"detectionState": "DETECTED", "brightness": "bright"}, ("binary_sensor", "main"), "on"),
    ("E0A000000005", {"detectionState": "NOT_DETECTED", "lightLevel": 19}, ("binary_sensor", "main"), "off"),
    ("E0A000000006", {"detectionState": 0}, ("binary_sensor", "main"), "off"),
    ("E0A000000007", {"lockState": "UNLOCKED"}, ("lock", "main"), "unlocked"),
    ("E0A000000008", {"lockState": "LOCKED", "battery": 90}, ("lock", "main"), "locked"),
    ("E0A000000009", {"lockState": "UNLOCKED"}, ("lock", "main"), "unlocked"),
    ("E0A00000000A", {"lockState": "UNLOCKED", "battery": 90}, ("lock", "main"), "unlocked"),
    ("E0A00000000C", {"switchStatus": 0, "overload": False}, ("switch", "main"), "off"),
    ("E0A00000000D", {"switchStatus": 1, "overTemperature": False}, ("switch", "main"), "on"),
    ("E0A00000000E", {"switch2Status": 1}, ("switch", "switch2"), "on"),
    ("E0A00000000F", {"switchStatus": 0, "online": True}, ("switch", "main"), "off"),
    (ROLLER_2PM, {"position": 0, "isStuck": False}, ("cover", "main"), ("current_position", 100)),
    ("E0A000000010", {"slidePosition": 100}, ("cover", "main"), "closed"),
    ("E0A000000011", {"doorStatus": 0}, ("cover", "main"), "open"),
    ("E0A000000012", {"powerState": "OFF"}, ("light", "main"), "off"),
    ("E0A000000013", {"powerState": "ON", "color": "255:255:0"}, ("light", "main"), ("rgb_color", (255, 255, 0))),
    ("E0A000000014", {"powerState": "ON", "brightness": 100}, ("light", "main"), ("brightness", 255)),
    ("E0A000000015", {"powerState": "ON", "fanSpeed": 3, "mode": "sleep"}, ("fan", "main"), ("preset_mode", "sleep")),
    ("E0A000000016", {"power": "ON", "mode": 4, "childLock": 0}, ("fan", "main"), ("preset_mode", "pet")),
    ("E0A000000016", {"childLock": 0}, ("switch", "child_lock"), "off"),
    ("E0A000000017", {"power": "on", "mode": 8, "drying": False}, ("humidifier", "main"), ("mode", "drying")),
    ("E0A000000018", {"workingStatus": "Clearing", "onlineStatus": "online"}, ("vacuum", "main"), "cleaning"),
    ("E0A000000019", {"taskType": "explore", "workingStatus": "Paused"}, ("vacuum", "main"), "paused"),
    ("E0A00000001B", {"mode": 5, "battery": 100}, ("climate", "main"), ("preset_mode", "boost")),
    ("E0A00000001D", {"detectionState": "DETECTED", "battery": 80}, ("binary_sensor", "main"), "on"),
    ("E0A00000001E", {"detectionState": "DETECTED"}, ("binary_sensor", "main"), "on"),
]


def _shows(found: Any, expected: Any) -> bool:
    if isinstance(expected, tuple):
        attribute, value = expected
        shown = found.attributes.get(attribute)
        return (tuple(shown) if isinstance(shown, list) else shown) == value
    return expected is None or found.state == expected


@pytest.mark.parametrize(("device_id", "fields", "where", "expected"), EVENTS)
async def test_events_move_state(
    hass: HomeAssistant,
    cloud: SwitchBotCloud,
    entry: MockConfigEntry,
    webhook_client: TestClient,
    device_id: str,
    fields: dict[str, Any],
    where: tuple[str, str],
    expected: Any,
) -> None:
    """An event of a new type, spelled as the document's sample spells it, shows at once: no status call."""
    status_calls = len(cloud.requests_to("/status"))
    event = cloud.webhook_event(device_id, **fields)
    assert await post_webhook(webhook_client, entry, event) == 200
    await hass.async_block_till_done()
    assert _shows(state(hass, *where[:1], device_id, where[1]), expected)
    assert len(cloud.requests_to("/status")) == status_calls


async def test_partial_events_merge(
    hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry, webhook_client: TestClient
) -> None:
    """An event carries only some fields: the others keep what the status or an earlier event said."""
    light = "E0A000000012"
    assert state(hass, "light", light).attributes["color_temp_kelvin"] == 3500
    await post_webhook(webhook_client, entry, cloud.webhook_event(light, brightness=10))
    await post_webhook(webhook_client, entry, cloud.webhook_event(light, color="255:245:235"))
    await hass.async_block_till_done()
    shown = state(hass, "light", light)
    assert shown.state == "on"  # from the status, no event said otherwise
    assert shown.attributes["brightness"] == 26  # 10 %
    assert shown.attributes["rgb_color"] == (255, 245, 235)
    # The 2PM's second relay keeps its power reading through an event of the first's.
    relays = "E0A00000000E"
    before = hass.states.get("sensor.kitchen_relays_channel_1_power").state
    await post_webhook(webhook_client, entry, cloud.webhook_event(relays, switch1Status=0))
    await hass.async_block_till_done()
    assert state(hass, "switch", relays).state == "off"
    assert hass.states.get("sensor.kitchen_relays_channel_1_power").state == before


async def test_doorbell_press(
    hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry, webhook_client: TestClient
) -> None:
    """A Video Doorbell's press fires its doorbell event; its battery, in the same event, shows too."""
    event_entity = state(hass, "event", "E0A00000001D").entity_id
    assert hass.states.get(event_entity).state == "unknown"
    body = cloud.webhook_event("E0A00000001D", press=True, battery=64, detectionState="DETECTED")
    assert await post_webhook(webhook_client, entry, body) == 200
    await hass.async_block_till_done()
    assert hass.states.get(event_entity).attributes["event_type"] == "ring"
    assert hass.states.get("sensor.front_doorbell_battery").state == "64.0"
