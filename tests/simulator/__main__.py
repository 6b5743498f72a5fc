"""Run the three demo clouds locally: ``python -m tests.simulator`` (Ctrl-C stops them)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .base import SimulatedCloud
from .demo import (
    DEMO_SHELLY_AUTH_KEY,
    DEMO_SHELLY_DEVICE_IDS,
    DEMO_SINRICPRO_API_KEY,
    DEMO_SWITCHBOT_SECRET,
    DEMO_SWITCHBOT_TOKEN,
    populate_shelly,
    populate_sinricpro,
    populate_switchbot,
)
from .shelly import ShellyCloud
from .sinricpro import SinricProCloud
from .switchbot import SwitchBotCloud


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--switchbot-port", type=int, default=8081)
    parser.add_argument("--shelly-port", type=int, default=8082)
    parser.add_argument("--sinricpro-port", type=int, default=8083)
    return parser.parse_args()


async def _serve(args: argparse.Namespace) -> None:
    switchbot = SwitchBotCloud(DEMO_SWITCHBOT_TOKEN, DEMO_SWITCHBOT_SECRET)
    shelly = ShellyCloud(DEMO_SHELLY_AUTH_KEY)
    shelly.min_interval = 1.0
    sinricpro = SinricProCloud(DEMO_SINRICPRO_API_KEY)
    populate_switchbot(switchbot)
    populate_shelly(shelly)
    populate_sinricpro(sinricpro)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not available on Windows; Ctrl-C still ends the process there.
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)

    started: list[SimulatedCloud] = []
    try:
        switchbot_url = await switchbot.start(args.host, args.switchbot_port)
        started.append(switchbot)
        shelly_url = await shelly.start(args.host, args.shelly_port)
        started.append(shelly)
        sinricpro_url = await sinricpro.start(args.host, args.sinricpro_port)
        started.append(sinricpro)
        print(f"SwitchBot  {switchbot_url}  (paths /v1.0/... and /v1.1/...)")
        print(f"  token:  {DEMO_SWITCHBOT_TOKEN}")
        print(f"  secret: {DEMO_SWITCHBOT_SECRET}")
        print(f"Shelly     {shelly_url}  (POST /v2/devices/api/...?auth_key=...)")
        print(f"  auth_key:   {DEMO_SHELLY_AUTH_KEY}")
        print(f"  device ids: {', '.join(DEMO_SHELLY_DEVICE_IDS)}")
        print(f"SinricPro  {sinricpro_url}  (/api/v1/... and /sse/stream)")
        print(f"  api key: {DEMO_SINRICPRO_API_KEY}")
        print("Press Ctrl-C to stop.", flush=True)
        await stop.wait()
    finally:
        for cloud in reversed(started):
            await cloud.stop()


def main() -> None:
    """Entry point."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_arguments()))


if __name__ == "__main__":
    main()
