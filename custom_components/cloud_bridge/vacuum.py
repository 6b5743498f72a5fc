"""Robot vacuums: start, stop, return to the dock, suction level."""

from __future__ import annotations

from typing import Any

from homeassistant.components.vacuum import StateVacuumEntity, VacuumEntityFeature
from homeassistant.components.vacuum.const import VacuumActivity as HAVacuumActivity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    Device,
    PauseCleaning,
    ReturnToBase,
    SetPreset,
    StartCleaning,
    StopCleaning,
    VacuumActivity,
    VacuumTraits,
)
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0

ACTIVITIES = {
    VacuumActivity.CLEANING: HAVacuumActivity.CLEANING,
    VacuumActivity.DOCKED: HAVacuumActivity.DOCKED,
    VacuumActivity.IDLE: HAVacuumActivity.IDLE,
    VacuumActivity.PAUSED: HAVacuumActivity.PAUSED,
    VacuumActivity.RETURNING: HAVacuumActivity.RETURNING,
    VacuumActivity.ERROR: HAVacuumActivity.ERROR,
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a vacuum for every robot vacuum channel."""
    async_add_channel_entities(
        entry, async_add_entities, VacuumTraits, CloudBridgeVacuum
    )


class CloudBridgeVacuum(CloudBridgeEntity, StateVacuumEntity):
    """A robot vacuum channel."""

    _attr_name = None
    _attr_translation_key = "vacuum"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "vacuum")
        features = (
            VacuumEntityFeature.START
            | VacuumEntityFeature.STOP
            | VacuumEntityFeature.RETURN_HOME
            | VacuumEntityFeature.STATE
        )
        traits = self.traits_of(VacuumTraits)
        if traits.supports_pause:
            features |= VacuumEntityFeature.PAUSE
        speeds = traits.fan_speeds
        if speeds:
            features |= VacuumEntityFeature.FAN_SPEED
            self._attr_fan_speed_list = list(speeds)
        self._attr_supported_features = features

    @property
    def activity(self) -> HAVacuumActivity | None:
        activity = self.traits_of(VacuumTraits).activity
        return None if activity is None else ACTIVITIES[activity]

    @property
    def fan_speed(self) -> str | None:
        return self.traits_of(VacuumTraits).fan_speed

    async def async_start(self) -> None:
        await self._execute(StartCleaning())

    async def async_stop(self, **kwargs: Any) -> None:
        await self._execute(StopCleaning())

    async def async_pause(self) -> None:
        await self._execute(PauseCleaning())

    async def async_return_to_base(self, **kwargs: Any) -> None:
        await self._execute(ReturnToBase())

    async def async_set_fan_speed(self, fan_speed: str, **kwargs: Any) -> None:
        await self._execute(SetPreset(preset=fan_speed))
