"""A webhook storm: the SwitchBot cloud pushing events at a fixed rate.

`storm(cloud, rate, seconds)` POSTs rate x seconds changeReport events, paced
to the rate, to the webhook URL the integration registered, over at most
`connections` connections at once, so that they may arrive out of order, as
real ones may; each event's timeOfSample says which is newer. It answers what
was sent, what came back, how late the answers were, and the state each device
was left in, so that the receiver can check it shows every device's last event.
`add_storm_route(cloud)` serves it as `POST /load/storm {"rate": .., "seconds": ..}`
for the load run, whose cloud is another process.
"""

from __future__ import annotations

import asyncio
from collections import Counter
import json
import statistics
import time
from typing import Any

import aiohttp
from aiohttp import web

from tests.simulator.switchbot import SwitchBotCloud

# More connections than the cloud would hold open to one receiver; the rate is the point.
CONNECTIONS = 64
STORMY = ("Plug", "Meter", "Curtain", "Bot")


def _change(cloud: SwitchBotCloud, device_id: str) -> dict[str, Any]:
    """Change `device_id` at the cloud; the webhook context that reports it."""
    kind = cloud.devices[device_id]["deviceType"]
    status = cloud.statuses[device_id]
    if kind.startswith("Plug"):
        status["power"] = "off" if status.get("power") == "on" else "on"
        return {"powerState": status["power"].upper()}
    if kind == "Meter":
        status["temperature"] = round(status["temperature"] + 0.1, 1)
        return {
            "temperature": status["temperature"],
            "humidity": status["humidity"],
            "battery": status["battery"],
            "scale": "CELSIUS",
        }
    if kind == "Curtain":
        status["slidePosition"] = (int(status.get("slidePosition", 0)) + 7) % 101
        return {
            "calibrate": True,
            "group": False,
            "slidePosition": status["slidePosition"],
            "battery": status.get("battery", 100),
        }
    status["power"] = "off" if status.get("power") == "on" else "on"
    return {"power": status["power"], "battery": 90, "deviceMode": "switchMode"}


async def storm(
    cloud: SwitchBotCloud, rate: float, seconds: float, connections: int = CONNECTIONS
) -> dict[str, Any]:
    """Push rate x seconds events to the registered webhook, paced; what happened."""
    url = cloud.webhook_url
    if url is None:
        return {"error": "no webhook registered"}
    devices = [
        device_id
        for device_id, body in cloud.devices.items()
        if body["deviceType"].startswith(STORMY) and device_id in cloud.statuses
    ]
    sampled = int(time.time() * 1000)
    total = int(rate * seconds)
    statuses: Counter[str] = Counter()
    latencies: list[float] = []
    loop = asyncio.get_running_loop()

    async def send(session: aiohttp.ClientSession, index: int) -> None:
        device_id = devices[index % len(devices)]
        event = cloud.webhook_event(device_id, **_change(cloud, device_id))
        event["context"]["timeOfSample"] = sampled + index
        body = json.dumps(event)
        began = loop.time()
        try:
            async with session.post(
                url, data=body, headers={"Content-Type": "application/json"}
            ) as response:
                await response.read()
                statuses[str(response.status)] += 1
        except (aiohttp.ClientError, TimeoutError) as err:
            statuses[type(err).__name__] += 1
        latencies.append(loop.time() - began)

    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks: list[asyncio.Task[None]] = []
        start = loop.time()
        sent = 0
        while sent < total:
            # Launch every event that is due by now; then sleep to the next one.
            due = min(total, int((loop.time() - start) * rate) + 1)
            while sent < due:
                tasks.append(asyncio.create_task(send(session, sent)))
                sent += 1
            await asyncio.sleep(max(0.0, start + sent / rate - loop.time()))
        sending = loop.time() - start
        await asyncio.gather(*tasks)
        elapsed = loop.time() - start
    ordered = sorted(latencies)
    return {
        "sent": total,
        "statuses": dict(statuses),
        "sending_seconds": sending,
        "seconds": elapsed,
        "answer_median": statistics.median(ordered),
        "answer_p99": ordered[int(0.99 * (len(ordered) - 1))],
        "answer_worst": ordered[-1],
        "final": {
            device_id: dict(cloud.statuses[device_id]) for device_id in devices[:total]
        },
    }


def add_storm_route(cloud: SwitchBotCloud) -> None:
    """Give `cloud` its `POST /load/storm` endpoint."""

    async def handle(request: web.Request) -> web.Response:
        wanted = await request.json()
        return web.json_response(
            await storm(cloud, float(wanted["rate"]), float(wanted["seconds"]))
        )

    cloud.app.router.add_post("/load/storm", handle)
