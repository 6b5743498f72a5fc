"""SwitchBot Bot and plugs: on/off, press, and the Plug Mini's meter."""

from __future__ import annotations

from typing import Any

from ..commands import (
    Command,
    Press,
)
from ..model import (
    ButtonTraits,
    Channel,
    Reading,
    SwitchTraits,
)
from .profile import (
    MAIN,
    Encoded,
    Profile,
    power,
    power_commands,
    set_readings,
)


def _bot() -> Channel:
    return Channel(key=MAIN, traits=SwitchTraits(), readings={Reading.BATTERY: None})


def _bot_update(channel: Channel, body: dict[str, Any]) -> None:
    # A Bot in press mode has no lasting on/off: it is a button.
    mode = body.get("deviceMode")
    if mode == "pressMode":
        channel.traits = ButtonTraits()
    elif isinstance(mode, str):
        channel.traits = SwitchTraits()
    channel.is_on = power(body)
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _bot_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(command, Press):
        return ("press", "default")
    return power_commands(channel, command, last)


def _plug() -> Channel:
    return Channel(key=MAIN, traits=SwitchTraits())


def _plug_update(channel: Channel, body: dict[str, Any]) -> None:
    channel.is_on = power(body)


_PLUG_MINI = {
    Reading.VOLTAGE: "voltage",
    Reading.CURRENT: "electricCurrent",
    Reading.POWER: "weight",
    Reading.USAGE_TODAY: "electricityOfDay",
}


def _plug_mini() -> Channel:
    return Channel(key=MAIN, traits=SwitchTraits(), readings=dict.fromkeys(_PLUG_MINI))


def _plug_mini_update(channel: Channel, body: dict[str, Any]) -> None:
    channel.is_on = power(body)
    set_readings(channel, body, _PLUG_MINI)


SWITCHES: dict[str, Profile] = {
    "Bot": Profile(_bot, _bot_update, _bot_commands),
    "Plug": Profile(_plug, _plug_update, power_commands),
    "Plug Mini (US)": Profile(_plug_mini, _plug_mini_update, power_commands),
    "Plug Mini (JP)": Profile(_plug_mini, _plug_mini_update, power_commands),
}
