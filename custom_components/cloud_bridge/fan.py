"""Fans: on/off, speed in %, presets and oscillation, as each fan allows."""

from __future__ import annotations

from typing import Any

from homeassistant.components.fan import FanEntity, FanEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    Command,
    Device,
    FanTraits,
    SetFanSpeed,
    SetOscillation,
    SetPower,
    SetPreset,
)
from .assumed import AssumedStateEntity
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a fan for every fan channel."""
    async_add_channel_entities(
        entry, async_add_entities, FanTraits, CloudBridgeFan, AssumedFan
    )


class CloudBridgeFan(CloudBridgeEntity, FanEntity):
    """A fan channel."""

    _attr_name = None
    _attr_translation_key = "fan"

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "fan")
        traits = self.traits_of(FanTraits)
        features = (
            FanEntityFeature.TURN_ON
            | FanEntityFeature.TURN_OFF
            | FanEntityFeature.SET_SPEED
        )
        if traits.presets:
            features |= FanEntityFeature.PRESET_MODE
            self._attr_preset_modes = list(traits.presets)
        if traits.supports_oscillation:
            features |= FanEntityFeature.OSCILLATE
        self._attr_supported_features = features
        self._attr_speed_count = traits.speed_count

    @property
    def is_on(self) -> bool | None:
        return self.channel.is_on

    @property
    def percentage(self) -> int | None:
        if self.channel.is_on is False:
            return 0
        return self.traits_of(FanTraits).speed

    @property
    def preset_mode(self) -> str | None:
        return self.traits_of(FanTraits).preset

    @property
    def oscillating(self) -> bool | None:
        return self.traits_of(FanTraits).oscillating

    async def async_turn_on(
        self,
        percentage: int | None = None,
        preset_mode: str | None = None,
        **kwargs: Any,
    ) -> None:
        commands: list[Command] = []
        if not self.channel.is_on:
            commands.append(SetPower(on=True))
        if preset_mode is not None:
            commands.append(SetPreset(preset=preset_mode))
        if percentage:
            commands.append(SetFanSpeed(percent=percentage))
        await self._execute(*commands or [SetPower(on=True)])

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=False))

    async def async_set_percentage(self, percentage: int) -> None:
        if percentage == 0:
            await self.async_turn_off()
        else:
            await self.async_turn_on(percentage=percentage)

    async def async_set_preset_mode(self, preset_mode: str) -> None:
        await self._execute(SetPreset(preset=preset_mode))

    async def async_oscillate(self, oscillating: bool) -> None:
        await self._execute(SetOscillation(on=oscillating))


class AssumedFan(AssumedStateEntity, CloudBridgeFan):
    """A fan that reports nothing (IR): speed and swing as last sent."""

    def saved_state(self) -> dict[str, Any]:
        traits = self.traits_of(FanTraits)
        return {
            **super().saved_state(),
            "speed": traits.speed,
            "oscillating": traits.oscillating,
        }

    def restore_commands(self, saved: dict[str, Any]) -> list[Command]:
        commands: list[Command] = []
        if isinstance(saved.get("speed"), int) and saved["speed"] > 0:
            commands.append(SetFanSpeed(percent=saved["speed"]))
        if isinstance(saved.get("oscillating"), bool):
            commands.append(SetOscillation(on=saved["oscillating"]))
        # Power last: a restored speed would otherwise switch it on.
        return [*commands, *super().restore_commands(saved)]
