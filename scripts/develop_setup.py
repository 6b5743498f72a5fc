"""Set up the Home Assistant of scripts/develop: config dir, owner `demo`, demo accounts.

Run from the repository root as a module (scripts/develop does this):

    .venv/bin/python -m scripts.develop_setup prepare .develop/config
    .venv/bin/python -m scripts.develop_setup configure --url http://127.0.0.1:8123

Both steps are idempotent: what is already there is left alone.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
import json
from pathlib import Path
import sys
from typing import Any

from scripts.hass_api import (
    DOMAIN,
    HomeAssistantApi,
    SetupError,
    entries,
    onboard,
    wait_until_answers,
    wait_until_loaded,
    wait_until_running,
)
from tests.simulator.demo import (
    DEMO_SHELLY_AUTH_KEY,
    DEMO_SHELLY_DEVICE_IDS,
    DEMO_SINRICPRO_API_KEY,
    DEMO_SWITCHBOT_SECRET,
    DEMO_SWITCHBOT_TOKEN,
)

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / "cloud_bridge"


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
