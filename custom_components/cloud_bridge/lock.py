"""Locks: lock and unlock, and jammed when the lock says so."""

from __future__ import annotations

from typing import Any

from homeassistant.components.lock import LockEntity, LockEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import Channel, Device, LockState, LockTraits, OpenLock, SetLocked
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a lock for every lock channel."""
    async_add_channel_entities(entry, async_add_entities, LockTraits, CloudBridgeLock)


class CloudBridgeLock(CloudBridgeEntity, LockEntity):
    """A lock channel."""

    _attr_name = None

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "lock")
        if self.traits_of(LockTraits).supports_open:
            self._attr_supported_features = LockEntityFeature.OPEN

    @property
    def is_locked(self) -> bool | None:
        state = self.traits_of(LockTraits).state
        return None if state in (None, LockState.JAMMED) else state is LockState.LOCKED

    @property
    def is_jammed(self) -> bool:
        return self.traits_of(LockTraits).state is LockState.JAMMED

    async def async_lock(self, **kwargs: Any) -> None:
        await self._execute(SetLocked(locked=True))

    async def async_unlock(self, **kwargs: Any) -> None:
        await self._execute(SetLocked(locked=False))

    async def async_open(self, **kwargs: Any) -> None:
        """Draw the deadbolt or latch back: the door opens."""
        await self._execute(OpenLock())
