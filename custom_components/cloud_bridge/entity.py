"""The base of every Cloud Bridge entity: one channel of one vendor device."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util import dt as dt_util

from .api import Channel, Command, Device
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .registry import device_identifier

# The translation key of values the user made on the device (virtual components).
VIRTUAL = "virtual"


class CloudBridgeEntity(CoordinatorEntity[CloudBridgeCoordinator]):
    """An entity that reads its channel from the coordinator's snapshot."""

    _attr_has_entity_name = True

    def __init__(
        self,
        coordinator: CloudBridgeCoordinator,
        device: Device,
        channel: Channel,
        key: str,
    ) -> None:
        super().__init__(coordinator)
        self._device_id = device.id
        self._channel_key = channel.key
        self._attr_unique_id = (
            f"{coordinator.client.vendor}_{device.id}_{channel.key}_{key}"
        )
        self._attr_device_info = DeviceInfo(
            identifiers={device_identifier(coordinator.client, device.id)}
        )

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        # Pushes and commands change one device: hear of those directly.
        self.async_on_remove(
            self.coordinator.async_add_device_listener(
                self._device_id, self._handle_coordinator_update
            )
        )

    @property
    def device(self) -> Device | None:
        """The device as the latest snapshot has it."""
        return self.coordinator.data.get(self._device_id)

    @property
    def channel(self) -> Channel:
        """The channel as the latest snapshot has it (only read while available)."""
        device = self.coordinator.data[self._device_id]
        return device.channels[self._channel_key]

    @property
    def available(self) -> bool:
        device = self.device
        return (
            super().available
            and device is not None
            and device.reachable(dt_util.utcnow().timestamp())
            and self._channel_key in device.channels
        )

    def name_after_channel(
        self, channel: Channel, siblings: list[Channel], key: str
    ) -> None:
        """Say which channel this is when several of the device's measure the same."""
        label = channel_label(channel, siblings)
        if label is not None:
            named = "named" if channel.name else "numbered"
            self._attr_translation_key = f"{key}_{named}"
            self._attr_translation_placeholders = {"channel": label}

    def traits_of[T](self, kind: type[T]) -> T:
        """The channel's traits, of the kind this entity was made for."""
        return cast(T, self.channel.traits)

    async def _execute(self, *commands: Command) -> None:
        await self.coordinator.async_execute(
            self._device_id, self._channel_key, *commands
        )


def channel_label(channel: Channel, siblings: list[Channel]) -> str | None:
    """How an entity names its channel: None when the device has only this one.

    A channel the user named in the vendor's app keeps that name; others are
    numbered from 1 as the vendor's apps number them.
    """
    if len(siblings) <= 1 or channel.index is None:
        return None
    return channel.name or str(channel.index + 1)


type Shape = tuple[tuple[str, type, frozenset[str], bool], ...]


def _shape(device: Device) -> Shape:
    """What entities a device's snapshot calls for: its channels and their keyed values."""
    return tuple(
        (
            key,
            type(channel.traits),
            frozenset((*channel.readings, *channel.flags, *channel.texts)),
            channel.assumed,
        )
        for key, channel in device.channels.items()
    )


@callback
def async_add_for_devices(
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entities_of: Callable[[list[Device]], Iterable[CloudBridgeEntity]],
) -> None:
    """Add the entities `entities_of` makes for the account's devices, now and later.

    A device added in the vendor's app, and a channel or value a device reports
    for the first time (a sleeping device that was set up with an empty status),
    get their entities at the next poll, without a reload.
    """
    coordinator = entry.runtime_data
    shapes: dict[str, Shape] = {}
    added: dict[str, set[str | None]] = {}  # unique ids made, by device

    @callback
    def _add_new() -> None:
        for gone in shapes.keys() - coordinator.data.keys():
            # Removed devices may come back later: forget them.
            del shapes[gone]
            added.pop(gone, None)
        changed: list[Device] = []
        for device in coordinator.data.values():
            if shapes.get(device.id) != (shape := _shape(device)):
                shapes[device.id] = shape
                changed.append(device)
        new: list[CloudBridgeEntity] = []
        for entity in entities_of(changed) if changed else ():
            made = added.setdefault(entity._device_id, set())
            if entity.unique_id not in made:
                made.add(entity.unique_id)
                new.append(entity)
        if new:
            async_add_entities(new)

    _add_new()
    entry.async_on_unload(coordinator.async_add_listener(_add_new))


type EntityFactory = Callable[
    [CloudBridgeCoordinator, Device, Channel], CloudBridgeEntity
]


@callback
def async_add_channel_entities(
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    traits: type,
    factory: EntityFactory,
    assumed: EntityFactory | None = None,
) -> None:
    """One entity from `factory` for every channel whose traits are of `traits`.

    Channels whose state is assumed (infrared remotes) get theirs from
    `assumed` instead, where the platform has such a variant.
    """
    coordinator = entry.runtime_data

    @callback
    def entities_of(devices: list[Device]) -> Iterable[CloudBridgeEntity]:
        return (
            (assumed if assumed and channel.assumed else factory)(
                coordinator, device, channel
            )
            for device in devices
            for channel in device.channels.values()
            if isinstance(channel.traits, traits)
        )

    async_add_for_devices(entry, async_add_entities, entities_of)


class ChannelValueEntity[V](CloudBridgeEntity):
    """One keyed value of a channel (a reading, a flag), described by its key."""

    @staticmethod
    @abstractmethod
    def values_of(channel: Channel) -> Mapping[Any, V | None]:
        """The values of this entity's kind that a channel reports, by key."""

    def __init__(
        self,
        coordinator: CloudBridgeCoordinator,
        device: Device,
        channel: Channel,
        description: EntityDescription,
    ) -> None:
        super().__init__(coordinator, device, channel, description.key)
        self.entity_description = description
        if description.translation_key == VIRTUAL:
            # A value the user made on the device has the name they gave it.
            self._attr_name = channel.name or channel.key
            return
        self.name_after_channel(
            channel,
            [
                c
                for c in device.channels.values()
                if description.key in self.values_of(c)
            ],
            description.key,
        )

    @property
    def value(self) -> V | None:
        """The value as the latest snapshot has it."""
        return self.values_of(self.channel).get(self.entity_description.key)


@callback
def async_add_value_entities[V](
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entity: type[ChannelValueEntity[V]],
    descriptions: Mapping[str, EntityDescription],
) -> None:
    """An `entity` for every value of its kind of every channel, devices added later too."""
    coordinator = entry.runtime_data

    @callback
    def entities_of(devices: list[Device]) -> Iterable[CloudBridgeEntity]:
        return (
            entity(coordinator, device, channel, descriptions[key])
            for device in devices
            for channel in device.channels.values()
            for key in entity.values_of(channel)
        )

    async_add_for_devices(entry, async_add_entities, entities_of)
