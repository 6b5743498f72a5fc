"""Benchmark scenario 4: command round trips and Shelly's call spacing, in real time."""

from __future__ import annotations

import asyncio
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest

from tests.bench import results
from tests.bench.accounts import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    entity_of,
    shelly_account,
    shelly_switchable,
    sinricpro_account,
    switchbot_account,
)
from tests.bench.scenario import (
    COMMANDS,
    CORE,
    Freshness,
    core_entry,
    core_library_at,
    ours_entry,
    progress,
    setup_entry,
    spread,
    switchbot_data,
    unload_entry,
)
from tests.bench.simclock import Settler, real_now
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud

pytestmark = pytest.mark.no_fail_on_log_exception


async def _round_trips(
    hass: HomeAssistant,
    entities: list[str],
    count: int,
    *,
    gap: float = 0.0,
) -> dict[str, Any]:
    """Switch entities in turn; real seconds from the service call to the new state."""
    fresh = Freshness(hass, real_now)
    failures = 0
    try:
        for index in range(count):
            entity_id = entities[index % len(entities)]
            current = hass.states.get(entity_id)
            target = "off" if current is not None and current.state == "on" else "on"
            seen = fresh.expect(entity_id, target)
            try:
                async with asyncio.timeout(10):
                    await hass.services.async_call(
                        "switch",
                        f"turn_{target}",
                        {"entity_id": entity_id},
                        blocking=True,
                    )
                    await seen
            except Exception:  # a failed command is counted, not fatal
                failures += 1
                fresh.pending.pop(entity_id, None)
            if gap:
                await asyncio.sleep(gap)
    finally:
        fresh.close()
    return {"rtt": spread(fresh.real), "failures": failures, "commands": count}


@pytest.mark.parametrize(
    "who", ["switchbot-ours", "switchbot-core", "shelly-ours", "sinricpro-ours"]
)
async def bench_round_trip(hass: HomeAssistant, socket_enabled: None, who: str) -> None:
    """Command round trips against a local simulator of a 50-device account."""
    settler = Settler(hass)
    vendor, integration = who.split("-")
    count = COMMANDS
    gap = 0.0
    cloud: Any
    if vendor == "switchbot":
        cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
        targets = switchbot_account(cloud, 50)
        await cloud.start()
        if integration == "ours":
            entry = ours_entry(switchbot_data(cloud.url, "v1.1"))
            identify = ("cloud_bridge", "switchbot_{}")
        else:
            entry = core_entry()
            identify = (CORE, "{}")
    elif vendor == "shelly":
        cloud = ShellyCloud(SHELLY_AUTH_KEY)
        ids = shelly_account(cloud, 50)
        targets = [d for d in shelly_switchable(cloud) if cloud.devices[d].gen == "G1"]
        await cloud.start()
        entry = ours_entry(
            {
                "vendor": "shelly",
                "host": cloud.url,
                "auth_key": SHELLY_AUTH_KEY,
                "device_ids": ids,
            }
        )
        identify = ("cloud_bridge", "shelly_{}")
        # The real one call a second: commands a second apart never queue.
        count, gap = min(COMMANDS, 20), 1.0
    else:
        cloud = SinricProCloud(SINRICPRO_API_KEY)
        targets = sinricpro_account(cloud, 50)
        await cloud.start()
        entry = ours_entry(
            {"vendor": "sinricpro", "api_key": SINRICPRO_API_KEY, "base_url": cloud.url}
        )
        identify = ("cloud_bridge", "sinricpro_{}")
    try:
        with core_library_at(cloud.url):
            await setup_entry(hass, entry)
            await settler.adopt_long_lived()
            entities = [
                entity_of(hass, identify[0], identify[1].format(t)) for t in targets
            ]
            await asyncio.sleep(gap)  # the set-up poll's last call is `gap` behind us
            figures = await _round_trips(hass, entities, count, gap=gap)
            if vendor == "sinricpro":
                figures["stream_up"] = cloud.open_streams > 0
            await unload_entry(hass, settler, entry)
    finally:
        await cloud.stop()
    results.record("rtt", vendor=vendor, integration=integration, **figures)
    progress(f"round trip {who}: done")


async def bench_shelly_scene_and_spacing(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """Shelly in real time: a 20-channel scene, and a command beside a running poll."""
    settler = Settler(hass)
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    ids = shelly_account(cloud, 50)
    await cloud.start()
    entry = ours_entry(
        {
            "vendor": "shelly",
            "host": cloud.url,
            "auth_key": SHELLY_AUTH_KEY,
            "device_ids": ids,
        }
    )
    try:
        await setup_entry(hass, entry)
        await settler.adopt_long_lived()
        assert await async_setup_component(hass, "scene", {})
        await hass.async_block_till_done()
        switches = sorted(
            e.entity_id
            for e in er.async_entries_for_config_entry(
                er.async_get(hass), entry.entry_id
            )
            if e.domain == "switch"
        )[:20]
        await asyncio.sleep(1.1)  # no call of the set-up poll still spacing
        before = len(cloud.requests)
        began = real_now()
        await hass.services.async_call(
            "scene", "apply", {"entities": dict.fromkeys(switches, "on")}, blocking=True
        )
        scene_seconds = real_now() - began
        scene_calls = [r.path for r in cloud.requests[before:]]
        shown_on = sum(
            1 for e in switches if (s := hass.states.get(e)) and s.state == "on"
        )
        # A command while a poll of ceil(50/10) = 5 calls is under way.
        await asyncio.sleep(1.1)
        poll_before = len(cloud.requests)
        poll = hass.async_create_task(entry.runtime_data.async_refresh())
        await asyncio.sleep(0.3)
        began = real_now()
        await hass.services.async_call(
            "switch", "turn_off", {"entity_id": switches[0]}, blocking=True
        )
        command_seconds = real_now() - began
        await poll
        order = [r.path.rsplit("/", 1)[-1] for r in cloud.requests[poll_before:]]
        await unload_entry(hass, settler, entry)
    finally:
        await cloud.stop()
    results.record(
        "shelly_real",
        scene_channels=len(switches),
        scene_shown=shown_on,
        scene_calls=len(scene_calls),
        scene_paths=sorted(set(scene_calls)),
        scene_seconds=scene_seconds,
        command_beside_poll=command_seconds,
        call_order=order,
        violations=cloud.rate_limit_violations,
    )
    progress("shelly scene and spacing: done")
