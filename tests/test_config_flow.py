"""The config flow, through every step, error and abort, against the simulated clouds."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import (
    DATA_OF,
    SHELLY_1PM,
    SHELLY_2PM,
    SHELLY_AUTH_KEY,
    SHELLY_HT,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    setup_entry,
    shelly_data,
    sinricpro_data,
    skip_realtime,
    switchbot_data,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud


async def _vendor_form(hass: HomeAssistant, vendor: str) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["switchbot", "shelly", "sinricpro"]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": vendor})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == vendor
    return result["flow_id"]


def _switchbot_input(cloud: SwitchBotCloud, token: str = SWITCHBOT_TOKEN, secret: str = SWITCHBOT_SECRET) -> dict[str, Any]:
    return {"api_token": token, "api_secret": secret, "advanced": {"base_url": cloud.url}}


async def test_switchbot_v11(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """With a secret the account uses API v1.1 and signs every request."""
    flow_id = await _vendor_form(hass, "switchbot")
    result = await hass.config_entries.flow.async_configure(flow_id, _switchbot_input(switchbot_cloud))
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "SwitchBot"
    assert result["data"] == switchbot_data(switchbot_cloud)
    assert SWITCHBOT_TOKEN not in result["result"].unique_id
    listing = switchbot_cloud.requests_to("/v1.1/devices")[0]
    assert {"sign", "t", "nonce"} <= {k.lower() for k in listing.headers}


async def test_switchbot_v10_without_secret(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """Without a secret the account uses API v1.0 with the token alone."""
    flow_id = await _vendor_form(hass, "switchbot")
    result = await hass.config_entries.flow.async_configure(
        flow_id, _switchbot_input(switchbot_cloud, secret="")
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["api_secret"] == ""
    assert switchbot_cloud.requests_to("/v1.0/devices")
    assert not switchbot_cloud.requests_to("/v1.1/")


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(status=500, times=1), "cannot_connect"),
        (Fault(status=429, body="<html>Too Many Requests</html>", times=1), "cannot_connect"),
        (Fault(status=200, body="not json", times=1), "cannot_connect"),
    ],
)
async def test_switchbot_cloud_faults(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, fault: Fault, error: str
) -> None:
    """A fault shows an error; the same form then succeeds once the cloud recovers."""
    flow_id = await _vendor_form(hass, "switchbot")
    switchbot_cloud.inject(fault)
    result = await hass.config_entries.flow.async_configure(flow_id, _switchbot_input(switchbot_cloud))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    result = await hass.config_entries.flow.async_configure(flow_id, _switchbot_input(switchbot_cloud))
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_switchbot_invalid_auth(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """A wrong token or a wrong secret is invalid_auth."""
    flow_id = await _vendor_form(hass, "switchbot")
    for kwargs in ({"token": "wrong"}, {"secret": "wrong"}):
        result = await hass.config_entries.flow.async_configure(
            flow_id, _switchbot_input(switchbot_cloud, **kwargs)
        )
        assert result["errors"] == {"base": "invalid_auth"}


async def test_unreachable_and_unexpected(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """Nothing listening is cannot_connect; an error nobody expected is unknown."""
    flow_id = await _vendor_form(hass, "switchbot")
    url = switchbot_cloud.url
    await switchbot_cloud.stop()
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_token": SWITCHBOT_TOKEN, "advanced": {"base_url": url}}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    # Deep in the HTTP library, below our client: something no one planned for.
    with patch("aiohttp.ClientSession._request", side_effect=RuntimeError("boom")):
        result = await hass.config_entries.flow.async_configure(
            flow_id, {"api_token": SWITCHBOT_TOKEN, "advanced": {"base_url": url}}
        )
    assert result["errors"] == {"base": "unknown"}


async def test_same_account_twice(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """The same token cannot be added twice, even as the other API version."""
    flow_id = await _vendor_form(hass, "switchbot")
    await hass.config_entries.flow.async_configure(flow_id, _switchbot_input(switchbot_cloud))
    flow_id = await _vendor_form(hass, "switchbot")
    result = await hass.config_entries.flow.async_configure(
        flow_id, _switchbot_input(switchbot_cloud, secret="")
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


async def test_shelly(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Ids in any separator are accepted; an http URL as host is kept as is."""
    flow_id = await _vendor_form(hass, "shelly")
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            "host": f"{shelly_cloud.url}/",
            "auth_key": SHELLY_AUTH_KEY,
            "device_ids": f" {SHELLY_1PM}, {SHELLY_2PM}\n{SHELLY_HT} {SHELLY_1PM}",
        },
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Shelly Cloud"
    assert result["data"] == shelly_data(shelly_cloud)
    body = shelly_cloud.requests_to("/v2/devices/api/get")[0].json
    assert body["ids"] == [SHELLY_1PM, SHELLY_2PM, SHELLY_HT]


