"""Signing in to Shelly for real-time updates: after adding an account, and under Reconfigure.

Home Assistant's OAuth2 helper hosts the flow, tested as core's OAuth
integrations test theirs: the external step's URL, the browser's return to
/auth/external/callback, then the token grant (here at the simulator).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import config_entry_oauth2_flow
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from yarl import URL

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    SHELLY_1PM,
    SHELLY_AUTH_KEY,
    setup_entry,
    shelly_data,
    wait_until,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.realtime import jwt

REDIRECT = "https://example.com/auth/external/callback"
pytestmark = pytest.mark.usefixtures("current_request_with_host", "auth")


@pytest.fixture
async def auth(hass: HomeAssistant) -> None:
    """Home Assistant's auth component, whose view takes the browser back (always set up in a real install)."""
    assert await async_setup_component(hass, "auth", {})


async def _offer(hass: HomeAssistant, cloud: ShellyCloud) -> dict[str, Any]:
    """A new Shelly account's form, filled in: the offer of real-time updates."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "shelly"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"host": cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM},
    )
    assert result["type"] is FlowResultType.MENU
    assert result["step_id"] == "realtime_offer"
    return dict(result)


async def _sign_in_page(hass: HomeAssistant, flow_id: str) -> URL:
    """Choose to sign in: the external step's URL, Shelly's login page."""
    result = await hass.config_entries.flow.async_configure(flow_id, {"next_step_id": "realtime_sign_in"})
    assert result["type"] is FlowResultType.EXTERNAL_STEP
    url = URL(result["url"])
    assert url.with_query(None) == URL("https://my.shelly.cloud/oauth_login.html")
    assert url.query["client_id"] == "shelly-diy"
    assert url.query["redirect_uri"] == REDIRECT
    assert url.query["state"]
    return url


async def _come_back(
    hass: HomeAssistant, cloud: ShellyCloud, page: URL, client: ClientSessionGenerator
) -> None:
    """The user signs in (at the simulator's login page) and the browser returns to HA."""
    async with aiohttp.ClientSession() as browser:
        resp = await browser.get(
            f"{cloud.url}/oauth_login.html", params=dict(page.query), allow_redirects=False
        )
        assert resp.status == 302
        back = URL(resp.headers["Location"])
    assert str(back.with_query(None)) == REDIRECT
    await _callback(hass, client, dict(back.query))


async def _callback(hass: HomeAssistant, client: ClientSessionGenerator, query: dict[str, str]) -> None:
    http = await client()
    resp = await http.get("/auth/external/callback", params=query)
    assert resp.status == 200
    await hass.async_block_till_done()


async def test_add_account_with_real_time_updates(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, hass_client_no_auth: ClientSessionGenerator
) -> None:
    offer = await _offer(hass, shelly_cloud)
    page = await _sign_in_page(hass, offer["flow_id"])
    implementations = await config_entry_oauth2_flow.async_get_implementations(hass, DOMAIN)
    assert implementations["cloud_bridge_shelly"].name == "Shelly Cloud"
    await _come_back(hass, shelly_cloud, page, hass_client_no_auth)
    result = await hass.config_entries.flow.async_configure(offer["flow_id"])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    data = result["data"]
    assert data["auth_key"] == SHELLY_AUTH_KEY
    assert data["device_ids"] == [SHELLY_1PM]
    assert data["auth_implementation"] == "cloud_bridge_shelly"
    token = data["token"]
    assert token["user_api_url"] == shelly_cloud.url
    assert token["refresh_token"]
    assert token["expires_in"] == 43200
    assert shelly_cloud.realtime.grants == ["code"]
    grant = shelly_cloud.requests_to("/oauth/auth")[0].text
    assert "client_id=shelly-diy" in grant
    assert "grant_type=code" in grant
    await hass.async_block_till_done()
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    await _until_open(hass, shelly_cloud)
    await wait_until(lambda: entry.runtime_data.push_active)


async def _until_open(hass: HomeAssistant, cloud: ShellyCloud) -> None:
    await wait_until(lambda: cloud.realtime.open_sockets == 1)


async def test_add_account_without(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    offer = await _offer(hass, shelly_cloud)
    result = await hass.config_entries.flow.async_configure(offer["flow_id"], {"next_step_id": "realtime_skip"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert "token" not in result["data"]


@pytest.mark.parametrize(
    ("code", "fault", "reason"),
    [
        ("not-a-jwt", None, "oauth_unauthorized"),
        (jwt({"user_api_url": "http://shelly-49-eu.shelly.cloud"}), None, "oauth_unauthorized"),
        ("issued", None, "oauth_unauthorized"),
        ("real", Fault(status=502, path_prefix="/oauth/auth"), "oauth_failed"),
        ("real", Fault(status=200, body='{"expires_in": 5}', path_prefix="/oauth/auth"), "oauth_failed"),
    ],
    ids=["unreadable", "plain-http-internet", "unknown-code", "unreachable", "no-token"],
)
async def test_sign_in_refused(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    hass_client_no_auth: ClientSessionGenerator,
    code: str,
    fault: Fault | None,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A code that names no server we may reach, one the cloud refuses, or no answer."""
    caplog.set_level(logging.DEBUG, logger="custom_components.cloud_bridge")
    offer = await _offer(hass, shelly_cloud)
    page = await _sign_in_page(hass, offer["flow_id"])
    if code == "issued":
        code = jwt({"user_api_url": shelly_cloud.url})  # names the server, never issued
    elif code == "real":
        code = shelly_cloud.realtime.issue_code()
    if fault is not None:
        shelly_cloud.inject(fault)
    await _callback(hass, hass_client_no_auth, {"code": code, "state": page.query["state"]})
    result = await hass.config_entries.flow.async_configure(offer["flow_id"])
    # The account the user already gave is not lost: try again, or add it without.
    assert result["type"] is FlowResultType.MENU
    assert result["step_id"] == "realtime_failed"
    assert f"Shelly sign-in failed ({reason})" in caplog.text
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "realtime_skip"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert "token" not in result["data"]


async def test_user_cancels_sign_in(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, hass_client_no_auth: ClientSessionGenerator
) -> None:
    offer = await _offer(hass, shelly_cloud)
    page = await _sign_in_page(hass, offer["flow_id"])
    await _callback(hass, hass_client_no_auth, {"error": "access_denied", "state": page.query["state"]})
    result = await hass.config_entries.flow.async_configure(offer["flow_id"])
    assert result["step_id"] == "realtime_failed"
    # Trying again leads to Shelly's page again.
    await _sign_in_page(hass, offer["flow_id"])


async def test_reconfigure_sign_in_refused(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Under Reconfigure the account exists already: a refused sign-in just ends the flow."""
    entry = await setup_entry(hass, shelly_data(shelly_cloud))
    result = await entry.start_reconfigure_flow(hass)
    page = await _sign_in_page(hass, result["flow_id"])
    await _callback(hass, hass_client_no_auth, {"code": "not-a-jwt", "state": page.query["state"]})
    result = await hass.config_entries.flow.async_configure(result["flow_id"])
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "oauth_unauthorized"
    assert "token" not in entry.data


async def test_reconfigure_turns_real_time_updates_on_and_off(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, hass_client_no_auth: ClientSessionGenerator
) -> None:
    entry = await setup_entry(hass, shelly_data(shelly_cloud))
    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["reconfigure_account", "realtime_sign_in"]
    page = await _sign_in_page(hass, result["flow_id"])
    await _come_back(hass, shelly_cloud, page, hass_client_no_auth)
    result = await hass.config_entries.flow.async_configure(result["flow_id"])
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "realtime_on"
    assert entry.data["token"]["user_api_url"] == shelly_cloud.url
    assert entry.data["auth_key"] == SHELLY_AUTH_KEY
    await hass.async_block_till_done()
    await _until_open(hass, shelly_cloud)
    # Changing the account's settings keeps the sign-in.
    result = await entry.start_reconfigure_flow(hass)
    assert result["menu_options"] == ["reconfigure_account", "realtime_sign_in", "realtime_off"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "reconfigure_account"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM},
    )
    assert result["reason"] == "reconfigure_successful"
    assert "token" in entry.data
    await hass.async_block_till_done()
    # Off: the token is forgotten and the socket closed.
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "realtime_off"})
    assert result["reason"] == "realtime_off"
    assert "token" not in entry.data
    assert "auth_implementation" not in entry.data
    await hass.async_block_till_done()
    assert shelly_cloud.realtime.open_sockets == 0
    assert not entry.runtime_data.push_active


async def test_other_clouds_reconfigure_without_menu(
    hass: HomeAssistant, sinricpro_entry: MockConfigEntry
) -> None:
    """Only a cloud whose push needs a sign-in shows the menu."""
    result = await sinricpro_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
