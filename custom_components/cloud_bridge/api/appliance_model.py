"""The neutral model of remotes and the appliances they drive (air conditioners, TVs, players)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .commands import HvacMode, MediaAction


class ButtonPurpose(StrEnum):
    """What pressing a button does, where a device has several."""

    BRIGHTNESS_UP = "brightness_up"
    BRIGHTNESS_DOWN = "brightness_down"
    NEXT_IMAGE = "next_image"
    PREVIOUS_IMAGE = "previous_image"
    UNLOCK_NIGHT_LATCH = "unlock_night_latch"
    WASH_MOP = "wash_mop"
    DRY_MOP = "dry_mop"
    STOP_SELF_CLEAN = "stop_self_clean"
    REFILL_HUMIDIFIER = "refill_humidifier"
    REWIND = "rewind"
    FAST_FORWARD = "fast_forward"
    START_OVER = "start_over"
    CHANNEL_UP = "channel_up"
    CHANNEL_DOWN = "channel_down"
    RESET_EQUALIZER = "reset_equalizer"


class MediaClass(StrEnum):
    """What kind of media appliance a channel drives."""

    TV = "tv"
    RECEIVER = "receiver"
    SPEAKER = "speaker"


class Playback(StrEnum):
    """What a media appliance was last told to do with what it plays."""

    PLAYING = "playing"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(slots=True)
class RemoteTraits:
    """A remote control whose buttons are pressed by name.

    `buttons` are the ones the remote is known to have; the user may have
    defined others, which are sent all the same.
    """

    remote_type: str
    buttons: tuple[str, ...] = ()
    supports_power: bool = True


# The preset that is none of a climate channel's presets (Home Assistant's name too).
NO_PRESET = "none"


@dataclass(slots=True)
class ClimateTraits:
    """An air conditioner or thermostat; temperatures in °C, fan modes by neutral names.

    `hvac_mode` is the mode it runs in when on, kept while it is off: the
    power is the channel's `is_on`. A device whose own mode can be "off"
    besides its power reports HvacMode.OFF here. `preset` is one of
    `presets` (such as "eco") or None.
    """

    hvac_mode: HvacMode | None = None
    target_temperature: float | None = None
    fan_mode: str | None = None
    hvac_modes: tuple[HvacMode, ...] = ()
    fan_modes: tuple[str, ...] = ()
    min_temperature: float = 16.0
    max_temperature: float = 30.0
    temperature_step: float = 1.0
    preset: str | None = None
    presets: tuple[str, ...] = ()
    thermostat: bool = False  # a thermostat rather than an air conditioner


@dataclass(slots=True)
class MediaTraits:
    """A TV, receiver, player or speaker, driven by keys and, where it takes them, by levels.

    `supports_volume_set` when it takes a volume in % (`volume`), not only
    steps; `sources` and `sound_modes` are the inputs and modes it selects by
    name; `supports_channel_names` when it tunes to a channel by name too.
    """

    actions: tuple[MediaAction, ...] = ()
    media_class: MediaClass | None = None
    supports_mute: bool = False
    supports_channels: bool = False
    supports_channel_names: bool = False
    supports_volume_set: bool = False
    muted: bool | None = None
    channel_number: int | None = None
    channel_name: str | None = None
    playback: Playback | None = None
    volume: int | None = None
    sources: tuple[str, ...] = ()
    source: str | None = None
    sound_modes: tuple[str, ...] = ()
    sound_mode: str | None = None
