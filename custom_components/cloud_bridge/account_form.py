"""The account forms of the config flow: each cloud's fields, and entry data to and from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import CONF_API_KEY, CONF_API_TOKEN, CONF_HOST
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from .api import Vendor, normalize_host, parse_device_ids
from .const import (
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_BASE_URL,
    CONF_DEVICE_IDS,
    CONF_OFFERED_IDS,
    CONF_VENDOR,
    SECTION_ADVANCED,
    SIGN_IN_KEYS,
    WEBHOOK_KEYS,
)

_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
_TEXT = TextSelector()
_MULTILINE = TextSelector(TextSelectorConfig(multiline=True))

TITLES = {
    Vendor.SWITCHBOT: "SwitchBot",
    Vendor.SHELLY: "Shelly Cloud",
    Vendor.SINRICPRO: "SinricPro",
}

# What the entry keeps when the account is reconfigured: not settings of the form.
KEPT_KEYS = (*WEBHOOK_KEYS, *SIGN_IN_KEYS, CONF_OFFERED_IDS)

# The fields that hold credentials, which are all a reauth asks for.
CREDENTIALS: dict[Vendor, vol.Schema] = {
    Vendor.SWITCHBOT: vol.Schema(
        {
            vol.Required(CONF_API_TOKEN): _PASSWORD,
            vol.Optional(CONF_API_SECRET, default=""): _PASSWORD,
        }
    ),
    Vendor.SHELLY: vol.Schema({vol.Required(CONF_AUTH_KEY): _PASSWORD}),
    Vendor.SINRICPRO: vol.Schema({vol.Required(CONF_API_KEY): _PASSWORD}),
}


def vendor_schema(vendor: Vendor) -> vol.Schema:
    """The whole form of a vendor, built anew each time.

    Home Assistant writes suggested values into a section's schema in place,
    so a section shared between forms would carry one form's values into another.
    """
    if vendor is Vendor.SHELLY:
        return vol.Schema(
            {
                vol.Required(CONF_HOST): _TEXT,
                vol.Required(CONF_AUTH_KEY): _PASSWORD,
                # Left empty, the devices are found for the user to choose.
                vol.Optional(CONF_DEVICE_IDS): _MULTILINE,
            }
        )
    advanced = section(
        vol.Schema({vol.Optional(CONF_BASE_URL): _URL}), {"collapsed": True}
    )
    return CREDENTIALS[vendor].extend({vol.Required(SECTION_ADVANCED): advanced})


def entry_data(vendor: Vendor, user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Form input as stored in the entry: sections flattened, text cleaned."""
    data: dict[str, Any] = {CONF_VENDOR: vendor.value}
    for key, value in user_input.items():
        if key == SECTION_ADVANCED:
            data.update({k: v.strip() for k, v in value.items() if v.strip()})
        elif key == CONF_DEVICE_IDS:
            data[key] = parse_device_ids(value)
        elif key == CONF_HOST:
            data[key] = normalize_host(value)
        else:
            data[key] = value.strip()
    return data


def form_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's data as the vendor form shows it (the reverse of entry_data)."""
    values = {k: v for k, v in data.items() if k not in (CONF_VENDOR, CONF_BASE_URL)}
    if CONF_DEVICE_IDS in data:
        values[CONF_DEVICE_IDS] = "\n".join(data[CONF_DEVICE_IDS])
    if CONF_BASE_URL in data:
        values[SECTION_ADVANCED] = {CONF_BASE_URL: data[CONF_BASE_URL]}
    return values
