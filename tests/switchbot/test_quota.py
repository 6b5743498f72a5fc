"""SwitchBot's daily call quota and its rate limiting: last states kept, polls spaced out, the user told."""

from __future__ import annotations

from datetime import timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import METER, next_poll, setup_entry, switchbot_data
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud

TOO_MANY = "<html><body><h1>429 Too Many Requests</h1></body></html>"


@pytest.fixture
def platforms() -> list[Platform]:
    """A switch and a sensor show what entities keep."""
    return [Platform.SWITCH, Platform.SENSOR]


def _quota_issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"quota_exceeded_{entry.entry_id}")


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("custom_components.cloud_bridge")
    ]


async def test_quota_spent_keeps_state_and_waits_for_the_next_day(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Over quota: last states stay, one warning, one issue, the next poll after 00:00 UTC."""
    coordinator = switchbot_entry.runtime_data
    normal = coordinator.update_interval
    switchbot_cloud.quota = switchbot_cloud.calls_today

    await next_poll(hass, switchbot_entry)
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert hass.states.get("sensor.bedroom_meter_temperature").state == "21.5"
    issue = _quota_issue(hass, switchbot_entry)
    assert issue is not None
    assert issue.translation_key == "quota_exceeded"
    assert issue.translation_placeholders == {"title": "switchbot"}
    now = dt_util.utcnow()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    wait = coordinator.update_interval.total_seconds()
    assert (midnight - now).total_seconds() < wait <= (midnight - now).total_seconds() + 61
    assert not hass.config_entries.flow.async_progress()

    # Still spent: no second warning, still no reauth.
    await next_poll(hass, switchbot_entry)
    assert len(_warnings(caplog)) == 1
    assert not hass.config_entries.flow.async_progress()

    # The daily reset: polls work again, the issue goes, the pace is normal.
    switchbot_cloud.reset_quota()
    switchbot_cloud.quota = None
    switchbot_cloud.statuses[METER]["temperature"] = 22.0
    await next_poll(hass, switchbot_entry)
    assert hass.states.get("sensor.bedroom_meter_temperature").state == "22.0"
    assert _quota_issue(hass, switchbot_entry) is None
    assert coordinator.update_interval == normal


async def test_commands_over_quota(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, switchbot_entry: MockConfigEntry
) -> None:
    """A command over quota says so in words, and asks for no reauth."""
    switchbot_cloud.quota = switchbot_cloud.calls_today
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "switch", SERVICE_TURN_ON, {ATTR_ENTITY_ID: "switch.coffee_bot"}, blocking=True
        )
    assert err.value.translation_key == "quota_exceeded"
    assert not hass.config_entries.flow.async_progress()


async def test_401_on_a_new_day_is_reauth(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Refused on a day the token has not worked yet: the credentials, not the quota."""
    switchbot_cloud.quota = switchbot_cloud.calls_today
    freezer.tick(timedelta(days=1))
    await next_poll(hass, switchbot_entry)
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert _quota_issue(hass, switchbot_entry) is None


async def test_rate_limited_backs_off_with_one_warning(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """HTTP 429 with an HTML body: states kept, one warning, polls spaced out, then back."""
    coordinator = switchbot_entry.runtime_data
    normal = coordinator.update_interval
    switchbot_cloud.inject(Fault(status=429, body=TOO_MANY, path_prefix="/v1.1/devices"))

    await next_poll(hass, switchbot_entry)
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    first = coordinator.update_interval
    assert first > normal
    await next_poll(hass, switchbot_entry)
    assert coordinator.update_interval > first
    for _ in range(8):
        await next_poll(hass, switchbot_entry)
    assert coordinator.update_interval == timedelta(seconds=1800)
    warnings = _warnings(caplog)
    assert len(warnings) == 1
    assert "slow down" in warnings[0]

    switchbot_cloud.clear_faults()
    await next_poll(hass, switchbot_entry)
    assert coordinator.update_interval == normal
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF


async def test_non_json_body_backs_off(
    hass: HomeAssistant,
    switchbot_cloud: SwitchBotCloud,
    switchbot_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A body that is not JSON is a typed failure: one log line, polls spaced out."""
    coordinator = switchbot_entry.runtime_data
    normal = coordinator.update_interval
    switchbot_cloud.inject(Fault(status=200, body="<html>maintenance</html>"))
    await next_poll(hass, switchbot_entry)
    assert hass.states.get("switch.coffee_bot").state == STATE_UNAVAILABLE
    await next_poll(hass, switchbot_entry)
    assert coordinator.update_interval > normal * 2
    logged = [
        r for r in caplog.records if r.levelno >= logging.WARNING and "cloud_bridge" in r.name
    ]
    assert len(logged) == 1

    switchbot_cloud.clear_faults()
    await next_poll(hass, switchbot_entry)
    assert hass.states.get("switch.coffee_bot").state == STATE_OFF
    assert coordinator.update_interval == normal


@pytest.mark.parametrize(
    "fault",
    [
        Fault(status=429, body=TOO_MANY),
        Fault(status=401, body='{"message": "Unauthorized"}', path_prefix="/v1.1/devices/"),
    ],
)
async def test_waiting_at_setup_retries(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, fault: Fault
) -> None:
    """Told to wait before there is any state to keep: the setup is retried."""
    switchbot_cloud.inject(fault)
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert not hass.config_entries.flow.async_progress()
