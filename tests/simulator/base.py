"""Shared machinery for the local cloud simulators: serving, request recording, faults."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import json
import time
from types import TracebackType
from typing import Any, Self

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
JsonDict = dict[str, Any]


@dataclass
class Fault:
    """A canned misbehaviour that replaces (or delays) the simulator's own answer."""

    status: int | None = None
    body: str | None = None
    delay: float = 0.0
    times: int | None = None
    path_prefix: str = ""
    headers: dict[str, str] | None = None

    def matches(self, path: str) -> bool:
        """Whether this fault still applies to a request for ``path``."""
        if self.times is not None and self.times <= 0:
            return False
        return path.startswith(self.path_prefix)


@dataclass
class RecordedRequest:
    """One request as it arrived, before faults or authentication were applied."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    time: float
    text: str = ""


def parse_json(text: str) -> Any:
    """Parse ``text`` as JSON; None when empty or not JSON (every caller treats both alike)."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


async def read_json(request: web.Request) -> Any:
    """The request body as JSON, or None when it is missing or malformed."""
    return parse_json(await request.text())


def _content_type_for(body: str) -> str:
    # Clients decide how to parse by content type, so label a fault body honestly.
    if parse_json(body) is not None:
        return "application/json"
    if body.lstrip().startswith("<"):
        return "text/html"
    return "text/plain"


class SimulatedCloud:
    """Base class: an aiohttp app on 127.0.0.1 that records requests and injects faults."""

    # Long-lived responses (SSE) must not hold stop() for aiohttp's default 60 s.
    shutdown_timeout: float = 2.0
    # Pending connections the socket queues (aiohttp's default); a client that opens
    # hundreds at once (a benchmark of 200 devices) needs more, or its SYNs wait 1 s.
    backlog: int = 128

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.app = web.Application(middlewares=[self._record, self._apply_faults])
        self._runner: web.AppRunner | None = None
        self._url: str | None = None

    # -- faults and recording -------------------------------------------------

    def inject(self, fault: Fault) -> None:
        """Apply ``fault`` to matching requests (first matching fault wins)."""
        self.faults.append(fault)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self.faults.clear()

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path starts or ends with ``path``."""
        return [r for r in self.requests if r.path.startswith(path) or r.path.endswith(path)]

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        text = ""
        if request.can_read_body:
            # aiohttp caches the body, so handlers can still read it after this.
            text = (await request.read()).decode("utf-8", errors="replace")
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                query=dict(request.query),
                headers=dict(request.headers),
                json=parse_json(text),
                time=time.monotonic(),
                text=text,
            )
        )
        return await handler(request)

    @web.middleware
    async def _apply_faults(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        fault = next((f for f in self.faults if f.matches(request.path)), None)
        if fault is None:
            return await handler(request)
        if fault.times is not None:
            fault.times -= 1
        if fault.delay > 0:
            await asyncio.sleep(fault.delay)
        if fault.status is None and fault.body is None:
            return await handler(request)
        body = fault.body or ""
        return web.Response(
            status=fault.status or 200,
            text=body,
            content_type=_content_type_for(body),
            headers=fault.headers,
        )

    # -- lifecycle ----------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve over real HTTP; returns the base URL (port 0 picks a free port)."""
        if self._runner is not None:
            raise RuntimeError("simulator already started")
        runner = web.AppRunner(
            self.app, handle_signals=False, shutdown_timeout=self.shutdown_timeout
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port, backlog=self.backlog)
        await site.start()
        self._runner = runner
        bound_port = runner.addresses[0][1]
        shown_host = f"[{host}]" if ":" in host else host
        self._url = f"http://{shown_host}:{bound_port}"
        return self._url

    async def stop(self) -> None:
        """Close long-lived work, then the server. Safe to call twice."""
        await self._before_stop()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._url = None

    async def _before_stop(self) -> None:
        """Hook for subclasses to end streams and timers before the server goes."""

    @property
    def url(self) -> str:
        """Base URL such as ``http://127.0.0.1:PORT``; only while started."""
        if self._url is None:
            raise RuntimeError("simulator not started")
        return self._url

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
