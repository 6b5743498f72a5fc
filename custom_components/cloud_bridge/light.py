"""Lights: on/off, brightness, colour and white temperature, as each light allows."""

from __future__ import annotations

from typing import Any

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_RGB_COLOR,
    LightEntity,
)
from homeassistant.components.light.const import ColorMode
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util.color import brightness_to_value, value_to_brightness

from .api import (
    Channel,
    Command,
    Device,
    LightTraits,
    SetBrightness,
    SetColor,
    SetColorTemp,
    SetPower,
)
from .assumed import AssumedStateEntity
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0
PERCENT = (1, 100)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a light for every light channel."""
    async_add_channel_entities(
        entry, async_add_entities, LightTraits, CloudBridgeLight, AssumedLight
    )


class CloudBridgeLight(CloudBridgeEntity, LightEntity):
    """A light channel."""

    _attr_name = None

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "light")
        traits = self.traits_of(LightTraits)
        modes: set[ColorMode] = set()
        if traits.supports_rgb:
            modes.add(ColorMode.RGB)
        if traits.kelvin_range:
            modes.add(ColorMode.COLOR_TEMP)
            self._attr_min_color_temp_kelvin, self._attr_max_color_temp_kelvin = (
                traits.kelvin_range
            )
        if not modes:
            modes.add(ColorMode.BRIGHTNESS if traits.dimmable else ColorMode.ONOFF)
        self._attr_supported_color_modes = self._modes = modes

    @property
    def is_on(self) -> bool | None:
        return self.channel.is_on

    @property
    def color_mode(self) -> ColorMode:
        traits = self.traits_of(LightTraits)
        modes = self._modes
        # A light that reports a white temperature is in white mode.
        if ColorMode.COLOR_TEMP in modes and (
            traits.color_temp is not None or ColorMode.RGB not in modes
        ):
            return ColorMode.COLOR_TEMP
        if ColorMode.RGB in modes:
            return ColorMode.RGB
        return next(iter(modes))

    @property
    def brightness(self) -> int | None:
        percent = self.traits_of(LightTraits).brightness
        return None if percent is None else value_to_brightness(PERCENT, percent)

    @property
    def rgb_color(self) -> tuple[int, int, int] | None:
        return self.traits_of(LightTraits).rgb

    @property
    def color_temp_kelvin(self) -> int | None:
        return self.traits_of(LightTraits).color_temp

    async def async_turn_on(self, **kwargs: Any) -> None:
        commands: list[Command] = []
        if not self.channel.is_on:
            commands.append(SetPower(on=True))
        if ATTR_RGB_COLOR in kwargs:
            commands.append(SetColor(rgb=tuple(kwargs[ATTR_RGB_COLOR])))
        if ATTR_COLOR_TEMP_KELVIN in kwargs:
            commands.append(SetColorTemp(kelvin=int(kwargs[ATTR_COLOR_TEMP_KELVIN])))
        if ATTR_BRIGHTNESS in kwargs:
            percent = round(brightness_to_value(PERCENT, kwargs[ATTR_BRIGHTNESS]))
            commands.append(SetBrightness(percent=max(1, percent)))
        await self._execute(*commands or [SetPower(on=True)])

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._execute(SetPower(on=False))


class AssumedLight(AssumedStateEntity, CloudBridgeLight):
    """A light that reports nothing (IR): on or off as last sent."""
