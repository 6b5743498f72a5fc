"""Remotes: send any button of an IR remote by name, its own or one the user defined."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from homeassistant.components.remote import (
    ATTR_DELAY_SECS,
    ATTR_NUM_REPEATS,
    DEFAULT_DELAY_SECS,
    DEFAULT_NUM_REPEATS,
    RemoteEntity,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import Channel, Device, RemoteTraits, SendButton, SetPower
from .assumed import AssumedStateEntity
from .const import DOMAIN
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a remote for every remote channel."""
    async_add_channel_entities(
        entry, async_add_entities, RemoteTraits, CloudBridgeRemote
    )


class CloudBridgeRemote(AssumedStateEntity, RemoteEntity):
    """A remote: its power as last sent, and any button on demand."""

    _attr_name = None
    _attr_translation_key = "remote"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "remote")
        if channel.name:
            # A keypad the user defined on the device, by the name they gave it.
            self._attr_name = channel.name

    @property
    def is_on(self) -> bool | None:
        return self.channel.is_on

    def _check_power(self) -> None:
        if not self.traits_of(RemoteTraits).supports_power:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="remote_without_power",
                translation_placeholders={"entity_id": self.entity_id},
            )

    async def async_turn_on(self, **kwargs: Any) -> None:
        self._check_power()
        await self._execute(SetPower(on=True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        self._check_power()
        await self._execute(SetPower(on=False))

    async def async_send_command(self, command: Iterable[str], **kwargs: Any) -> None:
        names = list(command)
        repeats = int(kwargs.get(ATTR_NUM_REPEATS, DEFAULT_NUM_REPEATS))
        delay = float(kwargs.get(ATTR_DELAY_SECS, DEFAULT_DELAY_SECS))
        for number in range(repeats * len(names)):
            if number:
                await asyncio.sleep(delay)
            await self._execute(SendButton(name=names[number % len(names)]))
