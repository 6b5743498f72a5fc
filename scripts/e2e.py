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
import base64
from collections.abc import Callable, Iterator
import contextlib
from dataclasses import dataclass, field
import itertools
import json
from pathlib import Path
import re
import signal
import socket
import subprocess
import sys
import time
from types import FrameType
from typing import IO, Any, cast
import urllib.error
import urllib.request

import aiohttp

from scripts.develop_setup import (
    DOMAIN,
    PASSWORD,
    ROOT,
    USERNAME,
    HomeAssistantApi,
    HttpError,
    SetupError,
    add_account,
    demo_accounts,
    log_in,
    onboard,
    prepare,
    wait_until_answers,
    wait_until_loaded,
    wait_until_running,
)
from scripts.screenshot import Page, logged_in_page, save_png
from tests.simulator.demo import (
    DEMO_SHELLY_AUTH_KEY,
    DEMO_SINRICPRO_API_KEY,
    DEMO_SWITCHBOT_TOKEN,
    SHELLY_PLUS_2PM,
)

HOST = "127.0.0.1"
START_TIMEOUT = 120.0  # seconds, for each of the simulator and Home Assistant
STEP_TIMEOUT = 20.0  # seconds, for a command to arrive, a state, a page element
STOP_TIMEOUT = 30.0  # seconds between SIGTERM and SIGKILL
# Shelly readings (power) arrive with the next poll, every 30 s for the demo account.
SHELLY_POLL_TIMEOUT = 45.0

# The demo devices (tests/simulator/demo.py) whose switch the run turns off and on.
SWITCHBOT_PLUG = "C1A2B3C4D5E2"  # "Desk Plug", a SwitchBot Plug
SINRICPRO_SWITCH = "65a1b2c3d4e5f60718293a01"  # "Fan Switch", a SinricPro SWITCH
SHELLY_CHANNEL = 0  # "Kitchen Ceiling", the first relay of the Shelly Plus 2PM

IMAGES = ROOT / "docs" / "images"
WIDTH, HEIGHT = 1400, 900


class Failed(Exception):
    """A check failed that later steps depend on: the run stops here."""


# -- bookkeeping ---------------------------------------------------------------------


@dataclass
class Report:
    """Counts checks, keeps the failures and the time each phase took."""

    passed: int = 0
    failures: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def check(self, what: str, ok: bool, detail: str = "") -> bool:
        """Record one check and print it."""
        if ok:
            self.passed += 1
            print(f"  ok    {what}", flush=True)
        else:
            self.failures.append(f"{what}: {detail}" if detail else what)
            print(f"  FAIL  {what}{': ' + detail if detail else ''}", flush=True)
        return ok

    def require(self, what: str, ok: bool, detail: str = "") -> None:
        """A check the rest of the run depends on: stop if it fails."""
        if not self.check(what, ok, detail):
            raise Failed(f"{what}: {detail}" if detail else what)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time a phase of the run."""
        print(f"{name}:", flush=True)
        start = time.monotonic()
        try:
            yield
        finally:
            self.timings[name] = time.monotonic() - start

    def summary(self, total: float) -> str:
        """The last line: counts and timings."""
        phases = ", ".join(f"{k} {v:.0f} s" for k, v in self.timings.items())
        verdict = "FAIL" if self.failures else "PASS"
        return (
            f"e2e: {verdict}: {self.passed} passed, {len(self.failures)} failed "
            f"in {total:.0f} s ({phases})"
        )


def wait_for[T](
    read: Callable[[], T], done: Callable[[T], bool], seconds: float = STEP_TIMEOUT
) -> tuple[bool, T]:
    """Call read() until done(value) or the time is up: (done, last value)."""
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value):
            return True, value
        if time.monotonic() > deadline:
            return False, value
        time.sleep(0.5)


def equals(expected: object) -> Callable[[object], bool]:
    """A test for wait_for: the value is `expected`."""
    return lambda value: value == expected


def is_number(expected: float) -> Callable[[str], bool]:
    """A test for wait_for: the state is that number."""

    def test(state: str) -> bool:
        try:
            return float(state) == expected
        except ValueError:
            return False

    return test


# -- processes -----------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on now (so a running scripts/develop is left alone)."""
    with contextlib.ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind((HOST, 0))
            sockets.append(sock)
        return [cast(int, s.getsockname()[1]) for s in sockets]


