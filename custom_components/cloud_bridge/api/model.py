"""The neutral model every vendor client turns its wire format into."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .appliance_model import (
    ButtonPurpose,
    ClimateTraits,
    MediaTraits,
    Playback,
    RemoteTraits,
)
from .commands import (
    CloseCover,
    Command,
    HvacMode,
    MediaAction,
    MediaCommand,
    OpenCover,
    Press,
    ReturnToBase,
    SetBrightness,
    SetChannel,
    SetColor,
    SetColorTemp,
    SetCoverPosition,
    SetFanMode,
    SetFanSpeed,
    SetHvacMode,
    SetLocked,
    SetMute,
    SetOscillation,
    SetPower,
    SetPowerFor,
    SetPreset,
    SetTargetHumidity,
    SetTargetTemperature,
    SetTilt,
    StartCleaning,
    StopCleaning,
)
from .features import KeypadTraits


class Vendor(StrEnum):
    """The clouds Cloud Bridge talks to."""

    SWITCHBOT = "switchbot"
    SHELLY = "shelly"
    SINRICPRO = "sinricpro"


class Reading(StrEnum):
    """A measured value a channel may report, in the unit named here."""

    TEMPERATURE = "temperature"  # °C
    HUMIDITY = "humidity"  # %
    BATTERY = "battery"  # %
    POWER = "power"  # W
    ENERGY = "energy"  # kWh
    VOLTAGE = "voltage"  # V
    CURRENT = "current"  # A
    LIGHT_LEVEL = "light_level"  # the vendor's own scale, e.g. 1-20
    USAGE_TODAY = "usage_today"  # minutes switched on today
    SIGNAL = "signal"  # Wi-Fi signal strength, dBm
    DEVICE_TEMPERATURE = "device_temperature"  # °C inside the device itself


class Flag(StrEnum):
    """A yes/no state a channel may report."""

    MOTION = "motion"
    DOOR = "door"  # a contact sensor's door, or the door a lock sits in, is open
    LIGHT = "light"  # the ambient light is bright
    CALIBRATION = "calibration"  # the device needs calibrating
    WATER_EMPTY = "water_empty"
    CHARGING = "charging"
    INPUT = "input"  # a wired input (switch or button) is closed
    CONNECTED = "connected"  # the device is connected to its cloud


class CoverClass(StrEnum):
    """What kind of thing a cover moves."""

    CURTAIN = "curtain"
    BLIND = "blind"
    SHUTTER = "shutter"
    GARAGE = "garage"


class Motion(StrEnum):
    """Which way a cover is moving."""

    OPENING = "opening"
    CLOSING = "closing"


class LockState(StrEnum):
    """What a lock reports."""

    LOCKED = "locked"
    UNLOCKED = "unlocked"
    JAMMED = "jammed"


class VacuumActivity(StrEnum):
    """What a robot vacuum is doing."""

    CLEANING = "cleaning"
    DOCKED = "docked"
    IDLE = "idle"
    PAUSED = "paused"
    RETURNING = "returning"
    ERROR = "error"


@dataclass(slots=True)
class SwitchTraits:
    """A channel that turns on and off."""


@dataclass(slots=True)
class ButtonTraits:
    """A channel that can only be pressed; `purpose` names what a press does."""

    purpose: ButtonPurpose | None = None


@dataclass(slots=True)
class DoorbellTraits:
    """A doorbell: each press arrives as an event, and a press can be sent to it."""


@dataclass(slots=True)
class LightTraits:
    """A light; brightness in %, colour as RGB, white as a colour temperature."""

    brightness: int | None = None
    rgb: tuple[int, int, int] | None = None
    color_temp: int | None = None
    dimmable: bool = True
    supports_rgb: bool = False
    kelvin_range: tuple[int, int] | None = None


@dataclass(slots=True)
class CoverTraits:
    """A cover; positions in %, 0 closed and 100 open, as Home Assistant counts.

    An `open_close_only` cover (a garage door) goes to no position between:
    its `position` is 0 or 100.
    """

    device_class: CoverClass
    position: int | None = None
    tilt: int | None = None
    motion: Motion | None = None
    supports_position: bool = True
    supports_tilt: bool = False
    supports_stop: bool = True
    open_close_only: bool = False


@dataclass(slots=True)
class LockTraits:
    """A lock."""

    state: LockState | None = None


@dataclass(slots=True)
class FanTraits:
    """A fan; speed in %, presets by the vendor's names."""

    speed: int | None = None
    speed_count: int = 100
    preset: str | None = None
    presets: tuple[str, ...] = ()
    oscillating: bool | None = None
    supports_oscillation: bool = False


@dataclass(slots=True)
class HumidifierTraits:
    """A humidifier; target humidity in %, modes by the vendor's names."""

    target: int | None = None
    mode: str | None = None
    modes: tuple[str, ...] = ()


@dataclass(slots=True)
class VacuumTraits:
    """A robot vacuum; suction levels by the vendor's names."""

    activity: VacuumActivity | None = None
    fan_speed: str | None = None
    fan_speeds: tuple[str, ...] = ()


type Traits = (
    SwitchTraits
    | ButtonTraits
    | DoorbellTraits
    | LightTraits
    | CoverTraits
    | LockTraits
    | FanTraits
    | HumidifierTraits
    | VacuumTraits
    | RemoteTraits
    | ClimateTraits
    | MediaTraits
    | KeypadTraits
)


