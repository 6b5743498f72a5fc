"""The three simulated clouds in a process of their own, for measuring Home Assistant's CPU.

`python -m tests.bench.cloud_process --devices N` serves N devices per vendor
on 127.0.0.1, prints one JSON line with the base URLs, and stops when its
standard input closes. Every read changes some readings, so that a poll
carries changes as a real account's would. `POST <switchbot>/bench/push
{"count": n}` makes the SwitchBot cloud push n webhook events (plug and meter
changes in turn) to the URL the integration registered, one after another.
"""

from __future__ import annotations

import argparse
import asyncio

import aiohttp
from aiohttp import web

from tests.bench.accounts import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    shelly_account,
    sinricpro_account,
    switchbot_account,
)
from tests.bench.child import serve_until_parent_closes
from tests.simulator.base import read_json
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud


class _SwitchBot(SwitchBotCloud):
    async def _get_status(self, request: web.Request) -> web.Response:
        status = self.statuses.get(request.match_info["device_id"], {})
        if isinstance(status.get("temperature"), float | int):
            status["temperature"] = round(status["temperature"] + 0.1, 1)
        return await super()._get_status(request)


class _Shelly(ShellyCloud):
    async def _get(self, request: web.Request) -> web.Response:
        payload = await read_json(request)
        ids = payload.get("ids") if isinstance(payload, dict) else None
        for device_id in ids if isinstance(ids, list) else []:
            device = self.devices.get(device_id)
            if device is None:
                continue
            if "temperature:0" in device.status:
                device.status["temperature:0"]["tC"] += 0.1
            elif "switch:0" in device.status:
                device.status["switch:0"]["voltage"] += 0.1
            elif "meters" in device.status:
                device.status["meters"][0]["total"] += 1
        return await super()._get(request)


class _SinricPro(SinricProCloud):
    async def _list_devices(self, request: web.Request) -> web.Response:
        for device in self.devices.values():
            if isinstance(device.get("temperature"), float | int):
                device["temperature"] = round(device["temperature"] + 0.1, 1)
        return await super()._list_devices(request)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.cloud_process")
    parser.add_argument("--devices", type=int, default=200)
    return parser.parse_args()


async def _serve(count: int) -> None:
    switchbot = _SwitchBot(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    plugs = switchbot_account(switchbot, count)
    meters = [
        d for d, body in switchbot.devices.items() if body["deviceType"] == "Meter"
    ]
    shelly = _Shelly(SHELLY_AUTH_KEY)
    shelly_account(shelly, count)
    # Home Assistant's side is measured with the spacing off: no waiting here either.
    shelly.min_interval = 0.0
    sinricpro = _SinricPro(SINRICPRO_API_KEY)
    sinricpro_account(sinricpro, count)

    async def push(request: web.Request) -> web.Response:
        wanted = int((await request.json()).get("count", 1000))
        url = switchbot.webhook_url
        if url is None:
            return web.json_response({"ok": 0, "error": "no webhook registered"})
        ok = 0
        async with aiohttp.ClientSession() as session:
            for index in range(wanted):
                if index % 2 == 0:
                    plug = plugs[(index // 2) % len(plugs)]
                    status = switchbot.statuses[plug]
                    status["power"] = "off" if status.get("power") == "on" else "on"
                    event = switchbot.webhook_event(
                        plug, powerState=status["power"].upper()
                    )
                else:
                    meter = meters[(index // 2) % len(meters)]
                    status = switchbot.statuses[meter]
                    status["temperature"] = round(status["temperature"] + 0.1, 1)
                    event = switchbot.webhook_event(
                        meter,
                        temperature=status["temperature"],
                        humidity=status["humidity"],
                        battery=status["battery"],
                        scale="CELSIUS",
                    )
                async with session.post(url, json=event) as response:
                    await response.read()
                    ok += response.status == 200
        return web.json_response({"ok": ok})

    switchbot.app.router.add_post("/bench/push", push)
    await serve_until_parent_closes(
        {"switchbot": switchbot, "shelly": shelly, "sinricpro": sinricpro}
    )


def main() -> None:
    """Serve until standard input closes."""
    asyncio.run(_serve(_arguments().devices))


if __name__ == "__main__":
    main()
