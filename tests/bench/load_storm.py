"""Webhook storm (issue 6): SwitchBot pushing 1,000 events a second for 10 s into Home Assistant.

Run by `scripts/load` beside the three-account scenario, never by the test
suite. The cloud runs in a child process (tests.bench.load_clouds, SwitchBot
only) and sends the events over HTTP to Home Assistant's own server, so that
Home Assistant's event loop carries only what a real one would. A probe on
that loop wakes every PROBE seconds and records how late it woke: the loop
delay. Printed, never asserted.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import statistics
import time
from typing import Any

import aiohttp
from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.cloud_bridge.const import DOMAIN
from tests.bench.accounts import SWITCHBOT_SECRET, SWITCHBOT_TOKEN
from tests.bench.child import clouds_in_child
from tests.bench.load_cloud_bridge import REPORT
from tests.bench.simclock import Settler

DEVICES = int(os.environ.get("CLOUD_BRIDGE_LOAD_DEVICES", "500"))
RATE = float(os.environ.get("CLOUD_BRIDGE_STORM_RATE", "1000"))
SECONDS = float(os.environ.get("CLOUD_BRIDGE_STORM_SECONDS", "10"))
PROBE = 0.005
# Home Assistant's own warning threshold for a callback that blocks the loop is
# 0.1 s (asyncio's slow_callback_duration in debug mode); a storm should stay far below.
TARGET = 0.1

pytestmark = pytest.mark.no_fail_on_log_exception


class LoopProbe:
    """How late a task sleeping PROBE seconds at a time wakes up on the loop.

    It also times Python's garbage collections meanwhile: a full one stops
    the whole process, and is often the worst delay the loop sees.
    """

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.collections: list[tuple[int, float]] = []
        self._collecting = 0.0
        self._task: asyncio.Task[None] | None = None

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            taken = time.perf_counter() - self._collecting
            self.collections.append((info["generation"], taken))

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(PROBE)
            self.delays.append(loop.time() - before - PROBE)

    def start(self) -> None:
        """Start probing, forgetting earlier figures."""
        self.delays = []
        self.collections = []
        gc.callbacks.append(self._collected)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> dict[str, float]:
        """Stop probing; the median, 99th percentile and worst delay, the longest collection."""
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        gc.callbacks.remove(self._collected)
        ordered = sorted(self.delays)
        full = [taken for generation, taken in self.collections if generation == 2]
        return {
            "n": len(ordered),
            "median": statistics.median(ordered),
            "p99": ordered[int(0.99 * (len(ordered) - 1))],
            "worst": ordered[-1],
            "collections": len(self.collections),
            "full_collections": len(full),
            "longest_full_collection": max(full, default=0.0),
        }


def _shown(hass: HomeAssistant, entry_id: str) -> dict[str, dict[str, Any]]:
    """Per SwitchBot device id: the state each of its entities shows, by platform."""
    devices = dr.async_get(hass)
    shown: dict[str, dict[str, Any]] = {}
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry_id):
        device = devices.async_get(entity.device_id or "")
        state = hass.states.get(entity.entity_id)
        if device is None or state is None:
            continue
        device_id = next(i for d, i in device.identifiers if d == DOMAIN)
        device_id = device_id.removeprefix("switchbot_")
        seen = shown.setdefault(device_id, {})
        if entity.domain == "cover":
            seen["position"] = state.attributes.get("current_position")
        elif entity.domain == "switch":
            seen["power"] = state.state
        elif entity.translation_key is None and entity.original_device_class == "temperature":
            seen["temperature"] = float(state.state)
    return shown


def _stale(
    final: dict[str, dict[str, Any]], shown: dict[str, dict[str, Any]]
) -> tuple[int, int]:
    """Devices not showing the last event the cloud sent for them; devices checked."""
    stale = checked = 0
    for device_id, status in final.items():
        seen = shown.get(device_id, {})
        if "power" in seen:
            wrong = seen["power"] != status.get("power")
        elif "temperature" in seen:
            wrong = seen["temperature"] != status.get("temperature")
        elif "position" in seen:
            wrong = seen["position"] != 100 - status["slidePosition"]
        else:
            continue
        checked += 1
        stale += wrong
    return stale, checked


async def load_webhook_storm(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """RATE events a second for SECONDS s at Home Assistant's webhook; the loop delay."""
    settler = Settler(hass)
    # Components that add HTTP views go first: the server's routes are fixed once it serves.
    assert await async_setup_component(hass, "webhook", {})
    client = await hass_client_no_auth()
    hass.config.external_url = str(client.make_url("")).rstrip("/")
    probe = LoopProbe()
    async with (
        clouds_in_child(
            "tests.bench.load_clouds",
            *("--switchbot", str(DEVICES), "--shelly", "0", "--sinricpro", "0"),
        ) as urls,
        aiohttp.ClientSession() as control,
    ):
        url = urls["switchbot"]
        entry = MockConfigEntry(
            domain=DOMAIN,
            title="storm",
            data={
                "vendor": "switchbot",
                "api_token": SWITCHBOT_TOKEN,
                "api_secret": SWITCHBOT_SECRET,
                "base_url": url,
            },
            unique_id="storm",
            pref_disable_polling=True,
        )
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        await settler.adopt_long_lived(1.0)
        coordinator = entry.runtime_data
        # Registries are saved 10 s after set-up, in the test harness on the loop
        # (Home Assistant serialises in its executor): save now, not mid-storm.
        hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
        await hass.async_block_till_done()
        probe.start()
        await asyncio.sleep(2.0)
        idle = await probe.stop()

        probe.start()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        async with control.post(
            f"{url}/load/storm",
            json={"rate": RATE, "seconds": SECONDS},
            timeout=aiohttp.ClientTimeout(total=SECONDS * 20),
        ) as response:
            sent = await response.json()
        await hass.async_block_till_done()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        storm = await probe.stop()
        stale, checked = _stale(sent["final"], _shown(hass, entry.entry_id))
        push_active = coordinator.push_active
        await hass.config_entries.async_unload(entry.entry_id)
        await settler.adopt_long_lived(0.5)

    ms = 1000.0
    REPORT.append("")
    REPORT.append(
        f"Webhook storm: {sent['sent']} SwitchBot events, {RATE:.0f}/s for {SECONDS:.0f} s,"
        f" over {DEVICES} devices (push active: {push_active})"
    )
    REPORT.append(
        f"  sent in {sent['sending_seconds']:.2f} s, all answered by {sent['seconds']:.2f} s;"
        f" answers {sent['statuses']}; answer time median"
        f" {sent['answer_median'] * ms:.1f} ms, p99 {sent['answer_p99'] * ms:.1f} ms,"
        f" worst {sent['answer_worst'] * ms:.1f} ms"
    )
    REPORT.append(
        f"  Home Assistant's loop delay (a {PROBE * ms:.0f} ms probe): idle median"
        f" {idle['median'] * ms:.2f} ms, worst {idle['worst'] * ms:.2f} ms;"
        f" storm median {storm['median'] * ms:.2f} ms, p99 {storm['p99'] * ms:.2f} ms,"
        f" worst {storm['worst'] * ms:.2f} ms"
        f" (< {TARGET * ms:.0f} ms: {'OK' if storm['worst'] < TARGET else 'MISS'})"
    )
    REPORT.append(
        f"  Python's garbage collections over the storm: {storm['collections']},"
        f" {storm['full_collections']} of them full, the longest full one"
        f" {storm['longest_full_collection'] * ms:.1f} ms (the whole process stops for it)"
    )
    REPORT.append(
        f"  Home Assistant's CPU over the storm: {cpu:.2f} s in {wall:.2f} s"
        f" ({cpu / sent['sent'] * ms:.3f} ms an event); devices not showing their last"
        f" event afterwards: {stale} of the {checked} checked (plugs, bots, meters, curtains)"
    )
