"""Buttons: devices that can only be pressed (a Bot in press mode, an IR light's brightness steps)."""

from __future__ import annotations

from homeassistant.components.button import ButtonEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import ButtonTraits, Channel, Device, Press
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a button for every channel that can only be pressed."""
    coordinator = entry.runtime_data
    async_add_entities(
        CloudBridgeButton(coordinator, device, channel)
        for device in coordinator.data.values()
        for channel in device.channels.values()
        if isinstance(channel.traits, ButtonTraits)
    )


class CloudBridgeButton(CloudBridgeEntity, ButtonEntity):
    """A channel that is pressed."""

    _attr_translation_key = "press"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "press")
        # A device with several buttons names each by what it does.
        if (purpose := self.traits_of(ButtonTraits).purpose) is not None:
            self._attr_translation_key = purpose.value

    async def async_press(self) -> None:
        await self._execute(Press())