async def test_shelly_host_without_scheme() -> None:
    """The host from the Shelly app is reached over https."""
    from custom_components.cloud_bridge.api import normalize_host

    assert normalize_host("shelly-42-eu.shelly.cloud") == "https://shelly-42-eu.shelly.cloud"
    assert normalize_host("HTTP://127.0.0.1:8080/") == "HTTP://127.0.0.1:8080"


async def test_shelly_errors(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Unknown ids are named; a wrong key is invalid_auth."""
    flow_id = await _vendor_form(hass, "shelly")
    user_input = {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": f"{SHELLY_1PM},deadbeef0001,deadbeef0002"}
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["errors"] == {"device_ids": "invalid_device_ids"}
    assert result["description_placeholders"] == {"device_ids": "deadbeef0001, deadbeef0002"}
    result = await hass.config_entries.flow.async_configure(flow_id, {**user_input, "auth_key": "wrong", "device_ids": SHELLY_1PM})
    assert result["errors"] == {"base": "invalid_auth"}


async def test_shelly_rate_limit_is_not_bad_auth(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """A 401 that mentions max_req means wait and retry, not a wrong key."""
    shelly_cloud.rate_limit_style = "401"
    shelly_cloud.inject(Fault(status=401, body='{"isok":false,"errors":{"max_req":"Request limit reached!"}}', times=1))
    flow_id = await _vendor_form(hass, "shelly")
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert shelly_cloud.rate_limit_violations == 0


async def test_sinricpro(hass: HomeAssistant, sinricpro_cloud: SinricProCloud) -> None:
    """An API key is exchanged for an access token; a wrong key is invalid_auth."""
    flow_id = await _vendor_form(hass, "sinricpro")
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_key": "wrong", "advanced": {"base_url": sinricpro_cloud.url}}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"api_key": SINRICPRO_API_KEY, "advanced": {"base_url": sinricpro_cloud.url}}
    )
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "SinricPro"
    assert result["data"] == sinricpro_data(sinricpro_cloud)
    auth = sinricpro_cloud.requests_to("/api/v1/auth")[-1]
    assert auth.headers["x-sinric-api-key"] == SINRICPRO_API_KEY


@pytest.mark.parametrize(
    ("vendor", "bad", "good"),
    [
        ("switchbot", {"api_token": "old", "api_secret": SWITCHBOT_SECRET}, {"api_token": SWITCHBOT_TOKEN, "api_secret": SWITCHBOT_SECRET}),
        ("shelly", {"auth_key": "old"}, {"auth_key": SHELLY_AUTH_KEY}),
        ("sinricpro", {"api_key": "old"}, {"api_key": SINRICPRO_API_KEY}),
    ],
)
async def test_reauth(
    hass: HomeAssistant,
    clouds: dict[str, Any],
    vendor: str,
    bad: dict[str, str],
    good: dict[str, str],
) -> None:
    """A refused credential starts reauth, which asks for the credential only."""
    data = DATA_OF[vendor](clouds[vendor])
    entry = await setup_entry(hass, {**data, **bad})
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    flow_id = flows[0]["flow_id"]
    result = await hass.config_entries.flow.async_configure(flow_id, bad)
    assert result["errors"] == {"base": "invalid_auth"}
    assert set(result["data_schema"].schema) == set(good)
    result = await hass.config_entries.flow.async_configure(flow_id, good)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data == data
    await hass.async_block_till_done()
    assert entry.state.name == "LOADED"


async def test_reauth_with_another_entrys_account(hass: HomeAssistant, sinricpro_cloud: SinricProCloud) -> None:
    """Reauth cannot turn one entry into a copy of another."""
    await setup_entry(hass, sinricpro_data(sinricpro_cloud), unique_id=None)
    other = await setup_entry(hass, {**sinricpro_data(sinricpro_cloud), "api_key": "old"})
    # The first entry's unique id is the account id the right key gives.
    from custom_components.cloud_bridge.api.http import fingerprint

    first = hass.config_entries.async_entries(DOMAIN)[0]
    hass.config_entries.async_update_entry(first, unique_id=fingerprint("sinricpro", SINRICPRO_API_KEY))
    result = await other.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"api_key": SINRICPRO_API_KEY})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reconfigure_switchbot(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """Reconfigure shows the current settings and can switch the API version."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _switchbot_input(switchbot_cloud, secret="wrong")
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _switchbot_input(switchbot_cloud, secret="")
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data["api_secret"] == ""
    await hass.async_block_till_done()
    assert switchbot_cloud.requests_to("/v1.0/devices")


async def test_reconfigure_shelly_ids(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """Reconfigure shows the ids one a line and checks new ones with the cloud."""
    entry = await setup_entry(hass, shelly_data(shelly_cloud))
    result = await entry.start_reconfigure_flow(hass)
    assert result["menu_options"] == ["reconfigure_account", "realtime_sign_in"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "reconfigure_account"}
    )
    schema = result["data_schema"]({"host": "h", "auth_key": "k", "device_ids": "i"})
    assert schema
    suggested = {str(key): key.description["suggested_value"] for key in result["data_schema"].schema}
    assert suggested["device_ids"] == f"{SHELLY_1PM}\n{SHELLY_2PM}\n{SHELLY_HT}"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"host": shelly_cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data["device_ids"] == [SHELLY_1PM]


async def test_reconfigure_sinricpro_base_url(hass: HomeAssistant, sinricpro_cloud: SinricProCloud) -> None:
    """The advanced section shows the stored address."""
    entry = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    result = await entry.start_reconfigure_flow(hass)
    advanced = result["data_schema"].schema["advanced"].schema.schema
    suggested = {str(key): key.description["suggested_value"] for key in advanced}
    assert suggested == {"base_url": sinricpro_cloud.url}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": SINRICPRO_API_KEY, "advanced": {"base_url": sinricpro_cloud.url}}
    )
    assert result["reason"] == "reconfigure_successful"


