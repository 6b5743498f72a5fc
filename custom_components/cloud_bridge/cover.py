"""Covers: curtains, blinds, shutters and garage doors."""

from __future__ import annotations

from typing import Any

from homeassistant.components.cover import (
    ATTR_POSITION,
    ATTR_TILT_POSITION,
    CoverDeviceClass,
    CoverEntity,
    CoverEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    CloseCover,
    CoverClass,
    CoverTraits,
    Device,
    Motion,
    OpenCover,
    SetCoverPosition,
    SetTilt,
    StopCover,
)
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0

DEVICE_CLASSES = {
    CoverClass.CURTAIN: CoverDeviceClass.CURTAIN,
    CoverClass.BLIND: CoverDeviceClass.BLIND,
    CoverClass.SHADE: CoverDeviceClass.SHADE,
    CoverClass.SHUTTER: CoverDeviceClass.SHUTTER,
    CoverClass.GARAGE: CoverDeviceClass.GARAGE,
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a cover for every cover channel."""
    async_add_channel_entities(entry, async_add_entities, CoverTraits, CloudBridgeCover)


class CloudBridgeCover(CloudBridgeEntity, CoverEntity):
    """A cover channel; a tilt-only cover (Blind Tilt) opens and closes its slats."""

    _attr_name = None

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "cover")
        if channel.index is None and channel.name:
            # A cover the user defined on the device, by the name they gave it.
            self._attr_name = channel.name
        traits = self.traits_of(CoverTraits)
        if traits.device_class is not None:
            self._attr_device_class = DEVICE_CLASSES[traits.device_class]
        features = CoverEntityFeature(0)
        if traits.supports_position:
            features |= (
                CoverEntityFeature.OPEN
                | CoverEntityFeature.CLOSE
                | CoverEntityFeature.SET_POSITION
            )
        elif traits.open_close_only:
            features |= CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE
        if traits.supports_tilt:
            features |= (
                CoverEntityFeature.OPEN_TILT
                | CoverEntityFeature.CLOSE_TILT
                | CoverEntityFeature.SET_TILT_POSITION
            )
        if traits.supports_stop:
            features |= CoverEntityFeature.STOP
        self._attr_supported_features = features

    @property
    def current_cover_position(self) -> int | None:
        traits = self.traits_of(CoverTraits)
        return traits.position if traits.supports_position else None

    @property
    def current_cover_tilt_position(self) -> int | None:
        return self.traits_of(CoverTraits).tilt

    @property
    def is_closed(self) -> bool | None:
        traits = self.traits_of(CoverTraits)
        tilt_only = traits.supports_tilt and not traits.supports_position
        level = traits.tilt if tilt_only else traits.position
        return None if level is None else level == 0

    @property
    def is_opening(self) -> bool:
        return self.traits_of(CoverTraits).motion is Motion.OPENING

    @property
    def is_closing(self) -> bool:
        return self.traits_of(CoverTraits).motion is Motion.CLOSING

    async def async_open_cover(self, **kwargs: Any) -> None:
        await self._execute(OpenCover())

    async def async_close_cover(self, **kwargs: Any) -> None:
        await self._execute(CloseCover())

    async def async_stop_cover(self, **kwargs: Any) -> None:
        await self._execute(StopCover())

    async def async_set_cover_position(self, **kwargs: Any) -> None:
        await self._execute(SetCoverPosition(position=int(kwargs[ATTR_POSITION])))

    async def async_open_cover_tilt(self, **kwargs: Any) -> None:
        await self._execute(OpenCover())

    async def async_close_cover_tilt(self, **kwargs: Any) -> None:
        await self._execute(CloseCover())

    async def async_set_cover_tilt_position(self, **kwargs: Any) -> None:
        await self._execute(SetTilt(position=int(kwargs[ATTR_TILT_POSITION])))
