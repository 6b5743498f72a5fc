"""The neutral model every vendor client turns its wire format into."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .appliance_model import (
    ButtonPurpose,
    ClimateTraits,
    MediaTraits,
    RemoteTraits,
)
from .features import KeypadTraits, PressKind


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
    VOLTMETER = "voltmeter"  # V measured at a voltage input (Plus Uni, add-on)
    CURRENT = "current"  # A
    LIGHT_LEVEL = "light_level"  # the vendor's own scale, e.g. 1-20
    USAGE_TODAY = "usage_today"  # minutes switched on today
    SIGNAL = "signal"  # Wi-Fi signal strength, dBm
    DEVICE_TEMPERATURE = "device_temperature"  # °C inside the device itself
    CO2 = "co2"  # ppm
    BASE_BATTERY = "base_battery"  # % of a robot's base station battery
    FILTER_LIFE = "filter_life"  # % of a filter's life left
    POWER_FACTOR = "power_factor"  # -1..1, as meters report it
    FREQUENCY = "frequency"  # Hz
    RETURNED_ENERGY = "returned_energy"  # kWh fed back into the grid
    ILLUMINANCE = "illuminance"  # lx
    GAS = "gas"  # ppm of the gas a gas detector watches
    TILT = "tilt"  # ° a door or window sensor is tilted
    VIRTUAL = "virtual"  # the value of a number the user made on the device
    LAST_REPORT = "last_report"  # when a sleeping device last reported, epoch s
    PM1 = "pm1"  # µg/m³ of particles up to 1 µm
    PM25 = "pm25"  # µg/m³ of particles up to 2.5 µm
    PM10 = "pm10"  # µg/m³ of particles up to 10 µm
    APPARENT_POWER = "apparent_power"  # VA
    REACTIVE_POWER = "reactive_power"  # var


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
    MOISTURE = "moisture"  # a leak detector is wet
    OCCUPANCY = "occupancy"  # a presence sensor sees someone, moving or still
    OVERLOAD = "overload"  # a relay carries more than it is rated for
    OVERHEATED = "overheated"  # a device is hotter than it should run
    STUCK = "stuck"  # a motor cannot move its load
    DRYING = "drying"  # a humidifier dries its filter
    SMOKE = "smoke"
    GAS = "gas"  # a gas detector sounds its alarm
    VIBRATION = "vibration"
    EXTERNAL_POWER = "external_power"  # a battery device runs on a power supply
    MUTED = "muted"  # a detector's alarm sound is muted
    VIRTUAL = "virtual"  # the value of a yes/no the user made on the device


class Text(StrEnum):
    """A value in words a channel may report."""

    VIRTUAL = "virtual"  # a text or an option the user made on the device


class CoverClass(StrEnum):
    """What kind of thing a cover moves."""

    CURTAIN = "curtain"
    BLIND = "blind"
    SHUTTER = "shutter"
    SHADE = "shade"
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


class SwitchPurpose(StrEnum):
    """What a switch beside a device's main function turns on and off."""

    CHILD_LOCK = "child_lock"
    MOTION_DETECTION = "motion_detection"
    RUNNING = "running"  # a device's start and stop
    PAUSED = "paused"  # a device's pause, while it runs


class NumberPurpose(StrEnum):
    """What a level a channel sets is."""

    VOLUME = "volume"  # %
    BASS = "bass"  # equaliser bands, in the device's own steps
    MIDRANGE = "midrange"
    TREBLE = "treble"
    LEVEL = "level"  # a level the user defined on the device, in its own unit
    PERCENTAGE = "percentage"  # %, a level the user defined on the device


# Levels in %: the others count in the device's own steps.
PERCENT_LEVELS = {NumberPurpose.VOLUME, NumberPurpose.PERCENTAGE}
# Levels that set a device up rather than operate it.
SETTING_LEVELS = {
    NumberPurpose.VOLUME,
    NumberPurpose.BASS,
    NumberPurpose.MIDRANGE,
    NumberPurpose.TREBLE,
}


@dataclass(slots=True)
class SwitchTraits:
    """A channel that turns on and off; `purpose` names a setting such as a child lock."""

    purpose: SwitchPurpose | None = None


@dataclass(slots=True)
class NumberTraits:
    """A level to set within `minimum`..`maximum` by `step`."""

    purpose: NumberPurpose
    value: float | None = None
    minimum: float = 0.0
    maximum: float = 100.0
    step: float = 1.0


@dataclass(slots=True)
class SelectTraits:
    """One of a list of options (a mode the user defined on the device)."""

    options: tuple[str, ...]
    option: str | None = None


@dataclass(slots=True)
class ButtonTraits:
    """A channel that can only be pressed; `purpose` names what a press does."""

    purpose: ButtonPurpose | None = None


@dataclass(slots=True)
class DoorbellTraits:
    """A doorbell: each press arrives as an event; `can_ring` when a press can be sent to it."""

    can_ring: bool = True


@dataclass(slots=True)
class PressTraits:
    """A button whose presses arrive as events; `presses` counts them as the device does."""

    presses: int | None = None
    last: PressKind | None = None


@dataclass(slots=True)
class LightTraits:
    """A light; brightness in %, colour as RGB (and a white channel), white as a colour temperature."""

    brightness: int | None = None
    rgb: tuple[int, int, int] | None = None
    color_temp: int | None = None
    white: int | None = None  # 0-255, with rgb, on a light with a white channel
    dimmable: bool = True
    supports_rgb: bool = False
    supports_white: bool = False
    kelvin_range: tuple[int, int] | None = None


@dataclass(slots=True)
class CoverTraits:
    """A cover; positions in %, 0 closed and 100 open, as Home Assistant counts.

    An `open_close_only` cover (a garage door) goes to no position between:
    its `position` is 0 or 100.
    """

    device_class: CoverClass | None  # None: the device does not say what it moves
    position: int | None = None
    tilt: int | None = None
    motion: Motion | None = None
    supports_position: bool = True
    supports_tilt: bool = False
    supports_stop: bool = True
    open_close_only: bool = False


@dataclass(slots=True)
class LockTraits:
    """A lock; `supports_open` when it can draw its latch or deadbolt back."""

    state: LockState | None = None
    supports_open: bool = False


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
    supports_pause: bool = False


type Traits = (
    SwitchTraits
    | NumberTraits
    | SelectTraits
    | ButtonTraits
    | DoorbellTraits
    | PressTraits
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
    texts: dict[Text, str | None] = field(default_factory=dict)
    assumed: bool = False

    @property
    def switchable(self) -> bool:
        """Whether this is a plain on/off channel (a setting such as a child lock is too)."""
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
    # A battery device that sleeps between reports: offline is its normal
    # state, and its last readings stand until the next report.
    sleeps: bool = False
    # Epoch seconds by which a sleeping device should have reported again;
    # past it the device is taken as gone. None: it keeps no schedule (a
    # button reports when pressed).
    report_by: float | None = None

    def reachable(self, now: float) -> bool:
        """Whether what the device last reported still stands at `now` (epoch s)."""
        if self.online:
            return True
        return self.sleeps and (self.report_by is None or now <= self.report_by)

    @property
    def switch_channels(self) -> list[Channel]:
        """The channels that can be switched on and off."""
        return [channel for channel in self.channels.values() if channel.switchable]
