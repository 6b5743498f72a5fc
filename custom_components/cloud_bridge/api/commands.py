"""Neutral commands: what the Home Assistant layer asks a channel to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class SetPower:
    """Turn a channel on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class SetPowerFor:
    """Turn a channel on or off, and back again after `seconds`."""

    on: bool
    seconds: int


@dataclass(frozen=True, slots=True)
class Press:
    """Press a button (a Bot in press mode)."""


@dataclass(frozen=True, slots=True)
class SetBrightness:
    """Light brightness in %, 1-100."""

    percent: int


@dataclass(frozen=True, slots=True)
class SetColor:
    """Light colour as red, green, blue 0-255; `white` 0-255 for a light with a white channel."""

    rgb: tuple[int, int, int]
    white: int | None = None


@dataclass(frozen=True, slots=True)
class SetColorTemp:
    """White light at a colour temperature in kelvin."""

    kelvin: int


@dataclass(frozen=True, slots=True)
class SetCoverPosition:
    """Move a cover to a position in %, 0 closed and 100 open."""

    position: int


@dataclass(frozen=True, slots=True)
class SetTilt:
    """Tilt slats to a position in %, 0 closed and 100 open."""

    position: int


@dataclass(frozen=True, slots=True)
class OpenCover:
    """Open a cover fully."""


@dataclass(frozen=True, slots=True)
class CloseCover:
    """Close a cover fully."""


@dataclass(frozen=True, slots=True)
class StopCover:
    """Stop a moving cover."""


@dataclass(frozen=True, slots=True)
class SetLocked:
    """Lock or unlock."""

    locked: bool


@dataclass(frozen=True, slots=True)
class SetFanSpeed:
    """Fan speed in %, 1-100."""

    percent: int


@dataclass(frozen=True, slots=True)
class SetPreset:
    """A fan preset, humidifier mode or climate preset, by the name the channel lists.

    For a climate channel, a name it does not list (NO_PRESET) leaves every preset.
    """

    preset: str


@dataclass(frozen=True, slots=True)
class SetOscillation:
    """Fan oscillation on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class SetTargetHumidity:
    """Humidifier target humidity in %."""

    percent: int


@dataclass(frozen=True, slots=True)
class StartCleaning:
    """Send a robot vacuum cleaning."""


@dataclass(frozen=True, slots=True)
class StopCleaning:
    """Stop a robot vacuum where it is."""


@dataclass(frozen=True, slots=True)
class ReturnToBase:
    """Send a robot vacuum back to its dock."""


@dataclass(frozen=True, slots=True)
class PauseCleaning:
    """Pause a robot vacuum where it is, to go on later."""


@dataclass(frozen=True, slots=True)
class OpenLock:
    """Draw a lock's latch or deadbolt back so the door opens."""


@dataclass(frozen=True, slots=True)
class SetNumber:
    """Set a level (a volume) to `value`, within the channel's range."""

    value: float


# -- remotes and the appliances they drive (air conditioners, TVs, players) --


class HvacMode(StrEnum):
    """What an air conditioner does; OFF is its power switched off."""

    OFF = "off"
    AUTO = "auto"
    COOL = "cool"
    DRY = "dry"
    FAN_ONLY = "fan_only"
    HEAT = "heat"


class MediaAction(StrEnum):
    """A key of a media remote that needs no value; NEXT/PREVIOUS step the
    track of a player or the channel of a TV."""

    VOLUME_UP = "volume_up"
    VOLUME_DOWN = "volume_down"
    NEXT = "next"
    PREVIOUS = "previous"
    PLAY = "play"
    PAUSE = "pause"
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class SendButton:
    """Press a remote's button by name, its own or one the user defined."""

    name: str


@dataclass(frozen=True, slots=True)
class SetHvacMode:
    """Run an air conditioner in a mode, or switch it off (HvacMode.OFF)."""

    mode: HvacMode


@dataclass(frozen=True, slots=True)
class SetTargetTemperature:
    """Target temperature in °C."""

    celsius: float


@dataclass(frozen=True, slots=True)
class SetFanMode:
    """An air conditioner's fan, by a name its traits list."""

    mode: str


@dataclass(frozen=True, slots=True)
class SetMute:
    """Mute or unmute a media appliance."""

    muted: bool


@dataclass(frozen=True, slots=True)
class SetChannel:
    """Tune a TV or receiver to a channel number."""

    number: int


@dataclass(frozen=True, slots=True)
class SetChannelName:
    """Tune a TV or receiver to a channel by its name."""

    name: str


@dataclass(frozen=True, slots=True)
class SetVolume:
    """A media appliance's volume in %, 0-100."""

    percent: int


@dataclass(frozen=True, slots=True)
class SelectSource:
    """Switch a media appliance to one of its inputs, by name."""

    source: str


@dataclass(frozen=True, slots=True)
class SelectSoundMode:
    """Play through one of a media appliance's sound modes, by name."""

    mode: str


@dataclass(frozen=True, slots=True)
class SelectOption:
    """Choose one of a select channel's options."""

    option: str


@dataclass(frozen=True, slots=True)
class MediaCommand:
    """Press a media key (volume, track or channel step, play, pause, stop)."""

    action: MediaAction


type Command = (
    SetPower
    | SetPowerFor
    | Press
    | SetBrightness
    | SetColor
    | SetColorTemp
    | SetCoverPosition
    | SetTilt
    | OpenCover
    | CloseCover
    | StopCover
    | SetLocked
    | SetFanSpeed
    | SetPreset
    | SetOscillation
    | SetTargetHumidity
    | StartCleaning
    | StopCleaning
    | ReturnToBase
    | PauseCleaning
    | OpenLock
    | SetNumber
    | SendButton
    | SetHvacMode
    | SetTargetTemperature
    | SetFanMode
    | SetMute
    | SetChannel
    | SetChannelName
    | SetVolume
    | SelectSource
    | SelectSoundMode
    | SelectOption
    | MediaCommand
)
