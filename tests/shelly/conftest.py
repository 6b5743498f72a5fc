"""Fixtures of the Shelly tests: a fast socket, and an account signed in for push."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api.shelly import push
from tests.conftest import setup_entry, wait_until
from tests.shelly.push_support import push_data
from tests.simulator.shelly import ShellyCloud


@pytest.fixture(autouse=True)
def fast_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pings 0.3 s apart and reopening within tens of milliseconds, not 30 s and 1 s."""
    monkeypatch.setattr(push, "PING_INTERVAL", 0.3)
    monkeypatch.setattr(push, "BACKOFF_BASE", 0.02)
    monkeypatch.setattr(push, "BACKOFF_MAX", 0.1)


@pytest.fixture
async def push_entry(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> MockConfigEntry:
    """The Shelly account with real-time updates on and its socket open."""
    entry = await setup_entry(hass, push_data(shelly_cloud))
    await wait_until(lambda: shelly_cloud.realtime.open_sockets == 1 and entry.runtime_data.push_active)
    return entry
