"""The vendor client of a config entry: built from the entry's data, checked with its cloud."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any
from urllib.parse import urlsplit

from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import (
    CLIENTS,
    AuthError,
    CloudBridgeError,
    CloudClient,
    FoundDevice,
    NotOffered,
    UnknownDevices,
    Vendor,
)
from .api.http import plain_http_allowed
from .const import CONF_BASE_URL, CONF_DEVICE_IDS, CONF_VENDOR

_LOGGER = logging.getLogger(__name__)


def build_client(hass: HomeAssistant, data: Mapping[str, Any]) -> CloudClient:
    """The client for the account that `data` (an entry's data) describes."""
    client_type = CLIENTS[Vendor(data[CONF_VENDOR])]
    return client_type.from_settings(async_get_clientsession(hass), data)


def _before_choosing(hass: HomeAssistant, data: Mapping[str, Any]) -> CloudClient:
    """The client of an account whose devices are not chosen yet."""
    return build_client(hass, {**data, CONF_DEVICE_IDS: []})


def account_id_of(hass: HomeAssistant, data: Mapping[str, Any]) -> str:
    """The account's id, known from its settings alone, without a call."""
    return _before_choosing(hass, data).account_id


def _insecure(data: Mapping[str, Any]) -> bool:
    """Whether the account's addresses would send credentials where http is not allowed."""
    urls = [
        u for u in (data.get(CONF_BASE_URL), data.get(CONF_HOST)) if isinstance(u, str)
    ]
    if not all(plain_http_allowed(url) for url in urls):
        return True
    for url in urls:
        if urlsplit(url).scheme.lower() == "http":
            # Allowed to this machine and the local network only; still worth
            # a line, as credentials travel unencrypted.
            _LOGGER.warning(
                "Cloud Bridge will reach %s over plain http (a local test server?)",
                urlsplit(url).netloc,
            )
    return False


async def async_discover(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[list[FoundDevice], dict[str, str]]:
    """Ask the cloud for the account's devices: those found, or form errors."""
    if _insecure(data):
        return [], {"base": "insecure_url"}
    client = _before_choosing(hass, data)
    try:
        found = await client.async_discover()
    except AuthError:
        return [], {"base": "invalid_auth"}
    except NotOffered:
        return [], {CONF_DEVICE_IDS: "discovery_refused"}
    except CloudBridgeError as err:
        _LOGGER.debug("Could not reach %s: %s", client.vendor, err)
        return [], {"base": "cannot_connect"}
    except Exception:
        _LOGGER.exception("Unexpected error while listing %s devices", client.vendor)
        return [], {"base": "unknown"}
    return found, {} if found else {CONF_DEVICE_IDS: "nothing_found"}


async def async_validate(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """Call the cloud: the account id, or form errors and their placeholders."""
    if _insecure(data):
        return None, {"base": "insecure_url"}, {}
    client = build_client(hass, data)
    try:
        await client.async_validate()
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
