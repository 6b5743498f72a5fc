"""Benchmark scenario 5: the cost inside Home Assistant, the clouds in another process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import cProfile
import gc
from pathlib import Path
import statistics
import tempfile
import time
import tracemalloc
from typing import Any
from unittest.mock import patch

import aiohttp
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.bench import results
from tests.bench.accounts import SHELLY_AUTH_KEY, SINRICPRO_API_KEY
from tests.bench.child import clouds_in_child
from tests.bench.scenario import (
    CORE,
    COST_SIZE,
    PROFILE,
    PUSH_EVENTS,
    core_entry,
    core_library_at,
    external_url,
    ours_entry,
    progress,
    setup_entry,
    switchbot_data,
    unload_entry,
)
from tests.bench.simclock import Settler

pytestmark = pytest.mark.no_fail_on_log_exception


def _cloud_process(
    count: int,
) -> contextlib.AbstractAsyncContextManager[dict[str, str]]:
    return clouds_in_child("tests.bench.cloud_process", "--devices", str(count))


async def _cost(
    settler: Settler, run: Callable[[], Awaitable[Any]], repeat: int, name: str
) -> dict[str, Any]:
    """CPU (process_time), wall time and allocations of `run`, medians of `repeat`."""
    if PROFILE:
        profile = cProfile.Profile()
        profile.enable()
        await run()
        await settler.settle()
        profile.disable()
        target = Path(tempfile.gettempdir()) / f"cloud-bridge-bench-{name}.prof"
        profile.dump_stats(target)
        progress(f"profile of {name}: {target}")
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        # A full collection of the whole test process is nobody's cost: not inside.
        gc.collect()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await run()
        await settler.settle()
        cpu.append(time.process_time() - cpu0)
        wall.append(time.perf_counter() - wall0)
    tracemalloc.start()
    try:
        gc.collect()
        tracemalloc.reset_peak()
        start, _ = tracemalloc.get_traced_memory()
        await run()
        await settler.settle()
        _, peak = tracemalloc.get_traced_memory()
        # What stays once the garbage is gone: "kept", not "not yet collected".
        gc.collect()
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {
        "cpu": statistics.median(cpu),
        "wall": statistics.median(wall),
        "alloc_peak": peak - start,
        "alloc_net": end - start,
    }


async def _timed_setup(
    hass: HomeAssistant, settler: Settler, entry: MockConfigEntry
) -> dict[str, float]:
    """Set-up until the entities exist and the set-up's own tasks (webhook) are done."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await setup_entry(hass, entry)
    # Not the background tasks: an event stream's reader never ends.
    await hass.async_block_till_done()
    figures = {
        "cpu": time.process_time() - cpu0,
        "wall": time.perf_counter() - wall0,
        "entities": len(
            er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        ),
    }
    await settler.adopt_long_lived(1.0)
    return figures


async def _poll_cost(
    hass: HomeAssistant, settler: Settler, count: int, data: dict[str, Any]
) -> None:
    """Set-up and poll cost of one of our entries; recorded, then unloaded."""
    vendor = data["vendor"]
    entry = ours_entry(data)
    setup = await _timed_setup(hass, settler, entry)
    poll = await _cost(settler, entry.runtime_data.async_refresh, 5, f"{vendor}-poll")
    await unload_entry(hass, settler, entry)
    results.record(
        "cost", vendor=vendor, integration="ours", count=count, setup=setup, poll=poll
    )
    progress(f"cost {vendor}: done")


async def bench_cost(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """CPU, allocations and set-up time inside Home Assistant for 200-device accounts.

    The clouds' call spacing (SwitchBot's 0.5 s, Shelly's 1 s) is switched off
    here, so that the figures are CPU, not waiting.
    """
    with patch("custom_components.cloud_bridge.api.switchbot.client.STATUS_SPACING", 0.0):
        await _bench_cost(hass, hass_client_no_auth)


async def _bench_cost(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    settler = Settler(hass)
    count = COST_SIZE
    await external_url(hass, hass_client_no_auth)
    async with _cloud_process(count) as urls, aiohttp.ClientSession() as control:
        # SwitchBot, ours, webhook on.
        entry = ours_entry(switchbot_data(urls["switchbot"], "v1.1"))
        setup = await _timed_setup(hass, settler, entry)
        coordinator = entry.runtime_data
        poll = await _cost(settler, coordinator.async_refresh, 5, "switchbot-ours-poll")

        async def pushes() -> None:
            async with control.post(
                f"{urls['switchbot']}/bench/push", json={"count": PUSH_EVENTS}
            ) as resp:
                body = await resp.json()
                assert body["ok"] == PUSH_EVENTS, body

        push = await _cost(settler, pushes, 1, "switchbot-ours-push")
        results.record(
            "cost",
            vendor="switchbot",
            integration="ours",
            count=count,
            setup=setup,
            poll=poll,
            push=push,
            push_events=PUSH_EVENTS,
            push_active=coordinator.push_active,
        )
        await unload_entry(hass, settler, entry)
        progress("cost switchbot ours: done")

        # SwitchBot, HA core: one coordinator per device, polled together.
        entry = core_entry()
        with core_library_at(urls["switchbot"]):
            setup = await _timed_setup(hass, settler, entry)
            data = hass.data[CORE][entry.entry_id].devices
            coordinators = {
                id(c): c
                for group in (data.switches, data.sensors, data.buttons, data.locks)
                for _, c in group
            }

            async def core_cycle() -> None:
                await asyncio.gather(
                    *(c.async_refresh() for c in coordinators.values())
                )

            poll = await _cost(settler, core_cycle, 5, "switchbot-core-poll")
            await unload_entry(hass, settler, entry)
        results.record(
            "cost",
            vendor="switchbot",
            integration="core",
            count=count,
            setup=setup,
            poll=poll,
        )
        progress("cost switchbot core: done")

        # Shelly: the 1 s spacing is switched off here (in the simulator too),
        # so that the figures are CPU, not waiting.
        with patch("custom_components.cloud_bridge.api.shelly.client.CALL_INTERVAL", 0.0):
            await _poll_cost(
                hass,
                settler,
                count,
                {
                    "vendor": "shelly",
                    "host": urls["shelly"],
                    "auth_key": SHELLY_AUTH_KEY,
                    "device_ids": [f"c0ffee{index:06x}" for index in range(count)],
                },
            )
        await _poll_cost(
            hass,
            settler,
            count,
            {
                "vendor": "sinricpro",
                "api_key": SINRICPRO_API_KEY,
                "base_url": urls["sinricpro"],
            },
        )
