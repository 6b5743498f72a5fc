"""Neutral commands: what the Home Assistant layer asks a channel to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SetPower:
    """Turn a channel on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class Press:
    """Press a button (a Bot in press mode)."""


@dataclass(frozen=True, slots=True)
class SetBrightness:
    """Light brightness in %, 1-100."""

    percent: int


@dataclass(frozen=True, slots=True)
class SetColor:
    """Light colour as red, green, blue 0-255."""

    rgb: tuple[int, int, int]


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
    """A fan preset or humidifier mode, by the name the channel lists."""

    preset: str


@dataclass(frozen=True, slots=True)
class SetOscillation:
    """Fan oscillation on or off."""

    on: bool


@dataclass(frozen=True, slots=True)
class SetTargetHumidity:
    """Humidifier target humidity in %."""

    percent: int


type Command = (
    SetPower
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
)
