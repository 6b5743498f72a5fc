"""SwitchBot Bot, plugs and relay switches: on/off, press, their meters, a 2PM in roller mode."""

from __future__ import annotations

from typing import Any

from ..commands import (
    Command,
    Press,
    SetPower,
)
from ..model import (
    ButtonTraits,
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    Reading,
    SwitchTraits,
)
from .covers import position_commands
from .profile import (
    MAIN,
    MILLIAMPS_PER_AMP,
    WATT_MINUTES_PER_KWH,
    Encoded,
    Profile,
    number,
    power,
    power_commands,
    scaled,
    set_flag,
    set_readings,
    switch_state,
    whole,
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
    Reading.POWER: "weight",
    Reading.USAGE_TODAY: "electricityOfDay",
}


def _plug_mini() -> Channel:
    readings = dict.fromkeys([*_PLUG_MINI, Reading.CURRENT])
    return Channel(key=MAIN, traits=SwitchTraits(), readings=readings)


def _plug_mini_update(channel: Channel, body: dict[str, Any]) -> None:
    channel.is_on = power(body)
    set_readings(channel, body, _PLUG_MINI)
    if "electricCurrent" in body:
        # The 2026-05 document gives mA (the first one said A): it stands.
        channel.readings[Reading.CURRENT] = scaled(
            body["electricCurrent"], MILLIAMPS_PER_AMP
        )


def toggle_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    """turnOn/turnOff, sent as the command table gives them."""
    return power_commands(channel, command, last)


# -- relays and the EU plug: switchStatus 0/1, metered in W, V, mA, watt-minutes --

_METERED = (Reading.POWER, Reading.VOLTAGE, Reading.CURRENT, Reading.ENERGY)


def _meter_of(channel: Channel, body: dict[str, Any], prefix: str = "") -> None:
    """power, voltage, electricCurrent (mA) and usedElectricity (watt-minutes a day)."""

    def field(name: str) -> str:
        return f"{prefix}{name[0].upper()}{name[1:]}" if prefix else name

    if field("power") in body and not isinstance(body[field("power")], str):
        channel.readings[Reading.POWER] = number(body[field("power")])
    if field("voltage") in body:
        channel.readings[Reading.VOLTAGE] = number(body[field("voltage")])
    if field("electricCurrent") in body:
        channel.readings[Reading.CURRENT] = scaled(
            body[field("electricCurrent")], MILLIAMPS_PER_AMP
        )
    if field("usedElectricity") in body:
        channel.readings[Reading.ENERGY] = scaled(
            body[field("usedElectricity")], WATT_MINUTES_PER_KWH
        )


def _relay(*, metered: bool) -> Profile:
    def build() -> Channel:
        readings = dict.fromkeys(_METERED) if metered else {}
        flags = dict.fromkeys([Flag.OVERLOAD] if metered else []) | {
            Flag.OVERHEATED: None
        }
        return Channel(key=MAIN, traits=SwitchTraits(), readings=readings, flags=flags)

    def update(channel: Channel, body: dict[str, Any]) -> None:
        channel.is_on = switch_state(body.get("switchStatus"))
        if metered:
            _meter_of(channel, body)
            set_flag(channel, Flag.OVERLOAD, body.get("overload"))
        set_flag(channel, Flag.OVERHEATED, body.get("overTemperature"))

    pushed = frozenset({"switchStatus"})
    return Profile(build, update, toggle_commands, pushed=pushed)


# -- Relay Switch 2PM: two metered relays, or one roller motor -------------------

RELAYS = ("1", "2")


def roller_mode(body: dict[str, Any]) -> bool:
    """Whether a 2PM drives a roller blind: it reports a position, not its relays.

    The document lists both sets of fields; a 2PM in roller mode has no
    relays of its own to report, so a position without `switch1Status` is it.
    """
    return whole(body.get("position")) is not None and "switch1Status" not in body


def _relay_key(index: str) -> str:
    return MAIN if index == "1" else f"switch{index}"


def _two_pm() -> Channel:
    return _two_pm_relay("1")


def _two_pm_relay(index: str) -> Channel:
    return Channel(
        key=_relay_key(index),
        index=int(index) - 1,
        traits=SwitchTraits(),
        readings=dict.fromkeys(_METERED),
        flags={Flag.OVERLOAD: None},
    )


def _two_pm_extras(body: dict[str, Any]) -> list[Channel]:
    return [] if roller_mode(body) else [_two_pm_relay("2")]


def _two_pm_update(channel: Channel, body: dict[str, Any]) -> None:
    if channel.key == MAIN and roller_mode(body):
        if not isinstance(channel.traits, CoverTraits):
            channel.traits = CoverTraits(CoverClass.SHUTTER)
            channel.readings, channel.flags = (
                {},
                {Flag.CALIBRATION: None, Flag.STUCK: None},
            )
        _roller_update(channel, body)
        return
    if isinstance(channel.traits, CoverTraits):
        channel.traits = SwitchTraits()
        channel.readings = dict.fromkeys(_METERED)
        channel.flags = {Flag.OVERLOAD: None}
    index = "1" if channel.key == MAIN else channel.key.removeprefix("switch")
    channel.is_on = switch_state(body.get(f"switch{index}Status"))
    _meter_of(channel, body, f"switch{index}")
    set_flag(channel, Flag.OVERLOAD, body.get(f"switch{index}Overload"))


def _roller_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # The 2PM counts 0 open and 100 closed, as its setPosition does.
    if (position := whole(body.get("position"))) is not None:
        traits.position = 100 - max(0, min(position, 100))
        traits.motion = None
    set_flag(channel, Flag.CALIBRATION, _not(body.get("calibrate")))
    stuck = body.get("isStuck")
    set_flag(channel, Flag.STUCK, stuck == "true" if isinstance(stuck, str) else stuck)


def _not(value: Any) -> bool | None:
    return not value if isinstance(value, bool) else None


def _two_pm_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(channel.traits, CoverTraits):
        return position_commands(command)
    index = "1" if channel.key == MAIN else channel.key.removeprefix("switch")
    if isinstance(command, SetPower):
        # The 2PM's power commands name the channel as their parameter.
        return ("turnOn" if command.on else "turnOff", index)
    return None


SWITCHES: dict[str, Profile] = {
    "Bot": Profile(_bot, _bot_update, _bot_commands, pushed=frozenset({"power"})),
    "Plug": Profile(_plug, _plug_update, power_commands, pushed=frozenset({"power"})),
    "Plug Mini (US)": Profile(
        _plug_mini, _plug_mini_update, power_commands, pushed=frozenset({"power"})
    ),
    "Plug Mini (JP)": Profile(
        _plug_mini, _plug_mini_update, power_commands, pushed=frozenset({"power"})
    ),
    "Plug Mini (EU)": _relay(metered=True),
    "Relay Switch 1PM": _relay(metered=True),
    "Relay Switch 1": _relay(metered=False),
    "Relay Switch 2PM": Profile(
        _two_pm,
        _two_pm_update,
        _two_pm_commands,
        pushed=frozenset({"switch1Status", "switch2Status", "position"}),
        extras=_two_pm_extras,
    ),
}
