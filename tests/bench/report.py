"""The benchmark report pieces every section shares: targets, formats, the figures recorded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

RECORDS: list[dict[str, Any]] = []

# The targets of issue 8.
QUOTA_SHARE = 0.80  # SwitchBot: under 80 % of the daily quota
CORE_RATIO = 0.50  # SwitchBot 50 devices, webhook on: at most half of core's calls
PUSH_FRESH = 1.0  # s, push to the state shown
RTT_MEDIAN = 0.050  # s, service call to the state shown
POLL_CPU = 0.020  # s CPU, one poll cycle of 200 devices
PUSH_CPU = 0.001  # s CPU, one push event


def record(kind: str, **figures: Any) -> None:
    """Keep one scenario's figures."""
    RECORDS.append({"kind": kind, **figures})


def records_of(kind: str, **match: Any) -> list[dict[str, Any]]:
    return [
        r
        for r in RECORDS
        if r["kind"] == kind and all(r.get(k) == v for k, v in match.items())
    ]


def mark(ok: bool | None) -> str:
    return "-" if ok is None else ("OK" if ok else "MISS")


def fmt_num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    if value < 600:
        return f"{value:.1f} s"
    return f"{value / 60:.0f} min"


def md_table(headers: Sequence[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(str(cell)) for cell in column)
        for column in zip(headers, *rows, strict=False)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(out)


class Summary:
    """Every figure that has a target, for the closing list of misses and why."""

    def __init__(self) -> None:
        self.misses: list[str] = []

    def check(self, what: str, ok: bool | None, why: str = "") -> str:
        if ok is False:
            self.misses.append(f"{what}\n    why: {why}" if why else what)
        return mark(ok)


WHY_QUOTA = (
    "polls come whole: the interval is set from the average rate (70 % of the "
    "quota), but a UTC day can hold ceil(86,400 / interval) polls, here 4 x 200 "
    "status calls at a 6.9 h interval (api/switchbot.py min_poll_interval)"
)
WHY_SHELLY_RTT = (
    "a lone command first waits the batcher's 10 ms window for companions "
    "(api/shelly_batch.py WINDOW), the price of a 20-channel scene in one call"
)
WHY_POLL_CPU = (
    "every poll writes every entity, on purpose (a steady reading must be "
    "reported again for Home Assistant's integration, derivative and statistics "
    "helpers); SwitchBot adds 200 signed HTTP requests (no batch status call)"
)
WHY_PUSH_CPU = (
    "each event is Home Assistant's HTTP and webhook handling, the parse, and "
    "a rewrite of its own device's entities (coordinator.async_update_device)"
)


def mode_of(r: dict[str, Any]) -> str:
    if r["vendor"] == "switchbot":
        if r["integration"] == "core":
            return "v1.1, poll 600 s (no webhook)"
        return f"{r['version']}, " + ("webhook on" if r["push"] else "poll only")
    if r["vendor"] == "shelly":
        return "push (Real Time Events)" if r["push"] else "poll only"
    return "stream on" if r["push"] else "stream off (poll)"
