"""Shelly gen1 status shapes: relays[], rollers[], lights[], meters[], emeters[], inputs[], sensors."""

from __future__ import annotations

from typing import Any

from ..model import (
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    LightTraits,
    Motion,
    Reading,
    SwitchTraits,
)
from ..values import clamp, number, whole
from . import gen1_sensors
from .fields import (
    WATT_MINUTES_PER_KWH,
    WH_PER_KWH,
    as_bool,
    as_dict,
    as_list,
    device_channel,
    name,
    scaled,
)

# rollers[].state is the direction of motion, or "stop".
ROLLER_MOTION = {"open": Motion.OPENING, "close": Motion.CLOSING}
WHITE_KELVIN = (2700, 6500)  # Shelly Duo and Vintage bulbs (`temp`)


def _metered(channel: Channel, meter: Any) -> Channel:
    meter = as_dict(meter)
    if "power" in meter:
        channel.readings[Reading.POWER] = number(meter["power"])
    if "total" in meter:
        channel.readings[Reading.ENERGY] = scaled(meter["total"], WATT_MINUTES_PER_KWH)
    return channel


def _relays(status: dict[str, Any], settings: dict[str, Any]) -> list[Channel]:
    meters = as_list(status.get("meters"))
    names = as_list(settings.get("relays"))
    return [
        _metered(
            Channel(
                key=f"relay:{index}",
                index=index,
                name=name(as_dict(names[index]).get("name"))
                if index < len(names)
                else None,
                traits=SwitchTraits(),
                is_on=as_bool(as_dict(relay).get("ison")),
            ),
            meters[index] if index < len(meters) else None,
        )
        for index, relay in enumerate(as_list(status.get("relays")))
    ]


def _rollers(status: dict[str, Any], settings: dict[str, Any]) -> list[Channel]:
    meters = as_list(status.get("meters"))
    channels = []
    for index, roller in enumerate(as_list(status.get("rollers"))):
        roller = as_dict(roller)
        # Without calibration (`positioning` false) the roller knows no position.
        calibrated = roller.get("positioning") is True
        position = whole(roller.get("current_pos")) if calibrated else None
        channel = Channel(
            key=f"roller:{index}",
            index=index,
            traits=CoverTraits(
                CoverClass.SHUTTER,
                position=None if position is None else clamp(position),
                motion=ROLLER_MOTION.get(str(roller.get("state"))),
                supports_position=calibrated,
            ),
        )
        channels.append(
            _metered(channel, meters[index] if index < len(meters) else None)
        )
    return channels


def _lights(status: dict[str, Any], settings: dict[str, Any]) -> list[Channel]:
    meters = as_list(status.get("meters"))
    names = as_list(settings.get("lights"))
    channels = []
    for index, light in enumerate(as_list(status.get("lights"))):
        light = as_dict(light)
        color = light.get("mode") == "color"
        # In colour mode these lights dim through `gain`, not `brightness`.
        level = whole(light.get("gain" if color else "brightness"))
        traits = LightTraits(
            brightness=None if level is None else clamp(level),
            supports_rgb=color,
            kelvin_range=WHITE_KELVIN if "temp" in light else None,
        )
        if color:
            rgb = (
                whole(light.get("red")),
                whole(light.get("green")),
                whole(light.get("blue")),
            )
            if None not in rgb:
                red, green, blue = (clamp(c or 0, 0, 255) for c in rgb)
                traits.rgb = (red, green, blue)
        if traits.kelvin_range:
            traits.color_temp = whole(light.get("temp"))
        channel = Channel(
            key=f"light:{index}",
            index=index,
            name=name(as_dict(names[index]).get("name"))
            if index < len(names)
            else None,
            traits=traits,
            is_on=as_bool(light.get("ison")),
        )
        channels.append(
            _metered(channel, meters[index] if index < len(meters) else None)
        )
    return channels


def _emeters(status: dict[str, Any]) -> list[Channel]:
    channels = []
    for index, emeter in enumerate(as_list(status.get("emeters"))):
        emeter = as_dict(emeter)
        channels.append(
            Channel(
                key=f"emeter:{index}",
                index=index,
                readings={
                    Reading.POWER: number(emeter.get("power")),
                    Reading.VOLTAGE: number(emeter.get("voltage")),
                    Reading.CURRENT: number(emeter.get("current")),
                    Reading.ENERGY: scaled(emeter.get("total"), WH_PER_KWH),
                },
            )
        )
    return channels


def _inputs(
    status: dict[str, Any], settings: dict[str, Any], code: str
) -> list[Channel]:
    channels = []
    for index, item in enumerate(as_list(status.get("inputs"))):
        item = as_dict(item)
        if gen1_sensors.is_button(code, settings, index):
            channels.append(gen1_sensors.button(index, item))
        else:
            channels.append(
                Channel(
                    key=f"input:{index}",
                    index=index,
                    flags={Flag.INPUT: as_bool(item.get("input"))},
                )
            )
    return channels


# The parts of a gen1 status that are objects or lists yet no device function.
HOUSEKEEPING = frozenset(
    {"wifi_sta", "wifi_sta1", "cloud", "mqtt", "update", "actions_stats",
     "act_reasons", "ext_sensors", "ext_switch", "tmp", "hum", "bat", "sensor",
     "accel", "lux", "gas_sensor", "concentration", "ext_temperature",
     "ext_humidity", "relays", "rollers", "lights", "meters", "emeters",
     "inputs", "time", "ble", "debug"}
)  # fmt: skip


def gen1_channels(
    status: dict[str, Any], settings: dict[str, Any], online: bool, code: str = ""
) -> tuple[list[Channel], list[str]]:
    """Every channel of a gen1 device, and the parts of its status nothing maps."""
    # A Shelly 2.5 lists relays[] in roller mode too: its mode says which is real.
    mode = settings.get("mode")
    channels = [] if mode == "roller" else _relays(status, settings)
    channels += _rollers(status, settings) + _lights(status, settings)
    channels += _emeters(status) + _inputs(status, settings, code)
    channels += gen1_sensors.probes(status)
    readings: dict[Reading, float | None] = {}
    if "hum" in status:
        # An H&T: `tmp` is the room's temperature.
        readings[Reading.TEMPERATURE] = number(as_dict(status.get("tmp")).get("tC"))
        readings[Reading.HUMIDITY] = number(as_dict(status["hum"]).get("value"))
    elif "tmp" in status and (
        "bat" in status or "flood" in status or "sensor" in status
    ):
        # A battery sensor's `tmp` is the room's temperature too.
        readings[Reading.TEMPERATURE] = number(as_dict(status["tmp"]).get("tC"))
    elif "tmp" in status:
        # Relays and dimmers: `tmp` is the device's own temperature.
        readings[Reading.DEVICE_TEMPERATURE] = number(as_dict(status["tmp"]).get("tC"))
    if "bat" in status:
        readings[Reading.BATTERY] = number(as_dict(status["bat"]).get("value"))
    if "wifi_sta" in status:
        readings[Reading.SIGNAL] = number(as_dict(status["wifi_sta"]).get("rssi"))
    device = device_channel(readings, online)
    gen1_sensors.device_sensors(status, device)
    unmapped = [
        key
        for key, value in status.items()
        if isinstance(value, dict | list)
        and not key.startswith("_")
        and key not in HOUSEKEEPING
    ]
    return [*channels, device], unmapped


def gen1_name(settings: dict[str, Any]) -> str | None:
    """The name the user gave the device."""
    return name(settings.get("name"))
