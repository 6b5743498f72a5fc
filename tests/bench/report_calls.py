"""The benchmark report sections of calls a day and of freshness."""

from __future__ import annotations

import math

from tests.bench.report import (
    CORE_RATIO,
    PUSH_FRESH,
    QUOTA_SHARE,
    WHY_QUOTA,
    Summary,
    fmt_num,
    fmt_seconds,
    md_table,
    mode_of,
    records_of,
)


def calls_section(summary: Summary) -> str:
    rows = []
    for r in records_of("day"):
        if "skipped" in r:
            rows.append(
                [
                    r["vendor"],
                    r["integration"],
                    mode_of(r),
                    str(r["count"]),
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    f"not run: {r['skipped']}",
                    "-",
                ]
            )
            continue
        limit = r.get("limit")
        share = r["calls"] / limit if limit else None
        note = ""
        if r["vendor"] == "switchbot":
            target = f"< {QUOTA_SHARE:.0%} of quota"
            ok = share < QUOTA_SHARE if r["integration"] == "ours" else None
            verdict = (
                summary.check(
                    f"SwitchBot {mode_of(r)} N={r['count']}: {share:.1%} of the quota",
                    ok,
                    WHY_QUOTA,
                )
                if ok is not None
                else "-"
            )
            if r["integration"] == "core":
                target = "(reference)"
            if r["refused"]:
                note = f"{r['refused']:,} refused over quota"
        elif r["vendor"] == "shelly":
            wanted = math.ceil(r["count"] / 10)
            # With push, a poll leaves out the devices the socket covers.
            fits = r["calls_per_poll"] <= wanted if r["push"] else r["calls_per_poll"] == wanted
            ok = fits and r["violations"] == 0
            target = f"{'<=' if r['push'] else ''}{wanted}/poll, 0 over 1/s"
            verdict = summary.check(
                f"Shelly N={r['count']}: {r['calls_per_poll']} calls a poll, "
                f"{r['violations']} rate-limit violations",
                ok,
            )
            note = (
                f"{r['calls_per_poll']} calls/poll, {r['polls']:,} polls, "
                f"{r['violations']} violations"
            )
            if r["push"]:
                note += (
                    f"; {r['socket_connects']} socket opens, "
                    f"{r['renewals']} token renewals"
                )
        else:
            target, verdict = "(report)", "-"
            note = f"+{r['stream_connects']} stream connects"
        rows.append(
            [
                r["vendor"],
                r["integration"],
                mode_of(r),
                str(r["count"]),
                fmt_num(r["calls"]),
                fmt_num(limit) if limit else "none published",
                f"{share:.1%}" if share is not None else "-",
                fmt_seconds(r["interval"]),
                target,
                note,
                verdict,
            ]
        )
    headers = [
        "vendor",
        "integration",
        "mode",
        "N",
        "calls/day",
        "limit/day",
        "use",
        "poll every",
        "target",
        "notes",
        "verdict",
    ]
    text = md_table(headers, rows)
    ratios = []
    for count in sorted({r["count"] for r in records_of("day", vendor="switchbot")}):
        core = records_of("day", vendor="switchbot", integration="core", count=count)
        if not core or "calls" not in core[0]:
            continue
        for push in (False, True):
            ours = records_of(
                "day",
                vendor="switchbot",
                integration="ours",
                version="v1.1",
                push=push,
                count=count,
            )
            if not ours or "calls" not in ours[0]:
                continue
            ratio = ours[0]["calls"] / core[0]["calls"]
            targeted = count == 50 and push
            ok = ratio <= CORE_RATIO if targeted else None
            verdict = (
                summary.check(f"SwitchBot N=50 webhook on: ours/core = {ratio:.2f}", ok)
                if targeted
                else "-"
            )
            ratios.append(
                [
                    str(count),
                    "webhook on" if push else "poll only",
                    fmt_num(ours[0]["calls"]),
                    fmt_num(core[0]["calls"]),
                    f"{ratio:.2f}",
                    f"<= {CORE_RATIO}" if targeted else "(report)",
                    verdict,
                ]
            )
    if ratios:
        text += "\n\nSwitchBot ours / core (v1.1, same account)\n" + md_table(
            ["N", "ours", "ours calls", "core calls", "ours/core", "target", "verdict"],
            ratios,
        )
    return text + sinricpro_reads_table(summary)


