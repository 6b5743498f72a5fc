"""Shared by the benchmark scenarios: the run's sizes, the simulated day, set-up helpers.

The scenarios are in `bench_day.py`, `bench_switchbot_2026.py`,
`bench_sinricpro_reads.py`, `bench_commands.py` and `bench_cost.py`:
run by `scripts/bench` (`python -m tests.bench`), never by the test suite. The
files are named bench_*.py so that the suite's `test_*.py` collection skips
them; each scenario records its figures in `tests.bench.results`, and the
runner prints them as tables with the targets beside them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import contextlib
import os
import statistics
import sys
from typing import Any
from unittest.mock import patch

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.cloud_bridge.const import DOMAIN
from tests.bench.accounts import SWITCHBOT_SECRET, SWITCHBOT_TOKEN
from tests.bench.simclock import Settler, real_now

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
            "fresh_sim": spread(self.sim),
            "fresh_real": spread(self.real),
            "fresh_unseen": len(self.pending),
            "fresh_superseded": self.superseded,
        }


def spread(values: list[float]) -> dict[str, float] | None:
    """Count, median, 95th percentile and worst of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "worst": ordered[-1],
    }


def progress(message: str) -> None:
    """Say on stderr that a scenario is done (the tables come at the end)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


async def external_url(
    hass: HomeAssistant, client_factory: ClientSessionGenerator
) -> None:
    """Serve Home Assistant's HTTP and make it the external URL clouds push to."""
    # Components that add HTTP views go first: the server's routes are fixed once it serves.
    for component in ("webhook", "media_player"):
        assert await async_setup_component(hass, component, {})
    client = await client_factory()
    hass.config.external_url = str(client.make_url("")).rstrip("/")


def ours_entry(data: dict[str, Any]) -> MockConfigEntry:
    """A Cloud Bridge config entry with `data`."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=data["vendor"],
        data=data,
        unique_id=f"bench-{data['vendor']}",
    )


def switchbot_data(url: str, version: str) -> dict[str, Any]:
    """Cloud Bridge's entry data for the SwitchBot simulator at `url`, API `version`."""
    return {
        "vendor": "switchbot",
        "api_token": SWITCHBOT_TOKEN,
        "api_secret": SWITCHBOT_SECRET if version == "v1.1" else "",
        "base_url": url,
    }


def core_entry() -> MockConfigEntry:
    """A config entry of Home Assistant core's SwitchBot Cloud integration."""
    return MockConfigEntry(
        domain=CORE,
        title="SwitchBot Cloud",
        data={"api_token": SWITCHBOT_TOKEN, "api_key": SWITCHBOT_SECRET},
        unique_id="bench-core",
    )


@contextlib.contextmanager
def core_library_at(url: str) -> Any:
    """Point HA core's SwitchBot library (a third-party module) at the simulator."""
    with patch("switchbot_api._API_HOST", url):
        yield


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Add `entry` and set it up; fail the scenario if that fails."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id), (
        f"{entry.domain} set-up failed"
    )


async def unload_entry(
    hass: HomeAssistant, settler: Settler, entry: MockConfigEntry
) -> None:
    """Unload `entry` (errors ignored) and let its long-lived tasks end."""
    with contextlib.suppress(Exception):
        await hass.config_entries.async_unload(entry.entry_id)
    await settler.adopt_long_lived(0.5)


def stream_supported(entry: MockConfigEntry) -> bool:
    """Whether the entry's client has an event stream in this tree."""
    client = getattr(getattr(entry, "runtime_data", None), "client", None)
    return bool(getattr(client, "supports_stream", False))
