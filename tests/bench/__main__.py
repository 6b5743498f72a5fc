"""`python -m tests.bench`: run the benchmark scenarios in one pytest session, print the tables."""

from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path
import sys
import tempfile
import time

import pytest

from tests.bench import results

HERE = Path(__file__).resolve().parent
# The scenario modules, in the order they run: a simulated day, SinricPro's
# busiest minute (scaled time), commands, cost.
SCENARIOS = (
    "bench_day.py",
    "bench_switchbot_2026.py",
    "bench_sinricpro_reads.py",
    "bench_commands.py",
    "bench_cost.py",
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "--sizes", default="10,50,200", help="devices per account, comma-separated"
    )
    parser.add_argument("--commands", type=int, default=200, help="round trips to time")
    parser.add_argument(
        "--push-events", type=int, default=1000, help="webhook events to time"
    )
    parser.add_argument("-k", dest="select", help="only scenarios matching (pytest -k)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile each cost measurement"
    )
    return parser.parse_args()


def main() -> int:
    """Run the scenarios, print the tables; non-zero when a scenario failed to run."""
    args = _arguments()
    os.environ["CLOUD_BRIDGE_BENCH_SIZES"] = args.sizes
    os.environ["CLOUD_BRIDGE_BENCH_COMMANDS"] = str(args.commands)
    os.environ["CLOUD_BRIDGE_BENCH_PUSH_EVENTS"] = str(args.push_events)
    if args.profile:
        os.environ["CLOUD_BRIDGE_BENCH_PROFILE"] = "1"
    pytest_args = [
        *(str(HERE / name) for name in SCENARIOS),
        "-p",
        "no:cacheprovider",
        "--no-cov",
        "-s",
        "-q",
        # The scenarios are named bench_*, so the test suite never collects them.
        "-o",
        "python_functions=bench_*",
        "-W",
        "ignore::DeprecationWarning",
        # The suite's per-test timeout is for tests; a 200-device day may take longer.
        "-o",
        "timeout=600",
    ]
    if args.select:
        pytest_args += ["-k", args.select]
    # Before the test plugin's own logging.basicConfig, which then does nothing:
    # Home Assistant's log goes to a file, the terminal keeps the tables.
    log = Path(tempfile.gettempdir()) / "cloud-bridge-bench.log"
    logging.basicConfig(filename=log, filemode="w", level=logging.WARNING, force=True)
    began = time.monotonic()
    code = pytest.main(pytest_args)
    elapsed = time.monotonic() - began
    print()
    print(f"Cloud Bridge benchmark ({elapsed:.0f} s; sizes {args.sizes})")
    print()
    print(results.render())
    print()
    print(f"Home Assistant's log of the run: {log}")
    if args.json:
        args.json.write_text(json.dumps(results.RECORDS, indent=1, default=str))
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
