"""The vendor client of a config entry: built from the entry's data, checked with its cloud."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any
from urllib.parse import urlsplit

from homeassistant.const import CONF_API_KEY, CONF_API_TOKEN, CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import (
    AuthError,
    CloudBridgeError,
    CloudClient,
    ShellyClient,
    SinricProClient,
    SwitchBotClient,
    UnknownDevices,
    Vendor,
)
from .api.http import plain_http_allowed
from .api.switchbot import DEFAULT_BASE_URL as SWITCHBOT_URL
from .const import (
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_BASE_URL,
    CONF_DEVICE_IDS,
    CONF_VENDOR,
)

_LOGGER = logging.getLogger(__name__)


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


async def async_validate(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """Call the cloud: the account id, or form errors and their placeholders."""
    urls = [
        u for u in (data.get(CONF_BASE_URL), data.get(CONF_HOST)) if isinstance(u, str)
    ]
    if not all(plain_http_allowed(url) for url in urls):
        return None, {"base": "insecure_url"}, {}
    for url in urls:
        if urlsplit(url).scheme.lower() == "http":
            # Allowed to this machine and the local network only; still worth
            # a line, as credentials travel unencrypted.
            _LOGGER.warning(
                "Cloud Bridge will reach %s over plain http (a local test server?)",
                urlsplit(url).netloc,
            )
    client = build_client(hass, data)
    try:
        if isinstance(client, ShellyClient):
            await client.async_validate()
        else:
            await client.async_get_devices()
    except AuthError:
        return None, {"base": "invalid_auth"}, {}
    except UnknownDevices as err:
        return (
            None,
            {CONF_DEVICE_IDS: "invalid_device_ids"},
            {"device_ids": ", ".join(err.device_ids)},
        )
    except CloudBridgeError as err:
        _LOGGER.debug("Could not reach %s: %s", client.vendor, err)
        return None, {"base": "cannot_connect"}, {}
    except Exception:
        _LOGGER.exception("Unexpected error while checking %s", client.vendor)
        return None, {"base": "unknown"}, {}
    return client.account_id, {}, {}
