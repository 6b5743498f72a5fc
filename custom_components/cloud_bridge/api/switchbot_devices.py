"""SwitchBot's physical device types: their channels, status fields and command names.

One profile per `deviceType` of the device list. A profile builds the device's
channel, reads a status body or a webhook `context` into it (the two share
field names, except `power`/`powerState`), and encodes neutral commands as
the document's command table gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .commands import (
    CloseCover,
    Command,
    OpenCover,
    Press,
    SetBrightness,
    SetColor,
    SetColorTemp,
    SetCoverPosition,
    SetLocked,
    SetTilt,
    StopCover,
)
from .model import (
    ButtonTraits,
    Channel,
    CoverClass,
    CoverTraits,
    Flag,
    LightTraits,
    LockState,
    LockTraits,
    Motion,
    Reading,
    SwitchTraits,
)
from .switchbot_appliances import CIRCULATOR_FAN, HUMIDIFIER, SMART_FAN, VACUUM
from .switchbot_keypad import KEYPAD
from .switchbot_profile import (
    KELVIN_RANGE,
    MAIN,
    Encoded,
    Profile,
    no_commands,
    parse_rgb,
    power,
    power_commands,
    set_readings,
    whole,
)

# -- sensors ---------------------------------------------------------------

_CLIMATE = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.BATTERY: "battery",
}
_HUB2 = {
    Reading.TEMPERATURE: "temperature",
    Reading.HUMIDITY: "humidity",
    Reading.LIGHT_LEVEL: "lightLevel",
}


def _meter(fields: dict[Reading, str]) -> Profile:
    def build() -> Channel:
        return Channel(key=MAIN, readings=dict.fromkeys(fields))

    def update(channel: Channel, body: dict[str, Any]) -> None:
        set_readings(channel, body, fields)

    return Profile(build, update, no_commands)


def _detected(body: dict[str, Any]) -> bool | None:
    if isinstance(body.get("moveDetected"), bool):
        return bool(body["moveDetected"])
    state = body.get("detectionState")
    return state == "DETECTED" if isinstance(state, str) else None


def _motion_update(channel: Channel, body: dict[str, Any]) -> None:
    if (detected := _detected(body)) is not None:
        channel.flags[Flag.MOTION] = detected
    if isinstance(body.get("brightness"), str):
        channel.flags[Flag.LIGHT] = body["brightness"] == "bright"
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _motion_sensor() -> Channel:
    return Channel(
        key=MAIN,
        flags={Flag.MOTION: None, Flag.LIGHT: None},
        readings={Reading.BATTERY: None},
    )


def _contact_sensor() -> Channel:
    channel = _motion_sensor()
    channel.flags[Flag.DOOR] = None
    return channel


def _contact_update(channel: Channel, body: dict[str, Any]) -> None:
    _motion_update(channel, body)
    if isinstance(body.get("openState"), str):
        # timeOutNotClose: left open for longer than the app's timeout.
        channel.flags[Flag.DOOR] = body["openState"] != "close"


def _camera() -> Channel:
    return Channel(key=MAIN, flags={Flag.MOTION: None})


# -- Bot and plugs -----------------------------------------------------------


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


# -- covers --------------------------------------------------------------------


def _curtain() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(CoverClass.CURTAIN),
        readings={Reading.BATTERY: None},
        flags={Flag.CALIBRATION: None},
    )


def _curtain_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # SwitchBot counts 0 = open, 100 = closed; Home Assistant the other way.
    if (slide := whole(body.get("slidePosition"))) is not None:
        traits.position = 100 - max(0, min(slide, 100))
    if body.get("moving") is False:
        traits.motion = None
    if isinstance(body.get("calibrate"), bool):
        channel.flags[Flag.CALIBRATION] = not body["calibrate"]
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _curtain_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetCoverPosition(position=position):
            return ("setPosition", f"0,ff,{100 - position}")
        case OpenCover():
            return ("turnOn", "default")
        case CloseCover():
            return ("turnOff", "default")
        case StopCover():
            return ("pause", "default")
    return None


def _blind_tilt() -> Channel:
    return Channel(
        key=MAIN,
        traits=CoverTraits(
            CoverClass.BLIND,
            supports_position=False,
            supports_tilt=True,
            supports_stop=False,
        ),
        readings={Reading.BATTERY: None},
        flags={Flag.CALIBRATION: None},
    )


def _blind_tilt_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, CoverTraits)
    # Blind Tilt counts 0 = closed, 100 = open, as Home Assistant does.
    if (slide := whole(body.get("slidePosition"))) is not None:
        traits.tilt = max(0, min(slide, 100))
    if isinstance(body.get("calibrate"), bool):
        channel.flags[Flag.CALIBRATION] = not body["calibrate"]
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _blind_tilt_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    # Tilt towards the side the slats already face.
    direction = "down" if str(last.get("direction", "")).lower() == "down" else "up"
    match command:
        case SetTilt(position=position):
            # The device takes even positions only.
            return ("setPosition", f"{direction};{position - position % 2}")
        case OpenCover():
            return ("fullyOpen", "default")
        case CloseCover():
            return ("closeDown" if direction == "down" else "closeUp", "default")
    return None


# -- lock and lights ---------------------------------------------


def _lock() -> Channel:
    return Channel(
        key=MAIN,
        traits=LockTraits(),
        readings={Reading.BATTERY: None},
        flags={Flag.DOOR: None},
    )


_LOCK_STATES = {
    "locked": LockState.LOCKED,
    "unlocked": LockState.UNLOCKED,
    "jammed": LockState.JAMMED,
}


def _lock_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, LockTraits)
    state = body.get("lockState")
    if isinstance(state, str) and state.lower() in _LOCK_STATES:
        traits.state = _LOCK_STATES[state.lower()]
    door = body.get("doorState")
    if isinstance(door, str):
        channel.flags[Flag.DOOR] = door.lower() in ("open", "opened")
    set_readings(channel, body, {Reading.BATTERY: "battery"})


def _lock_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    if isinstance(command, SetLocked):
        return ("lock" if command.locked else "unlock", "default")
    return None


def _light(*, rgb: bool, white: bool) -> Callable[[], Channel]:
    def build() -> Channel:
        return Channel(
            key=MAIN,
            traits=LightTraits(
                supports_rgb=rgb, kelvin_range=KELVIN_RANGE if white else None
            ),
        )

    return build


def _light_update(channel: Channel, body: dict[str, Any]) -> None:
    traits = channel.traits
    assert isinstance(traits, LightTraits)
    channel.is_on = power(body)
    if (brightness := whole(body.get("brightness"))) is not None:
        traits.brightness = max(0, min(brightness, 100))
    if traits.supports_rgb and (color := parse_rgb(body.get("color"))) is not None:
        traits.rgb = color
    if traits.kelvin_range and (kelvin := whole(body.get("colorTemperature"))):
        low, high = traits.kelvin_range
        traits.color_temp = max(low, min(kelvin, high))


def _light_commands(
    channel: Channel, command: Command, last: dict[str, Any]
) -> Encoded | None:
    match command:
        case SetBrightness(percent=percent):
            return ("setBrightness", str(max(1, min(percent, 100))))
        case SetColor(rgb=(red, green, blue)):
            return ("setColor", f"{red}:{green}:{blue}")
        case SetColorTemp(kelvin=kelvin):
            low, high = KELVIN_RANGE
            return ("setColorTemperature", str(max(low, min(kelvin, high))))
    return power_commands(channel, command, last)


def _hub() -> Channel:
    return Channel(key=MAIN)


def _ignore(channel: Channel, body: dict[str, Any]) -> None:
    return None


PROFILES: dict[str, Profile] = {
    "Bot": Profile(_bot, _bot_update, _bot_commands),
    "Plug": Profile(_plug, _plug_update, power_commands),
    "Plug Mini (US)": Profile(_plug_mini, _plug_mini_update, power_commands),
    "Plug Mini (JP)": Profile(_plug_mini, _plug_mini_update, power_commands),
    "Curtain": Profile(_curtain, _curtain_update, _curtain_commands),
    "Curtain3": Profile(_curtain, _curtain_update, _curtain_commands),
    "Blind Tilt": Profile(_blind_tilt, _blind_tilt_update, _blind_tilt_commands),
    "Smart Lock": Profile(_lock, _lock_update, _lock_commands),
    "Smart Lock Pro": Profile(_lock, _lock_update, _lock_commands),
    "Meter": _meter(_CLIMATE),
    "MeterPlus": _meter(_CLIMATE),
    "Meter Plus": _meter(_CLIMATE),
    "WoIOSensor": _meter(_CLIMATE),
    "Hub 2": _meter(_HUB2),
    "Motion Sensor": Profile(_motion_sensor, _motion_update, no_commands),
    "Contact Sensor": Profile(_contact_sensor, _contact_update, no_commands),
    "Color Bulb": Profile(_light(rgb=True, white=True), _light_update, _light_commands),
    "Strip Light": Profile(
        _light(rgb=True, white=False), _light_update, _light_commands
    ),
    "Ceiling Light": Profile(
        _light(rgb=False, white=True), _light_update, _light_commands
    ),
    "Ceiling Light Pro": Profile(
        _light(rgb=False, white=True), _light_update, _light_commands
    ),
    "Humidifier": HUMIDIFIER,
    "Battery Circulator Fan": CIRCULATOR_FAN,
    "Smart Fan": SMART_FAN,
    "Robot Vacuum Cleaner S1": VACUUM,
    "Robot Vacuum Cleaner S1 Plus": VACUUM,
    "Indoor Cam": Profile(_camera, _motion_update, no_commands, polled=False),
    "Pan/Tilt Cam": Profile(_camera, _motion_update, no_commands, polled=False),
    "Keypad": KEYPAD,
    "Keypad Touch": KEYPAD,
}
HUB_TYPES = {"Hub", "Hub Plus", "Hub Mini"}

# Webhook `deviceType` names → device-list names (vendor notes and the webhook table).
WEBHOOK_TYPES = {
    "WoHand": "Bot",
    "WoCurtain": "Curtain",
    "WoCurtain3": "Curtain3",
    "WoPresence": "Motion Sensor",
    "WoContact": "Contact Sensor",
    "WoLock": "Smart Lock",
    "WoCamera": "Indoor Cam",
    "WoPanTiltCam": "Pan/Tilt Cam",
    "WoBulb": "Color Bulb",
    "WoStrip": "Strip Light",
    "WoPlugUS": "Plug Mini (US)",
    "WoPlugJP": "Plug Mini (JP)",
    "WoMeter": "Meter",
    "WoMeterPlus": "MeterPlus",
    "WoIOSensor": "WoIOSensor",
    "WoCeiling": "Ceiling Light",
    "WoCeilingPro": "Ceiling Light Pro",
    "WoHub2": "Hub 2",
    "WoFan2": "Battery Circulator Fan",
    "WoSweeper": "Robot Vacuum Cleaner S1",
    "WoSweeperPlus": "Robot Vacuum Cleaner S1 Plus",
    "WoKeypad": "Keypad",
    "WoKeypadTouch": "Keypad Touch",
}


def cover_motion(channel: Channel, command: Command) -> None:
    """After a move command, show which way the cover is going until it reports."""
    traits = channel.traits
    if not isinstance(traits, CoverTraits):
        return
    match command:
        case OpenCover():
            traits.motion = Motion.OPENING
        case CloseCover():
            traits.motion = Motion.CLOSING
        case SetCoverPosition(position=target) if traits.position is not None:
            traits.motion = (
                Motion.OPENING if target > traits.position else Motion.CLOSING
            )
        case StopCover():
            traits.motion = None
