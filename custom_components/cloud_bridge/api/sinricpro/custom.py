"""SinricPro template (CUSTOM) devices: one channel per capability, named by its instance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from ..appliance_model import RemoteTraits
from ..commands import (
    CloseCover,
    Command,
    OpenCover,
    SelectOption,
    SendButton,
    SetCoverPosition,
    SetNumber,
    SetPower,
)
from ..model import (
    Channel,
    CoverTraits,
    NumberPurpose,
    NumberTraits,
    SelectTraits,
    SwitchPurpose,
    SwitchTraits,
    Traits,
)
from ..values import clamp, number, whole
from .capabilities import Capability, Listed

type Action = tuple[str, dict[str, Any]]

# A keystroke remote has no power of its own; this names its kind.
KEYBOARD: Final = "keyboard"


def _level(entry: Capability) -> Traits:
    low = entry.minimum if entry.minimum is not None else 0.0
    high = entry.maximum if entry.maximum is not None and entry.maximum > low else 100.0
    return NumberTraits(NumberPurpose.LEVEL, minimum=low, maximum=high, step=entry.step or 1.0)


# A capability's action → (traits of its channel, the state field it reports).
CAPABILITIES: Final[dict[str, tuple[Callable[[Capability], Traits | None], str]]] = {
    "setToggleState": (lambda entry: SwitchTraits(), "toggleState"),
    "setStartStop": (lambda entry: SwitchTraits(SwitchPurpose.RUNNING), "start"),
    "setPauseUnpause": (lambda entry: SwitchTraits(SwitchPurpose.PAUSED), "pause"),
    "setRangeValue": (_level, "rangeValue"),
    "setPercentage": (lambda entry: NumberTraits(NumberPurpose.PERCENTAGE), "percentage"),
    "setMode": (
        lambda entry: SelectTraits(entry.options) if entry.options else None,
        "mode",
    ),
    "setOpenClose": (
        lambda entry: CoverTraits(None, supports_stop=False),
        "openPercent",
    ),
    "sendKeystroke": (
        lambda entry: RemoteTraits(remote_type=KEYBOARD, supports_power=False),
        "",
    ),
}


def custom_channels(listed: Listed) -> list[Channel]:
    """One channel per capability the template lists (power is the main channel's)."""
    channels = []
    for entry in listed.entries:
        make = CAPABILITIES.get(entry.action)
        traits = make[0](entry) if make else None
        if traits is None:
            continue  # adjust* actions step what a set* channel shows; a mode needs its options
        channels.append(
            Channel(
                key=entry.key,
                name=entry.name or entry.instance,
                traits=traits,
                assumed=isinstance(traits, RemoteTraits),
            )
        )
    return channels


def custom_fields(channel: Channel, fields: Mapping[str, Any]) -> None:
    """Read the field a capability's channel reports, if `fields` has it."""
    action = channel.key.partition(".")[0]
    field = CAPABILITIES[action][1] if action in CAPABILITIES else ""
    if not field or field not in fields:
        return
    value, traits = fields[field], channel.traits
    if isinstance(traits, SwitchTraits):
        if isinstance(value, str):
            value = value.lower() == "on" if value.lower() in ("on", "off") else None
        channel.is_on = value if isinstance(value, bool) else None
    elif isinstance(traits, NumberTraits):
        traits.value = number(value)
    elif isinstance(traits, SelectTraits):
        traits.option = value if isinstance(value, str) else None
        if traits.option and traits.option not in traits.options:
            traits.options = (*traits.options, traits.option)
    elif isinstance(traits, CoverTraits):
        level = whole(value)
        traits.position = None if level is None else clamp(level)


def instance_of(channel: Channel) -> str | None:
    """The instance a template channel's actions name; None for one without."""
    _, dot, instance = channel.key.partition(".")
    return instance if dot else None


def encode_custom(channel: Channel, command: Command) -> list[Action] | None:
    """The actions of a command to a template capability; None when it is not one."""
    action = channel.key.partition(".")[0]
    match action, command:
        case "setToggleState", SetPower(on=on):
            return [(action, {"state": "On" if on else "Off"})]
        case "setStartStop", SetPower(on=on):
            return [(action, {"start": on})]
        case "setPauseUnpause", SetPower(on=on):
            return [(action, {"pause": on})]
        case "setRangeValue", SetNumber(value=value):
            return [(action, {"rangeValue": _plain(value)})]
        case "setPercentage", SetNumber(value=value):
            return [(action, {"percentage": round(value)})]
        case "setMode", SelectOption(option=option):
            return [(action, {"mode": option})]
        case "setOpenClose", OpenCover() | CloseCover() | SetCoverPosition():
            return [(action, {"openPercent": _open_percent(command)})]
        case "sendKeystroke", SendButton(name=name):
            return [(action, {"keystroke": name})]
    return None


def _plain(value: float) -> float | int:
    """A level as the device defined it: whole where it has no fraction."""
    return int(value) if value == int(value) else value


def _open_percent(command: Command) -> int:
    if isinstance(command, SetCoverPosition):
        return command.position
    return 100 if isinstance(command, OpenCover) else 0
