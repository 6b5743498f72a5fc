"""SwitchBot's virtual infrared remotes: remoteType → channels, neutral commands → IR calls.

A remote (an entry of the device list's `infraredRemoteList`) has no status
call: its channels are `assumed` and keep whatever was last sent, so the
client keeps a remote's Device from poll to poll. Every remote gets a
`remote` channel that sends any button by name; the types the command table
documents also get a channel for the appliance itself (air conditioner,
media, fan, light). "DIY " remote types (learnt by the user) take the
commands of their plain type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..appliance_model import (
    ButtonPurpose,
    ClimateTraits,
    MediaClass,
    MediaTraits,
    RemoteTraits,
)
from ..commands import (
    Command,
    HvacMode,
    MediaAction,
    MediaCommand,
    Press,
    SendButton,
    SetChannel,
    SetFanMode,
    SetFanSpeed,
    SetHvacMode,
    SetMute,
    SetOscillation,
    SetPower,
    SetTargetTemperature,
)
from ..model import ButtonTraits, Channel, Device, FanTraits, LightTraits

REMOTE = "remote"
APPLIANCE = "main"

# (command, parameter, commandType) of one POST /devices/{id}/commands.
type IrCall = tuple[str, str, str]

POWER_BUTTONS = ("turnOn", "turnOff")

# setAll "{temperature},{mode},{fan speed},{power}"; the document's own example
# temperature stands in until the user has set one.
AC_MODES = {
    HvacMode.AUTO: 1,
    HvacMode.COOL: 2,
    HvacMode.DRY: 3,
    HvacMode.FAN_ONLY: 4,
    HvacMode.HEAT: 5,
}
AC_FAN_MODES = {"auto": 1, "low": 2, "medium": 3, "high": 4}
AC_RANGE = (16, 30)
AC_DEFAULT_TEMPERATURE = 26

_TV_BUTTONS = ("volumeAdd", "volumeSub", "channelAdd", "channelSub")
_TV_KEYS = {
    MediaAction.VOLUME_UP: "volumeAdd",
    MediaAction.VOLUME_DOWN: "volumeSub",
    MediaAction.NEXT: "channelAdd",
    MediaAction.PREVIOUS: "channelSub",
}
_PLAYER_KEYS = {
    MediaAction.NEXT: "Next",
    MediaAction.PREVIOUS: "Previous",
    MediaAction.PLAY: "Play",
    MediaAction.PAUSE: "Pause",
    MediaAction.STOP: "Stop",
}
_PLAYER_BUTTONS = ("FastForward", "Rewind", *_PLAYER_KEYS.values())
_VOLUME_KEYS = {
    MediaAction.VOLUME_UP: "volumeAdd",
    MediaAction.VOLUME_DOWN: "volumeSub",
}
_FAN_SPEEDS = ("lowSpeed", "middleSpeed", "highSpeed")
_FAN_BUTTONS = ("swing", "timer", *_FAN_SPEEDS)
_LIGHT_STEPS = {
    ButtonPurpose.BRIGHTNESS_UP: "brightnessUp",
    ButtonPurpose.BRIGHTNESS_DOWN: "brightnessDown",
}


@dataclass(frozen=True, slots=True)
class IrType:
    """One remote type of the command table."""

    # Documented buttons besides turnOn/turnOff that take no parameter
    # (commandType "command"); setAll and SetChannel come from other commands.
    buttons: tuple[str, ...] = ()
    appliance: Callable[[], list[Channel]] | None = None
    media_keys: Mapping[MediaAction, str] = field(default_factory=dict)
    power: bool = True


def _air_conditioner() -> list[Channel]:
    traits = ClimateTraits(
        hvac_modes=(HvacMode.OFF, *AC_MODES),
        fan_modes=tuple(AC_FAN_MODES),
        min_temperature=AC_RANGE[0],
        max_temperature=AC_RANGE[1],
    )
    return [Channel(key=APPLIANCE, traits=traits, assumed=True)]


def _media(
    media_class: MediaClass | None, keys: Mapping[MediaAction, str], *, tv: bool
) -> Callable[[], list[Channel]]:
    def build() -> list[Channel]:
        traits = MediaTraits(
            actions=tuple(keys),
            media_class=media_class,
            supports_mute=True,
            supports_channels=tv,
        )
        return [Channel(key=APPLIANCE, traits=traits, assumed=True)]

    return build


def _fan() -> list[Channel]:
    traits = FanTraits(speed_count=len(_FAN_SPEEDS), supports_oscillation=True)
    return [Channel(key=APPLIANCE, traits=traits, assumed=True)]


def _light() -> list[Channel]:
    return [
        Channel(key=APPLIANCE, traits=LightTraits(dimmable=False), assumed=True),
        *(
            Channel(key=purpose.value, traits=ButtonTraits(purpose=purpose))
            for purpose in _LIGHT_STEPS
        ),
    ]


def _tv(media_class: MediaClass) -> IrType:
    # The v1.0 table lists setMute for these too; v1.1 only for players.
    return IrType(
        (*_TV_BUTTONS, "setMute"), _media(media_class, _TV_KEYS, tv=True), _TV_KEYS
    )


_SPEAKER_KEYS = {**_PLAYER_KEYS, **_VOLUME_KEYS}
TYPES: dict[str, IrType] = {
    "Air Conditioner": IrType(appliance=_air_conditioner),
    "TV": _tv(MediaClass.TV),
    "Streamer": _tv(MediaClass.RECEIVER),
    "Set Top Box": _tv(MediaClass.RECEIVER),
    "DVD": IrType(
        ("setMute", *_PLAYER_BUTTONS),
        _media(None, _PLAYER_KEYS, tv=False),
        _PLAYER_KEYS,
    ),
    "Speaker": IrType(
        ("setMute", *_PLAYER_BUTTONS, *_VOLUME_KEYS.values()),
        _media(MediaClass.SPEAKER, _SPEAKER_KEYS, tv=False),
        _SPEAKER_KEYS,
    ),
    "Fan": IrType(_FAN_BUTTONS, _fan),
    "Light": IrType(tuple(_LIGHT_STEPS.values()), _light),
    "Others": IrType(power=False),
}
# v1.0 and v1.1 name some types differently; the app sends shorter names still.
_ALIASES = {"IPTV/Streamer": "Streamer", "IPTV": "Streamer", "DVD Player": "DVD"}
# Projector, Camera, Air Purifier, Water Heater, vacuum cleaners: power only.
_POWER_ONLY = IrType()


def ir_type(remote_type: str) -> IrType:
    """The table row of a remoteType, "DIY " prefix or not."""
    name = remote_type.removeprefix("DIY ").strip()
    return TYPES.get(_ALIASES.get(name, name), _POWER_ONLY)


def remote_device(
    entry: Mapping[str, Any], known: set[str], previous: Device | None
) -> Device | None:
    """The Device of an `infraredRemoteList` entry; `previous` keeps its state."""
    device_id = str(entry.get("deviceId") or "")
    remote_type = str(entry.get("remoteType") or "")
    if not device_id or not remote_type:
        return None
    hub = entry.get("hubDeviceId")
    via = hub if isinstance(hub, str) and hub in known and hub != device_id else None
    name = str(entry.get("deviceName") or device_id)
    if previous is not None and previous.model_id == remote_type:
        # Only a failed command marks a remote offline; each poll forgives it.
        previous.name, previous.via_device, previous.online = name, via, True
        return previous
    ir = ir_type(remote_type)
    buttons = (*POWER_BUTTONS, *ir.buttons) if ir.power else ir.buttons
    device = Device(
        id=device_id,
        name=name,
        model=remote_type,
        model_id=remote_type,
        manufacturer="SwitchBot",
        via_device=via,
    )
    remote = RemoteTraits(
        remote_type=remote_type,
        buttons=buttons,
        supports_power=ir.power,
    )
    device.channels[REMOTE] = Channel(key=REMOTE, traits=remote, assumed=True)
    for channel in ir.appliance() if ir.appliance else []:
        device.channels[channel.key] = channel
    return device


def _set_all(traits: ClimateTraits, is_on: bool | None, command: Command) -> str | None:
    """The full setting after `command`: setAll always sends all four parts."""
    mode = traits.hvac_mode or HvacMode.AUTO
    temperature = traits.target_temperature or AC_DEFAULT_TEMPERATURE
    fan = traits.fan_mode or "auto"
    # Changing the temperature or fan of an AC that is off keeps it off.
    on = is_on is not False
    match command:
        case SetHvacMode(mode=HvacMode.OFF):
            on = False
        case SetHvacMode(mode=new_mode):
            mode, on = new_mode, True
        case SetTargetTemperature(celsius=celsius):
            temperature = celsius
        case SetFanMode(mode=new_fan):
            fan = new_fan
    if mode not in AC_MODES or fan not in AC_FAN_MODES:
        return None
    low, high = AC_RANGE
    degrees = round(max(low, min(temperature, high)))
    power = "on" if on else "off"
    return f"{degrees},{AC_MODES[mode]},{AC_FAN_MODES[fan]},{power}"


def _fan_speed(percent: int) -> str:
    # Three speeds: up to a third is low, up to two thirds medium.
    step = min(max(1, -(-percent * len(_FAN_SPEEDS) // 100)), len(_FAN_SPEEDS))
    return _FAN_SPEEDS[step - 1]


def encode_ir(device: Device, channel: Channel, command: Command) -> IrCall | None:
    """The IR call for `command`, or None when the remote has no such button."""
    ir = ir_type(device.model_id)
    traits = channel.traits
    match command:
        case SendButton(name=name):
            # The document's buttons are commands; all others were defined by
            # the user and must go out as "customize".
            documented = name in ir.buttons or (ir.power and name in POWER_BUTTONS)
            return (name, "default", "command" if documented else "customize")
        case SetPower(on=on) if ir.power:
            return ("turnOn" if on else "turnOff", "default", "command")
        case Press() if isinstance(traits, ButtonTraits) and traits.purpose:
            step = _LIGHT_STEPS.get(traits.purpose)
            return None if step is None else (step, "default", "command")
        case SetFanSpeed(percent=percent) if isinstance(traits, FanTraits):
            return (_fan_speed(percent), "default", "command")
        case SetOscillation() if isinstance(traits, FanTraits):
            # One "swing" key toggles oscillation either way.
            return ("swing", "default", "command")
        case MediaCommand(action=action) if action in ir.media_keys:
            return (ir.media_keys[action], "default", "command")
        case SetMute() if isinstance(traits, MediaTraits) and traits.supports_mute:
            # One key toggles mute either way.
            return ("setMute", "default", "command")
        case SetChannel(number=number) if (
            isinstance(traits, MediaTraits) and traits.supports_channels and number > 0
        ):
            return ("SetChannel", str(number), "command")
        case SetHvacMode() | SetTargetTemperature() | SetFanMode() if isinstance(
            traits, ClimateTraits
        ):
            setting = _set_all(traits, channel.is_on, command)
            return None if setting is None else ("setAll", setting, "command")
    return None


def record_sent(device: Device, call: IrCall) -> None:
    """Record what an accepted call set on every channel of the appliance.

    An appliance has one power state, whichever of its entities (the remote,
    the climate, the light) switched it; a setAll also fixes the parts the
    user left at their defaults.
    """
    name, parameter, command_type = call
    if command_type != "command":
        return
    if name in POWER_BUTTONS:
        on = name == "turnOn"
    elif name == "setAll":
        degrees, mode, fan, power = parameter.split(",")
        on = power == "on"
        for channel in device.channels.values():
            if isinstance(channel.traits, ClimateTraits):
                traits = channel.traits
                traits.target_temperature = float(degrees)
                traits.hvac_mode = _code_of(AC_MODES, int(mode))
                traits.fan_mode = _code_of(AC_FAN_MODES, int(fan))
    else:
        return
    for channel in device.channels.values():
        if not isinstance(channel.traits, ButtonTraits):
            channel.is_on = on


def _code_of[T](codes: Mapping[T, int], code: int) -> T:
    return next(key for key, value in codes.items() if value == code)
