"""SinricPro event-stream messages read into the devices they concern."""

from __future__ import annotations

from collections.abc import Mapping
import json
from typing import Any

from ..features import ChannelEvent, ChannelEventType, DeviceChanged, PushEvent
from ..model import Device
from .devices import apply_fields
from .energy import EnergyTotals
from .media import MAIN

# A stream message's action → (key in its value, device field it sets).
ACTION_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "setPowerState": (("state", "powerState"),),
    "setBrightness": (("brightness", "brightness"),),
    "setPowerLevel": (("powerLevel", "powerLevel"),),
    "setColor": (("color", "color"),),
    "setColorTemperature": (("colorTemperature", "colorTemperature"),),
    "setRangeValue": (("rangeValue", "rangeValue"),),
    "setMode": (("mode", "mode"),),
    "setLockState": (("state", "lockState"),),
    "targetTemperature": (("temperature", "targetTemperature"),),
    "setThermostatMode": (("thermostatMode", "thermostatMode"),),
    "currentTemperature": (("temperature", "temperature"), ("humidity", "humidity")),
    "setContactState": (("state", "contactState"),),
    "motion": (("state", "lastMotionState"),),
    "adjustRangeValue": (("rangeValue", "rangeValue"),),
    "setVolume": (("volume", "volume"),),
    # The outcome of adjustVolume tells the volume it led to.
    "adjustVolume": (("volume", "volume"),),
    "setMute": (("mute", "mute"),),
    "mediaControl": (("control", "mediaControl"),),
    "selectInput": (("input", "input"),),
    "changeChannel": (("channel", "channel"),),
    "setBands": (("bands", "bands"),),
    "airQuality": (("pm1", "pm1"), ("pm2_5", "pm2_5"), ("pm10", "pm10")),
    "powerUsage": tuple(
        (key, key)
        for key in ("voltage", "current", "power", "apparentPower", "reactivePower", "factor")
    ),
    "setToggleState": (("state", "toggleState"),),
    "setPercentage": (("percentage", "percentage"),),
    "setOpenClose": (("openPercent", "openPercent"),),
    "setStartStop": (("start", "start"),),
    "setPauseUnpause": (("pause", "pause"),),
}


def message_fields(action: Any, value: Any) -> dict[str, Any]:
    """The device fields a stream message's action and value stand for."""
    pairs = ACTION_FIELDS.get(action, ()) if isinstance(action, str) else ()
    if not isinstance(value, dict):
        return {}
    return {field: value[key] for key, field in pairs if key in value}


def read_event(
    payload: Any, devices: Mapping[str, Device], energy: EnergyTotals | None = None
) -> PushEvent | None:
    """Read one stream event into `devices`; what it changed, or None.

    `deviceMessageArrived` comes in two shapes: state fields on `device` (as
    the API document shows), or `message.deviceId` with `message.payload`
    {action, value}. Never raises on a malformed event.
    """
    if not isinstance(payload, dict):
        return None
    kind = payload.get("event")
    raw_device = payload.get("device")
    message = payload.get("message")
    if isinstance(message, dict) and kind == "deviceMessageArrived":
        body = message.get("payload")
        body = body if isinstance(body, dict) else {}
        device = devices.get(str(message.get("deviceId") or body.get("deviceId")))
        if device is None or body.get("success") is False:
            # A failed request changed nothing; the missing outcome gets it read again.
            return None
        action, value = body.get("action"), body.get("value")
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if action == "DoorbellPress":
            return ChannelEvent(device.id, MAIN, ChannelEventType.RING)
        if action == "powerUsage" and energy is not None and isinstance(value, dict):
            energy.add(device, value)
        instance = body.get("instanceId")
        apply_fields(
            device,
            message_fields(action, value),
            instance if isinstance(instance, str) and instance else None,
        )
        return DeviceChanged(device.id)
    if not isinstance(raw_device, dict):
        return None
    device = devices.get(str(raw_device.get("id")))
    if device is None:
        return None
    if kind in ("deviceConnected", "deviceDisconnected"):
        apply_fields(device, {"isOnline": kind == "deviceConnected"})
        return DeviceChanged(device.id)
    if kind != "deviceMessageArrived":
        return None
    if device.model_id == "DOORBELL":
        # A doorbell has no state: its message is the press itself.
        return ChannelEvent(device.id, MAIN, ChannelEventType.RING)
    apply_fields(
        device, {k: v for k, v in raw_device.items() if k not in ("id", "name")}
    )
    if device.model_id == "ENERGY_SENSOR" and energy is not None:
        energy.add(device, raw_device)
    return DeviceChanged(device.id)
