"""Shelly covers, lights, group commands and the one-call-a-second rule."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from itertools import pairwise
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.api.shelly.client import (
    CALL_INTERVAL,
    REREAD_AFTER_COMMAND,
)
from tests.conftest import SHELLY_AUTH_KEY, serving, setup_entry
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.devices import (
    gen1_relay,
    gen1_rgbw2,
    gen1_roller,
    gen2_cover,
    gen2_light,
    gen2_switch,
)

ROLLER = "a4cf12aa0001"
COVER = "b48a0aaa0002"
UNCALIBRATED = "b48a0aaa0003"
RGBW2 = "a4cf12aa0004"
DIMMER = "b48a0aaa0005"
PLUGS = [f"b48a0abb{n:04x}" for n in range(6)]
RELAY = "a4cf12aa0006"


@pytest.fixture
async def cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[ShellyCloud]:
    """A Shelly account with covers, lights and six plugs."""
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    cloud.add(gen1_roller(ROLLER, name="Kitchen Shutter"))
    cloud.add(gen2_cover(COVER, name="Patio Shutter"))
    cloud.add(gen2_cover(UNCALIBRATED, name="Attic Shutter", calibrated=False))
    cloud.add(gen1_rgbw2(RGBW2, name="Terrace Strip"))
    cloud.add(gen2_light(DIMMER, name="Hall Dimmer"))
    cloud.add(gen1_relay(RELAY, name="Pump"))
    for n, device_id in enumerate(PLUGS):
        cloud.add(
            gen2_switch(device_id, code="SNPL-00112EU", name=f"Plug {n}", channels=1, loads=[40.0 + n])
        )
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def entry(hass: HomeAssistant, cloud: ShellyCloud) -> MockConfigEntry:
    """The account, set up."""
    data = {
        "vendor": "shelly",
        "host": cloud.url,
        "auth_key": SHELLY_AUTH_KEY,
        "device_ids": [ROLLER, COVER, UNCALIBRATED, RGBW2, DIMMER, RELAY, *PLUGS],
    }
    return await setup_entry(hass, data)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize(
    "platforms",
    [[Platform.COVER], [Platform.LIGHT], [Platform.BINARY_SENSOR]],
    ids=lambda platforms: platforms[0],
)
async def test_entities(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Covers, lights and connectivity, as each generation reports them."""
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_states(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Positions in Home Assistant's direction; no position before calibration."""
    assert hass.states.get("cover.kitchen_shutter").attributes["current_position"] == 50
    assert hass.states.get("cover.patio_shutter").attributes["current_position"] == 40
    attic = hass.states.get("cover.attic_shutter")
    assert "current_position" not in attic.attributes
    assert attic.attributes["supported_features"] & 4 == 0  # no SET_POSITION
    # The RGBW2 in colour mode dims through gain (80).
    strip = hass.states.get("light.terrace_strip")
    assert strip.state == "off"


COMMANDS: list[tuple[str, str, str, dict[str, Any], str, dict[str, Any]]] = [
    ("cover.kitchen_shutter", "cover", "set_cover_position", {"position": 30}, "set/cover", {"id": ROLLER, "channel": 0, "position": 30}),
    ("cover.patio_shutter", "cover", "open_cover", {}, "set/cover", {"id": COVER, "channel": 0, "position": "open"}),
    ("cover.patio_shutter", "cover", "close_cover", {}, "set/cover", {"id": COVER, "channel": 0, "position": "close"}),
    ("cover.attic_shutter", "cover", "stop_cover", {}, "set/cover", {"id": UNCALIBRATED, "channel": 0, "position": "stop"}),
    ("light.terrace_strip", "light", "turn_on", {"rgb_color": [10, 20, 30]}, "set/light", {"id": RGBW2, "channel": 0, "on": True, "red": 10, "green": 20, "blue": 30}),
    ("light.hall_dimmer", "light", "turn_on", {"brightness": 255}, "set/light", {"id": DIMMER, "channel": 0, "on": True, "brightness": 100}),
    ("light.hall_dimmer", "light", "turn_off", {}, "set/light", {"id": DIMMER, "channel": 0, "on": False}),
]


@pytest.mark.parametrize(("entity_id", "domain", "service", "data", "path", "body"), COMMANDS)
async def test_commands(
    hass: HomeAssistant,
    cloud: ShellyCloud,
    entry: MockConfigEntry,
    entity_id: str,
    domain: str,
    service: str,
    data: dict[str, Any],
    path: str,
    body: dict[str, Any],
) -> None:
    """Each command is the document's set call with exactly its body."""
    await hass.services.async_call(domain, service, {"entity_id": entity_id, **data}, blocking=True)
    assert cloud.requests_to(f"/v2/devices/api/{path}")[-1].json == body


async def test_scene_is_one_group_call(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """Six plugs switched in the same moment go out as one set/groups call."""
    plugs = [f"switch.plug_{n}" for n in range(6)]
    await hass.services.async_call("switch", "turn_on", {"entity_id": plugs}, blocking=True)
    calls = cloud.requests_to("/v2/devices/api/set/")
    assert [call.path for call in calls] == ["/v2/devices/api/set/groups"]
    group = calls[0].json["switch"]
    assert sorted(group["ids"]) == [f"{p}_0" for p in PLUGS]
    assert calls[0].json == {"switch": {"ids": group["ids"], "command": {"on": True}}}
    assert all(hass.states.get(p).state == "on" for p in plugs)
    assert cloud.rate_limit_violations == 0


@pytest.mark.parametrize("platforms", [[Platform.SWITCH, Platform.SENSOR]])
async def test_readings_read_again_after_commands(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """A plug's power follows its switching: read 3 s later, all switched plugs in one call."""
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": ["switch.plug_0", "switch.plug_1"]}, blocking=True
    )
    assert hass.states.get("sensor.plug_0_power").state == "0.0"
    gets = len(cloud.requests_to("/v2/devices/api/get"))
    # Timers only (the next poll is 30 s away); the spacing runs on the real clock.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=REREAD_AFTER_COMMAND))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert hass.states.get("sensor.plug_0_power").state == "40.0"
    assert hass.states.get("sensor.plug_1_power").state == "41.0"
    calls = cloud.requests_to("/v2/devices/api/get")[gets:]
    assert [sorted(call.json["ids"]) for call in calls] == [sorted(PLUGS[:2])]
    assert cloud.rate_limit_violations == 0


@pytest.mark.parametrize("platforms", [[Platform.SWITCH]])
async def test_command_while_a_read_lands(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """A read that lands while a command waits for its turn does not hide the command."""
    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.plug_0"}, blocking=True)
    await asyncio.sleep(CALL_INTERVAL)
    # The read after the command is slow to answer; meanwhile the plug is switched off.
    cloud.inject(Fault(delay=0.5, path_prefix="/v2/devices/api/get", times=1))
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=REREAD_AFTER_COMMAND))
    await asyncio.sleep(0.1)
    await hass.services.async_call("switch", "turn_off", {"entity_id": "switch.plug_0"}, blocking=True)
    # The read (still "on") landed before the command went: the command shows.
    assert cloud.requests_to("/v2/devices/api/get")[-1].time < cloud.requests_to("/v2/devices/api/set/switch")[-1].time
    assert hass.states.get("switch.plug_0").state == "off"


async def test_mixed_moment(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """Different commands of one kind need separate groups; kinds share a request."""
    await asyncio.gather(
        hass.services.async_call("switch", "turn_on", {"entity_id": ["switch.plug_0", "switch.plug_1"]}, blocking=True),
        hass.services.async_call("switch", "turn_off", {"entity_id": "switch.plug_2"}, blocking=True),
        hass.services.async_call("light", "turn_off", {"entity_id": "light.hall_dimmer"}, blocking=True),
    )
    bodies = [call.json for call in cloud.requests_to("/v2/devices/api/set/groups")]
    assert len(bodies) == 2
    kinds = sorted(kind for body in bodies for kind in body)
    assert kinds == ["light", "switch", "switch"]
    calls = cloud.requests_to("/v2/devices/api/")
    assert min(b.time - a.time for a, b in pairwise(calls)) >= 0.99


async def test_group_partial_failure(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """A channel in failedCommands fails its own service call; the others succeed."""
    cloud.set_online(PLUGS[1], False)
    results = await asyncio.gather(
        *(
            hass.services.async_call("switch", "turn_on", {"entity_id": f"switch.plug_{n}"}, blocking=True)
            for n in range(3)
        ),
        return_exceptions=True,
    )
    assert results[0] is None
    assert results[2] is None
    assert isinstance(results[1], HomeAssistantError)
    assert len(cloud.requests_to("/v2/devices/api/set/groups")) == 1
    assert hass.states.get("switch.plug_0").state == "on"
    assert hass.states.get("switch.plug_1").state == "off"


async def test_commands_ahead_of_polls(
    hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry
) -> None:
    """A command waiting with a poll in the queue goes first."""
    coordinator = entry.runtime_data
    poll = hass.async_create_task(coordinator.async_refresh())
    await asyncio.sleep(0)
    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.pump"}, blocking=True)
    await poll
    paths = [call.path for call in cloud.requests_to("/v2/devices/api/")][-3:]
    # The poll needs two get calls (11 ids); the command went between them at the latest.
    assert paths.index("/v2/devices/api/set/switch") < 2
