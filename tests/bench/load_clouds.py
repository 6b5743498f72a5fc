"""The three simulated clouds of the load run, in a process of their own.

`python -m tests.bench.load_clouds --switchbot 500 --shelly 500 --sinricpro 500`
serves the accounts on 127.0.0.1, prints one JSON line with the base URLs and
stops when its standard input closes. `GET <cloud>/load/stats` answers what the
cloud saw since the last look (calls, ids per Shelly get call, rate-limit
violations) and forgets its request log, so that a 1,000-cycle run does not
fill this process. Readings change on every read (the benchmark's clouds).
`POST <switchbot>/load/storm` sends the webhook storm (tests.simulator.storm).
"""

from __future__ import annotations

import argparse
import asyncio

from aiohttp import web

from tests.bench.accounts import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
)
from tests.bench.child import serve_until_parent_closes
from tests.bench.cloud_process import _Shelly, _SinricPro, _SwitchBot
from tests.simulator.base import SimulatedCloud
from tests.simulator.shelly.devices import gen2_switch
from tests.simulator.switchbot.storm import add_storm_route

BACKLOG = 2048
# Mostly Meters, Plugs and Curtains; a Bot in ten.
SWITCHBOT_TYPES = (
    "Meter",
    "Plug Mini (US)",
    "Curtain",
    "Meter",
    "Plug Mini (US)",
    "Curtain",
    "Meter",
    "Plug Mini (US)",
    "Curtain",
    "Bot",
)
SINRICPRO_TYPES = ("SWITCH", "TEMPERATURESENSOR", "LIGHT")


def switchbot_ids(count: int) -> list[str]:
    """Device ids of the SwitchBot account."""
    return [f"D0{index:010X}" for index in range(count)]


def shelly_ids(count: int) -> list[str]:
    """Device ids of the Shelly account (all gen2 switches)."""
    return [f"d00d{index:08x}" for index in range(count)]


def _stats(cloud: SimulatedCloud, extra: dict) -> web.Response:  # type: ignore[type-arg]
    seen = [r for r in cloud.requests if not r.path.startswith("/load/")]
    paths: dict[str, int] = {}
    for record in seen:
        key = record.path.rsplit("/", 1)[-1]
        paths[key] = paths.get(key, 0) + 1
    ids = [
        len(r.json["ids"])
        for r in seen
        if isinstance(r.json, dict) and isinstance(r.json.get("ids"), list)
    ]
    cloud.requests.clear()
    return web.json_response(
        {"calls": len(seen), "paths": paths, "max_ids": max(ids, default=0), **extra}
    )


async def _serve(args: argparse.Namespace) -> None:
    switchbot = _SwitchBot(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    switchbot.backlog = BACKLOG
    for index, device_id in enumerate(switchbot_ids(args.switchbot)):
        kind = SWITCHBOT_TYPES[index % len(SWITCHBOT_TYPES)]
        switchbot.add_device(device_id, kind, f"{kind} {index}")
    shelly = _Shelly(SHELLY_AUTH_KEY)
    shelly.backlog = BACKLOG
    shelly.min_interval = args.shelly_min_interval
    for index, device_id in enumerate(shelly_ids(args.shelly)):
        shelly.add(gen2_switch(device_id, name=f"Plus 2PM {index}"))
    sinricpro = _SinricPro(SINRICPRO_API_KEY)
    sinricpro.backlog = BACKLOG
    for index in range(args.sinricpro):
        kind = SINRICPRO_TYPES[index % len(SINRICPRO_TYPES)]
        sinricpro.add_device(f"{index:024x}", kind, f"{kind.title()} {index}")

    async def switchbot_stats(request: web.Request) -> web.Response:
        return _stats(switchbot, {"calls_today": switchbot.calls_today})

    async def shelly_stats(request: web.Request) -> web.Response:
        return _stats(shelly, {"violations": shelly.rate_limit_violations})

    async def sinricpro_stats(request: web.Request) -> web.Response:
        return _stats(sinricpro, {"open_streams": sinricpro.open_streams})

    switchbot.app.router.add_get("/load/stats", switchbot_stats)
    add_storm_route(switchbot)
    shelly.app.router.add_get("/load/stats", shelly_stats)
    sinricpro.app.router.add_get("/load/stats", sinricpro_stats)
    await serve_until_parent_closes(
        {"switchbot": switchbot, "shelly": shelly, "sinricpro": sinricpro}
    )


def main() -> None:
    """Serve until standard input closes."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.load_clouds")
    parser.add_argument("--switchbot", type=int, default=500)
    parser.add_argument("--shelly", type=int, default=500)
    parser.add_argument("--sinricpro", type=int, default=500)
    parser.add_argument("--shelly-min-interval", type=float, default=0.001)
    asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
