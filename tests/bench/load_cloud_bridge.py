"""Load scenario (issue 6): three 500-device accounts in one Home Assistant.

Run by `scripts/load` (`python -m tests.bench.load_run`), never by the test
suite (the file is not test_*.py and its scenario is named load_*). The clouds
run in a child process (tests.bench.load_clouds), so that CPU time and
tracemalloc figures are Home Assistant's and Cloud Bridge's alone. Figures are
printed, never asserted: OK/MISS marks a target, and the run exits 0.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import statistics
import sys
import time
import tracemalloc
from typing import Any
from unittest.mock import patch

import aiohttp
from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api.switchbot import (
    calls as switchbot_calls,
    client as switchbot_api,
)
from custom_components.cloud_bridge.const import DOMAIN
from tests.bench.accounts import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
)
from tests.bench.child import clouds_in_child
from tests.bench.load_clouds import shelly_ids
from tests.bench.simclock import Settler

DEVICES = int(os.environ.get("CLOUD_BRIDGE_LOAD_DEVICES", "500"))
CYCLES = int(os.environ.get("CLOUD_BRIDGE_LOAD_CYCLES", "1000"))
SHELLY_CYCLES = int(os.environ.get("CLOUD_BRIDGE_LOAD_SHELLY_CYCLES", str(CYCLES)))
CPU_CYCLES = int(os.environ.get("CLOUD_BRIDGE_LOAD_CPU_CYCLES", "20"))
# Shelly's real spacing is 1 call a second; the load run shrinks both sides.
SHELLY_CALL_INTERVAL = float(
    os.environ.get("CLOUD_BRIDGE_LOAD_SHELLY_SPACING", "0.002")
)
SHELLY_SIM_MIN_INTERVAL = SHELLY_CALL_INTERVAL / 2
ONLY = [v for v in os.environ.get("CLOUD_BRIDGE_LOAD_ONLY", "").split(",") if v]
# Seconds the memory phases may take in all, shared out; 0 = no cap.
BUDGET = float(os.environ.get("CLOUD_BRIDGE_LOAD_BUDGET", "0"))
SHARE = {"switchbot": 0.4, "shelly": 0.25, "sinricpro": 0.35}
GROWTH_LIMIT = 1024 * 1024
MiB = 1024 * 1024

pytestmark = pytest.mark.no_fail_on_log_exception

REPORT: list[str] = []


def _say(line: str = "") -> None:
    REPORT.append(line)


def _progress(message: str) -> None:
    print(f"[load] {message}", file=sys.stderr, flush=True)


def _clouds() -> contextlib.AbstractAsyncContextManager[dict[str, str]]:
    return clouds_in_child(
        "tests.bench.load_clouds",
        "--switchbot",
        str(DEVICES),
        "--shelly",
        str(DEVICES),
        "--sinricpro",
        str(DEVICES),
        "--shelly-min-interval",
        str(SHELLY_SIM_MIN_INTERVAL),
    )


def _entry(data: dict[str, Any]) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title=f"load {data['vendor']}",
        data=data,
        unique_id=f"load-{data['vendor']}",
        # No timed polls of its own: every poll is one the run drives and
        # measures, not another account's landing in the middle of it.
        pref_disable_polling=True,
    )


def _ok(good: bool) -> str:
    return "OK" if good else "MISS"


async def load_three_accounts(hass: HomeAssistant, socket_enabled: None) -> None:
    """Set up 3 x DEVICES devices; rate rules, poll CPU, memory over many cycles."""
    settler = Settler(hass)
    began = time.perf_counter()
    async with _clouds() as urls, aiohttp.ClientSession() as control:

        async def stats(vendor: str) -> dict[str, Any]:
            async with control.get(f"{urls[vendor]}/load/stats") as resp:
                return await resp.json()

        entries = {
            "switchbot": _entry(
                {
                    "vendor": "switchbot",
                    "api_token": SWITCHBOT_TOKEN,
                    "api_secret": SWITCHBOT_SECRET,
                    "base_url": urls["switchbot"],
                }
            ),
            "shelly": _entry(
                {
                    "vendor": "shelly",
                    "host": urls["shelly"],
                    "auth_key": SHELLY_AUTH_KEY,
                    "device_ids": shelly_ids(DEVICES),
                }
            ),
            "sinricpro": _entry(
                {
                    "vendor": "sinricpro",
                    "api_key": SINRICPRO_API_KEY,
                    "base_url": urls["sinricpro"],
                }
            ),
        }
        _say(
            f"Cloud Bridge load run: {DEVICES} devices in each of 3 accounts, one Home Assistant"
        )
        _say(
            f"Shelly spacing shrunk for the run: api.shelly.client.CALL_INTERVAL monkeypatched "
            f"1.0 -> {SHELLY_CALL_INTERVAL} s, simulator min_interval {SHELLY_SIM_MIN_INTERVAL} s"
        )
        _say()
        _say(
            "Set-up (all three stay loaded together; timed polls off, pref_disable_polling:"
            " every poll below is one the run drives with coordinator.async_refresh())"
        )
        registry = er.async_get(hass)
        with patch(
            "custom_components.cloud_bridge.api.shelly.client.CALL_INTERVAL",
            SHELLY_CALL_INTERVAL,
        ):
            for vendor, entry in entries.items():
                entry.add_to_hass(hass)
                wall0, cpu0 = time.perf_counter(), time.process_time()
                ok = await hass.config_entries.async_setup(entry.entry_id)
                await hass.async_block_till_done()
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                await settler.adopt_long_lived(1.0)
                coordinator = entry.runtime_data if ok else None
                devices = len(coordinator.data) if coordinator else 0
                entities = len(
                    er.async_entries_for_config_entry(registry, entry.entry_id)
                )
                _say(
                    f"  {vendor:<10} {wall:6.2f} s wall, {cpu:6.2f} s CPU; "
                    f"{devices} devices, {entities} entities"
                    + ("" if ok else f"  (SET-UP FAILED: {entry.state})")
                )
                _progress(f"set up {vendor} in {wall:.1f} s")
                await stats(vendor)  # forget the set-up's calls

        # -- rate rules: one poll each, calls counted by the cloud --------------
        _say()
        _say("Rate rules (one poll cycle each, counted at the simulated cloud)")
        sb = entries["switchbot"].runtime_data
        await sb.async_refresh()
        await settler.settle()
        seen = await stats("switchbot")
        interval = sb.update_interval.total_seconds()
        per_day = seen["calls"] * 86400 / interval + 86400 / switchbot_api.LIST_INTERVAL
        quota = switchbot_calls.DAILY_QUOTA["v1.1"]
        _say(
            f"  switchbot  {seen['calls']} calls/poll, interval {interval:.0f} s "
            f"-> {per_day:.0f} calls per simulated day vs quota {quota} "
            f"(poll share {quota * switchbot_api.POLL_SHARE:.0f}): {_ok(per_day <= quota)}"
        )
        sh = entries["shelly"].runtime_data
        await sh.async_refresh()
        await settler.settle()
        seen = await stats("shelly")
        wanted = math.ceil(DEVICES / 10)
        _say(
            f"  shelly     {seen['calls']} calls/poll (want ceil({DEVICES}/10) = {wanted}): "
            f"{_ok(seen['calls'] == wanted)}; max ids per call {seen['max_ids']} (<= 10): "
            f"{_ok(0 < seen['max_ids'] <= 10)}; spacing violations so far "
            f"{seen['violations']}: {_ok(seen['violations'] == 0)}"
        )
        sp = entries["sinricpro"].runtime_data
        await sp.async_refresh()
        await settler.settle()
        seen = await stats("sinricpro")
        _say(
            f"  sinricpro  {seen['calls']} REST calls/poll {seen['paths']}; "
            f"event stream open: {seen['open_streams'] > 0} (not awaited)"
        )

        # -- CPU per poll cycle, then memory over many cycles, per account -----
        _say()
        _say(
            f"Poll CPU (time.process_time, median of {CPU_CYCLES} cycles, no tracemalloc)"
        )
        cpu_lines: list[str] = []
        mem_lines: list[str] = []
        for vendor, entry in entries.items():
            if ONLY and vendor not in ONLY:
                continue
            coordinator = entry.runtime_data
            cycles = SHELLY_CYCLES if vendor == "shelly" else CYCLES

            async def cycle(coordinator: Any = coordinator) -> None:
                await coordinator.async_refresh()
                await settler.settle()

            cpu: list[float] = []
            wall: list[float] = []
            failed = 0
            for _ in range(CPU_CYCLES):
                cpu0, wall0 = time.process_time(), time.perf_counter()
                await cycle()
                cpu.append(time.process_time() - cpu0)
                wall.append(time.perf_counter() - wall0)
                failed += not coordinator.last_update_success
            cpu_lines.append(
                f"  {vendor:<10} {statistics.median(cpu) * 1000:7.1f} ms CPU/cycle "
                f"(max {max(cpu) * 1000:.1f}), {statistics.median(wall) * 1000:7.1f} ms wall"
                + (f"; {failed} failed polls" if failed else "")
            )
            _progress(f"{vendor}: CPU {statistics.median(cpu) * 1000:.1f} ms/cycle")

            # Registries are saved 10 s after a change; in the test harness the
            # saved JSON stays in memory. Save now, not in the middle of the run.
            hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
            await hass.async_block_till_done()
            gc.collect()
            tracemalloc.start()
            points: dict[int, tuple[int, int]] = {}
            start = tracemalloc.take_snapshot()
            t0 = time.perf_counter()
            wanted = cycles
            index = 0
            while index < cycles:
                index += 1
                if index == 11:
                    t11 = time.perf_counter()
                await cycle()
                failed += not coordinator.last_update_success
                if index in (10, cycles // 2, cycles):
                    gc.collect()
                    points[index] = tracemalloc.get_traced_memory()
                    if index == 10:
                        warm = tracemalloc.take_snapshot().compare_to(start, "lineno")
                    if index == cycles // 2:
                        halfway = tracemalloc.take_snapshot()
                    elif index == cycles:
                        grown = tracemalloc.take_snapshot().compare_to(
                            halfway, "lineno"
                        )
                if index == 20:
                    per_cycle = (time.perf_counter() - t11) / 10
                    if BUDGET > 0:
                        # Keep the whole run inside its time: fewer cycles, said so.
                        left = BUDGET * SHARE[vendor] - (time.perf_counter() - t0)
                        fits = int(20 + left / per_cycle) // 100 * 100
                        cycles = min(cycles, max(fits, 100))
                if index % 100 == 0:
                    _progress(
                        f"{vendor}: {index}/{cycles} cycles, {time.perf_counter() - t0:.0f} s"
                    )
            tracemalloc.stop()
            after = await stats(vendor)
            polled = CPU_CYCLES + cycles
            half = cycles // 2
            growth = points[cycles][0] - points[half][0]
            figures = ", ".join(
                f"cycle {i}: {cur / MiB:.2f}/{peak / MiB:.2f} MiB"
                for i, (cur, peak) in sorted(points.items())
            )
            mem_lines.append(
                f"  {vendor:<10} {cycles} cycles"
                + (
                    f" (of {wanted} asked: {per_cycle:.2f} s a traced cycle here)"
                    if cycles < wanted
                    else ""
                )
                + f" in {time.perf_counter() - t0:.0f} s; current/peak {figures}; "
                f"growth {half}->{cycles}: {growth / 1024:+.1f} KiB "
                f"(< 1 MiB: {_ok(growth < GROWTH_LIMIT)})"
                + (f"; {failed} failed polls" if failed else "")
            )
            calls_line = (
                f"      calls over its {polled} timed cycles: {after['calls']}"
                f" ({after['calls'] / polled:.1f} a cycle)"
            )
            if vendor == "shelly":
                calls_line += (
                    f"; max ids per call {after['max_ids']}; spacing violations in all"
                    f" {after['violations']}: {_ok(after['max_ids'] <= 10 and after['violations'] == 0)}"
                )
            mem_lines.append(calls_line)
            if growth >= GROWTH_LIMIT:
                for stat in grown[:3]:
                    mem_lines.append(
                        f"      grew at {stat.traceback[0]}: {stat.size_diff / 1024:+.0f} KiB"
                    )
            if points[10][0] >= GROWTH_LIMIT:
                for stat in warm[:4]:
                    mem_lines.append(
                        f"      one-off by cycle 10 at {stat.traceback[0]}: {stat.size_diff / 1024:+.0f} KiB"
                    )
            del halfway, grown, warm, start
        REPORT.extend(cpu_lines)
        _say()
        _say(
            "Memory over poll cycles (tracemalloc, started after set-up; gc before each reading)"
        )
        REPORT.extend(mem_lines)
        _say(
            "  Cycle 10's figure holds each account's live snapshot (re-made under tracing);"
            " the registries were saved before tracing began; growth is what the later"
            " half of the cycles kept."
        )

        for entry in entries.values():
            with contextlib.suppress(Exception):
                await hass.config_entries.async_unload(entry.entry_id)
        await settler.adopt_long_lived(0.5)
    _say()
    _say(f"Whole run: {time.perf_counter() - began:.0f} s")
