"""Benchmark scenarios: run by `scripts/bench` (`python -m tests.bench`), never by the test suite.

The file is named bench_*.py so that the suite's `test_*.py` collection skips
it; each scenario records its figures in `tests.bench.results`, and the
runner prints them as tables with the targets beside them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import cProfile
import gc
import os
from pathlib import Path
import statistics
import sys
import tempfile
import time
import tracemalloc
from typing import Any
from unittest.mock import patch

import aiohttp
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.cloud_bridge.const import DOMAIN
from tests.bench import results
from tests.bench.accounts import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    entity_of,
    shelly_account,
    shelly_flip,
    shelly_switchable,
    sinricpro_account,
    switchbot_account,
)
from tests.bench.child import clouds_in_child
from tests.bench.simclock import Settler, SimClock, real_now
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud

SIZES = tuple(
    int(size)
    for size in os.environ.get("CLOUD_BRIDGE_BENCH_SIZES", "10,50,200").split(",")
)
COST_SIZE = max(SIZES)
COMMANDS = int(os.environ.get("CLOUD_BRIDGE_BENCH_COMMANDS", "200"))
PUSH_EVENTS = int(os.environ.get("CLOUD_BRIDGE_BENCH_PUSH_EVENTS", "1000"))
# Also write a cProfile of each measured operation (scripts/bench --profile).
PROFILE = bool(os.environ.get("CLOUD_BRIDGE_BENCH_PROFILE"))

# The simulated day: one UTC day (the SwitchBot quota's), less a second at each end.
DAY_START = "2026-03-02T00:00:01+00:00"
DAY = 86400.0 - 2.0
# A device changes at the cloud this often; changes stop after 16 h so that
# even a 7-hour poll interval sees the last one before the day ends.
CHANGE_EVERY = 1009.0
CHANGES_UNTIL = 16 * 3600.0
SWITCHBOT_QUOTA = {"v1.1": 10000, "v1.0": 1000}
CORE = "switchbot_cloud"

pytestmark = pytest.mark.no_fail_on_log_exception


class Freshness:
    """How long after a change at the cloud Home Assistant shows it."""

    def __init__(self, hass: HomeAssistant, now: Callable[[], float]) -> None:
        self._now = now
        self.pending: dict[str, tuple[str, float, float, asyncio.Future[float]]] = {}
        self.sim: list[float] = []
        self.real: list[float] = []
        self.superseded = 0
        self._unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, self._changed)

    def expect(self, entity_id: str, state: str) -> asyncio.Future[float]:
        """Start the watch for `entity_id` to show `state`; resolves to the real delay."""
        if entity_id in self.pending:
            self.superseded += 1
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.pending[entity_id] = (state, self._now(), real_now(), future)
        return future

    @callback
    def _changed(self, event: Event[Any]) -> None:
        entity_id = event.data["entity_id"]
        watch = self.pending.get(entity_id)
        new_state = event.data["new_state"]
        if watch is None or new_state is None or new_state.state != watch[0]:
            return
        del self.pending[entity_id]
        delay = real_now() - watch[2]
        self.sim.append(self._now() - watch[1])
        self.real.append(delay)
        if not watch[3].done():
            watch[3].set_result(delay)

    def close(self) -> None:
        """Stop watching."""
        self._unsub()

    def summary(self) -> dict[str, Any]:
        """Median and worst delays, simulated and real seconds."""
        return {
            "fresh_sim": _spread(self.sim),
            "fresh_real": _spread(self.real),
            "fresh_unseen": len(self.pending),
            "fresh_superseded": self.superseded,
        }


def _spread(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "worst": ordered[-1],
    }


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


async def _external_url(
    hass: HomeAssistant, client_factory: ClientSessionGenerator
) -> None:
    """Serve Home Assistant's HTTP and make it the external URL clouds push to."""
    # Components that add HTTP views go first: the server's routes are fixed once it serves.
    for component in ("webhook", "media_player"):
        assert await async_setup_component(hass, component, {})
    client = await client_factory()
    hass.config.external_url = str(client.make_url("")).rstrip("/")


def _ours(data: dict[str, Any]) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title=data["vendor"],
        data=data,
        unique_id=f"bench-{data['vendor']}",
    )


def _switchbot_data(url: str, version: str) -> dict[str, Any]:
    return {
        "vendor": "switchbot",
        "api_token": SWITCHBOT_TOKEN,
        "api_secret": SWITCHBOT_SECRET if version == "v1.1" else "",
        "base_url": url,
    }


def _core_entry() -> MockConfigEntry:
    return MockConfigEntry(
        domain=CORE,
        title="SwitchBot Cloud",
        data={"api_token": SWITCHBOT_TOKEN, "api_key": SWITCHBOT_SECRET},
        unique_id="bench-core",
    )


