"""The benchmark figures: recorded by the scenarios, printed beside their targets."""

from __future__ import annotations

from tests.bench.report import RECORDS, Summary, record
from tests.bench.report_calls import (
    calls_section,
    fresh_section,
    switchbot_2026_section,
)
from tests.bench.report_speed import cost_section, rtt_section

# What the scenarios call: results.record(...); __main__ reads RECORDS and render().
__all__ = ["RECORDS", "record", "render"]

NOTES = """\
What was simulated
- Calls per day and poll freshness: one UTC day on Home Assistant's frozen clock
  (freezegun), moved from one due timer to the next; HTTP to the simulators is
  real. Quotas are enforced by the simulator (SwitchBot 10,000/1,000 a day),
  set-up calls included. Shelly's one-call-a-second spacing runs in simulated
  time: the spacer's sleep moves the clock instead of waiting, and the
  simulator refuses any call closer than 1 s to the one before.
- HA core 2025.4.4's switchbot_cloud has no webhook: it is compared polling, with
  its library's base URL pointed at the same simulated account (own copy, so
  that each integration's calls and quota are its own).
- SinricPro "stream off" is the stream endpoint answering 503 (Cloud Bridge
  keeps reconnecting with backoff); a quiet simulated stream checks for its
  client once a heartbeat instead of every 0.2 s, to keep the day's steps few.
  Without a stream in the integration, those rows say so and are not run.
- SinricPro reads at the busiest minute: real time, scaled (a minute is 1 s):
  the simulator's read-limit window and slow-mode timings, and every timing
  that decides when Cloud Bridge reads (its 60/18 s read spacing, polls and
  their back-off, the 5 s wait for a confirmation, the stream's reconnect
  back-off and watchdog, the heartbeat, Home Assistant's 10 s refresh
  debouncer) scaled alike; Home Assistant's own poll scheduling rounds to
  whole seconds, so polls are coarser. Each minute the stream drops (refused
  for half a minute, polls at the normal pace meanwhile); a scene toggles all
  25 switches of a 50-device account, once or every minute, with no
  confirmation, so each is read again.
- A plug/relay/switch changes at the cloud every 1,009 simulated s for 16 h:
  "by poll" is the simulated time until Home Assistant shows it; "by push" is
  the real time from the cloud sending the event to the state being shown.
- Command round trips and the Shelly scene run in real time against a local
  simulator (50-device accounts); Shelly commands are sent 1 s apart so that
  none waits for the spacer.
- Cost: the clouds run in a separate process, so CPU (time.process_time) and
  allocations (tracemalloc peak / kept) are Home Assistant's alone; medians of
  5 poll cycles. Shelly's spacing is off there (CPU, not waiting, is measured:
  a real 200-device set-up also waits 19 x 1 s for the spacer)."""


def render() -> str:
    """Every section, with a closing list of what misses its target."""
    summary = Summary()
    parts = [
        "1-2. Cloud calls per simulated day\n" + calls_section(summary),
        "3. Freshness: change at the cloud -> state shown in Home Assistant\n"
        + fresh_section(summary),
        "3b. SwitchBot 2026-05 types (50 devices, half of them new types): calls, "
        "the busiest second, freshness with a deaf webhook\n"
        + switchbot_2026_section(summary),
        "4. Command round trip: service call -> state shown (real time, local simulator)\n"
        + rtt_section(summary),
        "5. Cost inside Home Assistant\n" + cost_section(summary),
        NOTES,
    ]
    verdict = (
        "All targets met."
        if not summary.misses
        else "Below target:\n" + "\n".join(f"- {m}" for m in summary.misses)
    )
    return "\n\n".join([*parts, verdict])
