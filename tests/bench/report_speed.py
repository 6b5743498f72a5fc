"""The benchmark report sections of round trips and of CPU and memory cost."""

from __future__ import annotations

from tests.bench.report import (
    POLL_CPU,
    PUSH_CPU,
    RTT_MEDIAN,
    WHY_POLL_CPU,
    WHY_PUSH_CPU,
    WHY_SHELLY_RTT,
    Summary,
    fmt_seconds,
    mark,
    md_table,
    records_of,
)


def rtt_section(summary: Summary) -> str:
    rows = []
    for r in records_of("rtt"):
        spread = r["rtt"]
        if spread is None:
            rows.append(
                [
                    r["vendor"],
                    r["integration"],
                    "-",
                    "-",
                    "-",
                    str(r["failures"]),
                    f"< {RTT_MEDIAN * 1000:.0f} ms",
                    "MISS",
                ]
            )
            summary.misses.append(
                f"{r['vendor']} {r['integration']}: no command round trip"
            )
            continue
        ok = spread["median"] < RTT_MEDIAN
        verdict = (
            summary.check(
                f"{r['vendor']} command round trip: median {fmt_seconds(spread['median'])}",
                ok,
                WHY_SHELLY_RTT if r["vendor"] == "shelly" else "",
            )
            if r["integration"] == "ours"
            else mark(ok)
        )
        rows.append(
            [
                r["vendor"],
                r["integration"],
                fmt_seconds(spread["median"]),
                fmt_seconds(spread["p95"]),
                str(spread["n"]),
                str(r["failures"]),
                f"median < {RTT_MEDIAN * 1000:.0f} ms",
                verdict,
            ]
        )
    text = md_table(
        [
            "vendor",
            "integration",
            "median",
            "p95",
            "commands",
            "failed",
            "target",
            "verdict",
        ],
        rows,
    )
    for r in records_of("shelly_real"):
        ok = r["scene_calls"] == 1 and r["scene_shown"] == r["scene_channels"]
        text += (
            f"\n\nShelly, real 1 call/s: a {r['scene_channels']}-channel scene "
            f"(scene.apply) took {r['scene_calls']} call(s) {r['scene_paths']}, "
            f"{fmt_seconds(r['scene_seconds'])}, {r['scene_shown']} channels shown on "
            f"[target 1 call: {summary.check('Shelly 20-channel scene in one call', ok)}]"
            f"\n  a command given 0.3 s into a 5-call poll: shown after "
            f"{fmt_seconds(r['command_beside_poll'])} (calls in order: "
            f"{' '.join(r['call_order'])}); rate-limit violations: {r['violations']} "
            f"[target 0: "
            f"{summary.check('Shelly violations in real time', r['violations'] == 0)}]"
        )
    return text


def fmt_kib(value: int) -> str:
    return f"{value / 1024:,.0f} KiB"


def cost_section(summary: Summary) -> str:
    rows = []
    for r in records_of("cost"):
        poll = r["poll"]
        ok = poll["cpu"] < POLL_CPU
        verdict = (
            summary.check(
                f"{r['vendor']}: poll cycle of {r['count']} devices "
                f"{poll['cpu'] * 1000:.0f} ms CPU ({r['setup'].get('entities')} entities)",
                ok,
                WHY_POLL_CPU,
            )
            if r["integration"] == "ours"
            else mark(ok)
        )
        rows.append(
            [
                r["vendor"],
                r["integration"],
                f"poll cycle, {r['count']} devices",
                f"{poll['cpu'] * 1000:.1f} ms",
                fmt_seconds(poll["wall"]),
                fmt_kib(poll["alloc_peak"]),
                fmt_kib(poll["alloc_net"]),
                f"< {POLL_CPU * 1000:.0f} ms CPU",
                verdict,
            ]
        )
        if "push" in r:
            push = r["push"]
            per_event = push["cpu"] / r["push_events"]
            ok = per_event < PUSH_CPU
            rows.append(
                [
                    r["vendor"],
                    r["integration"],
                    f"{r['push_events']:,} webhook events",
                    f"{push['cpu'] * 1000:.0f} ms ({per_event * 1000:.2f} ms/event)",
                    fmt_seconds(push["wall"]),
                    fmt_kib(push["alloc_peak"]),
                    fmt_kib(push["alloc_net"]),
                    f"< {PUSH_CPU * 1000:.0f} ms CPU/event",
                    summary.check(
                        f"{r['vendor']} push event {per_event * 1000:.2f} ms CPU "
                        f"({r['setup'].get('entities')} entities)",
                        ok,
                        WHY_PUSH_CPU,
                    ),
                ]
            )
        entities = r["setup"].get("entities")
        rows.append(
            [
                r["vendor"],
                r["integration"],
                f"set-up, {r['count']} devices"
                + (f" ({entities} entities)" if entities else ""),
                f"{r['setup']['cpu'] * 1000:.0f} ms",
                fmt_seconds(r["setup"]["wall"]),
                "-",
                "-",
                "(report)",
                "-",
            ]
        )
    return md_table(
        [
            "vendor",
            "integration",
            "what",
            "CPU",
            "wall",
            "alloc peak",
            "alloc kept",
            "target",
            "verdict",
        ],
        rows,
    )
