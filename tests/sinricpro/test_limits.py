"""The SinricPro account's limits: reads spaced under the read limit, named waits, the key as a header."""

from __future__ import annotations

import asyncio
import json

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.cloud_bridge.api import RateLimited
from custom_components.cloud_bridge.api.sinricpro import client as sinricpro
from tests.conftest import SINRIC_SWITCH, setup_entry, sinricpro_data, wait_until
from tests.simulator.base import Fault
from tests.simulator.sinricpro import SinricProCloud


@pytest.mark.real_spacing
async def test_burst_of_refreshes_stays_under_the_read_limit(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thirty refreshes at once are spaced so that no window holds more reads than allowed."""
    limit = sinricpro_cloud.read_limit
    limit.window = 1.0  # the minute, scaled down; the spacing scales with it
    monkeypatch.setattr(sinricpro, "READ_SPACING", limit.window / 18)
    entry = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    coordinator = entry.runtime_data
    await asyncio.gather(*(coordinator.client.async_get_devices() for _ in range(30)))
    assert limit.refused == 0
    assert len(limit.reads) == 31
    assert limit.busiest() <= 18
    assert not limit.slow


@pytest.mark.parametrize("wait_in", ["header", "body"])
async def test_named_wait_is_kept(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, wait_in: str
) -> None:
    """A 429 waits as long as it says (header or body), keeps the state, and is no bad key."""
    entry = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    coordinator = entry.runtime_data
    limit = sinricpro_cloud.read_limit
    sinricpro_cloud.wait_in = wait_in
    limit.limit, limit.window = 1, 2.0  # the setup's read used up 2 s
    with pytest.raises(RateLimited) as err:
        await coordinator.client.async_get_devices()
    assert 1.0 <= (err.value.retry_after or 0) <= 2.0
    # The next read waits out what the cloud named, so it is not refused.
    await coordinator.async_refresh()
    assert limit.refused == 1
    assert limit.reads[-1] - limit.reads[0] >= 2.0
    assert coordinator.last_update_success
    assert hass.states.get("switch.fan_switch").state == "off"
    assert not hass.config_entries.flow.async_progress()


async def test_key_as_header_when_auth_is_gone(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sinricpro_cloud: SinricProCloud,
) -> None:
    """Without /api/v1/auth, every call and the stream carry the key as x-sinric-api-key."""
    sinricpro_cloud.auth_gone = 410
    entry: MockConfigEntry = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    await wait_until(lambda: sinricpro_cloud.open_streams == 1, "stream open")
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.fan_switch"}, blocking=True
    )
    await wait_until(lambda: hass.states.get("switch.fan_switch").state == "on", "on")
    calls = [r for r in sinricpro_cloud.requests if r.path != "/api/v1/auth"]
    assert calls
    assert all(r.headers.get("x-sinric-api-key") for r in calls)
    assert not any("Authorization" in r.headers or r.query for r in calls)
    assert sinricpro_cloud.actions[-1]["deviceId"] == SINRIC_SWITCH
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert diagnostics["auth"] == "api_key_header"


@pytest.mark.parametrize(
    ("headers", "body", "wait"),
    [
        ({"retry-after": "2"}, {}, 2.0),  # the header's name in any case
        ({"Retry-After": "²"}, {}, None),  # no digits int() takes: no wait named
        ({}, {"resetTime": 1e300}, sinricpro.MAX_WAIT),  # beyond belief: cut
        ({}, {"resetTime": 90}, 90.0),  # seconds to wait
    ],
    ids=["lower_case_header", "odd_digit", "huge_reset", "seconds"],
)
async def test_odd_waits(
    hass: HomeAssistant,
    sinricpro_cloud: SinricProCloud,
    headers: dict[str, str],
    body: dict[str, float],
    wait: float | None,
) -> None:
    """Whatever a 429 names as its wait, the client reads it without failing, within bounds."""
    entry = await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    sinricpro_cloud.inject(
        Fault(status=429, body=json.dumps({"success": False, **body}), headers=headers,
              times=1, path_prefix="/api/v1/devices")
    )
    with pytest.raises(RateLimited) as err:
        await entry.runtime_data.client.async_get_devices()
    assert err.value.retry_after == wait


async def test_stream_waits_out_a_refused_sign_in(
    hass: HomeAssistant, sinricpro_cloud: SinricProCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 429 when the stream signs in again is waited out; the stream comes back."""
    monkeypatch.setattr(sinricpro, "BACKOFF_BASE", 0.01)
    await setup_entry(hass, sinricpro_data(sinricpro_cloud))
    await wait_until(lambda: sinricpro_cloud.open_streams == 1, "stream open")
    # The stream alone refuses its token, so only the stream signs in again.
    sinricpro_cloud.inject(Fault(status=401, body='{"success": false}', times=1, path_prefix="/sse/stream"))
    refusal = Fault(status=429, body='{"success": false}', headers={"Retry-After": "1"},
                    times=1, path_prefix="/api/v1/auth")
    sinricpro_cloud.inject(refusal)
    sinricpro_cloud.drop_streams()
    await wait_until(lambda: refusal.times == 0, "sign-in refused")
    await wait_until(lambda: sinricpro_cloud.open_streams == 1, "stream back")
    assert len(sinricpro_cloud.requests_to("/api/v1/auth")) == 3  # setup, refused, again
