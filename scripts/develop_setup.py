"""Set up the Home Assistant of scripts/develop: config dir, owner `demo`, demo accounts.

Run from the repository root as a module (scripts/develop does this):

    .venv/bin/python -m scripts.develop_setup prepare .develop/config
    .venv/bin/python -m scripts.develop_setup configure --url http://127.0.0.1:8123

Both steps are idempotent: what is already there is left alone.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
import json
from pathlib import Path
import sys
import time
from typing import Any, cast
import urllib.error
import urllib.parse
import urllib.request

from tests.simulator.demo import (
    DEMO_SHELLY_AUTH_KEY,
    DEMO_SHELLY_DEVICE_IDS,
    DEMO_SINRICPRO_API_KEY,
    DEMO_SWITCHBOT_SECRET,
    DEMO_SWITCHBOT_TOKEN,
)

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / "cloud_bridge"
DOMAIN = "cloud_bridge"

USERNAME = "demo"
PASSWORD = "demo"

CONFIGURATION_YAML = """\
# Written once by scripts/develop (scripts/develop_setup.py); edit freely, it is not overwritten.
# No default_config: only what the UI needs, nothing that wants the network or extra packages.
homeassistant:
  name: Cloud Bridge demo
  latitude: 52.3731
  longitude: 4.8903
  elevation: 0
  unit_system: metric
  time_zone: Europe/Amsterdam
  currency: EUR
  country: NL
  language: en
  # The default TOTP module needs pyotp and PyQRCode, which are not in requirements_develop.txt.
  auth_mfa_modules: []

frontend:
config:
# History graphs and the logbook for the demo entities (SQLite in this directory).
recorder:
  purge_keep_days: 3
history:
logbook:

http:
  server_host: 127.0.0.1
  server_port: {port}

logger:
  default: info
  logs:
    custom_components.cloud_bridge: debug
    # No libturbojpeg on the system: an error with a traceback at each start, harmless here.
    homeassistant.components.camera.img_util: critical
"""

# The onboarding store, written before the first start with core_config marked done:
# POST /api/onboarding/core_config would set up met, google_translate and radio_browser,
# which pip-install PyMetno, gTTS and radios and then call the internet.
ONBOARDING_STORE = {
    "version": 4,
    "minor_version": 1,
    "key": "onboarding",
    "data": {"done": ["core_config"]},
}


class SetupError(Exception):
    """Something the developer has to look at."""


class HttpError(SetupError):
    """Home Assistant answered with an error status."""

    def __init__(self, method: str, path: str, status: int, body: str) -> None:
        """Keep the status for callers that expect some errors."""
        super().__init__(f"{method} {path}: HTTP {status}: {body[:500]}")
        self.status = status


@dataclass
class HomeAssistantApi:
    """The few REST calls this needs, with urllib so nothing beyond the venv is used."""

    url: str
    token: str | None = None
    timeout: float = 30.0

    def request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        form: Mapping[str, str] | None = None,
    ) -> Any:
        """Send one request; the decoded JSON answer (None if empty)."""
        headers = {}
        data: bytes | None = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.url.rstrip("/") + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = cast(bytes, response.read()).decode()
        except urllib.error.HTTPError as err:
            raise HttpError(method, path, err.code, err.read().decode()) from None
        return json.loads(text) if text else None


@dataclass
class Tokens:
    """What POST /auth/token gives: also what the frontend keeps as `hassTokens`."""

    access_token: str
    refresh_token: str
    expires_in: int


def client_id(url: str) -> str:
    """The client id the frontend itself uses: the origin with a slash."""
    return url.rstrip("/") + "/"


def wait_until_answers(api: HomeAssistantApi, timeout: float) -> None:
    """Wait until the HTTP server answers anything at all."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            api.request("GET", "/auth/providers")
        except HttpError:
            return  # Answers, if only to say that onboarding is not done.
        except OSError as err:
            if time.monotonic() > deadline:
                raise SetupError(
                    f"{api.url} did not answer in {timeout:.0f} s: {err}"
                ) from None
            time.sleep(0.5)
        else:
            return


def onboarding_steps(api: HomeAssistantApi) -> dict[str, bool]:
    """Which onboarding steps are done; all of them once onboarding is over."""
    try:
        steps = api.request("GET", "/api/onboarding")
    except HttpError as err:
        if err.status == 404:  # The views are only registered while onboarding.
            return {}
        raise
    return {step["step"]: step["done"] for step in steps}


