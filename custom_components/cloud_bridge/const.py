"""Constants of the Cloud Bridge integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "cloud_bridge"

CONF_VENDOR: Final = "vendor"
CONF_API_SECRET: Final = "api_secret"
CONF_AUTH_KEY: Final = "auth_key"
CONF_BASE_URL: Final = "base_url"
CONF_DEVICE_IDS: Final = "device_ids"
SECTION_ADVANCED: Final = "advanced"
