"""The end-to-end run of scripts/e2e: Cloud Bridge in a real Home Assistant, as a user meets it.

scripts/e2e runs this from the repository root with a fresh temporary directory:

    .venv/bin/python -m scripts.e2e --work /tmp/cloud-bridge-e2e.XXXXXX

It starts the simulated clouds and a real Home Assistant (`hass --skip-pip`) on free ports,
creates the owner through the onboarding API, adds one account of each cloud through the
config-flow REST API, switches one SwitchBot, one Shelly and one SinricPro switch off and on
through the REST API and reads back, over each simulated cloud's own HTTP API, that the command
arrived and the entity state followed; then headless Chromium walks the "Add integration" dialog
to the SwitchBot form and opens a device page, saving the screenshots of docs/images; last, the
Home Assistant log must show no error or deprecation report from Cloud Bridge. Every process it
starts is stopped before it returns; the last line says PASS or FAIL, with the timings.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
import re
import signal
import sys
import time
from types import FrameType

import aiohttp

from scripts.develop_setup import add_account, demo_accounts, prepare
from scripts.e2e_browser import browser_checks
from scripts.e2e_checks import (
    Clouds,
    SwitchCase,
    cloud_bridge_entities,
    entity_state,
    find_entity,
    log_problems,
    switch_checks,
)
from scripts.e2e_support import (
    HOST,
    IMAGES,
    SHELLY_CHANNEL,
    SHELLY_POLL_TIMEOUT,
    SINRICPRO_SWITCH,
    START_TIMEOUT,
    SWITCHBOT_PLUG,
    Failed,
    Processes,
    Report,
    equals,
    free_ports,
    is_number,
    wait_for,
    wait_until_listening,
)
from scripts.hass_api import (
    USERNAME,
    HomeAssistantApi,
    SetupError,
    onboard,
    wait_until_answers,
    wait_until_loaded,
    wait_until_running,
)
from tests.simulator.demo import (
    SHELLY_PLUS_2PM,
)

# -- the run ----------------------------------------------------------------------------


def run(args: argparse.Namespace, report: Report, processes: Processes) -> None:
    """Everything between starting and stopping the processes."""
    work: Path = args.work
    config = work / "config"
    ha_port, switchbot_port, shelly_port, sinricpro_port = free_ports(4)
    url = f"http://{HOST}:{ha_port}"
    clouds = Clouds(
        f"http://{HOST}:{switchbot_port}",
        f"http://{HOST}:{shelly_port}",
        f"http://{HOST}:{sinricpro_port}",
    )

    with report.phase("start"):
        prepare(argparse.Namespace(config=config, port=ha_port))
        sim_log = work / "simulator.log"
        simulator = processes.start(
            "the simulator",
            [
                sys.executable,
                "-m",
                "tests.simulator",
                "--host",
                HOST,
                "--switchbot-port",
                str(switchbot_port),
                "--shelly-port",
                str(shelly_port),
                "--sinricpro-port",
                str(sinricpro_port),
            ],
            sim_log,
        )
        wait_until_listening("the simulator", simulator, sinricpro_port, sim_log)
        report.check(
            f"the simulator listens on ports {switchbot_port}, {shelly_port}, {sinricpro_port}",
            True,
        )
        hass_out = work / "hass.out"
        hass = processes.start(
            "Home Assistant",
            [
                str(Path(sys.executable).parent / "hass"),
                "-c",
                str(config),
                "--skip-pip",
            ],
            hass_out,
        )
        wait_until_listening("Home Assistant", hass, ha_port, hass_out)
        api = HomeAssistantApi(url)
        wait_until_answers(api, START_TIMEOUT)
        report.check(f"Home Assistant answers on port {ha_port}", True)

    with report.phase("accounts"):
        tokens = onboard(api)
        api.token = tokens.access_token
        report.check(f"the owner {USERNAME!r} was created through onboarding", True)
        wait_until_running(api, START_TIMEOUT)
        for account in demo_accounts(clouds.switchbot, clouds.shelly, clouds.sinricpro):
            try:
                outcome = add_account(api, account)
            except SetupError as err:
                outcome = str(err)
            report.check(
                f"the {account.title} account was added through the config flow",
                outcome == "added",
                outcome,
            )
        found = wait_until_loaded(api, START_TIMEOUT)
        states = {e["title"]: e["state"] for e in found}
        report.require(
            "the three accounts are loaded",
            len(found) == 3 and set(states.values()) == {"loaded"},
            str(states),
        )

    with report.phase("switches"):
        everything = cloud_bridge_entities(api)
        report.require(
            "Cloud Bridge has entities", bool(everything), "the template found none"
        )
        plus_2pm = find_entity(
            everything, f"shelly_{SHELLY_PLUS_2PM}", "switch", "Ceiling"
        )
        cases = [
            SwitchCase(
                "SwitchBot",
                find_entity(everything, f"switchbot_{SWITCHBOT_PLUG}", "switch"),
                clouds.switchbot_on,
            ),
            SwitchCase(
                "Shelly",
                plus_2pm,
                lambda: bool(clouds.shelly_relay(SHELLY_CHANNEL)["output"]),
                lambda: clouds.shelly_relay(1 - SHELLY_CHANNEL)["output"],
            ),
            SwitchCase(
                "SinricPro",
                find_entity(everything, f"sinricpro_{SINRICPRO_SWITCH}", "switch"),
                clouds.sinricpro_on,
            ),
        ]
        for case in cases:
            switch_checks(api, case, report)
        # The Kitchen Ceiling on again, for the device page: its power sensor must follow.
        power = find_entity(
            everything, f"shelly_{SHELLY_PLUS_2PM}", "sensor", "Ceiling power"
        )
        api.request(
            "POST",
            "/api/services/switch/turn_on",
            body={"entity_id": plus_2pm.entity_id},
        )
        wait_for(lambda: clouds.shelly_relay(SHELLY_CHANNEL)["output"], equals(True))
        load = clouds.shelly_relay(SHELLY_CHANNEL)["apower"]
        shown, value = wait_for(
            lambda: entity_state(api, power.entity_id),
            is_number(load),
            SHELLY_POLL_TIMEOUT,
        )
        report.check(
            f"{power.entity_id} follows the relay: {load} W",
            load > 0 and shown,
            f"it shows {value!r}",
        )

    with report.phase("browser"):
        asyncio.run(browser_checks(args, url, api, plus_2pm, report, clouds.shelly))

    problems = log_problems(config / "home-assistant.log")
    report.check(
        "the Home Assistant log has no error or deprecation report from Cloud Bridge",
        not problems,
        "\n        ".join(["", *problems[:10]]),
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.e2e",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--work",
        type=Path,
        required=True,
        help="an empty directory, removed by the caller",
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--images", type=Path, default=IMAGES, help="where the screenshots go"
    )
    return parser.parse_args()


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: through the finally blocks."""
    raise KeyboardInterrupt


