"""Air conditioners and thermostats: HVAC mode (off is power off), target temperature, fan mode, presets."""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntity
from homeassistant.components.climate.const import (
    ATTR_HVAC_MODE,
    PRESET_NONE,
    ClimateEntityFeature,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    ClimateTraits,
    Command,
    Device,
    HvacMode,
    Reading,
    SetFanMode,
    SetHvacMode,
    SetPreset,
    SetTargetTemperature,
)
from .api.appliance_model import NO_PRESET
from .assumed import AssumedStateEntity
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a climate entity for every air conditioner and thermostat channel."""
    async_add_channel_entities(
        entry, async_add_entities, ClimateTraits, CloudBridgeClimate, AssumedClimate
    )


class CloudBridgeClimate(CloudBridgeEntity, ClimateEntity):
    """An air conditioner or thermostat channel."""

    _attr_name = None
    _attr_temperature_unit = UnitOfTemperature.CELSIUS

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "climate")
        traits = self.traits_of(ClimateTraits)
        self._attr_translation_key = (
            "thermostat" if traits.thermostat else "air_conditioner"
        )
        # The neutral modes carry Home Assistant's names.
        self._attr_hvac_modes = [HVACMode(mode.value) for mode in traits.hvac_modes]
        self._attr_min_temp = traits.min_temperature
        self._attr_max_temp = traits.max_temperature
        self._attr_target_temperature_step = traits.temperature_step
        features = (
            ClimateEntityFeature.TARGET_TEMPERATURE
            | ClimateEntityFeature.TURN_ON
            | ClimateEntityFeature.TURN_OFF
        )
        if traits.fan_modes:
            features |= ClimateEntityFeature.FAN_MODE
            self._attr_fan_modes = list(traits.fan_modes)
        if traits.presets:
            features |= ClimateEntityFeature.PRESET_MODE
            # The neutral NO_PRESET is Home Assistant's PRESET_NONE.
            self._attr_preset_modes = [PRESET_NONE, *traits.presets]
        self._attr_supported_features = features

    @property
    def hvac_mode(self) -> HVACMode | None:
        if self.channel.is_on is False:
            return HVACMode.OFF
        mode = self.traits_of(ClimateTraits).hvac_mode
        return None if mode is None else HVACMode(mode.value)

    @property
    def target_temperature(self) -> float | None:
        return self.traits_of(ClimateTraits).target_temperature

    @property
    def fan_mode(self) -> str | None:
        return self.traits_of(ClimateTraits).fan_mode

    @property
    def preset_mode(self) -> str | None:
        traits = self.traits_of(ClimateTraits)
        return (traits.preset or PRESET_NONE) if traits.presets else None

    @property
    def current_temperature(self) -> float | None:
        return self.channel.readings.get(Reading.TEMPERATURE)

    @property
    def current_humidity(self) -> float | None:
        return self.channel.readings.get(Reading.HUMIDITY)

    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        await self._execute(SetHvacMode(mode=HvacMode(hvac_mode.value)))

    async def async_set_temperature(self, **kwargs: Any) -> None:
        commands: list[Command] = []
        if ATTR_HVAC_MODE in kwargs:
            commands.append(SetHvacMode(mode=HvacMode(kwargs[ATTR_HVAC_MODE])))
        if ATTR_TEMPERATURE in kwargs:
            commands.append(SetTargetTemperature(celsius=kwargs[ATTR_TEMPERATURE]))
        await self._execute(*commands)

    async def async_set_fan_mode(self, fan_mode: str) -> None:
        await self._execute(SetFanMode(mode=fan_mode))

    async def async_set_preset_mode(self, preset_mode: str) -> None:
        preset = NO_PRESET if preset_mode == PRESET_NONE else preset_mode
        await self._execute(SetPreset(preset=preset))

    async def async_turn_on(self) -> None:
        mode = self.traits_of(ClimateTraits).hvac_mode
        # A device whose own mode was off runs in auto when switched on.
        on_mode = HvacMode.AUTO if mode is None or mode is HvacMode.OFF else mode
        await self._execute(SetHvacMode(mode=on_mode))

    async def async_turn_off(self) -> None:
        await self._execute(SetHvacMode(mode=HvacMode.OFF))


class AssumedClimate(AssumedStateEntity, CloudBridgeClimate):
    """An air conditioner that reports nothing (IR): its state is the setting last sent."""

    def saved_state(self) -> dict[str, Any]:
        traits = self.traits_of(ClimateTraits)
        return {
            **super().saved_state(),
            "hvac_mode": traits.hvac_mode,
            "temperature": traits.target_temperature,
            "fan_mode": traits.fan_mode,
        }

    def restore_commands(self, saved: dict[str, Any]) -> list[Command]:
        traits = self.traits_of(ClimateTraits)
        commands: list[Command] = []
        mode = saved.get("hvac_mode")
        if mode != HvacMode.OFF and mode in traits.hvac_modes:
            commands.append(SetHvacMode(mode=HvacMode(mode)))
        if isinstance(saved.get("temperature"), int | float):
            commands.append(SetTargetTemperature(celsius=saved["temperature"]))
        if saved.get("fan_mode") in traits.fan_modes:
            commands.append(SetFanMode(mode=saved["fan_mode"]))
        # Power last: a restored mode would otherwise switch it on.
        return [*commands, *super().restore_commands(saved)]
