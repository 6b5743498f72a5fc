"""The vendor client of a config entry, built from the entry's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import CONF_API_KEY, CONF_API_TOKEN, CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import (
    CloudClient,
    ShellyClient,
    SinricProClient,
    SwitchBotClient,
    Vendor,
)
from .api.switchbot import DEFAULT_BASE_URL as SWITCHBOT_URL
from .const import (
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_BASE_URL,
    CONF_DEVICE_IDS,
    CONF_VENDOR,
)


def build_client(hass: HomeAssistant, data: Mapping[str, Any]) -> CloudClient:
    """The client for the account that `data` (an entry's data) describes."""
    session = async_get_clientsession(hass)
    vendor = Vendor(data[CONF_VENDOR])
    if vendor is Vendor.SWITCHBOT:
        return SwitchBotClient(
            session,
            data[CONF_API_TOKEN],
            data.get(CONF_API_SECRET) or None,
            data.get(CONF_BASE_URL) or SWITCHBOT_URL,
        )
    if vendor is Vendor.SHELLY:
        return ShellyClient(
            session, data[CONF_HOST], data[CONF_AUTH_KEY], list(data[CONF_DEVICE_IDS])
        )
    return SinricProClient(session, data[CONF_API_KEY], data.get(CONF_BASE_URL) or None)
