"""Numbers: levels a device is set to (a robot's volume), shown as last set where the device does not say."""

from __future__ import annotations

from typing import Any

from homeassistant.components.number import NumberEntity, NumberMode
from homeassistant.const import PERCENTAGE, EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    PERCENT_LEVELS,
    SETTING_LEVELS,
    Channel,
    Command,
    Device,
    NumberTraits,
    SetNumber,
)
from .assumed import AssumedStateEntity
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a number for every level channel of the account."""
    async_add_channel_entities(
        entry, async_add_entities, NumberTraits, CloudBridgeNumber, AssumedNumber
    )


class CloudBridgeNumber(CloudBridgeEntity, NumberEntity):
    """A level of a device, within the range it takes."""

    _attr_mode = NumberMode.SLIDER

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "number")
        traits = self.traits_of(NumberTraits)
        self._attr_translation_key = traits.purpose.value
        if channel.name:
            # A level the user defined on the device, by the name they gave it.
            self._attr_name = channel.name
        if traits.purpose in PERCENT_LEVELS:
            self._attr_native_unit_of_measurement = PERCENTAGE
        if traits.purpose in SETTING_LEVELS:
            self._attr_entity_category = EntityCategory.CONFIG
        self._attr_native_min_value = traits.minimum
        self._attr_native_max_value = traits.maximum
        self._attr_native_step = traits.step

    @property
    def native_value(self) -> float | None:
        return self.traits_of(NumberTraits).value

    async def async_set_native_value(self, value: float) -> None:
        await self._execute(SetNumber(value=value))


class AssumedNumber(AssumedStateEntity, CloudBridgeNumber):
    """A level the device does not report: the one last set, kept across restarts."""

    def has_state(self) -> bool:
        return self.traits_of(NumberTraits).value is not None

    def saved_state(self) -> dict[str, Any]:
        return {"value": self.traits_of(NumberTraits).value}

    def restore_commands(self, saved: dict[str, Any]) -> list[Command]:
        value = saved.get("value")
        return [SetNumber(value=float(value))] if isinstance(value, int | float) else []
