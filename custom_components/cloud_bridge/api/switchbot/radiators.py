"""SwitchBot Smart Radiator Thermostat: heat or off, its six modes as presets, the manual set point."""

from __future__ import annotations

from typing import Any

from ..appliance_model import NO_PRESET, ClimateTraits
from ..commands import (
    Command,
    HvacMode,
    SetHvacMode,
    SetPower,
    SetPreset,
    SetTargetTemperature,
)
from ..model import Channel, Reading
from .profile import MAIN, Encoded, Profile, set_readings, whole

# setMode / mode: 0 schedule, 1 manual, 2 power off, 3 energy saving, 4 comfort,
# 5 quick heating; by Home Assistant's preset names where it has one.
PRESETS = {"schedule": 0, "manual": 1, "eco": 3, "comfort": 4, "boost": 5}
OFF_MODE = 2
MIN_TEMPERATURE, MAX_TEMPERATURE = 4.0, 35.0


def _radiator() -> Channel:
    return Channel(
        key=MAIN,
        traits=ClimateTraits(
            hvac_modes=(HvacMode.OFF, HvacMode.HEAT),
            presets=tuple(PRESETS),
            min_temperature=MIN_TEMPERATURE,
            max_temperature=MAX_TEMPERATURE,
            temperature_step=1.0,
            thermostat=True,
        ),
        readings={Reading.TEMPERATURE: None, Reading.BATTERY: None},
    )


def _radiator_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, ClimateTraits)
    set_readings(
        channel, body, {Reading.TEMPERATURE: "temperature", Reading.BATTERY: "battery"}
    )
    mode = whole(body.get("mode"))
    if mode == OFF_MODE:
        channel.is_on, traits.hvac_mode = False, HvacMode.OFF
    elif mode in PRESETS.values():
        channel.is_on, traits.hvac_mode = True, HvacMode.HEAT
        traits.preset = next(k for k, v in PRESETS.items() if v == mode)


def _radiator_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetHvacMode(mode=HvacMode.OFF) | SetPower(on=False):
            return ("turnOff", "default")
        case SetHvacMode() | SetPower(on=True):
            return ("turnOn", "default")
        case SetPreset(preset=preset) if preset in PRESETS:
            return ("setMode", str(PRESETS[preset]))
        case SetPreset(preset=preset) if preset == NO_PRESET:
            return ("setMode", str(PRESETS["manual"]))
        case SetTargetTemperature(celsius=celsius):
            # Whole degrees 4-35 as the table gives them.
            value = round(max(MIN_TEMPERATURE, min(celsius, MAX_TEMPERATURE)))
            return ("setManualModeTemperature", str(value))
    return None


RADIATORS: dict[str, Profile] = {
    "Smart Radiator Thermostat": Profile(
        _radiator, _radiator_update, _radiator_commands, pushed=frozenset({"mode"})
    ),
}
