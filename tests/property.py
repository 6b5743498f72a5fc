"""What the property tests of every vendor's parsers share: strategies and what a valid state is.

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

from hypothesis import HealthCheck, settings, strategies as st

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


def field_names(vendor: str) -> list[str]:
    """Every quoted identifier in a vendor's package: the fields its parsers may look for."""
    found: set[str] = set()
    for path in (API / vendor).glob("*.py"):
        found.update(re.findall(r'"([A-Za-z][A-Za-z0-9_]{1,40})"', path.read_text()))
    return sorted(found)



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

