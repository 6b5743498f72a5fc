"""Sensors: every reading a channel reports (temperature, power, battery, …)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    CONCENTRATION_MICROGRAMS_PER_CUBIC_METER,
    CONCENTRATION_PARTS_PER_MILLION,
    DEGREE,
    LIGHT_LUX,
    PERCENTAGE,
    SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
    EntityCategory,
    UnitOfApparentPower,
    UnitOfElectricCurrent,
    UnitOfElectricPotential,
    UnitOfEnergy,
    UnitOfFrequency,
    UnitOfPower,
    UnitOfReactivePower,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .api import Channel, Reading, Text
from .coordinator import CloudBridgeConfigEntry
from .entity import ChannelValueEntity, async_add_value_entities

PARALLEL_UPDATES = 0

DESCRIPTIONS: dict[str, SensorEntityDescription] = {
    description.key: description
    for description in (
        SensorEntityDescription(
            key=Reading.TEMPERATURE,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.HUMIDITY,
            device_class=SensorDeviceClass.HUMIDITY,
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.BATTERY,
            device_class=SensorDeviceClass.BATTERY,
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        SensorEntityDescription(
            key=Reading.POWER,
            device_class=SensorDeviceClass.POWER,
            native_unit_of_measurement=UnitOfPower.WATT,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.ENERGY,
            device_class=SensorDeviceClass.ENERGY,
            native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        SensorEntityDescription(
            key=Reading.VOLTAGE,
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.VOLTMETER,
            translation_key="voltmeter",
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.LIGHT_LEVEL,
            translation_key="light_level",
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.USAGE_TODAY,
            translation_key="usage_today",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.MINUTES,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        SensorEntityDescription(
            key=Reading.SIGNAL,
            device_class=SensorDeviceClass.SIGNAL_STRENGTH,
            native_unit_of_measurement=SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            entity_registry_enabled_default=False,
        ),
        SensorEntityDescription(
            key=Reading.DEVICE_TEMPERATURE,
            translation_key="device_temperature",
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        SensorEntityDescription(
            key=Reading.CURRENT,
            device_class=SensorDeviceClass.CURRENT,
            native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.CO2,
            device_class=SensorDeviceClass.CO2,
            native_unit_of_measurement=CONCENTRATION_PARTS_PER_MILLION,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.BASE_BATTERY,
            translation_key="base_battery",
            device_class=SensorDeviceClass.BATTERY,
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        SensorEntityDescription(
            key=Reading.FILTER_LIFE,
            translation_key="filter_life",
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        SensorEntityDescription(
            key=Reading.POWER_FACTOR,
            device_class=SensorDeviceClass.POWER_FACTOR,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        *(
            SensorEntityDescription(
                key=key,
                device_class=device_class,
                native_unit_of_measurement=CONCENTRATION_MICROGRAMS_PER_CUBIC_METER,
                state_class=SensorStateClass.MEASUREMENT,
            )
            for key, device_class in (
                (Reading.PM1, SensorDeviceClass.PM1),
                (Reading.PM25, SensorDeviceClass.PM25),
                (Reading.PM10, SensorDeviceClass.PM10),
            )
        ),
        SensorEntityDescription(
            key=Reading.APPARENT_POWER,
            device_class=SensorDeviceClass.APPARENT_POWER,
            native_unit_of_measurement=UnitOfApparentPower.VOLT_AMPERE,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.REACTIVE_POWER,
            device_class=SensorDeviceClass.REACTIVE_POWER,
            native_unit_of_measurement=UnitOfReactivePower.VOLT_AMPERE_REACTIVE,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.FREQUENCY,
            device_class=SensorDeviceClass.FREQUENCY,
            native_unit_of_measurement=UnitOfFrequency.HERTZ,
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
        ),
        SensorEntityDescription(
            key=Reading.RETURNED_ENERGY,
            translation_key="returned_energy",
            device_class=SensorDeviceClass.ENERGY,
            native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        SensorEntityDescription(
            key=Reading.ILLUMINANCE,
            device_class=SensorDeviceClass.ILLUMINANCE,
            native_unit_of_measurement=LIGHT_LUX,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.GAS,
            translation_key="gas_concentration",
            native_unit_of_measurement=CONCENTRATION_PARTS_PER_MILLION,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.TILT,
            translation_key="tilt",
            native_unit_of_measurement=DEGREE,
            state_class=SensorStateClass.MEASUREMENT,
        ),
        SensorEntityDescription(
            key=Reading.VIRTUAL,
            translation_key="virtual",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
        ),
        SensorEntityDescription(
            key=Reading.LAST_REPORT,
            translation_key="last_report",
            device_class=SensorDeviceClass.TIMESTAMP,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
    )
}
TEXT_DESCRIPTIONS: dict[str, SensorEntityDescription] = {
    Text.VIRTUAL: SensorEntityDescription(
        key=Text.VIRTUAL,
        translation_key="virtual",
        entity_registry_enabled_default=False,
    ),
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a sensor for every reading and every text of every channel of the account."""
    async_add_value_entities(entry, async_add_entities, CloudBridgeSensor, DESCRIPTIONS)
    async_add_value_entities(
        entry, async_add_entities, CloudBridgeTextSensor, TEXT_DESCRIPTIONS
    )


class CloudBridgeSensor(ChannelValueEntity[float], SensorEntity):
    """One reading of one channel."""

    @staticmethod
    def values_of(channel: Channel) -> Mapping[Reading, float | None]:
        return channel.readings

    @property
    def native_value(self) -> float | datetime | None:
        value = self.value
        if value is not None and self.entity_description.key == Reading.LAST_REPORT:
            return dt_util.utc_from_timestamp(value)
        return value


class CloudBridgeTextSensor(ChannelValueEntity[str], SensorEntity):
    """One value in words of one channel (a text the user made on the device)."""

    @staticmethod
    def values_of(channel: Channel) -> Mapping[Text, str | None]:
        return channel.texts

    @property
    def native_value(self) -> str | None:
        return self.value