async def test_options(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """The poll interval cannot go below what the quota allows; empty means automatic."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    coordinator = entry.runtime_data
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["description_placeholders"]["shortest"] == "60"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"scan_interval": 10})
    assert result["errors"] == {"scan_interval": "interval_too_short"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"scan_interval": 900})
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {"scan_interval": 900}
    assert coordinator.update_interval.total_seconds() == 900
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert entry.options == {}
    assert coordinator.update_interval.total_seconds() == 60


@pytest.mark.parametrize("vendor", ["shelly", "sinricpro"])
async def test_cannot_connect(hass: HomeAssistant, clouds: dict[str, Any], vendor: str) -> None:
    """A cloud that answers 503 is cannot_connect, for every vendor."""
    cloud = clouds[vendor]
    cloud.inject(Fault(status=503, body="<html>down</html>", times=1))
    user_input: dict[str, Any] = (
        {"host": cloud.url, "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM}
        if vendor == "shelly"
        else {"api_key": SINRICPRO_API_KEY, "advanced": {"base_url": cloud.url}}
    )
    flow_id = await _vendor_form(hass, vendor)
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    result = await skip_realtime(hass, result)
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("vendor", "user_input"),
    [
        ("switchbot", {"api_token": SWITCHBOT_TOKEN, "advanced": {"base_url": "http://api.example.com"}}),
        ("shelly", {"host": "http://shelly.example.com", "auth_key": SHELLY_AUTH_KEY, "device_ids": SHELLY_1PM}),
        ("sinricpro", {"api_key": SINRICPRO_API_KEY, "advanced": {"base_url": "ftp://10.0.0.1"}}),
    ],
)
async def test_plain_http_only_nearby(
    hass: HomeAssistant, vendor: str, user_input: dict[str, Any]
) -> None:
    """Credentials never travel unencrypted across the internet: refused before any call."""
    flow_id = await _vendor_form(hass, vendor)
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["errors"] == {"base": "insecure_url"}


@pytest.mark.parametrize(
    ("vendor", "addresses"),
    [
        ("switchbot", {"default_url": "https://api.switch-bot.com"}),
        ("shelly", {}),
        ("sinricpro", {"default_url": "https://api.sinric.pro", "stream_url": "https://portal.sinric.pro"}),
    ],
)
async def test_form_names_default_addresses(hass: HomeAssistant, vendor: str, addresses: dict[str, str]) -> None:
    """The form's texts name the cloud's own addresses through placeholders (hassfest allows no URL in a text)."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": vendor})
    assert result["description_placeholders"] == addresses
