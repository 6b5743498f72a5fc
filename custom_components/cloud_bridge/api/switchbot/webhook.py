"""SwitchBot webhook events: read a changeReport into the device it names.

Anything the cloud may POST is accepted without raising: an event for an
unknown device or of an unknown type, or a body of another shape, is logged
at debug level and ignored. So is an event sampled before one already
applied to its device: the cloud's POSTs may overtake each other, or be
replayed, and the older one must not undo the newer.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
import time
from typing import Any

from ..features import ChannelEvent, ChannelEventType, DeviceChanged, PushEvent
from ..model import Device, DoorbellTraits
from .devices import PROFILES, WEBHOOK_TYPES
from .keypad import keypad_result
from .profile import MAIN, refresh_channels, reports_offline

_LOGGER = logging.getLogger(__name__)

# How far ahead of our clock (seconds) an event's timeOfSample (milliseconds) may be.
MAX_AHEAD = 3600
# Fields of the event's context that describe the event, not the device.
_ENVELOPE = ("deviceType", "deviceMac", "timeOfSample")


def _find(devices: Mapping[str, Device], mac: str) -> Device | None:
    # The device id is the MAC without colons; take any spelling of it.
    wanted = mac.replace(":", "").replace("-", "").upper()
    return next((d for d in devices.values() if d.id.upper() == wanted), None)


def _fields(context: dict[str, Any]) -> dict[str, Any]:
    """The context's state fields, spelled as status bodies spell them."""
    fields = {k: v for k, v in context.items() if k not in _ENVELOPE}
    # Events say powerState "ON", status bodies power "on": keep one spelling so
    # a later merge with a status body cannot leave two disagreeing fields.
    if isinstance(fields.get("powerState"), str):
        fields["power"] = fields.pop("powerState").lower()
    # Events say detectionState where status bodies say moveDetected (motion),
    # Detected (presence) or status (a leak, 0/1): kept in the status's words,
    # an event's motion cannot be outvoted by an older status field.
    state = fields.pop("detectionState", None)
    if isinstance(state, str):
        fields["moveDetected"] = fields["Detected"] = state == "DETECTED"
    elif isinstance(state, int) and not isinstance(state, bool):
        fields["status"] = state
    # A light's event carries the colour or the white it shows now, not both.
    if "color" in fields and "colorTemperature" not in fields:
        fields["colorMode"] = "color"
    elif "colorTemperature" in fields and "color" not in fields:
        fields["colorMode"] = "white"
    return fields


def names_unknown_device(payload: Any, devices: Mapping[str, Device]) -> bool:
    """Whether a changeReport names a device that is not on the account's list."""
    context = payload.get("context") if isinstance(payload, dict) else None
    mac = context.get("deviceMac") if isinstance(context, dict) else None
    return (
        isinstance(payload, dict)
        and payload.get("eventType") == "changeReport"
        and isinstance(mac, str)
        and _find(devices, mac) is None
    )


def _sampled(context: dict[str, Any]) -> int | None:
    sample = context.get("timeOfSample")
    if not isinstance(sample, int) or isinstance(sample, bool):
        return None
    # A time far ahead (a device's clock gone wrong) would hold back every
    # later event of the device: such an event is applied, not ordered.
    return None if sample > (time.time() + MAX_AHEAD) * 1000 else sample


def apply_event(
    payload: Any,
    devices: Mapping[str, Device],
    bodies: dict[str, dict[str, Any]],
    samples: dict[str, int],
) -> PushEvent | None:
    """Apply one webhook body to `devices` and to the merged status `bodies`.

    `samples` holds, per device, the timeOfSample of the newest event applied.
    """
    if not isinstance(payload, dict) or payload.get("eventType") != "changeReport":
        _LOGGER.debug(
            "Ignored a webhook body that is not a changeReport: %.40r",
            payload.get("eventType") if isinstance(payload, dict) else type(payload),
        )
        return None
    context = payload.get("context")
    if not isinstance(context, dict) or not isinstance(context.get("deviceMac"), str):
        _LOGGER.debug("Ignored a changeReport without a device")
        return None
    kind = context.get("deviceType")
    device = _find(devices, context["deviceMac"])
    if device is None:
        _LOGGER.debug("Ignored a %.40r event for a device not on the account", kind)
        return None
    if "commandId" in context:
        result = keypad_result(device.id, context)
        if result is None:
            _LOGGER.debug("Ignored a command result of an unknown shape")
        return result
    listed = WEBHOOK_TYPES.get(kind) if isinstance(kind, str) else None
    # The device list names the model more precisely than the event does (a
    # WoLock event may come from a Smart Lock Pro), and events spell types in
    # ways the documents do not list: the device's own profile comes first.
    profile = PROFILES.get(device.model_id) or (
        PROFILES.get(listed) if listed else None
    )
    if profile is None or MAIN not in device.channels:
        _LOGGER.debug("Ignored an event of unknown device type %.40r", kind)
        return None
    sample = _sampled(context)
    if sample is not None and sample < samples.get(device.id, sample):
        _LOGGER.debug("Ignored a %s event older than one already applied", kind)
        return None
    fields = _fields(context)
    # A doorbell's press is a moment, not a state to keep.
    pressed = fields.pop("press", None) is True
    try:
        # Read over what is known of the device, as a poll does: an event that
        # lacks a field (or has it of the wrong type) must not blank it.
        refresh_channels(profile, device, {**bodies.get(device.id, {}), **fields})
    except (TypeError, ValueError, AttributeError) as err:
        _LOGGER.debug("Ignored a malformed %s event: %s", kind, type(err).__name__)
        return None
    bodies.setdefault(device.id, {}).update(fields)
    if sample is not None:
        samples[device.id] = sample
    # An event proves the device reaches the cloud, unless it says otherwise.
    device.online = not reports_offline(fields)
    doorbell = next(
        (
            c.key
            for c in device.channels.values()
            if isinstance(c.traits, DoorbellTraits)
        ),
        None,
    )
    if pressed and doorbell is not None:
        return ChannelEvent(device.id, doorbell, ChannelEventType.RING)
    return DeviceChanged(device.id)
