"""Diagnostics carry the device snapshot and no credential."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from tests.conftest import (
    SHELLY_AUTH_KEY,
    SINRICPRO_API_KEY,
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    wait_until,
)


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    switchbot_entry: MockConfigEntry,
    shelly_entry: MockConfigEntry,
    sinricpro_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Each account's diagnostics, with every secret redacted."""
    # Once SinricPro's event stream is up, so that its poll interval is settled.
    await wait_until(lambda: sinricpro_entry.runtime_data.push_active, "the stream is up")
    for entry in (switchbot_entry, shelly_entry, sinricpro_entry):
        result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
        text = json.dumps(result)
        for secret in (SWITCHBOT_TOKEN, SWITCHBOT_SECRET, SHELLY_AUTH_KEY, SINRICPRO_API_KEY):
            assert secret not in text
        assert result == snapshot(
            name=entry.data["vendor"],
            exclude=props("entry_id", "created_at", "modified_at", "base_url", "host"),
        )