def listening(port: int) -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


@dataclass
class Processes:
    """The processes this run started; their pids also go to a file for scripts/e2e's trap."""

    pid_file: Path
    running: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = field(
        default_factory=list
    )

    def start(self, name: str, argv: list[str], log: Path) -> subprocess.Popen[bytes]:
        """Start a process in its own session (Ctrl-C reaches only this script)."""
        out = log.open("wb")
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            start_new_session=True,
        )
        self.running.append((name, process, out))
        with self.pid_file.open("a") as pids:
            pids.write(f"{process.pid}\n")
        return process

    def stop_all(self) -> None:
        """SIGTERM in reverse order of starting, SIGKILL if one does not end in time."""
        while self.running:
            name, process, out = self.running.pop()
            if process.poll() is None:
                print(f"Stopping {name}", flush=True)
                process.terminate()
                try:
                    process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    print(f"{name} did not stop in {STOP_TIMEOUT:.0f} s: killing it")
                    process.kill()
                    process.wait()
            out.close()


def wait_until_listening(
    name: str, process: subprocess.Popen[bytes], port: int, log: Path
) -> None:
    """Wait until the process accepts connections on the port."""
    deadline = time.monotonic() + START_TIMEOUT
    while not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            raise Failed(f"{name} did not start (end of {log}):\n{tail}")
        time.sleep(0.1)


# -- the simulated clouds, through their own HTTP APIs -------------------------------


def http_json(method: str, url: str, headers: dict[str, str], body: Any = None) -> Any:
    """One request to a simulated cloud; its decoded JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(cast(bytes, response.read()))


@dataclass
class Clouds:
    """Reads the demo devices' state back from the simulated clouds."""

    switchbot: str
    shelly: str
    sinricpro: str

    def switchbot_on(self) -> bool:
        """The SwitchBot plug's power, by GET status with the demo token (API v1.0)."""
        answer = http_json(
            "GET",
            f"{self.switchbot}/v1.0/devices/{SWITCHBOT_PLUG}/status",
            {"Authorization": DEMO_SWITCHBOT_TOKEN},
        )
        if answer.get("statusCode") != 100:
            raise SetupError(f"SwitchBot status: {answer}")
        return bool(answer["body"]["power"] == "on")

    def shelly_relay(self, channel: int) -> dict[str, Any]:
        """A relay of the Plus 2PM (output, apower, ...), by POST /v2/devices/api/get."""
        url = f"{self.shelly}/v2/devices/api/get?auth_key={DEMO_SHELLY_AUTH_KEY}"
        body = {"ids": [SHELLY_PLUS_2PM], "select": ["status"]}
        for _ in range(10):
            try:
                [device] = http_json("POST", url, {}, body)
            except urllib.error.HTTPError as err:
                # One call a second per key, shared with Home Assistant's polling.
                if err.code != 429:
                    raise
                time.sleep(1.1)
                continue
            return cast(dict[str, Any], device["status"][f"switch:{channel}"])
        raise SetupError("Shelly: still rate limited after 10 tries")

    def sinricpro_on(self) -> bool:
        """The SinricPro switch's powerState, with a token from the demo API key."""
        auth = http_json(
            "POST",
            f"{self.sinricpro}/api/v1/auth",
            {"x-sinric-api-key": DEMO_SINRICPRO_API_KEY},
        )
        answer = http_json(
            "GET",
            f"{self.sinricpro}/api/v1/devices/{SINRICPRO_SWITCH}",
            {"Authorization": f"Bearer {auth['accessToken']}"},
        )
        return bool(answer["device"]["powerState"] == "On")


