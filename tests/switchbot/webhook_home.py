"""What the SwitchBot webhook tests share: the issue, our log lines and the URL we give the cloud."""

from __future__ import annotations

import logging

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.const import DOMAIN


def issue(hass: HomeAssistant, key: str, entry: MockConfigEntry) -> ir.IssueEntry | None:
    """The repair issue `key` of an entry, if it is shown."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"{key}_{entry.entry_id}")


def our_log(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> list[str]:
    """Our log lines at `level` and above."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= level and r.name.startswith("custom_components.cloud_bridge")
    ]


def webhook_url(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The URL the cloud gets: the external URL's webhook path."""
    return f"{hass.config.external_url}/api/webhook/{entry.data['webhook_id']}"

