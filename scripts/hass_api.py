"""Home Assistant REST, auth and onboarding APIs, as the development scripts drive a real hass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import json
import time
from typing import Any, cast
import urllib.error
import urllib.parse
import urllib.request

DOMAIN = "cloud_bridge"

USERNAME = "demo"
PASSWORD = "demo"


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