# -- Home Assistant, through its REST API --------------------------------------------

# Every Cloud Bridge entity with its device: [entity_id, name, device id, [identifiers]].
ENTITIES_TEMPLATE = """\
{% set ns = namespace(rows=[]) %}
{% for e in integration_entities('cloud_bridge') %}
{% set d = device_id(e) %}
{% set ids = (device_attr(d, 'identifiers') or []) | map('join', ':') | list if d else [] %}
{% set ns.rows = ns.rows + [[e, state_attr(e, 'friendly_name'), d, ids]] %}
{% endfor %}
{{ ns.rows | tojson }}"""


@dataclass
class Entity:
    """A Cloud Bridge entity as the template above finds it."""

    entity_id: str
    name: str
    device_id: str | None
    identifiers: list[str]


def cloud_bridge_entities(api: HomeAssistantApi) -> list[Entity]:
    """All Cloud Bridge entities, through POST /api/template."""
    rows = api.request("POST", "/api/template", body={"template": ENTITIES_TEMPLATE})
    return [Entity(*row) for row in rows]


def find_entity(
    found: list[Entity], identifier: str, domain: str, name_part: str = ""
) -> Entity:
    """The entity of a domain on the device with that identifier (and that name part)."""
    matches = [
        e
        for e in found
        if f"{DOMAIN}:{identifier}" in e.identifiers
        and e.entity_id.startswith(f"{domain}.")
        and name_part in (e.name or "")
    ]
    if len(matches) != 1:
        raise Failed(
            f"expected one {domain} entity on {identifier} named like {name_part!r}, "
            f"found {[e.entity_id for e in matches]}"
        )
    return matches[0]


def entity_state(api: HomeAssistantApi, entity_id: str) -> str:
    """The entity's state, through GET /api/states/<entity_id>."""
    return cast(str, api.request("GET", f"/api/states/{entity_id}")["state"])


@dataclass
class SwitchCase:
    """One switch to turn off and on, and how to read it back from its cloud."""

    vendor: str
    entity: Entity
    read: Callable[[], bool]
    untouched: Callable[[], object] | None = None  # what must not change meanwhile


def switch_checks(api: HomeAssistantApi, case: SwitchCase, report: Report) -> None:
    """Flip the switch through the REST API and back; check the cloud and the state."""
    label = f"{case.vendor} {case.entity.entity_id}"
    initial = entity_state(api, case.entity.entity_id)
    if not report.check(
        f"{label} is on or off", initial in ("on", "off"), f"state is {initial!r}"
    ):
        return
    cloud = case.read()
    report.check(
        f"{label}: Home Assistant and the cloud agree ({initial})",
        cloud == (initial == "on"),
        f"cloud says {'on' if cloud else 'off'}",
    )
    before = case.untouched() if case.untouched else None
    for on in (initial != "on", initial == "on"):
        word = "on" if on else "off"
        service = f"turn_{word}"
        try:
            api.request(
                "POST",
                f"/api/services/switch/{service}",
                body={"entity_id": case.entity.entity_id},
            )
        except HttpError as err:
            report.check(f"{label}: switch.{service} accepted", False, str(err))
            return
        arrived, _ = wait_for(case.read, equals(on))
        report.check(
            f"{label}: switch.{service} reached the cloud",
            arrived,
            f"the cloud still says {'off' if on else 'on'} after {STEP_TIMEOUT:.0f} s",
        )
        changed, state = wait_for(
            lambda: entity_state(api, case.entity.entity_id),
            equals(word),
        )
        report.check(
            f"{label}: state is {word}",
            changed,
            f"still {state!r} after {STEP_TIMEOUT:.0f} s",
        )
    if case.untouched is not None:
        after = case.untouched()
        report.check(
            f"{label}: the other channel was left alone",
            after == before,
            f"{before} became {after}",
        )


