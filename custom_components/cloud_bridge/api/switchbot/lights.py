"""SwitchBot lights: bulbs, strips, floor lamps, neon ropes, ceiling lights, the candle warmer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..commands import (
    Command,
    SetBrightness,
    SetColor,
    SetColorTemp,
)
from ..model import (
    Channel,
    LightTraits,
)
from .profile import (
    KELVIN_RANGE,
    MAIN,
    Encoded,
    Profile,
    parse_rgb,
    power,
    power_commands,
    whole,
)


def _light(*, rgb: bool, white: bool) -> Callable[[], Channel]:
    def build() -> Channel:
        return Channel(
            key=MAIN,
            traits=LightTraits(
                supports_rgb=rgb, kelvin_range=KELVIN_RANGE if white else None
            ),
        )

    return build


def _light_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, LightTraits)
    channel.is_on = power(body)
    if (brightness := whole(body.get("brightness"))) is not None:
        traits.brightness = max(0, min(brightness, 100))
    if traits.supports_rgb and (color := parse_rgb(body.get("color"))) is not None:
        traits.rgb = color
    # A status body has both colour and white; the last event says which shows.
    if traits.supports_rgb and body.get("colorMode") == "color":
        traits.color_temp = None
    elif traits.kelvin_range and (kelvin := whole(body.get("colorTemperature"))):
        low, high = traits.kelvin_range
        traits.color_temp = max(low, min(kelvin, high))


def _light_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetBrightness(percent=percent):
            return ("setBrightness", str(max(1, min(percent, 100))))
        case SetColor(rgb=(red, green, blue)):
            return ("setColor", f"{red}:{green}:{blue}")
        case SetColorTemp(kelvin=kelvin):
            low, high = KELVIN_RANGE
            return ("setColorTemperature", str(max(low, min(kelvin, high))))
    return power_commands(channel, command, last)


_PUSHED = frozenset({"power", "brightness", "color", "colorTemperature"})


def _profile(*, rgb: bool, white: bool) -> Profile:
    return Profile(
        _light(rgb=rgb, white=white), _light_update, _light_commands, pushed=_PUSHED
    )


_COLOUR_AND_WHITE = _profile(rgb=True, white=True)
_COLOUR = _profile(rgb=True, white=False)
_WHITE = _profile(rgb=False, white=True)

LIGHTS: dict[str, Profile] = {
    "Color Bulb": _COLOUR_AND_WHITE,
    "Strip Light": _COLOUR,
    "Strip Light 3": _COLOUR_AND_WHITE,
    "Floor Lamp": _COLOUR_AND_WHITE,
    "RGBICWW Strip Light": _COLOUR_AND_WHITE,
    "RGBICWW Floor Lamp": _COLOUR_AND_WHITE,
    "RGBIC Neon Rope Light": _COLOUR,
    "RGBIC Neon Wire Rope Light": _COLOUR,
    "Ceiling Light": _WHITE,
    "Ceiling Light Pro": _WHITE,
    # Brightness only: a dimmable lamp that warms a candle.
    "Candle Warmer Lamp": _profile(rgb=False, white=False),
}