@dataclass(slots=True)
class Channel:
    """One part of a device: a relay, a light, the device's own sensors.

    `traits` says what the channel controls (None: it only measures). A
    reading or flag present with the value None is one the device has but has
    not reported yet. An `assumed` channel reports nothing: its state is what
    was last sent to it.
    """

    key: str
    index: int | None = None
    name: str | None = None
    traits: Traits | None = None
    is_on: bool | None = None
    readings: dict[Reading, float | None] = field(default_factory=dict)
    flags: dict[Flag, bool | None] = field(default_factory=dict)
    assumed: bool = False

    @property
    def switchable(self) -> bool:
        """Whether this is a plain on/off channel."""
        return isinstance(self.traits, SwitchTraits)


@dataclass(slots=True)
class Device:
    """What the user holds in their hand, as one cloud reports it."""

    id: str
    name: str
    model: str  # the product's name, as a person knows it (Shelly Plus 2PM)
    manufacturer: str
    online: bool = True
    # The vendor's own code for the product (SNSW-102P16EU; the device type a
    # client keys its tables by); "" when the cloud gives none.
    model_id: str = ""
    via_device: str | None = None
    sw_version: str | None = None
    channels: dict[str, Channel] = field(default_factory=dict)

    @property
    def switch_channels(self) -> list[Channel]:
        """The channels that can be switched on and off."""
        return [channel for channel in self.channels.values() if channel.switchable]


def apply_command(channel: Channel, command: Command) -> None:
    """Show the effect of an accepted command before the cloud confirms it."""
    traits = channel.traits
    match command:
        case SetPower(on=on) | SetPowerFor(on=on):
            channel.is_on = on
        case SetBrightness(percent=percent) if isinstance(traits, LightTraits):
            traits.brightness, channel.is_on = percent, True
        case SetColor(rgb=rgb) if isinstance(traits, LightTraits):
            traits.rgb, traits.color_temp, channel.is_on = rgb, None, True
        case SetColorTemp(kelvin=kelvin) if isinstance(traits, LightTraits):
            traits.color_temp, traits.rgb, channel.is_on = kelvin, None, True
        case SetCoverPosition(position=position) if isinstance(traits, CoverTraits):
            traits.position = position
        case SetTilt(position=position) if isinstance(traits, CoverTraits):
            traits.tilt = position
        case SetLocked(locked=locked) if isinstance(traits, LockTraits):
            traits.state = LockState.LOCKED if locked else LockState.UNLOCKED
        case SetFanSpeed(percent=percent) if isinstance(traits, FanTraits):
            traits.speed, channel.is_on = percent, True
        case SetPreset(preset=preset) if isinstance(traits, FanTraits):
            traits.preset = preset
        case SetPreset(preset=preset) if isinstance(traits, HumidifierTraits):
            traits.mode = preset
        case SetPreset(preset=preset) if isinstance(traits, VacuumTraits):
            traits.fan_speed = preset
        case StartCleaning() if isinstance(traits, VacuumTraits):
            traits.activity = VacuumActivity.CLEANING
        case StopCleaning() if isinstance(traits, VacuumTraits):
            traits.activity = VacuumActivity.IDLE
        case ReturnToBase() if isinstance(traits, VacuumTraits):
            traits.activity = VacuumActivity.RETURNING
        case SetOscillation(on=on) if isinstance(traits, FanTraits):
            traits.oscillating = on
        case SetTargetHumidity(percent=percent) if isinstance(traits, HumidifierTraits):
            traits.target, traits.mode = percent, None
        case OpenCover() if isinstance(traits, CoverTraits) and traits.open_close_only:
            # It runs its whole way with nothing between to report: show it under way.
            traits.motion = Motion.OPENING
        case CloseCover() if isinstance(traits, CoverTraits) and traits.open_close_only:
            traits.motion = Motion.CLOSING
        case Press():
            pass
        case _:
            # Commands whose effect only the next report can tell (stop, open,
            # close: the cover moves for a while) have none here.
            _apply_appliance(channel, command)


# -- remotes and the appliances they drive -----------------------------------

_PLAYBACK = {
    MediaAction.PLAY: Playback.PLAYING,
    MediaAction.PAUSE: Playback.PAUSED,
    MediaAction.STOP: Playback.STOPPED,
}


def _apply_appliance(channel: Channel, command: Command) -> None:
    """The effect of commands to appliances behind a remote."""
    traits = channel.traits
    match command:
        case SetHvacMode(mode=HvacMode.OFF) if isinstance(traits, ClimateTraits):
            channel.is_on = False
        case SetHvacMode(mode=mode) if isinstance(traits, ClimateTraits):
            traits.hvac_mode, channel.is_on = mode, True
        case SetTargetTemperature(celsius=celsius) if isinstance(traits, ClimateTraits):
            traits.target_temperature = celsius
        case SetFanMode(mode=mode) if isinstance(traits, ClimateTraits):
            traits.fan_mode = mode
        case SetPreset(preset=preset) if isinstance(traits, ClimateTraits):
            traits.preset = preset if preset in traits.presets else None
            channel.is_on = True
        case SetMute(muted=muted) if isinstance(traits, MediaTraits):
            traits.muted = muted
        case SetChannel(number=number) if isinstance(traits, MediaTraits):
            traits.channel_number = number
        case MediaCommand(action=action) if isinstance(traits, MediaTraits):
            if action in _PLAYBACK:
                traits.playback = _PLAYBACK[action]
            elif traits.supports_channels and action in (
                MediaAction.NEXT,
                MediaAction.PREVIOUS,
            ):
                # Stepping skips channels the TV left out: the number is unknown.
                traits.channel_number = None
