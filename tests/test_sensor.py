"""Sensor entities: every reading of every channel, with units and device classes."""

from __future__ import annotations

from datetime import datetime

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from tests.conftest import METER, SHELLY_2PM, next_poll
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud


@pytest.fixture
def platforms() -> list[Platform]:
    """Only the sensor platform."""
    return [Platform.SENSOR]


async def test_switchbot(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Meter temperature, humidity and battery; Bot battery; a poll moves them."""
    await snapshot_platform(hass, entity_registry, snapshot, switchbot_entry.entry_id)
    assert hass.states.get("sensor.bedroom_meter_temperature").state == "21.5"

    switchbot_cloud.statuses[METER]["temperature"] = 23.25
    await next_poll(hass, switchbot_entry)
    assert hass.states.get("sensor.bedroom_meter_temperature").state == "23.25"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_poll_reports_every_reading(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A poll reports every reading again, unchanged ones too.

    Home Assistant's integration, derivative and statistics helpers, and the
    hygrostat's stale-sensor check, count on a steady reading being reported.
    """
    temperature = "sensor.bedroom_meter_temperature"
    humidity = "sensor.bedroom_meter_humidity"

    def seen(entity: str) -> tuple[str, datetime, datetime]:
        # A state only reported again is updated in place: copy what it says.
        state = hass.states.get(entity)
        return state.state, state.last_changed, state.last_reported

    before = {entity: seen(entity) for entity in (temperature, humidity)}
    switchbot_cloud.statuses[METER]["temperature"] = 23.25
    # The clock moves too, so that a report shows in last_reported.
    freezer.tick(switchbot_entry.runtime_data.update_interval)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    after = {entity: seen(entity) for entity in (temperature, humidity)}

    assert after[temperature][0] == "23.25"
    assert after[temperature][1] > before[temperature][1]
    assert after[humidity][:2] == before[humidity][:2]
    assert after[humidity][2] > before[humidity][2]


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_shelly(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Power and energy per channel (gen1 watt-minutes in kWh), H&T climate and battery."""
    await snapshot_platform(hass, entity_registry, snapshot, shelly_entry.entry_id)
    # gen1 meters[].total = 90000 watt-minutes = 1.5 kWh
    assert hass.states.get("sensor.garage_1pm_energy").state == "1.5"
    assert hass.states.get("sensor.garage_1pm_power").state == "0.0"
    # gen2 aenergy.total is in Wh: 3040.5 Wh on the second channel
    assert hass.states.get("sensor.kitchen_2pm_island_energy").state == "3.041"
    assert hass.states.get("sensor.cellar_h_t_humidity").state == "47.2"
    assert shelly_cloud.devices[SHELLY_2PM].status["switch:1"]["aenergy"]["total"] == 3040.5


async def test_shelly_offline_device(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    shelly_entry: MockConfigEntry,
) -> None:
    """`online: 0` makes the device's entities unavailable until it is back."""
    shelly_cloud.set_online(SHELLY_2PM, False)
    await next_poll(hass, shelly_entry)
    assert hass.states.get("sensor.kitchen_2pm_counter_power").state == STATE_UNAVAILABLE
    assert hass.states.get("sensor.garage_1pm_power").state != STATE_UNAVAILABLE


async def test_sinricpro(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    sinricpro_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """A TEMPERATURESENSOR gives temperature and humidity."""
    await snapshot_platform(hass, entity_registry, snapshot, sinricpro_entry.entry_id)
    assert hass.states.get("sensor.porch_temperature").state == "18.5"
    assert hass.states.get("sensor.porch_humidity").state == "61.0"


async def test_sinricpro_without_humidity(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud
) -> None:
    """Humidity only exists for a sensor that reports one."""
    from tests.conftest import setup_entry, sinricpro_data

    sinricpro_cloud.add_device("660a7edf061ee8c78078c600", "TEMPERATURESENSOR", "Attic", temperature=None)
    del sinricpro_cloud.devices["660a7edf061ee8c78078c600"]["humidity"]
    await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    assert hass.states.get("sensor.attic_temperature").state == STATE_UNKNOWN
    assert hass.states.get("sensor.attic_humidity") is None
