"""Humidifiers: on/off, target humidity and modes."""

from __future__ import annotations

from typing import Any

from homeassistant.components.humidifier import (
    HumidifierDeviceClass,
    HumidifierEntity,
)
from homeassistant.components.humidifier.const import HumidifierEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    Device,
    HumidifierTraits,
    Reading,
    SetPower,
    SetPreset,
    SetTargetHumidity,
)
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a humidifier for every humidifier channel."""
    async_add_channel_entities(
        entry, async_add_entities, HumidifierTraits, CloudBridgeHumidifier
    )


class CloudBridgeHumidifier(CloudBridgeEntity, HumidifierEntity):
    """A humidifier channel."""

    _attr_name = None
    _attr_translation_key = "humidifier"
    _attr_device_class = HumidifierDeviceClass.HUMIDIFIER
    _attr_min_humidity = 0
    _attr_max_humidity = 100

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "humidifier")
        modes = self.traits_of(HumidifierTraits).modes
        if modes:
            self._attr_supported_features = HumidifierEntityFeature.MODES
            self._attr_available_modes = list(modes)

    @property
    def is_on(self) -> bool | None:
        return self.channel.is_on

    @property
    def target_humidity(self) -> float | None:
        return self.traits_of(HumidifierTraits).target

    @property
    def current_humidity(self) -> float | None:
        return self.channel.readings.get(Reading.HUMIDITY)

    @property
    def mode(self) -> str | None:
        return self.traits_of(HumidifierTraits).mode

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=False))

    async def async_set_humidity(self, humidity: int) -> None:
        await self._execute(SetTargetHumidity(percent=humidity))

    async def async_set_mode(self, mode: str) -> None:
        await self._execute(SetPreset(preset=mode))
