"""Shelly gen1 sensors: flood, smoke, gas, door/window, motion, add-on probes, button presses."""

from __future__ import annotations

from typing import Any

from ..features import PressKind
from ..model import Channel, Flag, PressTraits, Reading
from ..values import number, whole
from .fields import as_bool, as_dict, as_list

# inputs[].event: how the button was last pressed (S short, L long).
PRESSES = {
    "S": PressKind.SINGLE,
    "SS": PressKind.DOUBLE,
    "SSS": PressKind.TRIPLE,
    "L": PressKind.LONG,
    "SL": PressKind.SINGLE_LONG,
    "LS": PressKind.LONG_SINGLE,
}
# Input modes in which a wired switch is a push button whose presses count.
BUTTON_MODES = {"momentary", "momentary_on_release"}
GAS_ALARMS = {"mild", "heavy"}


def _valid(part: dict[str, Any]) -> bool:
    # `is_valid` false marks a reading the sensor could not take; some
    # firmware sends it as the string "true".
    valid = part.get("is_valid", True)
    return valid is True or valid == "true"


def device_sensors(status: dict[str, Any], device: Channel) -> None:
    """What a gen1 sensor reports about the room it is in, into its device channel."""
    flags, readings = device.flags, device.readings
    if "flood" in status:
        flags[Flag.MOISTURE] = as_bool(status["flood"])
    if "smoke" in status:
        flags[Flag.SMOKE] = as_bool(status["smoke"])
    if "gas_sensor" in status:
        alarm = as_dict(status["gas_sensor"]).get("alarm_state")
        flags[Flag.GAS] = alarm in GAS_ALARMS if isinstance(alarm, str) else None
        concentration = as_dict(status.get("concentration"))
        readings[Reading.GAS] = (
            number(concentration.get("ppm")) if _valid(concentration) else None
        )
    sensor = as_dict(status.get("sensor"))
    if "state" in sensor:
        state = sensor["state"] if _valid(sensor) else None
        flags[Flag.DOOR] = {"open": True, "close": False}.get(str(state))
    if "motion" in sensor:
        flags[Flag.MOTION] = as_bool(sensor["motion"])
    if "vibration" in sensor:
        flags[Flag.VIBRATION] = as_bool(sensor["vibration"])
    accel = as_dict(status.get("accel"))
    if "tilt" in accel:
        tilt = number(accel["tilt"])
        # -1 means the sensor was not calibrated.
        readings[Reading.TILT] = None if tilt is None or tilt < 0 else tilt
    if "vibration" in accel:
        vibration = accel["vibration"]
        flags[Flag.VIBRATION] = None if vibration == -1 else as_bool(vibration)
    lux = as_dict(status.get("lux"))
    if "value" in lux:
        readings[Reading.ILLUMINANCE] = number(lux["value"]) if _valid(lux) else None
    if "charger" in status:
        flags[Flag.EXTERNAL_POWER] = as_bool(status["charger"])


def probes(status: dict[str, Any]) -> list[Channel]:
    """The add-on's temperature and humidity probes, one channel each."""
    channels: dict[str, Channel] = {}
    for part, reading, field in (
        ("ext_temperature", Reading.TEMPERATURE, "tC"),
        ("ext_humidity", Reading.HUMIDITY, "hum"),
    ):
        for raw, value in as_dict(status.get(part)).items():
            index = whole(raw, text=True)
            if index is None:
                continue
            channel = channels.setdefault(
                f"ext:{index}", Channel(key=f"ext:{index}", index=index)
            )
            channel.readings[reading] = number(as_dict(value).get(field))
    return list(channels.values())


def is_button(code: str, settings: dict[str, Any], index: int) -> bool:
    """Whether input `index` is a push button (Button1, i3, a relay's momentary switch)."""
    if code.startswith("SHBTN"):
        return True
    for part in ("inputs", "relays"):
        entries = as_list(settings.get(part))
        if index < len(entries):
            mode = as_dict(entries[index]).get("btn_type")
            if isinstance(mode, str):
                return mode in BUTTON_MODES
    return False


def button(index: int, value: dict[str, Any]) -> Channel:
    """A push button: how many presses the device counted, and how the last was."""
    event = value.get("event")
    return Channel(
        key=f"input:{index}",
        index=index,
        traits=PressTraits(
            presses=whole(value.get("event_cnt")),
            last=PRESSES.get(event) if isinstance(event, str) else None,
        ),
    )
