"""Benchmark scenario: a SwitchBot account of the 2026-05 types, a deaf webhook, and calls a second.

50 devices, half Plug Mini (US) (which core's switchbot_cloud also maps) and
half the new types that have a status call, for one simulated day: Cloud
Bridge polling, Cloud Bridge with a webhook URL SwitchBot takes but never
reaches (an external URL behind a closed port), and core polling. A plug
changes every 1,009 s; freshness is the simulated time until it shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.bench import results
from tests.bench.accounts import BACKLOG, SWITCHBOT_SECRET, SWITCHBOT_TOKEN, entity_of
from tests.bench.scenario import (
    CHANGE_EVERY,
    CHANGES_UNTIL,
    CORE,
    DAY,
    DAY_START,
    SWITCHBOT_QUOTA,
    Freshness,
    core_entry,
    core_library_at,
    external_url,
    ours_entry,
    progress,
    setup_entry,
    switchbot_data,
    unload_entry,
)
from tests.bench.simclock import SimClock, real_now
from tests.simulator.switchbot import SwitchBotCloud

pytestmark = pytest.mark.no_fail_on_log_exception

MIXED_SIZE = 50
NEW_TYPES = (
    "Hub 3", "MeterPro(CO2)", "WeatherStation", "Presence Sensor", "Water Detector",
    "Lock Ultra", "Relay Switch 1PM", "Relay Switch 2PM", "Plug Mini (EU)", "Roller Shade",
    "Garage Door Opener", "Strip Light 3", "Circulator Fan", "Air Purifier PM2.5",
    "Humidifier2", "Robot Vacuum Cleaner S10", "Smart Radiator Thermostat",
)


def mixed_account(cloud: SwitchBotCloud, count: int) -> list[str]:
    """Half plugs, half new types in turn; the ids of the plugs."""
    cloud.backlog = BACKLOG
    plugs = []
    for index in range(count):
        device_id = f"B1{index:010X}"
        kind = "Plug Mini (US)" if index % 2 == 0 else NEW_TYPES[(index // 2) % len(NEW_TYPES)]
        cloud.add_device(device_id, kind, f"{kind} {index}")
        if kind.startswith("Plug Mini (US)"):
            plugs.append(device_id)
    return plugs


def peak_per_second(times: list[float]) -> int:
    """The most calls that left within any one second."""
    times = sorted(times)
    peak, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        peak = max(peak, end - start + 1)
    return peak


@pytest.mark.parametrize(
    ("integration", "mode"),
    [("ours", "poll"), ("ours", "deaf"), ("core", "poll")],
    ids=["ours-poll", "ours-deaf-webhook", "core-poll"],
)
async def bench_switchbot_2026_day(
    hass: HomeAssistant,
    freezer: Any,
    hass_client_no_auth: ClientSessionGenerator,
    integration: str,
    mode: str,
) -> None:
    """Calls a day and at the busiest second; freshness of plug changes, deaf webhook included."""
    began = real_now()
    freezer.move_to(DAY_START)
    clock = SimClock(hass, freezer)
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    plugs = mixed_account(cloud, MIXED_SIZE)
    cloud.quota = SWITCHBOT_QUOTA["v1.1"]
    await cloud.start()
    try:
        if mode == "deaf":
            # The cloud takes the URL; nothing it sends ever arrives.
            await external_url(hass, hass_client_no_auth)
        start = clock.now()
        if integration == "ours":
            entry = ours_entry(switchbot_data(cloud.url, "v1.1"))
            identify = ("cloud_bridge", "switchbot_{}")
        else:
            entry = core_entry()
            identify = (CORE, "{}")
        with (
            core_library_at(cloud.url),
            clock.virtual_timers("custom_components.cloud_bridge.api.limiter"),
        ):
            await setup_entry(hass, entry)
            await clock.adopt_long_lived()
            entities = {p: entity_of(hass, identify[0], identify[1].format(p)) for p in plugs}
            fresh = Freshness(hass, clock.now)

            def change(index: int) -> Callable[[], Awaitable[None]]:
                async def run() -> None:
                    plug = plugs[index % len(plugs)]
                    status = cloud.statuses[plug]
                    status["power"] = "off" if status.get("power") == "on" else "on"
                    fresh.expect(entities[plug], status["power"])

                return run

            for index in range(int(CHANGES_UNTIL // CHANGE_EVERY)):
                clock.at(start + 600 + index * CHANGE_EVERY, change(index))
            await clock.run_until(start + DAY)
            fresh.close()
        status_times = [r.time for r in cloud.requests if r.path.endswith("/status")]
        results.record(
            "switchbot_2026",
            integration=integration,
            mode=mode,
            count=MIXED_SIZE,
            calls=len(cloud.requests),
            refused=len(cloud.requests) - cloud.calls_today,
            limit=SWITCHBOT_QUOTA["v1.1"],
            peak_per_second=peak_per_second(status_times),
            deaf_found=any(
                issue_id.startswith("webhook_unreached")
                for _, issue_id in ir.async_get(hass).issues
            ),
            real_seconds=real_now() - began,
            **fresh.summary(),
        )
        await unload_entry(hass, clock, entry)
    finally:
        await cloud.stop()
    progress(f"switchbot 2026 types {integration} {mode}: done")
