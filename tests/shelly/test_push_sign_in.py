"""Shelly push when the sign-in lapses: renewal, refused renewal, 4401, and no token in any log."""

from __future__ import annotations

import logging
import time

from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import SHELLY_2PM, setup_entry, wait_until
from tests.shelly.push_support import (
    COUNTER,
    assert_no_secret,
    assert_push_stopped,
    push_data,
    state,
)
from tests.simulator.base import Fault
from tests.simulator.shelly import ShellyCloud


async def test_token_renewed_before_it_lapses(
    hass: HomeAssistant, shelly_cloud: ShellyCloud
) -> None:
    """A token that lapses within the margin is renewed, stored and used for a new socket."""
    realtime = shelly_cloud.realtime
    entry = await setup_entry(hass, push_data(shelly_cloud, expires_at=time.time() + 60))
    first = entry.data["token"]["access_token"]
    await wait_until(lambda: realtime.grants == ["refresh_token"] and realtime.open_sockets == 1)
    token = entry.data["token"]
    assert token["access_token"] != first
    assert token["refresh_token"]  # kept: the renewal's answer carries none
    assert token["expires_at"] > time.time() + 40000
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True}})
    await wait_until(lambda: state(hass, COUNTER) == STATE_ON)


async def test_refused_renewal_stops_push_and_raises_issue(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, caplog: pytest.LogCaptureFixture
) -> None:
    realtime = shelly_cloud.realtime
    realtime.refuse_refresh = True
    caplog.set_level(logging.DEBUG)
    entry = await setup_entry(hass, push_data(shelly_cloud, expires_at=time.time() - 1))
    await assert_push_stopped(hass, shelly_cloud, entry)
    assert realtime.grants == ["refresh_token"]
    assert realtime.connections == 0
    assert "real-time updates stop" in caplog.text
    assert_no_secret(caplog, shelly_cloud, entry)


async def test_socket_closed_with_4401_stops_push(
    hass: HomeAssistant,
    shelly_cloud: ShellyCloud,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    realtime = shelly_cloud.realtime
    await realtime.drop(4401)
    await assert_push_stopped(hass, shelly_cloud, push_entry)
    assert realtime.connections == 1
    assert_no_secret(caplog, shelly_cloud, push_entry)
    # Signing in again (a reload with a new token) brings push back and clears the issue.
    hass.config_entries.async_update_entry(
        push_entry, data={**push_entry.data, "token": realtime.issue_token()}
    )
    await hass.config_entries.async_reload(push_entry.entry_id)
    await wait_until(lambda: realtime.open_sockets == 1)
    await wait_until(lambda: push_entry.runtime_data.push_active)
    issues = ir.async_get(hass)
    assert issues.async_get_issue(DOMAIN, f"sign_in_refused_{push_entry.entry_id}") is None


async def test_refused_socket_handshake_stops_push(
    hass: HomeAssistant, shelly_cloud: ShellyCloud
) -> None:
    """A socket that refuses the token at once, before any frame."""
    shelly_cloud.realtime.refuse_sockets = True
    entry = await setup_entry(hass, push_data(shelly_cloud))
    await assert_push_stopped(hass, shelly_cloud, entry)


async def test_renewal_unreachable_is_retried(
    hass: HomeAssistant, shelly_cloud: ShellyCloud
) -> None:
    """A token endpoint that cannot be reached is not a refusal: it is asked again."""
    shelly_cloud.inject(Fault(path_prefix="/oauth/auth", status=502, times=2))
    entry = await setup_entry(hass, push_data(shelly_cloud, expires_at=time.time() - 1))
    await wait_until(lambda: shelly_cloud.realtime.open_sockets == 1)
    assert len(shelly_cloud.requests_to("/oauth/auth")) == 3
    issues = ir.async_get(hass)
    assert issues.async_get_issue(DOMAIN, f"sign_in_refused_{entry.entry_id}") is None


async def test_no_token_in_any_log_line(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    realtime = shelly_cloud.realtime
    entry = await setup_entry(hass, push_data(shelly_cloud, expires_at=time.time() + 30))
    await wait_until(lambda: realtime.grants == ["refresh_token"] and realtime.open_sockets == 1)
    await realtime.change(SHELLY_2PM, {"switch:0": {"output": True}})
    await realtime.drop()
    await wait_until(lambda: realtime.connections == 2 and realtime.open_sockets == 1)
    await realtime.send_raw("garbage")
    await hass.async_block_till_done()
    assert_no_secret(caplog, shelly_cloud, entry)


async def test_socket_refused_at_handshake_stops_push(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> None:
    """A 401 to the socket's upgrade is a refused token, like 4401."""
    shelly_cloud.inject(Fault(path_prefix="/shelly/wss/hk_sock", status=401))
    entry = await setup_entry(hass, push_data(shelly_cloud))
    await assert_push_stopped(hass, shelly_cloud, entry)


async def test_planned_renewal_that_fails_waits_and_tries_again(
    hass: HomeAssistant, shelly_cloud: ShellyCloud
) -> None:
    """A renewal due while the socket is open that cannot reach the cloud backs off, never spins."""
    realtime = shelly_cloud.realtime
    entry = await setup_entry(hass, push_data(shelly_cloud, expires_at=time.time() + 601))
    await wait_until(lambda: realtime.open_sockets == 1)
    shelly_cloud.inject(Fault(path_prefix="/oauth/auth", status=502, times=2))
    await wait_until(lambda: realtime.grants == ["refresh_token"] and realtime.connections == 2)
    assert len(shelly_cloud.requests_to("/oauth/auth")) == 3
    await wait_until(lambda: realtime.open_sockets == 1 and entry.runtime_data.push_active)


async def test_turning_off_clears_the_issue(
    hass: HomeAssistant, shelly_cloud: ShellyCloud, push_entry: MockConfigEntry
) -> None:
    await shelly_cloud.realtime.drop(4401)
    issues = ir.async_get(hass)
    issue_id = f"sign_in_refused_{push_entry.entry_id}"
    await wait_until(lambda: issues.async_get_issue(DOMAIN, issue_id) is not None)
    result = await push_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "realtime_off"})
    assert result["reason"] == "realtime_off"
    assert issues.async_get_issue(DOMAIN, issue_id) is None
