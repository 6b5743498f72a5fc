"""Today's Shelly devices through the integration: every component, sleeping devices, BLU, presses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from freezegun.api import TickingDateTimeFactory

# Imported before the clock is frozen: the diagnostics download loads it on
# first use, and its dataclasses cannot be built under freezegun.
from homeassistant.components import hassio  # noqa: F401
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import SHELLY_AUTH_KEY, next_poll, serving, setup_entry
from tests.simulator.shelly import ShellyCloud, catalogue as cat, catalogue_gen1 as cat1
from tests.simulator.shelly.devices import REPORTED_AT

CCT, RGBW, WHITE = "30c6f7aa0001", "30c6f7aa0002", "30c6f7aa0003"
EM3, EM, PM = "30c6f7aa0004", "30c6f7aa0005", "30c6f7aa0006"
FLOOD, SMOKE, HT3, PRESENCE = "30c6f7aa0007", "30c6f7aa0008", "30c6f7aa0009", "30c6f7aa000a"
ADDON, GATEWAY = "30c6f7aa000b", "30c6f7aa000c"
BLU_DOOR, BLU_MOTION, BLU_HT, BLU_BUTTON = "7c3e82aa0001", "7c3e82aa0002", "7c3e82aa0003", "7c3e82aa0004"
G1_FLOOD, G1_SMOKE, G1_GAS, G1_DOOR = "e868e7aa0001", "e868e7aa0002", "e868e7aa0003", "e868e7aa0004"
G1_MOTION, G1_I3, G1_BUTTON, G1_ADDON = "e868e7aa0005", "e868e7aa0006", "e868e7aa0007", "e868e7aa0008"

# The clock ten minutes after the sleeping devices last reported, running (the
# one-call-a-second spacer waits on it).
pytestmark = pytest.mark.freeze_time(datetime.fromtimestamp(REPORTED_AT + 600, UTC), tick=True)


@pytest.fixture
async def cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[ShellyCloud]:
    """An account with one of each of today's device kinds."""
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    for device in (
        cat.cct_light(CCT, name="Office lights"),
        cat.rgbw_light(RGBW, name="Deck strip"),
        cat.white_light(WHITE, name="Bedroom dimmer"),
        cat.three_phase_meter(EM3, name="House meter"),
        cat.circuit_meter(EM, name="Garage meter"),
        cat.mini_pm(PM, name="Solar inverter"),
        cat.flood_sensor(FLOOD, name="Laundry flood"),
        cat.smoke_sensor(SMOKE, name="Hall smoke"),
        cat.ht_gen3(HT3, name="Nursery H&T"),
        cat.presence_sensor(PRESENCE, name="Living presence"),
        cat.addon_relay(ADDON, name="Boiler"),
        cat.blu_gateway(GATEWAY, name="Gateway"),
        cat.blu_door(BLU_DOOR, GATEWAY),
        cat.blu_motion(BLU_MOTION, GATEWAY),
        cat.blu_ht(BLU_HT, GATEWAY),
        cat.blu_button(BLU_BUTTON, GATEWAY),
        cat1.gen1_flood(G1_FLOOD, name="Bath flood"),
        cat1.gen1_smoke(G1_SMOKE, name="Attic smoke"),
        cat1.gen1_gas(G1_GAS, name="Kitchen gas"),
        cat1.gen1_door(G1_DOOR, name="Front door"),
        cat1.gen1_motion(G1_MOTION, name="Porch motion"),
        cat1.gen1_i3(G1_I3, name="Stairs i3"),
        cat1.gen1_button(G1_BUTTON, name="Desk button"),
        cat1.gen1_addon(G1_ADDON, name="Pool pump"),
    ):
        cloud.add(device)
    for device_id in (FLOOD, SMOKE, HT3, BLU_DOOR, BLU_MOTION, BLU_HT, BLU_BUTTON,
                      G1_FLOOD, G1_SMOKE, G1_DOOR, G1_BUTTON):
        cloud.set_online(device_id, False)  # asleep, as battery devices mostly are
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def entry(hass: HomeAssistant, cloud: ShellyCloud) -> MockConfigEntry:
    """The account, set up with every device."""
    data = {"vendor": "shelly", "host": cloud.url, "auth_key": SHELLY_AUTH_KEY,
            "device_ids": list(cloud.devices)}
    return await setup_entry(hass, data)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize(
    "platforms",
    [[Platform.SENSOR], [Platform.BINARY_SENSOR], [Platform.LIGHT], [Platform.EVENT], [Platform.SWITCH]],
    ids=lambda platforms: platforms[0],
)
async def test_entities(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every component of today's devices, with its device class, unit and name."""
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


async def test_meters(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Per phase and in total; energy both ways in kWh (the counters count Wh)."""
    assert _state(hass, "sensor.house_meter_power") == "1234.5"
    assert _state(hass, "sensor.house_meter_phase_a_power") == "400.0"
    assert _state(hass, "sensor.house_meter_phase_c_power_factor") == "0.93"
    assert _state(hass, "sensor.house_meter_energy") == "45.679"
    assert _state(hass, "sensor.house_meter_returned_energy") == "1.234"
    assert _state(hass, "sensor.house_meter_phase_b_returned_energy") == "0.41"
    assert _state(hass, "sensor.garage_meter_heat_pump_energy") == "9.877"
    assert _state(hass, "sensor.garage_meter_solar_returned_energy") == "0.013"
    assert _state(hass, "sensor.solar_inverter_returned_energy") == "0.75"


async def test_defaults_follow_home_assistants_shelly(
    hass: HomeAssistant, entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    """Frequency and the user's virtual values start disabled; the last report is diagnostic."""
    assert _state(hass, "sensor.boiler_voltmeter") == "4.82"
    for entity_id in ("sensor.house_meter_phase_a_frequency", "sensor.boiler_setpoint",
                      "binary_sensor.boiler_away", "sensor.boiler_note"):
        registered = entity_registry.async_get(entity_id)
        assert registered is not None, entity_id
        assert registered.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert entity_registry.async_get("sensor.laundry_flood_last_report").entity_category == "diagnostic"


async def test_sleeping_devices_keep_their_readings(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """Offline between reports is a sleeping device's normal state: its readings stand."""
    assert _state(hass, "binary_sensor.laundry_flood_moisture") == "off"
    assert _state(hass, "sensor.laundry_flood_battery") == "93.0"
    assert _state(hass, "sensor.laundry_flood_last_report") == "2025-12-07T09:33:20+00:00"
    assert _state(hass, "binary_sensor.laundry_flood_connectivity") == "off"
    # Asleep, the cloud may answer with nothing at all: what it said last stands.
    cloud.devices[FLOOD].status = {}
    await next_poll(hass, entry)
    assert _state(hass, "sensor.laundry_flood_battery") == "93.0"
    assert _state(hass, "binary_sensor.laundry_flood_moisture") == "off"
    # A reading it reports as invalid while asleep is unknown, not its last value.
    door = cloud.devices[G1_DOOR].status
    door["sensor"] = {"state": "close", "is_valid": False}
    await next_poll(hass, entry)
    assert _state(hass, "binary_sensor.front_door_door") == "unknown"
    assert _state(hass, "sensor.front_door_battery") == "99.0"
    # It wakes with a leak.
    cloud.devices[FLOOD].status = {"flood:0": {"id": 0, "alarm": True, "mute": True},
                                   "devicepower:0": {"id": 0, "battery": {"percent": 92}},
                                   "ts": 1765100600.0}
    cloud.set_online(FLOOD)
    await next_poll(hass, entry)
    assert _state(hass, "binary_sensor.laundry_flood_moisture") == "on"
    assert _state(hass, "binary_sensor.laundry_flood_alarm_muted") == "on"
    assert _state(hass, "sensor.laundry_flood_last_report") == "2025-12-07T09:43:20+00:00"
    # A mains device that goes offline is unavailable, as before.
    cloud.set_online(PM, False)
    await next_poll(hass, entry)
    assert _state(hass, "sensor.solar_inverter_power") == "unavailable"


async def _poll_at(hass: HomeAssistant, entry: MockConfigEntry, freezer: TickingDateTimeFactory,
                   hours: float) -> None:
    freezer.move_to(datetime.fromtimestamp(REPORTED_AT + hours * 3600, UTC))
    await next_poll(hass, entry)


async def test_sleeping_devices_that_stop_reporting_go_unavailable(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry, freezer: TickingDateTimeFactory
) -> None:
    """A sleeping device counts as gone once 2.2 of its wake periods pass without a report."""
    ht, gen1_flood, flood = ("sensor.nursery_h_t_temperature", "binary_sensor.bath_flood_moisture",
                             "binary_sensor.laundry_flood_moisture")
    # The H&T wakes every 2 h (`sys.wakeup_period`): 4.4 h of silence is too long.
    await _poll_at(hass, entry, freezer, 4.3)
    assert _state(hass, ht) == "20.9"
    await _poll_at(hass, entry, freezer, 4.5)
    assert _state(hass, ht) == "unavailable"
    assert _state(hass, "sensor.nursery_h_t_last_report") == "unavailable"
    # The gen1 Flood wakes every 12 h (`sleep_mode`); a device naming no period, once a day.
    await _poll_at(hass, entry, freezer, 26.5)
    assert _state(hass, gen1_flood) == "unavailable"
    assert _state(hass, flood) == "off"
    await _poll_at(hass, entry, freezer, 53)
    assert _state(hass, flood) == "unavailable"
    # A button reports only when pressed: a quiet one is not a gone one.
    assert _state(hass, "sensor.desk_button_battery") == "100.0"
    # Its next report brings it back.
    cloud.devices[HT3].status["ts"] = REPORTED_AT + 53 * 3600
    await next_poll(hass, entry)
    assert _state(hass, ht) == "20.9"


async def test_plugged_in_battery_device_does_not_sleep(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """On external power a battery device stays awake, so offline means unavailable."""
    power = cloud.devices[HT3].status["devicepower:0"]
    power["external"]["present"] = True
    await next_poll(hass, entry)
    assert _state(hass, "sensor.nursery_h_t_temperature") == "unavailable"
    # Then an answer with no status at all: still not taken for asleep.
    cloud.devices[HT3].status = {}
    await next_poll(hass, entry)
    assert _state(hass, "sensor.nursery_h_t_temperature") == "unavailable"
    power["external"]["present"] = False
    cloud.devices[HT3].status = {"devicepower:0": power, "temperature:0": {"id": 0, "tC": 21.4},
                                 "ts": REPORTED_AT + 300}
    await next_poll(hass, entry)
    assert _state(hass, "sensor.nursery_h_t_temperature") == "21.4"


async def test_device_asleep_at_setup_gets_entities_when_it_reports(
    hass: HomeAssistant,
    cloud: ShellyCloud,
    entity_registry: er.EntityRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Set up while the cloud has no status for it, a device's entities come with its first report."""
    status = cloud.devices[SMOKE].status
    cloud.devices[SMOKE].status = {}
    data = {"vendor": "shelly", "host": cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": [SMOKE]}
    entry = await setup_entry(hass, data)
    assert hass.states.get("binary_sensor.hall_smoke_smoke") is None
    connectivity = entity_registry.async_get("binary_sensor.hall_smoke_connectivity")
    assert connectivity is not None
    cloud.devices[SMOKE].status = status
    await next_poll(hass, entry)
    assert _state(hass, "binary_sensor.hall_smoke_smoke") == "off"
    assert _state(hass, "sensor.hall_smoke_battery") == "88.0"
    # The entity made at setup is not made a second time beside the new ones.
    assert entity_registry.async_get("binary_sensor.hall_smoke_connectivity") == connectivity
    assert "does not generate unique IDs" not in caplog.text


async def test_gen1_sensors_change(hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry) -> None:
    """gen1 gas, door and motion: alarms, open, tilt and vibration at the next poll."""
    gas = cloud.devices[G1_GAS].status
    gas["gas_sensor"]["alarm_state"] = "heavy"
    gas["concentration"] = {"ppm": 2200, "is_valid": True}
    door = cloud.devices[G1_DOOR].status
    door["sensor"]["state"] = "open"
    door["accel"] = {"tilt": 35, "vibration": 1}
    cloud.devices[G1_MOTION].status["sensor"]["motion"] = True
    await next_poll(hass, entry)
    assert _state(hass, "binary_sensor.kitchen_gas_gas") == "on"
    assert _state(hass, "sensor.kitchen_gas_gas_concentration") == "2200.0"
    assert _state(hass, "binary_sensor.front_door_door") == "on"
    assert _state(hass, "sensor.front_door_tilt") == "35.0"
    assert _state(hass, "binary_sensor.front_door_vibration") == "on"
    assert _state(hass, "binary_sensor.porch_motion_motion") == "on"
    # Awake, a reading the sensor marks invalid is unknown, not a stale number.
    cloud.set_online(G1_DOOR)
    door["lux"]["is_valid"] = "false"
    await next_poll(hass, entry)
    assert _state(hass, "sensor.front_door_illuminance") == "unknown"


async def test_presses_are_events(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    """A press the device counted since the last poll fires its button's event, by kind."""
    assert _state(hass, "event.stairs_i3_button_1") == "unknown"
    cat1.press(cloud.devices[G1_I3], 0, "SS")
    cat1.press(cloud.devices[G1_BUTTON], 0, "L")
    await next_poll(hass, entry)
    first = hass.states.get("event.stairs_i3_button_1")
    assert first is not None
    assert first.attributes["event_type"] == "double_push"
    assert hass.states.get("event.desk_button_button").attributes["event_type"] == "long_push"
    assert _state(hass, "event.stairs_i3_button_2") == "unknown"
    # Nothing pressed: no event on the next poll.
    await next_poll(hass, entry)
    assert hass.states.get("event.stairs_i3_button_1").last_changed == first.last_changed
    # A Button1 whose battery was changed counts from 0 again: its next press still fires.
    button = cloud.devices[G1_BUTTON].status["inputs"][0]
    button["event_cnt"], button["event"] = 0, "S"
    await next_poll(hass, entry)
    cat1.press(cloud.devices[G1_BUTTON], 0, "SSS")
    await next_poll(hass, entry)
    assert hass.states.get("event.desk_button_button").attributes["event_type"] == "triple_push"
    # The third input is a switch: its state, no event.
    assert hass.states.get("event.stairs_i3_button_3") is None
    assert entity_registry.async_get("binary_sensor.stairs_i3_input") is not None


async def test_blu_devices_behind_their_gateway(
    hass: HomeAssistant, entry: MockConfigEntry, device_registry: dr.DeviceRegistry
) -> None:
    """Each BLU device is its own device, linked to the gateway that hears it."""
    gateway = device_registry.async_get_device({(DOMAIN, f"shelly_{GATEWAY}")})
    assert gateway is not None
    for device_id, model in ((BLU_DOOR, "Shelly BLU Door/Window"), (BLU_MOTION, "Shelly BLU Motion"),
                             (BLU_HT, "Shelly BLU H&T"), (BLU_BUTTON, "Shelly BLU Button1")):
        device = device_registry.async_get_device({(DOMAIN, f"shelly_{device_id}")})
        assert device is not None
        assert (device.model, device.via_device_id) == (model, gateway.id)
    # Named as the product until the user names them: the v2 calls give no app names.
    assert _state(hass, "binary_sensor.shelly_blu_door_window_door") == "off"
    assert _state(hass, "sensor.shelly_blu_h_t_temperature") == "12.4"


COMMANDS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("light.office_lights_shelf", {"color_temp_kelvin": 5000},
     {"id": CCT, "channel": 1, "on": True, "temperature": 5000}),
    ("light.bedroom_dimmer", {"color_temp_kelvin": 6500},
     {"id": WHITE, "channel": 0, "on": True, "temperature": 6500}),
    ("light.deck_strip", {"rgbw_color": [10, 20, 30, 40]},
     {"id": RGBW, "channel": 0, "on": True, "red": 10, "green": 20, "blue": 30, "white": 40}),
]


@pytest.mark.parametrize(("entity_id", "data", "body"), COMMANDS)
async def test_light_commands(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry,
    entity_id: str, data: dict[str, Any], body: dict[str, Any],
) -> None:
    """White temperature goes as `temperature`, the white channel as `white`, as documented."""
    await hass.services.async_call("light", "turn_on", {"entity_id": entity_id, **data}, blocking=True)
    assert cloud.requests_to("/v2/devices/api/set/light")[-1].json == body
    await next_poll(hass, entry)
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state == "on"
    if "color_temp_kelvin" in data:
        assert state.attributes["color_temp_kelvin"] == data["color_temp_kelvin"]
    else:
        assert state.attributes["rgbw_color"] == tuple(data["rgbw_color"])


async def test_white_temperature_as_a_group(hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry) -> None:
    """Both white lights set in one moment share one set/groups call with `temperature`."""
    lights = ["light.office_lights_desk", "light.office_lights_shelf", "light.bedroom_dimmer"]
    await hass.services.async_call("light", "turn_on", {"entity_id": lights[:2]}, blocking=True)
    await hass.services.async_call(
        "light", "turn_on", {"entity_id": lights, "color_temp_kelvin": 3500}, blocking=True
    )
    group = cloud.requests_to("/v2/devices/api/set/groups")[-1].json["light"]
    assert sorted(group["ids"]) == [f"{CCT}_0", f"{CCT}_1", f"{WHITE}_0"]
    assert group["command"] == {"on": True, "temperature": 3500}
    assert cloud.devices[CCT].status["cct:0"]["ct"] == 3500
    assert cloud.devices[WHITE].status["light:0"]["ct"] == 3500


async def test_unmapped_components_in_diagnostics(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, entry: MockConfigEntry
) -> None:
    """A component Cloud Bridge does not know is listed in the diagnostics, never an error."""
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    # The gas detector's valve is a function Cloud Bridge does not offer yet.
    assert result["unmapped_components"] == {ADDON: ["ledring:0"], G1_GAS: ["valves"]}
    assert _state(hass, "switch.boiler") == "off"
