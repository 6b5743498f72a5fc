"""The end-to-end checks through HTTP: the simulated clouds own APIs and Home Assistant REST API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import itertools
import json
from pathlib import Path
import re
import time
from typing import Any, cast
import urllib.error
import urllib.request

from scripts.e2e_support import (
    SINRICPRO_SWITCH,
    STEP_TIMEOUT,
    SWITCHBOT_PLUG,
    Failed,
    Report,
    equals,
    wait_for,
)
from scripts.hass_api import DOMAIN, HomeAssistantApi, HttpError, SetupError
from tests.simulator.demo import (
    DEMO_SHELLY_AUTH_KEY,
    DEMO_SINRICPRO_API_KEY,
    DEMO_SWITCHBOT_TOKEN,
    SHELLY_PLUS_2PM,
)

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
    """The entity of a domain on the device with that identifier (and a name ending so)."""
    matches = [
        e
        for e in found
        if f"{DOMAIN}:{identifier}" in e.identifiers
        and e.entity_id.startswith(f"{domain}.")
        and (e.name or "").endswith(name_part)
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
