"""Switches: relays, plugs and Bots that turn on and off."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from homeassistant.components.switch import SwitchEntity
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_platform
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
import voluptuous as vol

from .api import Channel, Device, SetPower, SetPowerFor, SwitchPurpose, SwitchTraits
from .assumed import AssumedStateEntity
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_for_devices, channel_label

PARALLEL_UPDATES = 0
# Switches that set a device up rather than operate it.
SETTINGS = {SwitchPurpose.CHILD_LOCK, SwitchPurpose.MOTION_DETECTION}
SERVICE_TURN_ON_FOR = "turn_on_for"
ATTR_DURATION = "duration"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a switch for every switchable channel of the account."""
    coordinator = entry.runtime_data
    entity_platform.async_get_current_platform().async_register_entity_service(
        SERVICE_TURN_ON_FOR,
        {vol.Required(ATTR_DURATION): vol.All(vol.Coerce(int), vol.Range(1, 86400))},
        "async_turn_on_for",
    )

    @callback
    def entities_of(devices: list[Device]) -> Iterable[CloudBridgeEntity]:
        return (
            (AssumedSwitch if channel.assumed else CloudBridgeSwitch)(
                coordinator, device, channel
            )
            for device in devices
            for channel in device.switch_channels
        )

    async_add_for_devices(entry, async_add_entities, entities_of)


def _is_relay(channel: Channel) -> bool:
    """A channel that switches the device's load, not a setting of it."""
    return isinstance(channel.traits, SwitchTraits) and channel.traits.purpose is None


class CloudBridgeSwitch(CloudBridgeEntity, SwitchEntity):
    """A channel that turns on and off."""

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "switch")
        traits = channel.traits
        if channel.index is None and channel.name:
            # A switch the user defined on the device, by the name they gave it.
            self._attr_name = channel.name
            return
        if isinstance(traits, SwitchTraits) and traits.purpose is not None:
            # A setting of the device (a child lock), or what it does (running).
            self._attr_translation_key = traits.purpose.value
            if traits.purpose in SETTINGS:
                self._attr_entity_category = EntityCategory.CONFIG
            return
        relays = [c for c in device.switch_channels if _is_relay(c)]
        label = channel_label(channel, relays)
        if label is None:
            self._attr_name = None
        elif channel.name:
            self._attr_name = channel.name
        else:
            self._attr_translation_key = "channel"
            self._attr_translation_placeholders = {"channel": label}

    @property
    def is_on(self) -> bool | None:
        return self.channel.is_on

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=False))

    async def async_turn_on_for(self, duration: int) -> None:
        """Turn on, and off again after `duration` seconds (where the cloud can)."""
        await self._execute(SetPowerFor(on=True, seconds=duration))


class AssumedSwitch(AssumedStateEntity, CloudBridgeSwitch):
    """A setting the device does not report (a doorbell's motion detection): as last set."""
