"""SinricPro TVs and speakers: their channels, the state fields they report, the actions they take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..appliance_model import ButtonPurpose, MediaClass, MediaTraits, Playback
from ..commands import (
    Command,
    MediaAction,
    MediaCommand,
    Press,
    SelectSoundMode,
    SelectSource,
    SetChannel,
    SetChannelName,
    SetMute,
    SetNumber,
    SetVolume,
)
from ..model import ButtonTraits, Channel, NumberPurpose, NumberTraits
from ..values import clamp, whole
from .capabilities import Listed

type Action = tuple[str, dict[str, Any]]

MAIN: Final = "main"
MEDIA_TYPES: Final = {"TV": MediaClass.TV, "SPEAKER": MediaClass.SPEAKER}
# Inputs and sound modes offered when the device lists none of its own
# (the names Alexa's input and mode controllers use).
DEFAULT_INPUTS: Final = ("HDMI1", "HDMI2", "HDMI3", "HDMI4", "AV", "TV", "USB")
DEFAULT_SOUND_MODES: Final = ("MOVIE", "MUSIC", "NIGHT", "SPORT", "TV")
# Volume steps of volume up and down, in %.
VOLUME_STEP: Final = 5
# Equaliser bands and the steps each takes.
BANDS: Final = {
    "bass": (NumberPurpose.BASS, "BASS"),
    "midrange": (NumberPurpose.MIDRANGE, "MIDRANGE"),
    "treble": (NumberPurpose.TREBLE, "TREBLE"),
}
BAND_RANGE: Final = (-6.0, 6.0)

# mediaControl words: the keys Home Assistant presses, then the buttons of the rest.
CONTROLS: Final = {
    MediaAction.PLAY: "Play",
    MediaAction.PAUSE: "Pause",
    MediaAction.STOP: "Stop",
    MediaAction.NEXT: "Next",
    MediaAction.PREVIOUS: "Previous",
}
CONTROL_BUTTONS: Final = {
    ButtonPurpose.REWIND: "Rewind",
    ButtonPurpose.FAST_FORWARD: "FastForward",
    ButtonPurpose.START_OVER: "StartOver",
}
CHANNEL_STEPS: Final = {ButtonPurpose.CHANNEL_UP: 1, ButtonPurpose.CHANNEL_DOWN: -1}
PLAYBACK: Final = {"play": Playback.PLAYING, "pause": Playback.PAUSED, "stop": Playback.STOPPED}


def media_channels(kind: str, listed: Listed) -> list[Channel]:
    """The media player of a TV or speaker, and the buttons and levels beside it."""
    steps = ("adjustVolume" in listed) or ("setVolume" in listed)
    controls = "mediaControl" in listed
    traits = MediaTraits(
        actions=(
            *((MediaAction.VOLUME_UP, MediaAction.VOLUME_DOWN) if steps else ()),
            *(CONTROLS if controls else ()),
        ),
        media_class=MEDIA_TYPES[kind],
        supports_mute="setMute" in listed,
        supports_channels="changeChannel" in listed,
        supports_channel_names="changeChannel" in listed,
        supports_volume_set="setVolume" in listed,
        sources=_options(listed, "selectInput", DEFAULT_INPUTS),
        sound_modes=_options(listed, "setMode", DEFAULT_SOUND_MODES)
        if kind == "SPEAKER"
        else (),
    )
    channels = [Channel(key=MAIN, traits=traits)]
    buttons = [*(CONTROL_BUTTONS if controls else ())]
    if "skipChannels" in listed:
        buttons.extend(CHANNEL_STEPS)
    if "resetBands" in listed:
        buttons.append(ButtonPurpose.RESET_EQUALIZER)
    channels.extend(
        Channel(key=purpose.value, traits=ButtonTraits(purpose)) for purpose in buttons
    )
    if "setBands" in listed:
        low, high = BAND_RANGE
        channels.extend(
            Channel(key=key, traits=NumberTraits(purpose, minimum=low, maximum=high))
            for key, (purpose, _) in BANDS.items()
        )
    return channels


def _options(listed: Listed, action: str, defaults: tuple[str, ...]) -> tuple[str, ...]:
    entry = listed.entry(action)
    if entry is None:
        return ()
    return entry.options or defaults


def media_fields(channels: Mapping[str, Channel], fields: Mapping[str, Any]) -> None:
    """Read a TV's or speaker's state fields present in `fields`."""
    traits = channels[MAIN].traits
    if not isinstance(traits, MediaTraits):
        return
    if "volume" in fields and (volume := whole(fields["volume"])) is not None:
        traits.volume = clamp(volume)
    if isinstance(fields.get("mute"), bool):
        traits.muted = fields["mute"]
    if isinstance(fields.get("input"), str):
        traits.source = fields["input"]
        if traits.sources:
            traits.sources = _with(traits.sources, fields["input"])
    if isinstance(fields.get("mode"), str) and traits.sound_modes:
        traits.sound_mode = fields["mode"]
        traits.sound_modes = _with(traits.sound_modes, fields["mode"])
    if isinstance(channel := fields.get("channel"), Mapping):
        traits.channel_number = whole(channel.get("number"), text=True)
        name = channel.get("name")
        traits.channel_name = name if isinstance(name, str) and name else None
    if isinstance(control := fields.get("mediaControl"), str):
        traits.playback = PLAYBACK.get(control.lower(), traits.playback)
    for key, band in _bands(fields.get("bands")).items():
        level = channels.get(key)
        if level is not None and isinstance(level.traits, NumberTraits):
            level.traits.value = band


def _with(options: tuple[str, ...], option: str) -> tuple[str, ...]:
    """The options, with one the device reports that it did not list."""
    return options if option in options else (*options, option)


def _bands(raw: Any) -> dict[str, float]:
    """Band levels by channel key, from {NAME: value} or [{name, value}]."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, Mapping):
        pairs = list(raw.items())
    elif isinstance(raw, list):
        pairs = [(b.get("name"), b.get("value", 0)) for b in raw if isinstance(b, dict)]
    levels = {}
    for name, value in pairs:
        level = whole(value)
        if isinstance(name, str) and name.lower() in BANDS and level is not None:
            levels[name.lower()] = float(level)
    return levels