@contextlib.contextmanager
def _core_library_at(url: str) -> Any:
    """Point HA core's SwitchBot library (a third-party module) at the simulator."""
    with patch("switchbot_api._API_HOST", url):
        yield


async def _setup(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id), (
        f"{entry.domain} set-up failed"
    )


async def _unload(
    hass: HomeAssistant, settler: Settler, entry: MockConfigEntry
) -> None:
    with contextlib.suppress(Exception):
        await hass.config_entries.async_unload(entry.entry_id)
    await settler.adopt_long_lived(0.5)


def _stream_supported(entry: MockConfigEntry) -> bool:
    client = getattr(getattr(entry, "runtime_data", None), "client", None)
    return bool(getattr(client, "supports_stream", False))


# -- 1-3: a simulated day of calls and freshness --------------------------------------


@pytest.mark.parametrize("count", SIZES)
@pytest.mark.parametrize(
    ("integration", "version", "push"),
    [
        ("ours", "v1.1", False),
        ("ours", "v1.1", True),
        ("ours", "v1.0", False),
        ("core", "v1.1", False),
    ],
    ids=["ours-v1.1-poll", "ours-v1.1-push", "ours-v1.0-poll", "core-v1.1-poll"],
)
async def bench_switchbot_day(
    hass: HomeAssistant,
    freezer: Any,
    hass_client_no_auth: ClientSessionGenerator,
    integration: str,
    version: str,
    push: bool,
    count: int,
) -> None:
    """SwitchBot: calls in one simulated day, quota enforced; freshness of plug changes."""
    began = real_now()
    freezer.move_to(DAY_START)
    clock = SimClock(hass, freezer)
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    plugs = switchbot_account(cloud, count)
    cloud.quota = SWITCHBOT_QUOTA[version]
    await cloud.start()
    try:
        if push:
            await _external_url(hass, hass_client_no_auth)
        start = clock.now()
        if integration == "ours":
            entry = _ours(_switchbot_data(cloud.url, version))
            identify = ("cloud_bridge", "switchbot_{}")
        else:
            entry = _core_entry()
            identify = (CORE, "{}")
        with _core_library_at(cloud.url):
            await _setup(hass, entry)
            await clock.adopt_long_lived()
            if push and not entry.runtime_data.push_active:
                raise RuntimeError("the webhook did not come up")
            entities = {
                plug: entity_of(hass, identify[0], identify[1].format(plug))
                for plug in plugs
            }
            fresh = Freshness(hass, clock.now)

            def change(index: int) -> Callable[[], Awaitable[None]]:
                async def run() -> None:
                    plug = plugs[index % len(plugs)]
                    status = cloud.statuses[plug]
                    status["power"] = "off" if status.get("power") == "on" else "on"
                    fresh.expect(entities[plug], status["power"])
                    if push:
                        await cloud.send_webhook(
                            cloud.webhook_event(
                                plug, powerState=status["power"].upper()
                            )
                        )

                return run

            for index in range(int(CHANGES_UNTIL // CHANGE_EVERY)):
                clock.at(start + 600 + index * CHANGE_EVERY, change(index))
            await clock.run_until(start + DAY)
            fresh.close()
        interval = (
            entry.runtime_data.update_interval.total_seconds()
            if integration == "ours"
            else 600.0
        )
        results.record(
            "day",
            vendor="switchbot",
            integration=integration,
            version=version,
            push=push,
            count=count,
            calls=len(cloud.requests),
            refused=len(cloud.requests) - cloud.calls_today,
            limit=SWITCHBOT_QUOTA[version],
            interval=interval,
            steps=clock.steps,
            real_seconds=real_now() - began,
            **fresh.summary(),
        )
        await _unload(hass, clock, entry)
    finally:
        await cloud.stop()
    _progress(f"switchbot {integration} {version} push={push} N={count}: done")


def _poll_bursts(times: list[float]) -> list[int]:
    """Sizes of the bursts of calls (one poll each) in request times."""
    bursts: list[int] = []
    last = None
    for moment in times:
        if last is None or moment - last > 1.5:
            bursts.append(0)
        bursts[-1] += 1
        last = moment
    return bursts


@pytest.mark.parametrize("count", SIZES)
async def bench_shelly_day(
    hass: HomeAssistant, freezer: Any, socket_enabled: None, count: int
) -> None:
    """Shelly: calls in one simulated day at the real one-call-a-second spacing."""
    began = real_now()
    freezer.move_to(DAY_START)
    clock = SimClock(hass, freezer)
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    ids = shelly_account(cloud, count)
    relays = [d for d in shelly_switchable(cloud) if cloud.devices[d].gen == "G1"]
    await cloud.start()
    try:
        start = clock.now()
        entry = _ours(
            {
                "vendor": "shelly",
                "host": cloud.url,
                "auth_key": SHELLY_AUTH_KEY,
                "device_ids": ids,
            }
        )
        with clock.virtual_sleep("custom_components.cloud_bridge.api.limiter"):
            await _setup(hass, entry)
            await clock.adopt_long_lived()
            entities = {
                relay: entity_of(hass, "cloud_bridge", f"shelly_{relay}")
                for relay in relays
            }
            fresh = Freshness(hass, clock.now)

            def change(index: int) -> Callable[[], None]:
                def run() -> None:
                    relay = relays[index % len(relays)]
                    on = cloud.devices[relay].status["relays"][0]["ison"]
                    shelly_flip(cloud, relay, not on)
                    fresh.expect(entities[relay], "off" if on else "on")

                return run

            for index in range(int(CHANGES_UNTIL // CHANGE_EVERY)):
                clock.at(start + 600 + index * CHANGE_EVERY, change(index))
            await clock.run_until(start + DAY)
            fresh.close()
            interval = entry.runtime_data.update_interval.total_seconds()
            await _unload(hass, clock, entry)
        gets = [r.time for r in cloud.requests if r.path.endswith("/api/get")]
        bursts = _poll_bursts(gets)
        results.record(
            "day",
            vendor="shelly",
            integration="ours",
            version="v2",
            push=False,
            count=count,
            calls=len(cloud.requests),
            refused=cloud.rate_limit_violations,
            violations=cloud.rate_limit_violations,
            limit=86400,
            interval=interval,
            polls=len(bursts),
            calls_per_poll=max(bursts) if bursts else 0,
            steps=clock.steps,
            real_seconds=real_now() - began,
            **fresh.summary(),
        )
    finally:
        await cloud.stop()
    _progress(f"shelly N={count}: done")


@pytest.mark.parametrize("count", SIZES)
@pytest.mark.parametrize("push", [False, True], ids=["poll", "stream"])
async def bench_sinricpro_day(
    hass: HomeAssistant, freezer: Any, socket_enabled: None, push: bool, count: int
) -> None:
    """SinricPro: REST calls in one simulated day, with the event stream down or up."""
    began = real_now()
    freezer.move_to(DAY_START)
    clock = SimClock(hass, freezer)
    cloud = SinricProCloud(SINRICPRO_API_KEY)
    switches = sinricpro_account(cloud, count)
    if not push:
        # Push off: the stream endpoint fails, as when the stream is down.
        cloud.inject(Fault(status=503, body="unavailable", path_prefix="/sse"))
    await cloud.start()
    # A quiet stream checks for its client every 0.2 s; on a simulated clock
    # that would be 430,000 steps a day, so it checks once a heartbeat instead.
    with patch("tests.simulator.sinricpro._DISCONNECT_POLL", 30.0):
        try:
            start = clock.now()
            entry = _ours(
                {
                    "vendor": "sinricpro",
                    "api_key": SINRICPRO_API_KEY,
                    "base_url": cloud.url,
                }
            )
            await _setup(hass, entry)
            await clock.adopt_long_lived()
            supported = _stream_supported(entry)
            if push and (not supported or cloud.open_streams == 0):
                results.record(
                    "day",
                    vendor="sinricpro",
                    integration="ours",
                    version="v1",
                    push=True,
                    count=count,
                    skipped="event stream not implemented in this tree"
                    if not supported
                    else "event stream did not come up",
                )
                await _unload(hass, clock, entry)
                return
            entities = {
                switch: entity_of(hass, "cloud_bridge", f"sinricpro_{switch}")
                for switch in switches
            }
            fresh = Freshness(hass, clock.now)

            def change(index: int) -> Callable[[], Awaitable[None]]:
                async def run() -> None:
                    switch = switches[index % len(switches)]
                    state = (
                        "Off" if cloud.devices[switch]["powerState"] == "On" else "On"
                    )
                    seen = fresh.expect(entities[switch], state.lower())
                    # As if someone pressed the switch: its state and, on an
                    # open stream, the event.
                    cloud.device_event(switch, "setPowerState", {"state": state})
                    if push:
                        await clock.wait_real(seen, 2.0)

                return run

            for index in range(int(CHANGES_UNTIL // CHANGE_EVERY)):
                clock.at(start + 600 + index * CHANGE_EVERY, change(index))
            await clock.run_until(start + DAY)
            fresh.close()
            interval = entry.runtime_data.update_interval.total_seconds()
            await _unload(hass, clock, entry)
        finally:
            await cloud.stop()
    stream_calls = len(cloud.requests_to("/sse"))
    results.record(
        "day",
        vendor="sinricpro",
        integration="ours",
        version="v1",
        push=push,
        count=count,
        calls=len(cloud.requests) - stream_calls,
        stream_connects=stream_calls,
        limit=None,
        interval=interval,
        stream_supported=supported,
        steps=clock.steps,
        real_seconds=real_now() - began,
        **fresh.summary(),
    )
    _progress(f"sinricpro push={push} N={count}: done")


# -- 4: command round trip, real time ------------------------------------------------


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
    return {"rtt": _spread(fresh.real), "failures": failures, "commands": count}


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
            entry = _ours(_switchbot_data(cloud.url, "v1.1"))
            identify = ("cloud_bridge", "switchbot_{}")
        else:
            entry = _core_entry()
            identify = (CORE, "{}")
    elif vendor == "shelly":
        cloud = ShellyCloud(SHELLY_AUTH_KEY)
        ids = shelly_account(cloud, 50)
        targets = [d for d in shelly_switchable(cloud) if cloud.devices[d].gen == "G1"]
        await cloud.start()
        entry = _ours(
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
        entry = _ours(
            {"vendor": "sinricpro", "api_key": SINRICPRO_API_KEY, "base_url": cloud.url}
        )
        identify = ("cloud_bridge", "sinricpro_{}")
    try:
        with _core_library_at(cloud.url):
            await _setup(hass, entry)
            await settler.adopt_long_lived()
            entities = [
                entity_of(hass, identify[0], identify[1].format(t)) for t in targets
            ]
            await asyncio.sleep(gap)  # the set-up poll's last call is `gap` behind us
            figures = await _round_trips(hass, entities, count, gap=gap)
            if vendor == "sinricpro":
                figures["stream_up"] = cloud.open_streams > 0
            await _unload(hass, settler, entry)
    finally:
        await cloud.stop()
    results.record("rtt", vendor=vendor, integration=integration, **figures)
    _progress(f"round trip {who}: done")


async def bench_shelly_scene_and_spacing(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """Shelly in real time: a 20-channel scene, and a command beside a running poll."""
    settler = Settler(hass)
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    ids = shelly_account(cloud, 50)
    await cloud.start()
    entry = _ours(
        {
            "vendor": "shelly",
            "host": cloud.url,
            "auth_key": SHELLY_AUTH_KEY,
            "device_ids": ids,
        }
    )
    try:
        await _setup(hass, entry)
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
        await _unload(hass, settler, entry)
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
    _progress("shelly scene and spacing: done")


# -- 5: cost inside Home Assistant (clouds in another process) -----------------------


def _cloud_process(count: int) -> contextlib.AbstractAsyncContextManager[dict[str, str]]:
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
        _progress(f"profile of {name}: {target}")
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
    await _setup(hass, entry)
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


async def bench_cost(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """CPU, allocations and set-up time inside Home Assistant for 200-device accounts."""
    settler = Settler(hass)
    count = COST_SIZE
    await _external_url(hass, hass_client_no_auth)
    async with _cloud_process(count) as urls, aiohttp.ClientSession() as control:
        # SwitchBot, ours, webhook on.
        entry = _ours(_switchbot_data(urls["switchbot"], "v1.1"))
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
        await _unload(hass, settler, entry)
        _progress("cost switchbot ours: done")

        # SwitchBot, HA core: one coordinator per device, polled together.
        entry = _core_entry()
        with _core_library_at(urls["switchbot"]):
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
            await _unload(hass, settler, entry)
        results.record(
            "cost",
            vendor="switchbot",
            integration="core",
            count=count,
            setup=setup,
            poll=poll,
        )
        _progress("cost switchbot core: done")

        # Shelly: the 1 s spacing is switched off here (in the simulator too),
        # so that the figures are CPU, not waiting.
        with patch("custom_components.cloud_bridge.api.shelly.CALL_INTERVAL", 0.0):
            ids = [f"c0ffee{index:06x}" for index in range(count)]
            entry = _ours(
                {
                    "vendor": "shelly",
                    "host": urls["shelly"],
                    "auth_key": SHELLY_AUTH_KEY,
                    "device_ids": ids,
                }
            )
            setup = await _timed_setup(hass, settler, entry)
            poll = await _cost(
                settler, entry.runtime_data.async_refresh, 5, "shelly-poll"
            )
            await _unload(hass, settler, entry)
        results.record(
            "cost",
            vendor="shelly",
            integration="ours",
            count=count,
            setup=setup,
            poll=poll,
        )
        _progress("cost shelly: done")

        entry = _ours(
            {
                "vendor": "sinricpro",
                "api_key": SINRICPRO_API_KEY,
                "base_url": urls["sinricpro"],
            }
        )
        setup = await _timed_setup(hass, settler, entry)
        poll = await _cost(
            settler, entry.runtime_data.async_refresh, 5, "sinricpro-poll"
        )
        await _unload(hass, settler, entry)
        results.record(
            "cost",
            vendor="sinricpro",
            integration="ours",
            count=count,
            setup=setup,
            poll=poll,
        )
        _progress("cost sinricpro: done")
