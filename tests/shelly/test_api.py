"""The Shelly client on its own, with no Home Assistant: rate limits, bad answers, gen1 shapes."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from custom_components.cloud_bridge.api import (
    CloudUnreachable,
    CommandRejected,
    Device,
    RateLimited,
    Reading,
    SetPower,
    ShellyClient,
)
from custom_components.cloud_bridge.api.shelly.status import (
    parse_device,
)
from tests.conftest import (
    SHELLY_1PM,
    SHELLY_AUTH_KEY,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud


async def test_shelly_keeps_being_rate_limited(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud
) -> None:
    """A cloud that keeps answering 429 ends in RateLimited after a few spaced tries."""
    shelly_cloud.inject(Fault(status=429, body="max_req", times=3))
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    with pytest.raises(RateLimited):
        await client.async_get_devices()
    calls = shelly_cloud.requests_to("/v2/devices/api/get")
    assert len(calls) == 3
    assert calls[2].time - calls[0].time >= 2.9


@pytest.mark.parametrize("fault", [Fault(status=500, times=1), Fault(status=200, body="{}", times=1)])
async def test_shelly_bad_answers(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud, fault: Fault
) -> None:
    """A get call answered with an error or the wrong shape is CloudUnreachable."""
    shelly_cloud.inject(fault)
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    with pytest.raises(CloudUnreachable):
        await client.async_get_devices()


async def test_shelly_set_without_error_string(
    session: aiohttp.ClientSession, shelly_cloud: ShellyCloud
) -> None:
    """A failed set call without the document's error body is CloudUnreachable."""
    client = ShellyClient(session, shelly_cloud.url, SHELLY_AUTH_KEY, [SHELLY_1PM])
    devices = await client.async_get_devices()
    device = devices[SHELLY_1PM]
    shelly_cloud.inject(Fault(status=502, body="<html>bad gateway</html>", path_prefix="/v2/devices/api/set"))
    with pytest.raises(CloudUnreachable):
        await client.async_execute(device, device.channels["relay:0"], SetPower(on=True))
    shelly_cloud.clear_faults()
    shelly_cloud.inject(Fault(status=400, body='{"error": "BAD_REQUEST"}', path_prefix="/v2/devices/api/set"))
    with pytest.raises(CommandRejected, match="BAD_REQUEST"):
        await client.async_execute(device, device.channels["relay:0"], SetPower(on=True))


def parse_shelly(state: dict[str, Any]) -> Device | None:
    """The device a state describes, or None."""
    parsed = parse_device(state)
    return None if parsed is None else parsed.device


def test_shelly_gen1_shapes() -> None:
    """gen1 emeters (Wh), H&T tmp/hum/bat, and junk in place of objects."""
    device = parse_shelly(
        {
            "id": "e8db84d4a1b2",
            "gen": "G1",
            "code": "SHEM",
            "online": 1,
            "status": {
                "relays": ["junk"],
                "emeters": [{"power": 120.5, "voltage": 231.2, "current": 0.52, "total": 2500}],
                "tmp": {"tC": 20.5},
                "hum": {"value": 55},
                "bat": {"value": 90},
            },
            "settings": {"name": "  "},
        }
    )
    assert device is not None
    assert device.name == "Shelly EM"  # no name given: the product's
    assert device.channels["relay:0"].is_on is None
    assert device.channels["emeter:0"].readings == {
        Reading.POWER: 120.5, Reading.VOLTAGE: 231.2, Reading.CURRENT: 0.52, Reading.ENERGY: 2.5,
    }
    assert device.channels["device"].readings == {
        Reading.TEMPERATURE: 20.5, Reading.HUMIDITY: 55.0, Reading.BATTERY: 90.0,
        Reading.LAST_REPORT: None,
    }
    assert device.sleeps
    assert parse_shelly({"id": 42}) is None
    gen2 = parse_shelly({"id": "x", "gen": "G2", "type": "relay", "status": {"switch:0": {"output": "yes"}, "sys": {}}})
    assert gen2 is not None
    assert gen2.model == "relay"
    assert gen2.channels["switch:0"].is_on is None


@pytest.mark.parametrize(
    ("code", "model"),
    [
        ("SHHT-1", "Shelly H&T"),
        ("SNSN-0013A", "Shelly Plus H&T"),
        ("SHSW-25", "Shelly 2.5"),
        ("SNSW-102P16EU", "Shelly Plus 2PM"),
        ("S4SN-0071A", "Shelly Flood Gen4"),
        ("SXYZ-NEW1", "SXYZ-NEW1"),  # a code the table does not know shows as itself
    ],
)
def test_shelly_product_names(code: str, model: str) -> None:
    """The model is the product's name; the model id is Shelly's code."""
    device = parse_shelly({"id": "a4cf12f4ab99", "code": code, "gen": "G2", "online": 1, "status": {}})
    assert device is not None
    assert (device.model, device.model_id) == (model, code)


def test_shelly_odd_keys_and_times() -> None:
    """Digits int() refuses, report times in ms or beyond reason: parsed, never raised."""
    device = parse_shelly({"id": "x", "gen": "GBLE", "status": {
        "switch:\u00b2": {"output": True}, "reporter": {"id": "\u00b2"},
        "devicepower:0": {"battery": {"percent": 50}}, "ts": 1765100000000,
    }})
    assert device is not None
    assert device.via_device == "\u00b2"
    assert device.channels["device"].readings[Reading.LAST_REPORT] == 1765100000.0
    for ts in (1e300, -5, 12):
        state = {"id": "y", "gen": "G2", "status": {"devicepower:0": {"battery": {"percent": 1}},
                                                   "ts": ts, "_updated": "2025-12-07 09:33:20"}}
        later = parse_shelly(state)
        assert later is not None
        assert later.channels["device"].readings[Reading.LAST_REPORT] == 1765100000.0