def main() -> int:
    """Entry point: 0 when every check passed."""
    args = _arguments()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)
    report = Report()
    processes = Processes(args.work / "pids")
    start = time.monotonic()
    stopped = ""
    try:
        run(args, report, processes)
    except Failed as err:
        stopped = str(err)
    except (SetupError, OSError, aiohttp.ClientError, TimeoutError) as err:
        stopped = f"{type(err).__name__}: {err}"
    except KeyboardInterrupt:
        stopped = "interrupted"
    finally:
        # Stopping is not to be interrupted: a second Ctrl-C would leave processes behind.
        for stop_sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(stop_sig, signal.SIG_IGN)
        processes.stop_all()
    if stopped:
        print(f"e2e: stopped: {stopped}", file=sys.stderr)
        if stopped not in report.failures:
            report.failures.append(f"stopped: {stopped}")
    if report.failures and stopped != "interrupted":
        print("Failed checks:", *report.failures, sep="\n  ", file=sys.stderr)
        log = args.work / "config" / "home-assistant.log"
        if log.exists():
            warnings = [
                line[:300]
                for line in log.read_text(errors="replace").splitlines()
                if re.search(r"^\S+ \S+ (WARNING|ERROR|CRITICAL) ", line)
            ]
            print(
                f"Last warnings and errors of {log} (scripts/e2e --keep keeps it):",
                *warnings[-10:],
                sep="\n  ",
                file=sys.stderr,
            )
    print(report.summary(time.monotonic() - start), flush=True)
    if stopped == "interrupted":
        return 130
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
