"""Binary sensors: motion, doors, leaks, smoke, gas, light, and problems a device reports."""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import Channel, Flag
from .coordinator import CloudBridgeConfigEntry
from .entity import ChannelValueEntity, async_add_value_entities

PARALLEL_UPDATES = 0

DESCRIPTIONS: dict[str, BinarySensorEntityDescription] = {
    description.key: description
    for description in (
        BinarySensorEntityDescription(
            key=Flag.MOTION, device_class=BinarySensorDeviceClass.MOTION
        ),
        BinarySensorEntityDescription(
            key=Flag.DOOR, device_class=BinarySensorDeviceClass.DOOR
        ),
        BinarySensorEntityDescription(
            key=Flag.LIGHT, device_class=BinarySensorDeviceClass.LIGHT
        ),
        BinarySensorEntityDescription(
            key=Flag.CALIBRATION,
            translation_key="calibration",
            device_class=BinarySensorDeviceClass.PROBLEM,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.WATER_EMPTY,
            translation_key="water_empty",
            device_class=BinarySensorDeviceClass.PROBLEM,
        ),
        BinarySensorEntityDescription(
            key=Flag.INPUT,
            translation_key="input",
            entity_registry_enabled_default=False,
        ),
        BinarySensorEntityDescription(
            key=Flag.CONNECTED,
            device_class=BinarySensorDeviceClass.CONNECTIVITY,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.MOISTURE, device_class=BinarySensorDeviceClass.MOISTURE
        ),
        BinarySensorEntityDescription(
            key=Flag.OCCUPANCY, device_class=BinarySensorDeviceClass.OCCUPANCY
        ),
        BinarySensorEntityDescription(
            key=Flag.OVERLOAD,
            translation_key="overload",
            device_class=BinarySensorDeviceClass.PROBLEM,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.OVERHEATED,
            translation_key="overheated",
            device_class=BinarySensorDeviceClass.HEAT,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.STUCK,
            translation_key="stuck",
            device_class=BinarySensorDeviceClass.PROBLEM,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.DRYING,
            translation_key="drying",
            device_class=BinarySensorDeviceClass.RUNNING,
        ),
        BinarySensorEntityDescription(
            key=Flag.SMOKE, device_class=BinarySensorDeviceClass.SMOKE
        ),
        BinarySensorEntityDescription(
            key=Flag.GAS, device_class=BinarySensorDeviceClass.GAS
        ),
        BinarySensorEntityDescription(
            key=Flag.VIBRATION, device_class=BinarySensorDeviceClass.VIBRATION
        ),
        BinarySensorEntityDescription(
            key=Flag.EXTERNAL_POWER,
            translation_key="external_power",
            device_class=BinarySensorDeviceClass.PLUG,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.MUTED,
            translation_key="muted",
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
        BinarySensorEntityDescription(
            key=Flag.VIRTUAL,
            translation_key="virtual",
            entity_registry_enabled_default=False,
        ),
        BinarySensorEntityDescription(
            key=Flag.CHARGING,
            device_class=BinarySensorDeviceClass.BATTERY_CHARGING,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
    )
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a binary sensor for every flag of every channel of the account."""
    async_add_value_entities(
        entry, async_add_entities, CloudBridgeBinarySensor, DESCRIPTIONS
    )


class CloudBridgeBinarySensor(ChannelValueEntity[bool], BinarySensorEntity):
    """One flag of one channel."""

    @staticmethod
    def values_of(channel: Channel) -> Mapping[Flag, bool | None]:
        return channel.flags

    @property
    def available(self) -> bool:
        if self.entity_description.key == Flag.CONNECTED:
            # Connectivity is the one thing still known of an offline device.
            device = self.device
            return (
                self.coordinator.last_update_success
                and device is not None
                and self._channel_key in device.channels
            )
        return super().available

    @property
    def is_on(self) -> bool | None:
        return self.value
