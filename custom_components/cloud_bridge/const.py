"""Constants of the Cloud Bridge integration."""

from __future__ import annotations

from typing import Final

from homeassistant.const import CONF_WEBHOOK_ID

DOMAIN: Final = "cloud_bridge"

CONF_VENDOR: Final = "vendor"
CONF_API_SECRET: Final = "api_secret"
CONF_AUTH_KEY: Final = "auth_key"
CONF_BASE_URL: Final = "base_url"
CONF_DEVICE_IDS: Final = "device_ids"
SECTION_ADVANCED: Final = "advanced"

# Entry data of the push webhook: the URL we last gave the cloud (so a URL of
# ours is told apart from another app's) and the cloudhook URL, if any.
CONF_WEBHOOK_URL: Final = "webhook_url"
CONF_CLOUDHOOK_URL: Final = "cloudhook_url"
# The webhook belongs to the entry, so reconfiguring the account keeps it.
WEBHOOK_KEYS: Final = (CONF_WEBHOOK_ID, CONF_WEBHOOK_URL, CONF_CLOUDHOOK_URL)