def sinricpro_reads_table(summary: Summary) -> str:
    """SinricPro's reads at the busiest minute, beside the account's read limit."""
    rows = []
    title = ""
    for r in records_of("sinricpro_reads"):
        title = (
            f"SinricPro reads a minute at the busiest minute (limit {r['limit']}/min; "
            f"slow mode {r['slow_limit']}/min after {r['slow_after'] / 60:.0f} min at it)"
        )
        once = r["scenes"] == "once"
        scene = r["commands"] if once else r["commands"] // r["minutes"]
        slow = "entered" if r["slow_entered"] else "no"
        ok = r["busiest"] <= r["limit"] and not r["refused"] and not r["slow_entered"]
        verdict = summary.check(
            f"SinricPro N={r['count']} scene {r['scenes']}: {r['busiest']} reads at "
            f"the busiest minute, {r['refused']} refused, slow mode {slow}",
            ok,
        )
        rows.append(
            [
                str(r["count"]),
                f"{r['minutes']} min, a stream drop each; {scene} unconfirmed "
                f"commands {'once' if once else 'each minute'}",
                f"{r['list_reads'] + r['device_reads']:,} "
                f"({r['list_reads']} lists, {r['device_reads']} devices)",
                str(r["commands"] - r["device_reads"]),
                str(r["busiest"]),
                str(r["limit"]),
                str(r["refused"]),
                slow,
                f"1 per {r['spacing']:.2f} s (<= {60 / r['spacing']:.0f}/min)",
                f"<= {r['limit']}/min, 0 refused, no slow mode",
                verdict,
            ]
        )
    if not rows:
        return ""
    return f"\n\n{title}\n" + md_table(
        [
            "N",
            "load",
            "reads sent",
            "re-reads queued at end",
            "reads/min at busiest",
            "limit/min",
            "refused (429)",
            "slow mode",
            "spacing",
            "target",
            "verdict",
        ],
        rows,
    )


def fresh_section(summary: Summary) -> str:
    rows = []
    for r in records_of("day"):
        if "skipped" in r or "fresh_sim" not in r:
            continue
        push = r["push"]
        spread = r["fresh_real"] if push else r["fresh_sim"]
        if spread is None:
            rows.append(
                [
                    r["vendor"],
                    r["integration"],
                    mode_of(r),
                    str(r["count"]),
                    "push" if push else "poll",
                    "-",
                    "-",
                    "0",
                    str(r["fresh_unseen"]),
                    "-",
                    "-",
                    "-",
                ]
            )
            continue
        if push:
            ok = spread["worst"] < PUSH_FRESH
            target = f"< {PUSH_FRESH:.0f} s"
            verdict = summary.check(
                f"{r['vendor']} push freshness N={r['count']}: worst "
                f"{fmt_seconds(spread['worst'])}",
                ok,
            )
            clock = "real"
        else:
            target, verdict, clock = "(report)", "-", "simulated"
        rows.append(
            [
                r["vendor"],
                r["integration"],
                mode_of(r),
                str(r["count"]),
                "push" if push else "poll",
                fmt_seconds(spread["median"]),
                fmt_seconds(spread["worst"]),
                str(spread["n"]),
                str(r["fresh_unseen"]),
                clock,
                target,
                verdict,
            ]
        )
    return md_table(
        [
            "vendor",
            "integration",
            "mode",
            "N",
            "by",
            "median",
            "worst",
            "shown",
            "never shown",
            "clock",
            "target",
            "verdict",
        ],
        rows,
    )


PEAK_PER_SECOND = 2  # SwitchBot: a poll's status calls, at most two in any second


def switchbot_2026_section(summary: Summary) -> str:
    """The 2026-05 types' account: calls, the busiest second, freshness with a deaf webhook."""
    rows = []
    for r in records_of("switchbot_2026"):
        fresh = r["fresh_sim"] or {}
        ours = r["integration"] == "ours"
        peak = summary.check(
            f"switchbot 2026 types {r['integration']} {r['mode']}: "
            f"{r['peak_per_second']} status calls in one second",
            r["peak_per_second"] <= PEAK_PER_SECOND,
        ) if ours else "-"
        rows.append(
            [
                r["integration"],
                "webhook deaf" if r["mode"] == "deaf" else "poll only",
                str(r["count"]),
                f"{r['calls']:,} ({r['calls'] / r['limit']:.0%})",
                str(r["refused"]),
                f"{r['peak_per_second']} {peak}",
                fmt_seconds(fresh.get("median")),
                fmt_seconds(fresh.get("worst")),
                str(r["fresh_unseen"]),
                "yes" if r.get("deaf_found") else "-",
            ]
        )
    return md_table(
        [
            "integration",
            "mode",
            "N",
            "calls a day",
            "refused",
            f"peak calls/s (target <= {PEAK_PER_SECOND})",
            "fresh median",
            "fresh worst",
            "never shown",
            "deaf webhook said",
        ],
        rows,
    )
