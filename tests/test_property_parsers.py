"""Every vendor parser fed random and mutated documents: a valid neutral state, or our own error.

No parser may let a KeyError, TypeError, ValueError (or any other foreign
exception) escape on what a cloud sends: a poll or a push would fail with an
unhandled exception instead of a clear "unavailable".
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
import re
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.cloud_bridge.api import CloudBridgeError
from custom_components.cloud_bridge.api.appliance_model import (
    ClimateTraits,
    MediaTraits,
)
from custom_components.cloud_bridge.api.features import PushEvent
from custom_components.cloud_bridge.api.model import (
    Channel,
    CoverTraits,
    Device,
    FanTraits,
    Flag,
    HumidifierTraits,
    LightTraits,
    LockState,
    LockTraits,
    Reading,
)
from custom_components.cloud_bridge.api.shelly.status import (
    parse_device as shelly_parse,
)
from custom_components.cloud_bridge.api.sinricpro.devices import (
    device_type,
    parse_device as sinric_parse,
)
from custom_components.cloud_bridge.api.sinricpro.events import read_event
from custom_components.cloud_bridge.api.sse import HEARTBEAT, SseParser
from custom_components.cloud_bridge.api.switchbot.devices import PROFILES, WEBHOOK_TYPES
from custom_components.cloud_bridge.api.switchbot.profile import MAIN
from custom_components.cloud_bridge.api.switchbot.webhook import apply_event

from .simulator.shelly_devices import (
    ShellyDevice,
    gen1_relay,
    gen1_rgbw2,
    gen1_roller,
    gen2_cover,
    gen2_ht,
    gen2_light,
    gen2_switch,
)
from .simulator.sinricpro import SinricProCloud
from .sinricpro_home import populate

PUSH_EVENTS = PushEvent.__value__
API = Path(__file__).parent.parent / "custom_components/cloud_bridge/api"
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    # The same examples every run (no flaky CI), and no example database in the tree.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _field_names(vendor: str) -> list[str]:
    """Every quoted identifier in a vendor's package: the fields its parsers may look for."""
    found: set[str] = set()
    for path in (API / vendor).glob("*.py"):
        found.update(re.findall(r'"([A-Za-z][A-Za-z0-9_]{1,40})"', path.read_text()))
    return sorted(found)


SWITCHBOT_FIELDS = _field_names("switchbot")
SINRIC_FIELDS = _field_names("sinricpro")

# -- strategies ----------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["on", "off", "ON", "OFF", "", "0", "1", "nan", "inf", "-1e999", "255:0:3", "1:2", "a:b:c"]),
)
# Values at and beyond every edge a parser meets: out of range, not finite, too big for a float.
EDGES: list[Any] = [
    math.nan, math.inf, -math.inf, 10**400, -(10**400), 1e308, -1, 101, 256, 7000, -7000, 0, 2.5,
    "nan", "inf", "-inf", "1e999", "101", "-5", "255:300:-1", "-1:2:3", "", "x", True, False,
    None, [], {}, [None], {"": None},
]
edges = st.sampled_from(EDGES)
json_values = st.recursive(
    st.one_of(edges, scalars),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=12,
)


