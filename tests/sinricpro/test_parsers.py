"""SinricPro's device and stream parsers, and the SSE reader, fed random input: a valid state, or our error."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, strategies as st
import pytest

from custom_components.cloud_bridge.api import (
    CommandRejected,
    MediaAction,
    MediaCommand,
    OpenCover,
    SetCoverPosition,
    SwitchTraits,
)
from custom_components.cloud_bridge.api.model import Device
from custom_components.cloud_bridge.api.sinricpro.actions import encode
from custom_components.cloud_bridge.api.sinricpro.devices import (
    apply_fields,
    device_type,
    parse_device as sinric_parse,
)
from custom_components.cloud_bridge.api.sinricpro.events import read_event
from custom_components.cloud_bridge.api.sse import HEARTBEAT, SseParser
from tests.property import (
    PUSH_EVENTS,
    SETTINGS,
    bodies,
    check_device,
    field_names,
    json_values,
    leaf_variants,
    mutate,
    only_our_errors,
)
from tests.simulator.sinricpro import SinricProCloud
from tests.sinricpro.home import populate

SINRIC_FIELDS = field_names("sinricpro")



def _sinric_documents() -> list[dict[str, Any]]:
    cloud = SinricProCloud("key")
    populate(cloud)
    return [copy.deepcopy(raw) for raw in cloud.devices.values()]


SINRIC_DOCUMENTS = _sinric_documents()


@st.composite
def sinric_raw(draw: st.DrawFn) -> Any:
    return mutate(draw, draw(st.sampled_from(SINRIC_DOCUMENTS)))


def test_sinric_documents_parse() -> None:
    parsed = [sinric_parse(raw) for raw in SINRIC_DOCUMENTS]
    assert any(device is not None for device in parsed)
    for device in parsed:
        if device is not None:
            check_device(device)


@pytest.mark.parametrize("raw", SINRIC_DOCUMENTS, ids=device_type)
def test_sinric_every_leaf_every_edge(raw: dict[str, Any]) -> None:
    """Each value of a real device, replaced by each edge value or removed, still parses validly."""
    for variant in leaf_variants(raw):
        device = only_our_errors(sinric_parse, variant)
        if device is not None:
            check_device(device)


@SETTINGS
@given(raw=sinric_raw())
def test_sinric_parse_device(raw: Any) -> None:
    """A device of any shape parses to a valid device, or to None."""
    if not isinstance(raw, dict):
        return  # the client skips entries that are not objects
    device = only_our_errors(sinric_parse, raw)
    if device is not None:
        check_device(device)


def _sinric_devices() -> dict[str, Device]:
    parsed = (sinric_parse(copy.deepcopy(raw)) for raw in SINRIC_DOCUMENTS)
    return {device.id: device for device in parsed if device is not None}


SINRIC_IDS = sorted(_sinric_devices())


@st.composite
def sinric_events(draw: st.DrawFn) -> Any:
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return draw(json_values)
    device_id = draw(st.one_of(st.sampled_from(SINRIC_IDS), json_values))
    kind = draw(st.sampled_from(["deviceMessageArrived", "deviceConnected", "deviceDisconnected", "other"]))
    fields = draw(bodies(SINRIC_FIELDS))
    if shape == 1:
        return {"event": kind, "device": {"id": device_id, **fields}}
    value: Any = draw(st.one_of(bodies(SINRIC_FIELDS), json_values))
    if draw(st.booleans()):
        value = draw(st.one_of(st.just(repr(value)), st.text(max_size=10)))
    payload = {
        "action": draw(st.one_of(st.sampled_from(SINRIC_FIELDS), json_values)),
        "value": value,
        "success": draw(st.one_of(st.booleans(), json_values)),
        "deviceId": device_id,
    }
    return {"event": kind, "message": {"deviceId": device_id, "payload": payload}}


@SETTINGS
@given(events=st.lists(sinric_events(), min_size=1, max_size=4))
def test_sinric_stream_events(events: list[Any]) -> None:
    """A stream event of any shape is applied or ignored; it never raises."""
    devices = _sinric_devices()
    for event in events:
        result = read_event(event, devices)
        assert result is None or isinstance(result, PUSH_EVENTS)
    for device in devices.values():
        check_device(device)


@SETTINGS
@given(lines=st.lists(st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", ":hb", "data: {", "data: {}", 'data: {"a":1}', "event: x", "retry: 5", "{}", "[1]", " {"]),
), max_size=20))
def test_sse_lines(lines: list[str]) -> None:
    """Any sequence of lines gives events (text), heartbeats or nothing."""
    parser = SseParser()
    for line in lines:
        item = parser.feed(line)
        assert item is None or item is HEARTBEAT or isinstance(item, str)


def _raw(kind: str, **fields: object) -> dict[str, object]:
    return {"id": "d1", "name": kind, "product": {"code": f"sinric.devices.types.{kind}"}, **fields}


def test_empty_action_list_takes_the_type_actions() -> None:
    """A product that lists no actions we read offers what its type has."""
    for actions in ([], [42, {"no": "action"}]):
        camera = sinric_parse(_raw("CAMERA", product={"code": "sinric.devices.types.CAMERA", "actions": actions}))
        assert camera is not None
        assert isinstance(camera.channels["main"].traits, SwitchTraits)


def test_volume_step_from_an_unknown_volume() -> None:
    """Volume up with no volume reported is a step, not a jump to 5 %."""
    tv = sinric_parse(_raw("TV"))
    assert tv is not None
    main = tv.channels["main"]
    assert encode(tv, main, MediaCommand(MediaAction.VOLUME_DOWN)) == [("adjustVolume", {"volume": -5})]
    apply_fields(tv, {"volume": 40})
    assert encode(tv, main, MediaCommand(MediaAction.VOLUME_UP)) == [("setVolume", {"volume": 45})]


def test_stepping_blind_from_an_unknown_position() -> None:
    """A steps-only blind at an unknown position goes to its ends, and to nowhere between."""
    blind = sinric_parse(_raw("BLIND"))
    assert blind is not None
    main = blind.channels["main"]
    assert encode(blind, main, OpenCover(), stepping=True) == [("adjustRangeValue", {"rangeValueDelta": 100})]
    with pytest.raises(CommandRejected):
        encode(blind, main, SetCoverPosition(position=30), stepping=True)
