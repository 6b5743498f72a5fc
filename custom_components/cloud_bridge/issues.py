"""Repair issues of an account: raised when something needs the user, cleared when it is over."""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN

WEBHOOK_UNAVAILABLE = "webhook_unavailable"
WEBHOOK_IN_USE = "webhook_in_use"
QUOTA_EXCEEDED = "quota_exceeded"
WEBHOOK_UNREACHED = "webhook_unreached"
UNKNOWN_DEVICES = "unknown_devices"
NEW_DEVICES = "new_devices"
SIGN_IN_REFUSED = "sign_in_refused"
ISSUES = (
    WEBHOOK_UNAVAILABLE,
    WEBHOOK_IN_USE,
    WEBHOOK_UNREACHED,
    QUOTA_EXCEEDED,
    UNKNOWN_DEVICES,
    NEW_DEVICES,
    SIGN_IN_REFUSED,
)


def _issue_id(key: str, entry_id: str) -> str:
    return f"{key}_{entry_id}"


@callback
def async_raise(
    hass: HomeAssistant,
    key: str,
    entry_id: str,
    placeholders: dict[str, str] | None = None,
) -> None:
    """Show the issue `key` for an entry (once: raising it again changes nothing)."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        _issue_id(key, entry_id),
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=key,
        translation_placeholders=placeholders,
    )


@callback
def async_clear(hass: HomeAssistant, key: str, entry_id: str) -> None:
    """Remove the issue `key` of an entry, if it is shown."""
    ir.async_delete_issue(hass, DOMAIN, _issue_id(key, entry_id))


@callback
def async_clear_all(hass: HomeAssistant, entry_id: str) -> None:
    """Remove every issue of an entry (it is being removed)."""
    for key in ISSUES:
        async_clear(hass, key, entry_id)
