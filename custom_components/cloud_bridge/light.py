"""Lights: on/off, brightness, colour and white temperature, as each light allows."""

from __future__ import annotations

from typing import Any

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_RGB_COLOR,
    ATTR_RGBW_COLOR,
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
from .entity import CloudBridgeEntity, async_add_channel_entities, channel_label

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

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "light")
        lights = [
            c for c in device.channels.values() if isinstance(c.traits, LightTraits)
        ]
        label = channel_label(channel, lights)
        if label is None:
            self._attr_name = None  # the device's one light
        elif channel.name:
            self._attr_name = channel.name
        else:
            self._attr_translation_key = "channel"
            self._attr_translation_placeholders = {"channel": label}
        traits = self.traits_of(LightTraits)
        modes: set[ColorMode] = set()
        if traits.supports_rgb:
            modes.add(ColorMode.RGBW if traits.supports_white else ColorMode.RGB)
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
            traits.color_temp is not None or not modes & {ColorMode.RGB, ColorMode.RGBW}
        ):
            return ColorMode.COLOR_TEMP
        for mode in (ColorMode.RGBW, ColorMode.RGB):
            if mode in modes:
                return mode
        return next(iter(modes))

    @property
    def brightness(self) -> int | None:
        percent = self.traits_of(LightTraits).brightness
        return None if percent is None else value_to_brightness(PERCENT, percent)

    @property
    def rgb_color(self) -> tuple[int, int, int] | None:
        return self.traits_of(LightTraits).rgb

    @property
    def rgbw_color(self) -> tuple[int, int, int, int] | None:
        traits = self.traits_of(LightTraits)
        if traits.rgb is None:
            return None
        return (*traits.rgb, traits.white or 0)

    @property
    def color_temp_kelvin(self) -> int | None:
        return self.traits_of(LightTraits).color_temp

    async def async_turn_on(self, **kwargs: Any) -> None:
        commands: list[Command] = []
        if not self.channel.is_on:
            commands.append(SetPower(on=True))
        if ATTR_RGB_COLOR in kwargs:
            commands.append(SetColor(rgb=tuple(kwargs[ATTR_RGB_COLOR])))
        if ATTR_RGBW_COLOR in kwargs:
            red, green, blue, white = kwargs[ATTR_RGBW_COLOR]
            commands.append(SetColor(rgb=(red, green, blue), white=white))
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
