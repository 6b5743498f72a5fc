"""The account's read limit as SinricPro publishes it: about 20 a minute, slow mode after 5 minutes at it."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
import time


@dataclass
class ReadLimit:
    """Counts device reads (GET calls) in a sliding window; control calls are not counted.

    A client that keeps hitting the limit for `slow_after` seconds is put in slow
    mode: `slow_limit` reads a window for `slow_for` seconds. Times are seconds
    of `time.monotonic`, scaled down by tests through the fields.
    """

    limit: int = 20
    window: float = 60.0
    slow_limit: int = 2
    slow_after: float = 300.0
    slow_for: float = 1800.0
    reads: list[float] = field(default_factory=list)  # every read let through
    refused: int = 0
    slow_until: float = 0.0
    _recent: deque[float] = field(default_factory=deque)
    _pressed_since: float | None = None
    _last_refusal: float = -float("inf")

    def take(self) -> float | None:
        """Count one read; None when it may go, else the seconds until one may."""
        now = time.monotonic()
        while self._recent and self._recent[0] <= now - self.window:
            self._recent.popleft()
        if self._pressed_since is not None and now - self._last_refusal > self.window:
            self._pressed_since = None  # a whole window without hitting the limit
        allowed = self.slow_limit if now < self.slow_until else self.limit
        if len(self._recent) < allowed:
            self._recent.append(now)
            self.reads.append(now)
            return None
        self.refused += 1
        self._last_refusal = now
        if self._pressed_since is None:
            self._pressed_since = now
        elif now - self._pressed_since >= self.slow_after and now >= self.slow_until:
            self.slow_until = now + self.slow_for
        return max(self._recent[0] + self.window - now, 0.001)

    @property
    def slow(self) -> bool:
        """Whether the account is in slow mode now."""
        return time.monotonic() < self.slow_until

    def busiest(self, span: float | None = None) -> int:
        """The most reads let through in any `span` (one window unless told)."""
        span = self.window if span is None else span
        best, start = 0, 0
        for end, at in enumerate(self.reads):
            while self.reads[start] <= at - span:
                start += 1
            best = max(best, end - start + 1)
        return best