def exchange_code(api: HomeAssistantApi, code: str) -> Tokens:
    """Trade an authorization code for tokens."""
    answer = api.request(
        "POST",
        "/auth/token",
        form={
            "grant_type": "authorization_code",
            "client_id": client_id(api.url),
            "code": code,
        },
    )
    return Tokens(answer["access_token"], answer["refresh_token"], answer["expires_in"])


def log_in(
    api: HomeAssistantApi, username: str = USERNAME, password: str = PASSWORD
) -> Tokens:
    """Log in as a user through the login flow, as the login page does."""
    cid = client_id(api.url)
    flow = api.request(
        "POST",
        "/auth/login_flow",
        body={
            "client_id": cid,
            "handler": ["homeassistant", None],
            "redirect_uri": cid + "?auth_callback=1",
        },
    )
    result = api.request(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        body={"client_id": cid, "username": username, "password": password},
    )
    if result.get("type") != "create_entry":
        raise SetupError(f"Could not log in as {username}: {result.get('errors')}")
    return exchange_code(api, result["result"])


def onboard(api: HomeAssistantApi) -> Tokens:
    """Create the owner if needed, log in, and finish the remaining onboarding steps."""
    steps = onboarding_steps(api)
    if steps and not steps.get("user", True):
        answer = api.request(
            "POST",
            "/api/onboarding/users",
            body={
                "client_id": client_id(api.url),
                "name": "Demo",
                "username": USERNAME,
                "password": PASSWORD,
                "language": "en",
            },
        )
        tokens = exchange_code(api, answer["auth_code"])
        print(f"Created the owner {USERNAME!r}")
    else:
        tokens = log_in(api)
    user_api = HomeAssistantApi(api.url, tokens.access_token, api.timeout)
    if steps and not steps.get("core_config", True):
        raise SetupError(
            "The core_config onboarding step is not done, and its endpoint would set up "
            "met, google_translate and radio_browser (pip installs, internet). "
            "This config dir was not prepared by scripts/develop: remove it and start again."
        )
    if steps and not steps.get("analytics", True):
        user_api.request("POST", "/api/onboarding/analytics", body={})
    if steps and not steps.get("integration", True):
        cid = client_id(api.url)
        user_api.request(
            "POST",
            "/api/onboarding/integration",
            body={"client_id": cid, "redirect_uri": cid + "?auth_callback=1"},
        )
    if steps and not all(steps.values()):
        print("Onboarding done")
    return tokens


def wait_until_running(api: HomeAssistantApi, timeout: float) -> None:
    """Wait until Home Assistant has started (all integrations set up)."""
    deadline = time.monotonic() + timeout
    while (config := api.request("GET", "/api/config"))["state"] != "RUNNING":
        if time.monotonic() > deadline:
            raise SetupError(
                f"Home Assistant is still {config['state']} after {timeout:.0f} s"
            )
        time.sleep(0.5)
    if config.get("recovery_mode") or config.get("safe_mode"):
        raise SetupError(
            "Home Assistant started in recovery mode, without custom integrations: "
            "its configuration has an error (see the log)"
        )


@dataclass
class Account:
    """One demo account: the menu choice and the form the config flow asks for."""

    title: str
    step: str
    form: dict[str, Any]


def demo_accounts(switchbot: str, shelly: str, sinricpro: str) -> list[Account]:
    """The three demo accounts of tests/simulator, at the given simulator URLs."""
    return [
        Account(
            "SwitchBot",
            "switchbot",
            {
                "api_token": DEMO_SWITCHBOT_TOKEN,
                "api_secret": DEMO_SWITCHBOT_SECRET,
                "advanced": {"base_url": switchbot},
            },
        ),
        Account(
            "Shelly Cloud",
            "shelly",
            {
                "host": shelly,
                "auth_key": DEMO_SHELLY_AUTH_KEY,
                "device_ids": ",".join(DEMO_SHELLY_DEVICE_IDS),
            },
        ),
        Account(
            "SinricPro",
            "sinricpro",
            {"api_key": DEMO_SINRICPRO_API_KEY, "advanced": {"base_url": sinricpro}},
        ),
    ]


