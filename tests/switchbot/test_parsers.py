"""SwitchBot's status and webhook parsers fed random and mutated bodies: a valid state, or our own error."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.cloud_bridge.api.model import Device
from custom_components.cloud_bridge.api.switchbot.devices import PROFILES, WEBHOOK_TYPES
from custom_components.cloud_bridge.api.switchbot.profile import MAIN
from custom_components.cloud_bridge.api.switchbot.webhook import apply_event
from tests.property import (
    EDGES,
    PUSH_EVENTS,
    SETTINGS,
    bodies,
    check_channel,
    check_device,
    field_names,
    json_values,
    only_our_errors,
)

SWITCHBOT_FIELDS = field_names("switchbot")



@pytest.mark.parametrize("model", sorted(PROFILES))
def test_switchbot_every_field_every_edge(model: str) -> None:
    """Each field a SwitchBot parser reads, holding each edge value, leaves the channel valid."""
    profile = PROFILES[model]
    for field in SWITCHBOT_FIELDS:
        for value in EDGES:
            channel = profile.build()
            only_our_errors(profile.update, channel, {field: value})
            check_channel(channel)


@pytest.mark.parametrize("model", sorted(PROFILES))
@settings(SETTINGS, max_examples=40)
@given(updates=st.lists(bodies(SWITCHBOT_FIELDS), min_size=1, max_size=3))
def test_switchbot_status(model: str, updates: list[dict[str, Any]]) -> None:
    """A status body of any shape leaves the channel valid."""
    profile = PROFILES[model]
    channel = profile.build()
    for body in updates:
        only_our_errors(profile.update, channel, body)
        check_channel(channel)


def _switchbot_devices() -> dict[str, Device]:
    devices = {}
    for number, model in enumerate(sorted(PROFILES)):
        device_id = f"AABBCCDD{number:04X}"
        devices[device_id] = Device(
            id=device_id, name=model, model=model, model_id=model, manufacturer="SwitchBot",
            channels={MAIN: PROFILES[model].build()},
        )
    return devices


SWITCHBOT_IDS = sorted(_switchbot_devices())


@st.composite
def switchbot_events(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return draw(json_values)
    context = draw(bodies(SWITCHBOT_FIELDS))
    if draw(st.booleans()):
        mac = draw(st.sampled_from(SWITCHBOT_IDS))
        context["deviceMac"] = ":".join(mac[i : i + 2] for i in range(0, 12, 2)) if draw(st.booleans()) else mac
    if draw(st.booleans()):
        context["deviceType"] = draw(st.sampled_from(sorted(WEBHOOK_TYPES)))
    if draw(st.booleans()):
        context["timeOfSample"] = draw(st.one_of(st.integers(0, 10), json_values))
    return {
        "eventType": draw(st.sampled_from(["changeReport", "other"])),
        "eventVersion": "1",
        "context": context,
    }


@SETTINGS
@given(events=st.lists(switchbot_events(), min_size=1, max_size=4))
def test_switchbot_webhook(events: list[Any]) -> None:
    """Any webhook body is applied or ignored; it never raises."""
    devices = _switchbot_devices()
    bodies_seen: dict[str, dict[str, Any]] = {}
    samples: dict[str, int] = {}
    for event in events:
        result = apply_event(event, devices, bodies_seen, samples)
        assert result is None or isinstance(result, PUSH_EVENTS)
    for device in devices.values():
        check_device(device)

