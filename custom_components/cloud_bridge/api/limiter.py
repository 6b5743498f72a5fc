"""Spacing of calls to a cloud that allows one request per interval, urgent calls first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import heapq
import itertools
import time
from weakref import WeakKeyDictionary


class CallSpacer:
    """Lets one call through at a time, never two closer than `interval` seconds.

    Waiting urgent calls (commands a user is waiting for) go before the others
    (polls); calls of the same urgency keep their order.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._busy = False
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._last = -float("inf")

    @asynccontextmanager
    async def slot(self, *, urgent: bool = False) -> AsyncIterator[None]:
        """Hold the account's single call slot for one request."""
        await self._acquire(urgent)
        try:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            yield
        finally:
            # Counted from the answer, so a slow answer cannot let the next
            # call arrive early at the cloud's side.
            self._last = time.monotonic()
            self._release()

    async def _acquire(self, urgent: bool) -> None:
        if not self._busy:
            self._busy = True
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (0 if urgent else 1, next(self._order), waiter)
        heapq.heappush(self._waiting, entry)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                # The slot was handed over just as we gave up: pass it on.
                self._release()
            else:
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, waiter = heapq.heappop(self._waiting)
            if not waiter.done():
                waiter.set_result(None)
                return
        self._busy = False

    def hold_off(self, seconds: float) -> None:
        """Push the next call back after the cloud said we were too fast."""
        self._last = max(self._last, time.monotonic() + seconds - self.interval)


# Per event loop: futures and locks belong to the loop they were made on.
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
