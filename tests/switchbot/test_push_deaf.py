"""A SwitchBot webhook that is registered but never reached, found and said; a poll's status calls spaced out."""

from __future__ import annotations

from itertools import pairwise

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import METER, next_poll, post_webhook, setup_entry, switchbot_data
from tests.simulator.switchbot import SwitchBotCloud

TEMPERATURE = "sensor.bedroom_meter_temperature"


def _deaf_issue(hass: HomeAssistant, entry_id: str) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"webhook_unreached_{entry_id}")


async def test_deaf_webhook_is_found_and_polls_keep_their_pace(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """The URL registers, nothing ever arrives, a poll finds a changed Meter: a repair issue, normal polls.

    Until now the first registration dropped polls to every 30 min, so such a
    Meter showed its change after 24 minutes at the median.
    """
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    coordinator = entry.runtime_data
    assert coordinator.webhook_registered
    assert coordinator.update_interval.total_seconds() == 60
    switchbot_cloud.statuses[METER]["temperature"] = 25.5
    await next_poll(hass, entry)
    assert hass.states.get(TEMPERATURE).state == "25.5"
    issue = _deaf_issue(hass, entry.entry_id)
    assert issue is not None
    assert issue.translation_placeholders == {"title": entry.title}
    assert coordinator.update_interval.total_seconds() == 60

    # Pushes come through again (the port was opened): the issue goes, polls slow down.
    event = switchbot_cloud.webhook_event(METER, temperature=26.0)
    assert await post_webhook(webhook_client, entry, event) == 200
    await hass.async_block_till_done()
    assert _deaf_issue(hass, entry.entry_id) is None
    assert coordinator.update_interval.total_seconds() == 1800
    assert hass.states.get(TEMPERATURE).state == "26.0"


async def test_announced_changes_are_not_deafness(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud, webhook_client: TestClient
) -> None:
    """A change the webhook announced, or a change beside pushes since the last poll, is no deaf webhook."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    switchbot_cloud.statuses[METER]["temperature"] = 24.0
    assert await switchbot_cloud.send_webhook(switchbot_cloud.webhook_event(METER, temperature=24.0)) == 200
    await hass.async_block_till_done()
    await next_poll(hass, entry)
    assert _deaf_issue(hass, entry.entry_id) is None
    # A field no event carries (the firmware version) changes without an event: not deafness either.
    switchbot_cloud.statuses[METER]["version"] = "V9.9"
    await next_poll(hass, entry)
    assert _deaf_issue(hass, entry.entry_id) is None
    assert entry.runtime_data.push_active


async def test_no_webhook_no_deafness(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> None:
    """Without a webhook (no external URL), changes found by polls say nothing about one."""
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    switchbot_cloud.statuses[METER]["temperature"] = 19.0
    await next_poll(hass, entry)
    assert _deaf_issue(hass, entry.entry_id) is None


@pytest.mark.real_spacing
async def test_status_calls_at_most_two_a_second(
    hass: HomeAssistant, switchbot_cloud: SwitchBotCloud
) -> None:
    """A poll's status calls leave one at a time, 0.5 s apart: never more than two in any second."""
    for n in range(4):
        switchbot_cloud.add_device(f"C0FFEE00000{n}", "Meter", f"Extra Meter {n}")
    entry = await setup_entry(hass, switchbot_data(switchbot_cloud))
    times = sorted(r.time for r in switchbot_cloud.requests_to("/status"))
    assert len(times) == 8  # the fixture's 4 polled devices and 4 more
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert min(gaps) >= 0.45
    assert all(times[i + 2] - times[i] >= 0.9 for i in range(len(times) - 2))
    # A command does not wait for the spacing: it leaves straight after the last status call.
    await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.coffee_bot"}, blocking=True)
    command = switchbot_cloud.requests_to("/commands")[-1]
    assert command.time - times[-1] < 0.45
    assert entry.runtime_data.last_update_success
