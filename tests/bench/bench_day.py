"""Benchmark scenarios 1-3: each vendor's cloud calls and freshness in a simulated day."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

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
from tests.bench.scenario import (
    CHANGE_EVERY,
    CHANGES_UNTIL,
    CORE,
    DAY,
    DAY_START,
    SIZES,
    SWITCHBOT_QUOTA,
    Freshness,
    core_entry,
    core_library_at,
    external_url,
    ours_entry,
    progress,
    setup_entry,
    stream_supported,
    switchbot_data,
    unload_entry,
)
from tests.bench.simclock import SimClock, real_now
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud

pytestmark = pytest.mark.no_fail_on_log_exception


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
            await external_url(hass, hass_client_no_auth)
        start = clock.now()
        if integration == "ours":
            entry = ours_entry(switchbot_data(cloud.url, version))
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
            if push and not entry.runtime_data.webhook_registered:
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
        await unload_entry(hass, clock, entry)
    finally:
        await cloud.stop()
    progress(f"switchbot {integration} {version} push={push} N={count}: done")


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
@pytest.mark.parametrize("push", [False, True], ids=["poll", "push"])
async def bench_shelly_day(
    hass: HomeAssistant, freezer: Any, socket_enabled: None, push: bool, count: int
) -> None:
    """Shelly: calls in one simulated day at the real one-call-a-second spacing.

    With push, the account is signed in for Real Time Events: each change
    arrives on the socket, and the token (12 h) is renewed twice a day.
    """
    began = real_now()
    freezer.move_to(DAY_START)
    clock = SimClock(hass, freezer)
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    ids = shelly_account(cloud, count)
    relays = [d for d in shelly_switchable(cloud) if cloud.devices[d].gen == "G1"]
    await cloud.start()
    try:
        start = clock.now()
        data: dict[str, Any] = {
            "vendor": "shelly",
            "host": cloud.url,
            "auth_key": SHELLY_AUTH_KEY,
            "device_ids": ids,
        }
        if push:
            data |= {
                "auth_implementation": "cloud_bridge_shelly",
                "token": cloud.realtime.issue_token(),
            }
        entry = ours_entry(data)
        # A ping is answered over a real socket while the simulated clock
        # jumps to the next timer: on this clock the watchdog would take every
        # pong as late. Pings are left out (they are not calls).
        with (
            clock.virtual_timers("custom_components.cloud_bridge.api.limiter"),
            patch("custom_components.cloud_bridge.api.shelly.push.PING_INTERVAL", DAY),
        ):
            await setup_entry(hass, entry)
            await clock.adopt_long_lived()
            if push and cloud.realtime.open_sockets == 0:
                await clock.wait_real(asyncio.ensure_future(asyncio.sleep(1.0)), 2.0)
            entities = {
                relay: entity_of(hass, "cloud_bridge", f"shelly_{relay}")
                for relay in relays
            }
            fresh = Freshness(hass, clock.now)

            def change(index: int) -> Callable[[], Awaitable[None]]:
                async def run() -> None:
                    relay = relays[index % len(relays)]
                    on = cloud.devices[relay].status["relays"][0]["ison"]
                    seen = fresh.expect(entities[relay], "off" if on else "on")
                    if push:
                        # Someone pressed the button: the status, and its event.
                        await cloud.realtime.change(
                            relay, {"relays": [{"ison": not on}]}
                        )
                        await clock.wait_real(seen, 2.0)
                    else:
                        shelly_flip(cloud, relay, not on)

                return run

            for index in range(int(CHANGES_UNTIL // CHANGE_EVERY)):
                clock.at(start + 600 + index * CHANGE_EVERY, change(index))
            await clock.run_until(start + DAY)
            fresh.close()
            interval = entry.runtime_data.update_interval.total_seconds()
            await unload_entry(hass, clock, entry)
        gets = [r.time for r in cloud.requests if r.path.endswith("/api/get")]
        bursts = _poll_bursts(gets)
        results.record(
            "day",
            vendor="shelly",
            integration="ours",
            version="v2",
            push=push,
            count=count,
            calls=len(cloud.requests),
            refused=cloud.rate_limit_violations,
            violations=cloud.rate_limit_violations,
            limit=86400,
            interval=interval,
            polls=len(bursts),
            calls_per_poll=max(bursts) if bursts else 0,
            socket_connects=cloud.realtime.connections,
            renewals=cloud.realtime.grants.count("refresh_token"),
            steps=clock.steps,
            real_seconds=real_now() - began,
            **fresh.summary(),
        )
    finally:
        await cloud.stop()
    progress(f"shelly push={push} N={count}: done")


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
    with patch("tests.simulator.sinricpro.cloud._DISCONNECT_POLL", 30.0):
        try:
            start = clock.now()
            entry = ours_entry(
                {
                    "vendor": "sinricpro",
                    "api_key": SINRICPRO_API_KEY,
                    "base_url": cloud.url,
                }
            )
            await setup_entry(hass, entry)
            await clock.adopt_long_lived()
            supported = stream_supported(entry)
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
                await unload_entry(hass, clock, entry)
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
            await unload_entry(hass, clock, entry)
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
    progress(f"sinricpro push={push} N={count}: done")
