"""Spacing of calls to a cloud that allows one request per interval."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import time
from weakref import WeakKeyDictionary


class CallSpacer:
    """Lets one call through at a time, never two closer than `interval` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._lock = asyncio.Lock()
        self._last = -float("inf")

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold the account's single call slot for one request."""
        async with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                # Counted from the answer, so a slow answer cannot let the
                # next call arrive early at the cloud's side.
                self._last = time.monotonic()

    def hold_off(self, seconds: float) -> None:
        """Push the next call back after the cloud said we were too fast."""
        self._last = max(self._last, time.monotonic() + seconds - self.interval)


# Per event loop, because an asyncio.Lock belongs to the loop it first waited on.
_SPACERS: WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, CallSpacer]] = (
    WeakKeyDictionary()
)


def spacer_for(account: str, interval: float) -> CallSpacer:
    """The one spacer of an account, shared by every client of that account.

    The cloud counts calls per account, so a config flow's client and the
    entry's client must queue behind the same spacer.
    """
    spacers = _SPACERS.setdefault(asyncio.get_running_loop(), {})
    spacer = spacers.get(account)
    if spacer is None:
        spacer = spacers[account] = CallSpacer(interval)
    return spacer
