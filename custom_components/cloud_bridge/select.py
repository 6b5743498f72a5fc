"""Selects: a mode the user defined on a device (a template's mode), one of its options."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import Channel, Device, SelectOption, SelectTraits
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a select for every channel that chooses among options."""
    async_add_channel_entities(
        entry, async_add_entities, SelectTraits, CloudBridgeSelect
    )


class CloudBridgeSelect(CloudBridgeEntity, SelectEntity):
    """One of the options a device defines, named as the user named it there."""

    _attr_translation_key = "mode"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "select")
        if channel.name:
            self._attr_name = channel.name

    @property
    def options(self) -> list[str]:
        return list(self.traits_of(SelectTraits).options)

    @property
    def current_option(self) -> str | None:
        return self.traits_of(SelectTraits).option

    async def async_select_option(self, option: str) -> None:
        await self._execute(SelectOption(option=option))
