"""Shelly's status parsers fed random and mutated documents: a valid state, or our own error."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, strategies as st
import pytest

from custom_components.cloud_bridge.api.model import Device
from custom_components.cloud_bridge.api.shelly.status import parse_device
from tests.property import (
    SETTINGS,
    check_device,
    leaf_variants,
    mutate,
    only_our_errors,
)
from tests.simulator.shelly import catalogue as cat, catalogue_gen1 as cat1
from tests.simulator.shelly.devices import (
    ShellyDevice,
    gen1_relay,
    gen1_rgbw2,
    gen1_roller,
    gen2_cover,
    gen2_ht,
    gen2_light,
    gen2_switch,
)


def _shelly_documents() -> list[dict[str, Any]]:
    made: list[ShellyDevice] = [
        gen1_relay("a4cf12f4ab01", name="1PM", loads=[12.5]),
        gen1_roller("a4cf12f4ab02"),
        gen1_rgbw2("a4cf12f4ab03"),
        gen2_switch("b48a0a1cd978", name="2PM", channel_names=["A", "B"]),
        gen2_cover("b48a0a1cd979"),
        gen2_light("b48a0a1cd97a"),
        gen2_ht("e86beae4c2d0"),
        cat.cct_light("c1"),
        cat.rgbw_light("c2"),
        cat.white_light("c3"),
        cat.three_phase_meter("c4"),
        cat.circuit_meter("c5"),
        cat.mini_pm("c6"),
        cat.flood_sensor("c7"),
        cat.smoke_sensor("c8"),
        cat.presence_sensor("c9"),
        cat.addon_relay("ca"),
        cat.blu_door("cb", "cc"),
        cat.blu_button("cd", "cc"),
        cat1.gen1_flood("d1"),
        cat1.gen1_gas("d2"),
        cat1.gen1_door("d3"),
        cat1.gen1_motion("d4"),
        cat1.gen1_i3("d5"),
        cat1.gen1_button("d6"),
        cat1.gen1_addon("d7"),
    ]
    documents = []
    for device in made:
        state = device.state()
        state["status"] = copy.deepcopy(device.status)
        state["settings"] = copy.deepcopy(device.settings)
        documents.append(state)
    return documents


SHELLY_DOCUMENTS = _shelly_documents()


def shelly_parse(state: dict[str, Any]) -> Device | None:
    """The device a state describes, or None."""
    parsed = parse_device(state)
    return None if parsed is None else parsed.device


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

