"""The device types SwitchBot's 2026-05 document adds: their entities, states and exact commands."""

from __future__ import annotations

from typing import Any

from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from tests.conftest import (
    next_poll,
)
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.catalogue_home import (
    ROLLER_2PM,
    cloud_fixture,  # noqa: F401 (a fixture)
    entity,
    entry_fixture,  # noqa: F401 (a fixture)
    state,
)


@pytest.mark.parametrize(
    "platforms",
    [
        [Platform.BINARY_SENSOR],
        [Platform.BUTTON],
        [Platform.CLIMATE],
        [Platform.COVER],
        [Platform.EVENT],
        [Platform.FAN],
        [Platform.HUMIDIFIER],
        [Platform.LIGHT],
        [Platform.LOCK],
        [Platform.NUMBER],
        [Platform.SENSOR],
        [Platform.SWITCH],
        [Platform.VACUUM],
    ],
    ids=lambda platforms: platforms[0],
)
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_entities(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Each new type's entities, names, classes, units and states."""
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_states(hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry) -> None:
    """Status fields read as Home Assistant counts them."""
    assert hass.states.get("sensor.office_air_carbon_dioxide").state == "640.0"
    assert hass.states.get("binary_sensor.living_hub_motion").state == "on"
    assert hass.states.get("binary_sensor.study_presence_occupancy").state == "on"
    assert hass.states.get("binary_sensor.laundry_leak_moisture").state == "on"
    assert state(hass, "lock", "E0A000000007").state == "locked"  # latchBoltLocked
    assert state(hass, "lock", "E0A000000008").state == "jammed"  # halfLocked
    assert state(hass, "switch", "E0A00000000C").state == "on"
    assert hass.states.get("sensor.boiler_relay_power").state == "1500.0"
    # usedElectricity counts watt-minutes: 3,600 is 0.06 kWh; 0 mA is 0.0 A.
    assert hass.states.get("sensor.boiler_relay_energy").state == "0.06"
    assert state(hass, "switch", "E0A00000000E").state == "on"
    assert state(hass, "switch", "E0A00000000E", "switch2").state == "off"
    assert hass.states.get("sensor.kitchen_relays_channel_1_current").state == "0.175"
    # SwitchBot counts 0 open, Home Assistant 0 closed.
    assert state(hass, "cover", ROLLER_2PM).attributes["current_position"] == 75
    assert state(hass, "cover", "E0A000000010").attributes["current_position"] == 70
    assert state(hass, "cover", "E0A000000011").state == "closed"
    assert state(hass, "humidifier", "E0A000000017").attributes["mode"] == "humidity"
    assert hass.states.get("binary_sensor.nursery_humidifier_drying_filter").state == "on"
    assert hass.states.get("sensor.nursery_humidifier_filter_life").state == "75.0"
    assert state(hass, "fan", "E0A000000016").attributes["preset_mode"] == "auto"
    assert state(hass, "switch", "E0A000000016", "child_lock").state == "on"
    assert state(hass, "vacuum", "E0A000000019").state == "cleaning"
    assert hass.states.get("sensor.floor_robot_base_station_battery").state == "100.0"
    radiator = state(hass, "climate", "E0A00000001B")
    assert (radiator.state, radiator.attributes["preset_mode"]) == ("heat", "comfort")
    assert not cloud.requests_to("/v1.1/devices/E0A00000001E/status")  # a camera: push only

    cloud.statuses["E0A000000011"]["doorStatus"] = 0
    cloud.statuses["E0A00000001B"]["mode"] = 2
    cloud.statuses["E0A000000018"]["onlineStatus"] = "offline"
    await next_poll(hass, entry)
    assert state(hass, "cover", "E0A000000011").state == "open"
    assert state(hass, "climate", "E0A00000001B").state == "off"
    assert state(hass, "vacuum", "E0A000000018").state == STATE_UNAVAILABLE


Body = tuple[str, Any]
COMMANDS: list[tuple[str, str, str, str, dict[str, Any], list[Body]]] = [
    # (device, channel, domain, service, data, [(command, parameter), ...] the cloud receives)
    ("E0A000000007", "main", "lock", "open", {}, [("deadbolt", "default")]),
    ("E0A000000007", "night_latch", "button", "press", {}, [("nightLatchUnlock", "default")]),
    ("E0A000000008", "main", "lock", "unlock", {}, [("unlock", "default")]),
    ("E0A000000009", "main", "lock", "lock", {}, [("lock", "default")]),
    ("E0A00000000C", "main", "switch", "turn_off", {}, [("turnOff", "default")]),
    ("E0A00000000D", "main", "switch", "turn_on", {}, [("turnOn", "default")]),
    ("E0A00000000E", "main", "switch", "turn_off", {}, [("turnOff", "1")]),
    ("E0A00000000E", "switch2", "switch", "turn_on", {}, [("turnOn", "2")]),
    ("E0A00000000F", "main", "switch", "turn_off", {}, [("turnOff", "default")]),
    (ROLLER_2PM, "main", "cover", "set_cover_position", {"position": 40}, [("setPosition", "60")]),
    ("E0A000000010", "main", "cover", "close_cover", {}, [("setPosition", "100")]),
    ("E0A000000010", "main", "cover", "set_cover_position", {"position": 100}, [("setPosition", "0")]),
    ("E0A000000011", "main", "cover", "open_cover", {}, [("turnOn", "default")]),
    ("E0A000000011", "main", "cover", "close_cover", {}, [("turnOff", "default")]),
    (
        "E0A000000012", "main", "light", "turn_on", {"color_temp_kelvin": 3000},
        [("setColorTemperature", "3000")],
    ),
    (
        "E0A000000013", "main", "light", "turn_on", {"rgb_color": [9, 8, 7]},
        [("turnOn", "default"), ("setColor", "9:8:7")],
    ),
    ("E0A000000014", "main", "light", "turn_on", {"brightness": 51}, [("setBrightness", "20")]),
    ("E0A000000015", "main", "fan", "set_preset_mode", {"preset_mode": "natural"}, [("setWindMode", "natural")]),
    ("E0A000000016", "main", "fan", "set_preset_mode", {"preset_mode": "pet"}, [("setMode", {"mode": 4})]),
    (
        "E0A000000016", "main", "fan", "set_percentage", {"percentage": 50},
        [("setMode", {"mode": 1, "fanGear": 2})],
    ),
    ("E0A000000016", "child_lock", "switch", "turn_off", {}, [("setChildLock", "0")]),
    (
        "E0A000000017", "main", "humidifier", "set_humidity", {"humidity": 60},
        [("setMode", {"mode": 5, "targetHumidify": 60})],
    ),
    (
        "E0A000000017", "main", "humidifier", "set_mode", {"mode": "sleep"},
        [("setMode", {"mode": 6, "targetHumidify": 50})],
    ),
    ("E0A000000017", "child_lock", "switch", "turn_on", {}, [("setChildLock", "true")]),
    ("E0A000000018", "main", "vacuum", "set_fan_speed", {"fan_speed": "max"}, [("PowLevel", "3")]),
    (
        "E0A000000019", "main", "vacuum", "start", {},
        [("startClean", {"action": "sweep", "param": {"fanLevel": 2, "times": 1, "waterLevel": 1}})],
    ),
    ("E0A000000019", "main", "vacuum", "pause", {}, [("pause", "default")]),
    ("E0A000000019", "main", "vacuum", "return_to_base", {}, [("dock", "default")]),
    (
        "E0A000000019", "main", "vacuum", "set_fan_speed", {"fan_speed": "strong"},
        [("changeParam", {"fanLevel": 3, "times": 1, "waterLevel": 1})],
    ),
    ("E0A000000019", "volume", "number", "set_value", {"value": 35}, [("setVolume", "35")]),
    ("E0A000000019", "wash_mop", "button", "press", {}, [("selfClean", "1")]),
    ("E0A000000019", "dry_mop", "button", "press", {}, [("selfClean", "2")]),
    ("E0A000000019", "stop_self_clean", "button", "press", {}, [("selfClean", "3")]),
    ("E0A000000019", "refill_humidifier", "button", "press", {}, [("addWaterForHumi", "default")]),
    ("E0A00000001A", "main", "vacuum", "stop", {}, [("pause", "default")]),
    (
        "E0A00000001B", "main", "climate", "set_temperature", {"temperature": 21.6},
        [("setManualModeTemperature", "22")],
    ),
    ("E0A00000001B", "main", "climate", "set_preset_mode", {"preset_mode": "eco"}, [("setMode", "3")]),
    ("E0A00000001B", "main", "climate", "set_hvac_mode", {"hvac_mode": "off"}, [("turnOff", "default")]),
    ("E0A00000001C", "main", "button", "press", {}, [("next", "default")]),
    ("E0A00000001C", "previous", "button", "press", {}, [("previous", "default")]),
    (
        "E0A00000001D", "motion_detection", "switch", "turn_off", {},
        [("disableMotionDetection", "default")],
    ),
]


@pytest.mark.parametrize(("device_id", "channel", "domain", "service", "data", "expected"), COMMANDS)
async def test_commands(
    hass: HomeAssistant,
    cloud: SwitchBotCloud,
    entry: MockConfigEntry,
    device_id: str,
    channel: str,
    domain: str,
    service: str,
    data: dict[str, Any],
    expected: list[Body],
) -> None:
    """Each service call sends exactly the 2026-05 document's command, and the cloud accepts it."""
    entity_id = entity(hass, domain, device_id, channel)
    await hass.services.async_call(domain, service, {"entity_id": entity_id, **data}, blocking=True)
    requests = cloud.requests_to(f"/v1.1/devices/{device_id}/commands")
    assert [(r.json["command"], r.json["parameter"]) for r in requests] == expected
    assert all(r.json["commandType"] == "command" for r in requests)
    assert hass.states.get(entity_id).state != STATE_UNAVAILABLE


async def test_assumed_levels_and_settings(
    hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry
) -> None:
    """A volume and a doorbell's motion detection are not in the status: they show what was set."""
    volume = entity(hass, "number", "E0A000000019", "volume")
    detection = entity(hass, "switch", "E0A00000001D", "motion_detection")
    assert hass.states.get(volume).state == "unknown"
    await hass.services.async_call("number", "set_value", {"entity_id": volume, "value": 20}, blocking=True)
    await hass.services.async_call("switch", "turn_on", {"entity_id": detection}, blocking=True)
    await next_poll(hass, entry)
    assert hass.states.get(volume).state == "20.0"
    assert hass.states.get(volume).attributes["assumed_state"] is True
    assert hass.states.get(detection).state == "on"