def encode_media(channel: Channel, command: Command) -> list[Action] | None:
    """The actions of a command to a TV or speaker; None when it is not one of theirs."""
    traits = channel.traits
    match command:
        case SetVolume(percent=percent):
            return [("setVolume", {"volume": percent})]
        case MediaCommand(action=MediaAction.VOLUME_UP | MediaAction.VOLUME_DOWN as key):
            step = VOLUME_STEP if key is MediaAction.VOLUME_UP else -VOLUME_STEP
            current = traits.volume if isinstance(traits, MediaTraits) else None
            settable = isinstance(traits, MediaTraits) and traits.supports_volume_set
            if current is None or not settable:
                # From a volume nobody knows, only a step is a step.
                return [("adjustVolume", {"volume": step})]
            return [("setVolume", {"volume": clamp(current + step)})]
        case MediaCommand(action=action) if action in CONTROLS:
            return [("mediaControl", {"control": CONTROLS[action]})]
        case SetMute(muted=muted):
            return [("setMute", {"mute": muted})]
        case SelectSource(source=source):
            return [("selectInput", {"input": source})]
        case SelectSoundMode(mode=mode):
            return [("setMode", {"mode": mode})]
        case SetChannel(number=number):
            return [("changeChannel", {"channel": {"number": str(number)}})]
        case SetChannelName(name=name):
            return [("changeChannel", {"channel": {"name": name}})]
        case SetNumber(value=value) if channel.key in BANDS:
            band = BANDS[channel.key][1]
            return [("setBands", {"bands": [{"name": band, "value": round(value)}]})]
        case Press() if isinstance(traits, ButtonTraits) and traits.purpose:
            return _press(traits.purpose)
    return None


def _press(purpose: ButtonPurpose) -> list[Action] | None:
    if purpose in CONTROL_BUTTONS:
        return [("mediaControl", {"control": CONTROL_BUTTONS[purpose]})]
    if purpose in CHANNEL_STEPS:
        return [("skipChannels", {"channelCount": CHANNEL_STEPS[purpose]})]
    if purpose is ButtonPurpose.RESET_EQUALIZER:
        return [("resetBands", {"bands": [{"name": b} for _, b in BANDS.values()]})]
    return None
