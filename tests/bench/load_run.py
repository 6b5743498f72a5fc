"""`python -m tests.bench.load_run` (scripts/load): the load run in one pytest session."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
import sys
import tempfile

import pytest

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run the load scenario and print its figures; exit 0 unless it crashed."""
    parser = argparse.ArgumentParser(prog="scripts/load", description=__doc__)
    parser.add_argument("--devices", type=int, default=500, help="devices per account")
    parser.add_argument(
        "--cycles", type=int, default=1000, help="poll cycles per account"
    )
    parser.add_argument(
        "--shelly-cycles", type=int, help="poll cycles for Shelly (default: --cycles)"
    )
    parser.add_argument(
        "--cpu-cycles", type=int, default=20, help="cycles timed for CPU"
    )
    parser.add_argument(
        "--shelly-spacing",
        type=float,
        default=0.002,
        help="seconds between Shelly calls for the run (the real rule is 1.0)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="seconds for the memory phases in all, fewer cycles (said so) to fit; 0 (default): all",
    )
    parser.add_argument(
        "--only", default="", help="memory/CPU phases for these vendors only"
    )
    parser.add_argument(
        "--scenario",
        choices=("all", "accounts", "storm"),
        default="all",
        help="the three accounts, the webhook storm, or both",
    )
    parser.add_argument(
        "--storm-rate", type=float, default=1000, help="webhook events a second"
    )
    parser.add_argument(
        "--storm-seconds", type=float, default=10, help="how long the storm lasts"
    )
    args = parser.parse_args()
    if min(args.cycles, args.shelly_cycles or args.cycles) < 20:
        parser.error("at least 20 cycles (readings at cycle 10, half-way and the end)")
    os.environ["CLOUD_BRIDGE_LOAD_BUDGET"] = str(args.budget)
    os.environ["CLOUD_BRIDGE_LOAD_ONLY"] = args.only
    os.environ["CLOUD_BRIDGE_LOAD_DEVICES"] = str(args.devices)
    os.environ["CLOUD_BRIDGE_LOAD_CYCLES"] = str(args.cycles)
    os.environ["CLOUD_BRIDGE_LOAD_SHELLY_CYCLES"] = str(
        args.shelly_cycles or args.cycles
    )
    os.environ["CLOUD_BRIDGE_LOAD_CPU_CYCLES"] = str(args.cpu_cycles)
    os.environ["CLOUD_BRIDGE_LOAD_SHELLY_SPACING"] = str(args.shelly_spacing)
    os.environ["CLOUD_BRIDGE_STORM_RATE"] = str(args.storm_rate)
    os.environ["CLOUD_BRIDGE_STORM_SECONDS"] = str(args.storm_seconds)
    scenarios = {
        "accounts": [HERE / "load_cloud_bridge.py"],
        "storm": [HERE / "load_storm.py"],
    }.get(args.scenario, [HERE / "load_cloud_bridge.py", HERE / "load_storm.py"])
    log = Path(tempfile.gettempdir()) / "cloud-bridge-load.log"
    logging.basicConfig(filename=log, filemode="w", level=logging.WARNING, force=True)
    code = pytest.main(
        [
            *map(str, scenarios),
            "-p",
            "no:cacheprovider",
            "--no-cov",
            "-s",
            "-q",
            "-o",
            "python_functions=load_*",
            "-W",
            "ignore::DeprecationWarning",
            "-o",
            "timeout=1800",
        ]
    )
    from tests.bench.load_cloud_bridge import REPORT

    print()
    print("\n".join(REPORT))
    print(f"Home Assistant's log of the run: {log}")
    # A benchmark: figures, not verdicts. Non-zero only when the run crashed.
    return 0 if code in (0, 5) else int(code)


if __name__ == "__main__":
    sys.exit(main())