def bodies(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the field names a parser reads, holding anything, plus extra keys."""
    return st.dictionaries(
        st.one_of(st.sampled_from(fields), st.text(max_size=8)),
        st.one_of(edges, json_values),
        max_size=30,
    )


def mutate(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """A copy of `value` with random parts replaced, removed or added."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(json_values)
    if choice == 1:
        return draw(edges)
    if isinstance(value, dict) and depth < 6:
        result = {}
        for key, item in value.items():
            if draw(st.integers(0, 9)) == 0:
                continue  # a missing key
            result[key] = mutate(draw, item, depth + 1)
        if draw(st.integers(0, 9)) == 0:
            result[draw(st.text(max_size=6))] = draw(json_values)  # an extra key
        return result
    if isinstance(value, list) and depth < 6:
        return [mutate(draw, item, depth + 1) for item in value]
    return value


def leaf_variants(document: Any) -> list[Any]:
    """Copies of `document`, each with one value (at any depth) replaced by one edge value or removed."""
    variants: list[Any] = []

    def walk(node: Any, rebuild: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            def put(value: Any, key: Any = key, node: Any = node) -> Any:
                changed = copy.copy(node)
                changed[key] = value
                return rebuild(changed)

            for value in EDGES:
                variants.append(put(value))
            if isinstance(node, dict):
                removed = {k: v for k, v in node.items() if k != key}
                variants.append(rebuild(removed))
            walk(child, put)

    walk(document, lambda whole: whole)
    return variants


# -- what a valid neutral state is -------------------------------------------------


def _percent(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 100)


def check_channel(channel: Channel) -> None:
    """Every field of a channel holds a value of its type, in its range."""
    assert isinstance(channel.key, str)
    assert channel.index is None or type(channel.index) is int
    assert channel.name is None or isinstance(channel.name, str)
    assert channel.is_on is None or type(channel.is_on) is bool
    for reading, value in channel.readings.items():
        assert isinstance(reading, Reading)
        assert value is None or (type(value) is float and math.isfinite(value)), (reading, value)
    for flag, on in channel.flags.items():
        assert isinstance(flag, Flag)
        assert on is None or type(on) is bool, (flag, on)
    traits = channel.traits
    if isinstance(traits, LightTraits):
        assert _percent(traits.brightness), traits.brightness
        if traits.rgb is not None:
            assert len(traits.rgb) == 3
            assert all(type(c) is int and 0 <= c <= 255 for c in traits.rgb), traits.rgb
        if traits.color_temp is not None:
            assert type(traits.color_temp) is int
            assert traits.color_temp > 0
    elif isinstance(traits, CoverTraits):
        assert _percent(traits.position), traits.position
        assert _percent(traits.tilt), traits.tilt
    elif isinstance(traits, LockTraits):
        assert traits.state is None or isinstance(traits.state, LockState)
    elif isinstance(traits, FanTraits):
        assert _percent(traits.speed), traits.speed
        assert traits.preset is None or traits.preset in traits.presets
        assert traits.oscillating is None or type(traits.oscillating) is bool
    elif isinstance(traits, HumidifierTraits):
        assert _percent(traits.target), traits.target
        assert traits.mode is None or traits.mode in traits.modes
    elif isinstance(traits, ClimateTraits):
        target = traits.target_temperature
        assert target is None or (type(target) is float and math.isfinite(target))
        assert traits.fan_mode is None or traits.fan_mode in traits.fan_modes
    elif isinstance(traits, MediaTraits):
        assert traits.muted is None or type(traits.muted) is bool


def check_device(device: Device) -> None:
    assert isinstance(device.id, str)
    assert device.id
    assert isinstance(device.name, str)
    assert isinstance(device.model, str)
    assert type(device.online) is bool
    assert device.sw_version is None or isinstance(device.sw_version, str)
    assert device.via_device is None or isinstance(device.via_device, str)
    for key, channel in device.channels.items():
        assert key == channel.key
        check_channel(channel)


def only_our_errors(call: Any, *args: Any) -> Any:
    """The call's result, or None when it raised one of our own errors."""
    try:
        return call(*args)
    except CloudBridgeError:
        return None


# -- SwitchBot -----------------------------------------------------------------------


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
            id=device_id, name=model, model=model, manufacturer="SwitchBot",
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


# -- Shelly --------------------------------------------------------------------------


def _shelly_documents() -> list[dict[str, Any]]:
    made: list[ShellyDevice] = [
        gen1_relay("a4cf12f4ab01", name="1PM", loads=[12.5]),
        gen1_roller("a4cf12f4ab02"),
        gen1_rgbw2("a4cf12f4ab03"),
        gen2_switch("b48a0a1cd978", name="2PM", channel_names=["A", "B"]),
        gen2_cover("b48a0a1cd979"),
        gen2_light("b48a0a1cd97a"),
        gen2_ht("e86beae4c2d0"),
    ]
    documents = []
    for device in made:
        state = device.state()
        state["status"] = copy.deepcopy(device.status)
        state["settings"] = copy.deepcopy(device.settings)
        documents.append(state)
    return documents


SHELLY_DOCUMENTS = _shelly_documents()


@st.composite
def shelly_states(draw: st.DrawFn) -> Any:
    return mutate(draw, draw(st.sampled_from(SHELLY_DOCUMENTS)))


def test_shelly_documents_parse() -> None:
    """The unmutated documents parse, so the mutations start from something real."""
    for document in SHELLY_DOCUMENTS:
        device = shelly_parse(document)
        assert device is not None
        assert device.channels
        check_device(device)


@pytest.mark.parametrize("document", SHELLY_DOCUMENTS, ids=lambda d: str(d.get("code")))
def test_shelly_every_leaf_every_edge(document: dict[str, Any]) -> None:
    """Each value of a real state, replaced by each edge value or removed, still parses validly."""
    for variant in leaf_variants(document):
        device = only_our_errors(shelly_parse, variant)
        if device is not None:
            check_device(device)


@SETTINGS
@given(state=shelly_states())
def test_shelly_parse_device(state: Any) -> None:
    """A gen1 or gen2 state of any shape parses to a valid device, or to None."""
    if not isinstance(state, dict):
        return  # the client skips entries that are not objects
    device = only_our_errors(shelly_parse, state)
    if device is not None:
        check_device(device)


# -- SinricPro -------------------------------------------------------------------


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