def add_account(api: HomeAssistantApi, account: Account) -> str:
    """Walk the config flow for one account: 'added' or 'already there'."""
    flows = "/api/config/config_entries/flow"
    menu = api.request("POST", flows, body={"handler": DOMAIN})
    form = api.request(
        "POST", f"{flows}/{menu['flow_id']}", body={"next_step_id": account.step}
    )
    result = api.request("POST", f"{flows}/{form['flow_id']}", body=account.form)
    if result["type"] == "create_entry":
        return "added"
    if result["type"] == "abort" and result.get("reason") == "already_configured":
        return "already there"
    if result["type"] == "form":  # Shown again with errors: leave no flow behind.
        api.request("DELETE", f"{flows}/{result['flow_id']}")
    raise SetupError(
        f"Adding the {account.title} account failed: {result.get('type')} "
        f"{result.get('errors') or result.get('reason')}"
    )


def entries(api: HomeAssistantApi) -> list[dict[str, Any]]:
    """The Cloud Bridge config entries."""
    return cast(
        list[dict[str, Any]],
        api.request("GET", f"/api/config/config_entries/entry?domain={DOMAIN}"),
    )


def wait_until_loaded(api: HomeAssistantApi, timeout: float) -> list[dict[str, Any]]:
    """Wait until no Cloud Bridge entry is still being set up."""
    deadline = time.monotonic() + timeout
    while True:
        found = entries(api)
        pending = [
            e for e in found if e["state"] in ("not_loaded", "setup_in_progress")
        ]
        if not pending or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def configure(args: argparse.Namespace) -> None:
    """Onboard and add the demo accounts."""
    api = HomeAssistantApi(args.url)
    wait_until_answers(api, args.timeout)
    tokens = onboard(api)
    api.token = tokens.access_token
    wait_until_running(api, args.timeout)
    present = {entry["title"] for entry in entries(api)}
    for account in demo_accounts(args.switchbot, args.shelly, args.sinricpro):
        if account.title in present:
            outcome = "already there"
        else:
            outcome = add_account(api, account)
        print(f"Cloud Bridge account {account.title}: {outcome}")
    for entry in wait_until_loaded(api, args.timeout):
        if entry["state"] != "loaded":
            print(
                f"Warning: the {entry['title']} entry is {entry['state']}"
                f"{': ' + entry['reason'] if entry.get('reason') else ''}",
                file=sys.stderr,
            )


def prepare(args: argparse.Namespace) -> None:
    """Create the config dir: link to the integration, configuration.yaml, onboarding seed."""
    config: Path = args.config
    fresh = not (config / ".storage").exists()
    (config / "custom_components").mkdir(parents=True, exist_ok=True)
    link = config / "custom_components" / DOMAIN
    if link.is_symlink():
        if link.resolve() != INTEGRATION:
            link.unlink()
    elif link.exists():
        raise SetupError(
            f"{link} is not a symlink: move it away, it would hide the repo's integration"
        )
    if not link.is_symlink():
        link.symlink_to(INTEGRATION, target_is_directory=True)
    yaml = config / "configuration.yaml"
    if not yaml.exists():
        yaml.write_text(CONFIGURATION_YAML.format(port=args.port))
    if fresh:
        (config / ".storage").mkdir()
        (config / ".storage" / "onboarding").write_text(
            json.dumps(ONBOARDING_STORE, indent=2)
        )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.develop_setup", description=__doc__
    )
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare", help=prepare.__doc__)
    prep.add_argument("config", type=Path)
    prep.add_argument("--port", type=int, default=8123)
    conf = commands.add_parser("configure", help=configure.__doc__)
    conf.add_argument("--url", default="http://127.0.0.1:8123")
    conf.add_argument("--switchbot", default="http://127.0.0.1:8081")
    conf.add_argument("--shelly", default="http://127.0.0.1:8082")
    conf.add_argument("--sinricpro", default="http://127.0.0.1:8083")
    conf.add_argument("--timeout", type=float, default=120.0)
    return parser.parse_args()


def main() -> int:
    """Entry point: 0 on success, 1 with a message on stderr otherwise."""
    args = _arguments()
    try:
        if args.command == "prepare":
            prepare(args)
        else:
            configure(args)
    except (SetupError, OSError) as err:
        print(f"develop_setup: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
