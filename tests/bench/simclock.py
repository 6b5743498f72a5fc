"""Simulated time for a real `hass`: a day of polling in seconds of real time.

The clock is frozen (freezegun, as Home Assistant's own tests do) and moved by
hand from one due timer to the next, so every poll, backoff and keep-alive
runs exactly when it would, while the HTTP between Home Assistant and the
simulators stays real.

Two things cannot simply be frozen:
- A call spacer's timer (Shelly's one call a second) never fires on a frozen
  clock while a set-up is awaited outright; `virtual_timers` turns that wait
  into moving the clock on by the same amount, so the spacing is honoured in
  simulated time and the simulator's own 1-request-a-second check still sees
  it. (Later, `run_until` moves the clock to each due timer, the spacer's too.)
- Long-lived tasks (an event stream's reader) never finish; they are adopted
  once after set-up and not waited for afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
import contextlib
from datetime import timedelta
import heapq
import itertools
import math
import threading
import time
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_fire_time_changed

type Action = Callable[[], Awaitable[None] | None]


def real_now(_clock: Callable[[], float] = time.perf_counter) -> float:
    """Real seconds, also while the clock is frozen.

    Bound as a default argument: freezegun swaps module attributes that are
    the real clock functions, but not default arguments.
    """
    return _clock()


class Settler:
    """Waits for Home Assistant's pending work, except tasks that never end."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.long_lived: set[asyncio.Task[Any]] = set()

    def _pending(self) -> list[asyncio.Task[Any]]:
        current = asyncio.current_task()
        hass: Any = self.hass
        return [
            task
            for task in hass._tasks | hass._background_tasks
            if not task.done() and task is not current and task not in self.long_lived
        ]

    async def settle(self) -> None:
        """Wait until every task but the long-lived ones is done."""
        await asyncio.sleep(0)
        while tasks := self._pending():
            await asyncio.wait(tasks)

    async def adopt_long_lived(self, real_seconds: float = 1.5) -> None:
        """Settle; tasks still running after `real_seconds` of real time never end."""
        with _real_timer(real_seconds) as deadline:
            while tasks := self._pending():
                done, _ = await asyncio.wait(
                    [*tasks, deadline], return_when=asyncio.FIRST_COMPLETED
                )
                if deadline in done:
                    self.long_lived.update(t for t in tasks if not t.done())
                    break
        await asyncio.sleep(0)

    async def wait_real(self, future: asyncio.Future[Any], real_seconds: float) -> bool:
        """Wait for `future` at most `real_seconds` of real time; whether it is done."""
        with _real_timer(real_seconds) as deadline:
            await asyncio.wait([future, deadline], return_when=asyncio.FIRST_COMPLETED)
        return future.done()


@contextlib.contextmanager
def _real_timer(seconds: float) -> Iterator[asyncio.Future[None]]:
    """A future done after `seconds` of real time, also on a frozen clock."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[None] = loop.create_future()

    def done() -> None:
        if not future.done():
            future.set_result(None)

    timer = threading.Timer(seconds, loop.call_soon_threadsafe, (done,))
    timer.daemon = True
    timer.start()
    try:
        yield future
    finally:
        timer.cancel()
        future.cancel()


class SimClock(Settler):
    """Moves a frozen clock from one due timer (or scheduled action) to the next."""

    def __init__(self, hass: HomeAssistant, freezer: Any) -> None:
        super().__init__(hass)
        self.freezer = freezer
        self._actions: list[tuple[float, int, Action]] = []
        self._order = itertools.count()
        self.steps = 0

    @staticmethod
    def now() -> float:
        """Simulated seconds (the frozen monotonic clock the event loop uses)."""
        return time.monotonic()

    def tick(self, seconds: float) -> None:
        """Move the clock on, rounded up to the microsecond freezegun keeps."""
        if seconds > 0:
            self.freezer.tick(timedelta(microseconds=math.ceil(seconds * 1e6) + 1))

    def at(self, when: float, action: Action) -> None:
        """Run `action` when the simulated clock reaches `when`."""
        heapq.heappush(self._actions, (when, next(self._order), action))

    def _next_timer(self) -> float:
        loop: Any = self.hass.loop
        return min(
            (h.when() for h in loop._scheduled if not h.cancelled()), default=math.inf
        )

    async def run_until(self, end: float) -> None:
        """Run everything due up to `end` (simulated seconds), in order."""
        while True:
            await self.settle()
            next_action = self._actions[0][0] if self._actions else math.inf
            target = min(self._next_timer(), next_action)
            if target > end:
                break
            self.tick(target - self.now())
            while self._actions and self._actions[0][0] <= self.now():
                _, _, action = heapq.heappop(self._actions)
                result = action()
                if result is not None:
                    await result
            async_fire_time_changed(self.hass)
            self.steps += 1
        self.tick(end - self.now())
        async_fire_time_changed(self.hass)
        await self.settle()

    @contextlib.contextmanager
    def virtual_timers(self, module: str) -> Iterator[None]:
        """Within `module`, `loop.call_later(s, f)` moves the clock on by s and runs f next.

        For waits that nothing else moves the clock through: a set-up awaited
        outright, whose calls wait in the spacer. Spacers are made per running
        loop, and here the loop `module` sees is a stand-in: one per loop, so
        that the module keeps finding the spacer it made.
        """
        clock = self
        stand_ins: dict[asyncio.AbstractEventLoop, Any] = {}

        class _Loop:
            def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
                self._loop = loop

            def __getattr__(self, name: str) -> Any:
                return getattr(self._loop, name)

            def call_later(
                self, delay: float, callback: Callable[..., object], *args: Any
            ) -> asyncio.Handle:
                clock.tick(delay)
                return self._loop.call_soon(callback, *args)

        class _Asyncio:
            def __getattr__(self, name: str) -> Any:
                return getattr(asyncio, name)

            @staticmethod
            def get_running_loop() -> Any:
                loop = asyncio.get_running_loop()
                return stand_ins.setdefault(loop, _Loop(loop))

        with patch(f"{module}.asyncio", _Asyncio()):
            yield
