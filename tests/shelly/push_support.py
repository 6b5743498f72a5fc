"""What the Shelly push tests share: a signed-in account's data, its entities, checks."""

from __future__ import annotations

from typing import Any

from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import SHELLY_2PM, next_poll, shelly_data, wait_until
from tests.simulator.shelly import ShellyCloud

COUNTER = "switch.kitchen_2pm_counter"
ISLAND = "switch.kitchen_2pm_island"
GARAGE = "switch.garage_1pm"
COUNTER_POWER = "sensor.kitchen_2pm_counter_power"


def push_data(cloud: ShellyCloud, **token: Any) -> dict[str, Any]:
    """Entry data of the account, signed in for real-time updates."""
    return {
        **shelly_data(cloud),
        "auth_implementation": "cloud_bridge_shelly",
        "token": {**cloud.realtime.issue_token(), **token},
    }


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """One poll, as the interval would start it (next_poll waits for the socket's task too)."""
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str:
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


async def assert_push_stopped(hass: HomeAssistant, cloud: ShellyCloud, entry: MockConfigEntry) -> None:
    issues = ir.async_get(hass)
    await wait_until(lambda: issues.async_get_issue(DOMAIN, f"sign_in_refused_{entry.entry_id}") is not None)
    coordinator = entry.runtime_data
    assert not coordinator.push_active
    assert coordinator.update_interval is not None
    assert coordinator.update_interval.total_seconds() == 30
    # Never a reauth of the entry: the auth key still polls.
    assert not hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    cloud.devices[SHELLY_2PM].status["switch:0"]["output"] = True
    await next_poll(hass, entry)
    assert state(hass, COUNTER) == STATE_ON


def assert_no_secret(caplog: pytest.LogCaptureFixture, cloud: ShellyCloud, entry: MockConfigEntry) -> None:
    """No log line or traceback of Home Assistant's or ours holds a secret, old or current.

    The simulator's own access log (aiohttp.access) does: it is left out.
    """
    text = "\n".join(
        line for line in caplog.text.splitlines() if "aiohttp.access" not in line
    )
    assert "Shelly push" in text or "real-time" in text
    secrets = [*cloud.realtime.issued_secrets(), entry.data["auth_key"]]
    assert len(secrets) > 2
    for secret in secrets:
        assert secret not in text
        # Nor the part of a JWT that would let one rebuild it.
        if secret.count(".") == 2:
            assert secret.split(".")[1] not in text
