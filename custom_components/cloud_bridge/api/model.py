"""The neutral model every vendor client turns its wire format into."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(slots=True)
class Channel:
    """One part of a device: a relay, a light, the device's own sensors.

    `is_on` is None for a channel that cannot be switched. A reading that is
    in `readings` with the value None is one the device has but has not
    reported yet.
    """

    key: str
    index: int | None = None
    name: str | None = None
    switchable: bool = False
    is_on: bool | None = None
    readings: dict[Reading, float | None] = field(default_factory=dict)


@dataclass(slots=True)
class Device:
    """What the user holds in their hand, as one cloud reports it."""

    id: str
    name: str
    model: str
    manufacturer: str
    online: bool = True
    via_device: str | None = None
    sw_version: str | None = None
    channels: dict[str, Channel] = field(default_factory=dict)

    @property
    def switch_channels(self) -> list[Channel]:
        """The channels that can be switched on and off."""
        return [channel for channel in self.channels.values() if channel.switchable]


@dataclass(frozen=True, slots=True)
class SetPower:
    """Turn a channel on or off."""

    on: bool


type Command = SetPower


def apply_command(channel: Channel, command: Command) -> None:
    """Show the effect of an accepted command before the cloud confirms it."""
    channel.is_on = command.on