# Log records that show a problem of Cloud Bridge: errors about it, and Home Assistant's
# reports of deprecated or blocking calls by it (`Detected ... custom integration 'cloud_bridge'`).
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ (\w+) ", re.MULTILINE)


def log_problems(log: Path) -> list[str]:
    """The first line of each problem record in home-assistant.log."""
    text = log.read_text(errors="replace")
    starts = [m.start() for m in LOG_RECORD.finditer(text)] + [len(text)]
    problems = []
    for begin, end in itertools.pairwise(starts):
        record = text[begin:end]
        level = LOG_RECORD.match(record)
        severe = level is not None and level.group(1) in ("ERROR", "CRITICAL")
        ours = "cloud_bridge" in record
        detected = "custom integration 'cloud_bridge'" in record
        if ours and (severe or detected):
            problems.append(record.splitlines()[0][:300])
    return problems


# -- the browser ----------------------------------------------------------------------

# The visible elements matching a CSS selector whose text (shadow roots included)
# contains `text`, anywhere in the page: [{x, y, width, height, text}].
FIND = """(selector, text) => {
  const deepText = (node) => {
    let out = node.nodeType === Node.TEXT_NODE ? node.textContent : '';
    // The text as rendered: a shadow root instead of the light children, and in it
    // each slot with what is assigned to it (or else its own content).
    const assigned = node.tagName === 'SLOT' ? node.assignedNodes({flatten: true}) : [];
    const shown = node.shadowRoot
      ? [node.shadowRoot]
      : assigned.length ? assigned : node.childNodes || [];
    for (const child of shown) out += deepText(child);
    return out;
  };
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found
    .map((el) => [el, el.getBoundingClientRect(), deepText(el).replace(/\\s+/g, ' ').trim()])
    .filter(([el, r, t]) => r.width > 0 && r.height > 0 && t.includes(text || ''))
    .map(([el, r, t]) => ({x: r.x, y: r.y, width: r.width, height: r.height, text: t,
                           expanded: el.expanded ?? null}));
}"""


async def find(page: Page, selector: str, text: str = "") -> list[dict[str, Any]]:
    """The visible elements matching the selector and text, shadow roots pierced."""
    found = await page.evaluate(f"({FIND})({json.dumps(selector)}, {json.dumps(text)})")
    return cast(list[dict[str, Any]], found)


async def wait_shown(
    page: Page, selector: str, text: str = "", seconds: float = STEP_TIMEOUT
) -> dict[str, Any]:
    """Wait until such an element is visible and has stopped moving (dialog animations)."""
    deadline = time.monotonic() + seconds
    last: dict[str, Any] | None = None
    while True:
        found = await find(page, selector, text)
        here = found[0] if found else None
        if here is not None and here == last:
            return here
        if time.monotonic() > deadline:
            raise Failed(
                f"no {selector} {'with ' + repr(text) + ' ' if text else ''}"
                f"shown after {seconds:.0f} s"
            )
        last = here
        await asyncio.sleep(0.3)


async def click(page: Page, selector: str, text: str = "") -> None:
    """Click the middle of the element with the mouse, as a user would."""
    box = await wait_shown(page, selector, text)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    await page.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    for kind in ("mousePressed", "mouseReleased"):
        await page.send(
            "Input.dispatchMouseEvent",
            type=kind,
            x=x,
            y=y,
            button="left",
            clickCount=1,
        )


