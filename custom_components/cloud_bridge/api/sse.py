"""Server-sent event streams: a line parser for both framings clouds use, a reader with a watchdog, reconnect backoff."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
import json
import logging
import random
from typing import Any, Final

import aiohttp

from .errors import CloudUnreachable

_LOGGER = logging.getLogger(__name__)


class _Heartbeat:
    """What the parser returns for a line that only says the stream is alive."""


HEARTBEAT: Final = _Heartbeat()


class StreamSilent(CloudUnreachable):
    """Nothing, not even a heartbeat, arrived within the watchdog."""


class SseParser:
    """Turns the lines of a stream into the text of its events.

    `data:` lines gather until a blank line (the SSE framing); a line that is
    JSON by itself is a whole event (the bare framing some streams use);
    comment lines (`:`) are heartbeats; `event:`, `id:` and `retry:` carry
    nothing we use.
    """

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed(self, line: str) -> str | _Heartbeat | None:
        """One line without its end; the event it completes, if any."""
        if not line:
            text = "\n".join(self._data)
            self._data.clear()
            return text or None
        if line.startswith(":"):
            return HEARTBEAT
        if line.startswith("data:"):
            self._data.append(line[5:].removeprefix(" "))
            return None
        if line.lstrip().startswith(("{", "[")):
            return line
        return None


async def read_events(
    content: aiohttp.StreamReader, watchdog: float
) -> AsyncGenerator[Any]:
    """Yield each event's JSON, or HEARTBEAT, until the stream fails.

    Raises StreamSilent when no line arrives within `watchdog` seconds, and
    CloudUnreachable when the stream ends or breaks.
    """
    parser = SseParser()
    while True:
        try:
            async with asyncio.timeout(watchdog):
                raw = await content.readline()
        except TimeoutError as err:
            raise StreamSilent(f"silent for {watchdog:g} s") from err
        except (aiohttp.ClientError, ValueError) as err:
            # ValueError: a line longer than the reader's limit.
            raise CloudUnreachable(type(err).__name__) from err
        if not raw:
            raise CloudUnreachable("the stream ended")
        item = parser.feed(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
        if item is None:
            continue
        if isinstance(item, _Heartbeat):
            yield item
            continue
        try:
            payload = json.loads(item)
        except ValueError:
            _LOGGER.debug("Skipped a stream event that is not JSON")
            continue
        yield payload


def backoff_delay(failures: int, base: float, cap: float) -> float:
    """Seconds to wait before reconnecting: `base` doubling per failure up to `cap`.

    Jittered, so that many clients cut off together do not return in step.
    """
    delay = min(cap, base * 2 ** min(failures, 32))
    return random.uniform(delay / 2, delay)
