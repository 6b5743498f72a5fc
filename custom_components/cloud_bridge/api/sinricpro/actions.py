"""SinricPro actions: neutral commands as the action names and values each type takes."""

from __future__ import annotations

import math
from typing import Any

from ..appliance_model import ClimateTraits
from ..commands import (
    CloseCover,
    Command,
    HvacMode,
    OpenCover,
    Press,
    SetBrightness,
    SetColor,
    SetColorTemp,
    SetCoverPosition,
    SetFanMode,
    SetFanSpeed,
    SetHvacMode,
    SetLocked,
    SetPower,
    SetPreset,
    SetTargetTemperature,
)
from ..errors import CommandRejected, Rejection
from ..model import (
    Channel,
    CoverTraits,
    Device,
    FanTraits,
)
from .custom import encode_custom
from .devices import ECO
from .media import MEDIA_TYPES, encode_media

type Action = tuple[str, dict[str, Any]]


def encode(
    device: Device, channel: Channel, command: Command, *, stepping: bool = False
) -> list[Action]:
    """The actions (name, value before JSON encoding) that carry out a command.

    `stepping`: the blind takes no position, only steps (adjustRangeValue).
    """
    kind, traits = device.model_id, channel.traits
    if kind in MEDIA_TYPES and (media := encode_media(channel, command)) is not None:
        return media
    if kind == "CUSTOM" and (custom := encode_custom(channel, command)) is not None:
        return custom
    match command:
        case SetPower(on=on):
            return [_power(on)]
        case SetBrightness(percent=percent) if kind == "DIMMABLE_SWITCH":
            return [("setPowerLevel", {"powerLevel": percent})]
        case SetBrightness(percent=percent):
            return [("setBrightness", {"brightness": percent})]
        case SetColor(rgb=(r, g, b)):
            return [("setColor", {"color": {"r": r, "g": g, "b": b}})]
        case SetColorTemp(kelvin=kelvin):
            return [("setColorTemperature", {"colorTemperature": kelvin})]
        case OpenCover() | CloseCover() if kind == "GARAGE_DOOR":
            mode = "Open" if isinstance(command, OpenCover) else "Close"
            return [("setMode", {"mode": mode})]
        case OpenCover() | CloseCover() | SetCoverPosition() if stepping:
            current = traits.position if isinstance(traits, CoverTraits) else None
            target = _cover_target(command)
            if current is not None:
                return [("adjustRangeValue", {"rangeValueDelta": target - current})]
            if target in (0, 100):
                # From wherever it is, a whole way's step ends at the end.
                return [("adjustRangeValue", {"rangeValueDelta": 2 * target - 100})]
            # A step from a position nobody knows ends anywhere: refused below.
        case OpenCover() | CloseCover() | SetCoverPosition():
            return [("setRangeValue", {"rangeValue": _cover_target(command)})]
        case SetLocked(locked=locked):
            return [("setLockState", {"state": "lock" if locked else "unlock"})]
        case SetFanSpeed(percent=percent) if isinstance(traits, FanTraits):
            level = max(1, math.ceil(percent * traits.speed_count / 100))
            return [("setRangeValue", {"rangeValue": level})]
        case SetFanMode(mode=mode) if isinstance(traits, ClimateTraits):
            level = traits.fan_modes.index(mode) + 1 if mode in traits.fan_modes else 0
            if level:
                return [("setRangeValue", {"rangeValue": level})]
        case SetTargetTemperature(celsius=celsius):
            return [("targetTemperature", {"temperature": celsius})]
        case SetHvacMode() | SetPreset() if isinstance(traits, ClimateTraits):
            return _thermostat_mode(channel, traits, command)
        case Press() if kind == "DOORBELL":
            return [("DoorbellPress", {"state": "pressed"})]
    raise CommandRejected(
        "unsupported", f"{type(command).__name__} on {kind}", Rejection.UNSUPPORTED
    )


def _power(on: bool) -> Action:
    return ("setPowerState", {"state": "On" if on else "Off"})


def _cover_target(command: Command) -> int:
    if isinstance(command, SetCoverPosition):
        return command.position
    return 100 if isinstance(command, OpenCover) else 0


def _thermostat_mode(
    channel: Channel, traits: ClimateTraits, command: SetHvacMode | SetPreset
) -> list[Action]:
    if isinstance(command, SetHvacMode) and command.mode is HvacMode.OFF:
        return [("setThermostatMode", {"thermostatMode": "OFF"})]
    if isinstance(command, SetPreset) and command.preset == ECO:
        mode = "ECO"
    elif isinstance(command, SetHvacMode):
        mode = command.mode.upper()
    elif traits.hvac_mode in (None, HvacMode.OFF):
        mode = "AUTO"
    else:
        mode = str(traits.hvac_mode).upper()
    # Power and mode are apart: a unit switched off with setPowerState stays
    # off whatever its mode, so one that is off in a running mode is switched
    # on first (one whose own mode is OFF only needs the new mode).
    powered_off = channel.is_on is False and traits.hvac_mode is not HvacMode.OFF
    power = [_power(True)] if powered_off else []
    return [*power, ("setThermostatMode", {"thermostatMode": mode})]
