"""Buttons: devices that can only be pressed (a Bot in press mode, an IR light's brightness steps, a doorbell)."""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.components.button import ButtonEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import ButtonTraits, Channel, Device, DoorbellTraits, Press
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_for_devices

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a button for every channel that can only be pressed, and every doorbell."""
    coordinator = entry.runtime_data

    @callback
    def entities_of(devices: list[Device]) -> Iterable[CloudBridgeEntity]:
        return (
            CloudBridgeButton(coordinator, device, channel)
            for device in devices
            for channel in device.channels.values()
            if isinstance(channel.traits, ButtonTraits)
            or (isinstance(channel.traits, DoorbellTraits) and channel.traits.can_ring)
        )

    async_add_for_devices(entry, async_add_entities, entities_of)


class CloudBridgeButton(CloudBridgeEntity, ButtonEntity):
    """A channel that is pressed."""

    _attr_translation_key = "press"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "press")
        traits = channel.traits
        if isinstance(traits, DoorbellTraits):
            # Rings the doorbell as its own button does.
            self._attr_translation_key = "ring"
        # A device with several buttons names each by what it does.
        elif isinstance(traits, ButtonTraits) and traits.purpose is not None:
            self._attr_translation_key = traits.purpose.value

    async def async_press(self) -> None:
        await self._execute(Press())