async def save_dialog(page: Page, title: str, output: Path) -> None:
    """Save the open dialog with the given title and a margin of the page around it."""
    dialog = await wait_shown(page, ".mdc-dialog__surface", title)
    margin = 16
    x, y = max(0, dialog["x"] - margin), max(0, dialog["y"] - margin)
    shot = await page.send(
        "Page.captureScreenshot",
        format="png",
        clip={
            "x": x,
            "y": y,
            "width": min(WIDTH - x, dialog["width"] + 2 * margin),
            "height": min(HEIGHT - y, dialog["height"] + 2 * margin),
            "scale": 1,
        },
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(base64.b64decode(shot["data"]))


# The step of the config flow dialog, as the frontend got it from Home Assistant.
STEP_SHOWN = """(() => {
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'DIALOG-DATA-ENTRY-FLOW' && el._step) return el._step;
      const inner = el.shadowRoot && walk(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const step = walk(document);
  return step && {flow_id: step.flow_id, handler: step.handler, step_id: step.step_id};
})()"""


async def browser_checks(
    args: argparse.Namespace,
    url: str,
    api: HomeAssistantApi,
    device: Entity,
    report: Report,
) -> None:
    """Walk the add-integration dialog to the SwitchBot form; a device page."""
    tokens = log_in(HomeAssistantApi(url), USERNAME, PASSWORD)
    async with logged_in_page(
        url, tokens, chromium=args.chromium, width=WIDTH, height=HEIGHT
    ) as page:
        await page.goto(f"{url}/config/integrations/dashboard")
        await wait_shown(page, "ha-integration-card", "Cloud Bridge", 60)
        report.check("the integrations page shows the Cloud Bridge card", True)

        await click(page, "ha-fab", "Add integration")
        await click(page, "search-input")
        await page.send("Input.insertText", text="Cloud Bridge")
        await click(page, "ha-integration-list-item", "Cloud Bridge")
        title = "Which cloud is the account at?"
        await wait_shown(page, "step-flow-menu", title)
        options = [
            item["text"] for item in await find(page, "step-flow-menu mwc-list-item")
        ]
        if not options:  # The items sit in the menu step's shadow root.
            options = [item["text"] for item in await find(page, "mwc-list-item")]
        report.check(
            "the menu offers SwitchBot, Shelly Cloud and SinricPro",
            options == ["SwitchBot", "Shelly Cloud", "SinricPro"],
            f"it offers {options}",
        )
        await asyncio.sleep(1)  # Let the icons load.
        await save_dialog(page, title, args.images / "config-flow-menu.png")

        await click(page, "mwc-list-item", "SwitchBot")
        await wait_shown(page, "step-flow-form", "SwitchBot account")
        fields = [f["text"] for f in await find(page, "ha-textfield")]
        report.check(
            "the SwitchBot form asks for Token and Secret key",
            any("Token" in f for f in fields)
            and any("Secret key" in f for f in fields),
            f"its fields: {fields}",
        )
        panels = await find(page, "ha-expansion-panel", "Advanced")
        report.check(
            "the SwitchBot form has a collapsed Advanced section",
            len(panels) == 1 and panels[0]["expanded"] is False,
            f"panels: {panels}",
        )
        # The step the dialog shows, as Home Assistant sent it, and the same flow asked
        # for again through the REST API: the form is the backend's, not a leftover.
        step = await page.evaluate(STEP_SHOWN) or {}
        try:
            again = api.request(
                "GET", f"/api/config/config_entries/flow/{step.get('flow_id')}"
            )
        except HttpError as err:
            again = {"error": str(err)}
        report.check(
            "the dialog shows Home Assistant's switchbot step of a Cloud Bridge flow",
            step.get("handler") == DOMAIN
            and step.get("step_id") == again.get("step_id") == "switchbot",
            f"the dialog shows {step}, the flow is at {again}",
        )
        await asyncio.sleep(1)
        await save_dialog(
            page, "SwitchBot account", args.images / "config-flow-switchbot.png"
        )

        await page.goto(f"{url}/config/devices/device/{device.device_id}")
        await wait_shown(page, "ha-card", "Kitchen Counter")
        report.check(f"the device page of {device.name} shows its controls", True)
        # The logbook card lists what the switch checks just did.
        await wait_shown(page, "ha-card", "turned off")
        report.check("its logbook shows the switching", True)
        await asyncio.sleep(2)  # Let icons and fonts finish.
        await save_png(page, args.images / "device-page.png")


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
        asyncio.run(browser_checks(args, url, api, plus_2pm, report))

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
