"""What an accepted command shows at once, before the cloud confirms it (optimistic state)."""

from __future__ import annotations

from .appliance_model import ClimateTraits, MediaTraits, Playback
from .commands import (
    CloseCover,
    Command,
    HvacMode,
    MediaAction,
    MediaCommand,
    OpenCover,
    OpenLock,
    PauseCleaning,
    Press,
    ReturnToBase,
    SelectOption,
    SelectSoundMode,
    SelectSource,
    SetBrightness,
    SetChannel,
    SetChannelName,
    SetColor,
    SetColorTemp,
    SetCoverPosition,
    SetFanMode,
    SetFanSpeed,
    SetHvacMode,
    SetLocked,
    SetMute,
    SetNumber,
    SetOscillation,
    SetPower,
    SetPowerFor,
    SetPreset,
    SetTargetHumidity,
    SetTargetTemperature,
    SetTilt,
    SetVolume,
    StartCleaning,
    StopCleaning,
)
from .model import (
    Channel,
    CoverTraits,
    FanTraits,
    HumidifierTraits,
    LightTraits,
    LockState,
    LockTraits,
    Motion,
    NumberTraits,
    SelectTraits,
    VacuumActivity,
    VacuumTraits,
)


def apply_command(channel: Channel, command: Command) -> None:
    """Show the effect of an accepted command before the cloud confirms it."""
    traits = channel.traits
    match command:
        case SetPower(on=on) | SetPowerFor(on=on):
            channel.is_on = on
        case SetBrightness(percent=percent) if isinstance(traits, LightTraits):
            traits.brightness, channel.is_on = percent, True
        case SetColor(rgb=rgb, white=white) if isinstance(traits, LightTraits):
            traits.rgb, traits.color_temp, channel.is_on = rgb, None, True
            if white is not None:
                traits.white = white
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
        case PauseCleaning() if isinstance(traits, VacuumTraits):
            traits.activity = VacuumActivity.PAUSED
        case SetNumber(value=value) if isinstance(traits, NumberTraits):
            traits.value = value
        case SelectOption(option=option) if isinstance(traits, SelectTraits):
            traits.option = option
        case OpenLock() if isinstance(traits, LockTraits):
            traits.state = LockState.UNLOCKED
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
            traits.channel_number, traits.channel_name = number, None
        case SetChannelName(name=name) if isinstance(traits, MediaTraits):
            traits.channel_name, traits.channel_number = name, None
        case SetVolume(percent=percent) if isinstance(traits, MediaTraits):
            traits.volume = percent
        case SelectSource(source=source) if isinstance(traits, MediaTraits):
            traits.source = source
        case SelectSoundMode(mode=mode) if isinstance(traits, MediaTraits):
            traits.sound_mode = mode
        case MediaCommand(action=action) if isinstance(traits, MediaTraits):
            if action in _PLAYBACK:
                traits.playback = _PLAYBACK[action]
            elif traits.supports_channels and action in (
                MediaAction.NEXT,
                MediaAction.PREVIOUS,
            ):
                # Stepping skips channels the TV left out: the number is unknown.
                traits.channel_number = traits.channel_name = None
