"""Benchmark scenario: SinricPro reads at the busiest minute, beside the account's read limit.

SinricPro lets an account make about 20 device reads a minute, and puts one that
stays at the limit for 5 minutes in slow mode (2 a minute, for 30 minutes). Cloud
Bridge spaces its reads 60/18 s apart. A real minute is too long for a bench, so
time is scaled: the simulator's minute is WINDOW real seconds, and every timing
that decides when Cloud Bridge reads (the spacing, the poll intervals and their
back-off, the wait for a command's confirmation, the stream's reconnect back-off,
its watchdog and the cloud's heartbeat, Home Assistant's 10 s refresh
debouncer) is scaled by the same factor.

The load, on a 50-device account for MINUTES minutes: every minute the event
stream drops (and stays refused for half a minute, so polls return to the
normal pace meanwhile), and a scene toggles all 25 switches, whose confirmations
never come, so each is read again: once, at the start ("scene once"), or every
minute ("scene each minute"). The latter asks for about 28 reads a minute, more
than the limit: the spacing, not the load, has to keep the account under it.
"""

from __future__ import annotations

import asyncio
import time

from homeassistant.core import HomeAssistant
import pytest

from custom_components.cloud_bridge import coordinator as coordinator_module
from custom_components.cloud_bridge.api.sinricpro import client as client_module
from tests.bench import results
from tests.bench.accounts import SINRICPRO_API_KEY, entity_of, sinricpro_account
from tests.bench.scenario import ours_entry, progress, setup_entry, unload_entry
from tests.bench.simclock import Settler, real_now
from tests.simulator.base import Fault
from tests.simulator.sinricpro import SinricProCloud

pytestmark = pytest.mark.no_fail_on_log_exception

WINDOW = 1.0  # real seconds that stand for one minute
SCALE = WINDOW / 60.0
MINUTES = 7  # longer than the 5 minutes at the limit that lead to slow mode
READS_SIZE = 50
# The timings, in real seconds in the code, that decide when reads happen.
CLIENT_TIMINGS = (
    "READ_SPACING",
    "DEFAULT_POLL_INTERVAL",
    "MIN_POLL_INTERVAL",
    "CONFIRM_TIMEOUT",
    "BACKOFF_BASE",
    "BACKOFF_MAX",
    "STREAM_WATCHDOG",
)
COORDINATOR_TIMINGS = ("SAFETY_INTERVAL", "MAX_BACKOFF")


async def _until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


@pytest.mark.parametrize("scenes", ["once", "each-minute"])
async def bench_sinricpro_reads(
    hass: HomeAssistant,
    socket_enabled: None,
    monkeypatch: pytest.MonkeyPatch,
    scenes: str,
) -> None:
    """Reads at the busiest minute, 429s and slow mode, under the busiest load modelled."""
    began = real_now()
    settler = Settler(hass)
    cloud = SinricProCloud(SINRICPRO_API_KEY)
    switches = sinricpro_account(cloud, READS_SIZE)
    limit = cloud.read_limit
    limit.window = WINDOW
    limit.slow_after *= SCALE
    limit.slow_for *= SCALE
    # A named wait as resetTime (ms) keeps its scale; Retry-After is whole seconds.
    cloud.wait_in = "body"
    cloud.confirm_actions = False  # every command's outcome goes missing
    # A stream that was up carried heartbeats, so a drop is no failed connect.
    cloud.heartbeat_interval *= SCALE
    spacing = client_module.READ_SPACING  # the real design's, before scaling
    for name in CLIENT_TIMINGS:
        monkeypatch.setattr(client_module, name, getattr(client_module, name) * SCALE)
    for name in COORDINATOR_TIMINGS:
        monkeypatch.setattr(
            coordinator_module, name, getattr(coordinator_module, name) * SCALE
        )
    await cloud.start()
    commands = failures = 0
    try:
        entry = ours_entry(
            {"vendor": "sinricpro", "api_key": SINRICPRO_API_KEY, "base_url": cloud.url}
        )
        await setup_entry(hass, entry)
        await settler.adopt_long_lived()
        coordinator = entry.runtime_data
        # Home Assistant's request_refresh debouncer (10 s), scaled with the rest.
        coordinator._debounced_refresh.cooldown *= SCALE
        stream_up = cloud.open_streams > 0
        entities = [entity_of(hass, "cloud_bridge", f"sinricpro_{s}") for s in switches]
        start = time.monotonic()
        for minute in range(MINUTES):
            await _until(start + minute * WINDOW)
            # The stream drops and is refused for half a minute.
            cloud.inject(Fault(status=503, body="unavailable", path_prefix="/sse"))
            cloud.drop_streams(abort=True)
            if minute == 0 or scenes == "each-minute":
                try:
                    await hass.services.async_call(
                        "switch", "toggle", {"entity_id": entities}, blocking=True
                    )
                except Exception:  # a refused command is counted, not fatal
                    failures += 1
                commands += len(entities)
            await _until(start + (minute + 0.5) * WINDOW)
            cloud.clear_faults()
        await _until(start + MINUTES * WINDOW)
        gets = [r.path for r in cloud.requests if r.method == "GET"]
        busiest, reads, refused = limit.busiest(), len(limit.reads), limit.refused
        slow_entered = limit.slow_until > 0
        await unload_entry(hass, settler, entry)
    finally:
        await cloud.stop()
    results.record(
        "sinricpro_reads",
        count=READS_SIZE,
        scenes=scenes,
        minutes=MINUTES,
        window=WINDOW,
        spacing=spacing,
        stream_up=stream_up,
        commands=commands,
        command_failures=failures,
        drops=MINUTES,
        list_reads=gets.count("/api/v1/devices"),
        device_reads=sum(1 for p in gets if p.startswith("/api/v1/devices/")),
        reads=reads,
        busiest=busiest,
        refused=refused,
        slow_entered=slow_entered,
        limit=limit.limit,
        slow_limit=limit.slow_limit,
        slow_after=limit.slow_after / SCALE,
        real_seconds=real_now() - began,
    )
    progress(f"sinricpro reads at the busiest minute, scene {scenes}: done")
