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

    Calls wait in a queue and the slot is handed out only when the next call may
    go, so an urgent call (a command a user waits for) that arrives while a poll
    waits out the spacing still goes first; calls of the same urgency keep
    their order.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._busy = False
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._last = -float("inf")
        self._timer: asyncio.Handle | None = None

    @asynccontextmanager
    async def slot(self, *, urgent: bool = False) -> AsyncIterator[None]:
        """Hold the account's single call slot for one request."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (0 if urgent else 1, next(self._order), waiter)
        heapq.heappush(self._waiting, entry)
        self._schedule()
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                # The slot was handed over just as we gave up: pass it on.
                self._finish()
            else:
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
                if not self._waiting and self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
            raise
        try:
            yield
        finally:
            self._finish()

    def _finish(self) -> None:
        # Counted from the answer, so a slow answer cannot let the next call
        # arrive early at the cloud's side.
        self._last = time.monotonic()
        self._busy = False
        self._schedule()

    def _schedule(self) -> None:
        """Hand out the slot when the spacing allows, if anyone waits for it."""
        if self._busy or self._timer is not None or not self._waiting:
            return
        delay = self._last + self.interval - time.monotonic()
        loop = asyncio.get_running_loop()
        # No wait, no timer: a call that may go now goes at the loop's next turn.
        self._timer = (
            loop.call_later(delay, self._dispatch)
            if delay > 0
            else loop.call_soon(self._dispatch)
        )

    def _dispatch(self) -> None:
        self._timer = None
        while self._waiting and not self._busy:
            _, _, waiter = heapq.heappop(self._waiting)
            if not waiter.done():
                self._busy = True
                waiter.set_result(None)

    def hold_off(self, seconds: float) -> None:
        """Push the next call back after the cloud said we were too fast."""
        self._last = max(self._last, time.monotonic() + seconds - self.interval)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
            self._schedule()


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
