"""Diagnostics of an account: its entry and device snapshot, credentials redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import (
    CONF_API_KEY,
    CONF_API_TOKEN,
    CONF_UNIQUE_ID,
    CONF_WEBHOOK_ID,
)
from homeassistant.core import HomeAssistant

from .const import (
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_CLOUDHOOK_URL,
    CONF_TOKEN,
    CONF_WEBHOOK_URL,
)
from .coordinator import CloudBridgeConfigEntry

TO_REDACT = {
    CONF_API_TOKEN,
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_API_KEY,
    CONF_UNIQUE_ID,
    # Whoever knows the webhook's id or URL can post events to it.
    CONF_WEBHOOK_ID,
    CONF_WEBHOOK_URL,
    CONF_CLOUDHOOK_URL,
    # A push sign-in: the whole token (access and refresh token, server).
    CONF_TOKEN,
    "access_token",
    "refresh_token",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> dict[str, Any]:
    """What a bug report needs, and no secret."""
    coordinator = entry.runtime_data
    return {
        "entry": async_redact_data(entry.as_dict(), TO_REDACT),
        "poll_interval": coordinator.update_interval.total_seconds()
        if coordinator.update_interval
        else None,
        "devices": [asdict(device) for device in coordinator.data.values()],
        # What the client knows beside the snapshot, e.g. device types it skipped.
        **coordinator.client.diagnostics(),
    }
