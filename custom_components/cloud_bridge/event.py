"""Events: a doorbell rings; a keypad reports how a passcode change ended (success, failed, timeout)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from homeassistant.components.event import EventDeviceClass, EventEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import Channel, Device, DoorbellTraits, PressKind, PressTraits
from .api.features import (
    ChannelEvent,
    ChannelEventType,
    CommandOutcome,
    CommandResult,
    KeypadTraits,
)
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, EntityFactory, async_add_for_devices
from .signals import PendingCommand, signal_channel_event, signal_command_result

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a passcode event for every keypad, a ring event for every doorbell, a press event for every button."""
    coordinator = entry.runtime_data

    kinds: dict[type, EntityFactory] = {
        KeypadTraits: KeypadEvent,
        DoorbellTraits: DoorbellEvent,
        PressTraits: ButtonPressEvent,
    }

    @callback
    def entities_of(devices: list[Device]) -> Iterable[CloudBridgeEntity]:
        return (
            kind(coordinator, device, channel)
            for device in devices
            for channel in device.channels.values()
            for traits, kind in kinds.items()
            if isinstance(channel.traits, traits)
        )

    async_add_for_devices(entry, async_add_entities, entities_of)


class ChannelEventEntity(CloudBridgeEntity, EventEntity):
    """Fires for each happening the coordinator reports on its channel."""

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass,
                signal_channel_event(
                    self.coordinator.config_entry.entry_id,
                    self._device_id,
                    self._channel_key,
                ),
                self._async_happened,
            )
        )

    @callback
    def _async_happened(self, event: ChannelEvent) -> None:
        self._trigger_event(event.event_type.value)
        self.async_write_ha_state()


class DoorbellEvent(ChannelEventEntity):
    """Fires when a doorbell is pressed, at the door or from its ring button."""

    # Ringing is what a doorbell is for: the entity is named after the device.
    _attr_name = None
    _attr_device_class = EventDeviceClass.DOORBELL
    _attr_translation_key = "doorbell"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "doorbell")
        self._attr_event_types = [event.value for event in ChannelEventType]


class ButtonPressEvent(ChannelEventEntity):
    """Fires when a button (or a wired push button) is pressed, by how it was pressed."""

    _attr_device_class = EventDeviceClass.BUTTON
    _attr_translation_key = "button"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "button")
        self._attr_event_types = [kind.value for kind in PressKind]
        self.name_after_channel(
            channel,
            [c for c in device.channels.values() if isinstance(c.traits, PressTraits)],
            "button",
        )


class KeypadEvent(CloudBridgeEntity, EventEntity):
    """Fires when the cloud reports the result of a create_key or delete_key."""

    _attr_translation_key = "passcode"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "passcode")
        self._attr_event_types = [outcome.value for outcome in CommandOutcome]

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The keypad's passcodes (ids for delete_key), never the codes themselves."""
        return {
            "passcodes": [
                {"id": key.id, "name": key.name, "type": key.kind, "valid": key.valid}
                for key in self.coordinator.client.passcodes(self._device_id)
            ]
        }

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass,
                signal_command_result(
                    self.coordinator.config_entry.entry_id, self._device_id
                ),
                self._async_result,
            )
        )

    @callback
    def _async_result(
        self, result: CommandResult, pending: PendingCommand | None
    ) -> None:
        attributes: dict[str, Any] = {
            "command": result.command,
            "command_id": result.command_id,
        }
        # Known only for commands sent since Home Assistant started.
        if pending is not None and pending.key_name is not None:
            attributes["key_name"] = pending.key_name
        self._trigger_event(result.outcome.value, attributes)
        self.async_write_ha_state()
