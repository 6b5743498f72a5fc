"""Constants of the Cloud Bridge integration."""

from __future__ import annotations

from typing import Final

from homeassistant.const import CONF_WEBHOOK_ID

from .api.client import Setting

DOMAIN: Final = "cloud_bridge"

CONF_VENDOR: Final = "vendor"
# Entry data keys of the settings a vendor client reads (api.Setting; the
# rest, api_token, api_key and host, are Home Assistant's own CONF_ names).
CONF_API_SECRET: Final = Setting.API_SECRET.value
CONF_AUTH_KEY: Final = Setting.AUTH_KEY.value
CONF_BASE_URL: Final = Setting.BASE_URL.value
CONF_DEVICE_IDS: Final = Setting.DEVICE_IDS.value
SECTION_ADVANCED: Final = "advanced"
# Entry data: the ids of every device the cloud found that the user was
# offered (chosen or not), so only devices found later are offered again.
CONF_OFFERED_IDS: Final = "offered_ids"
# Form field: the devices chosen from those the cloud found.
CONF_DEVICES: Final = "devices"

# Entry data of the push webhook: the URL we last gave the cloud (so a URL of
# ours is told apart from another app's) and the cloudhook URL, if any.
CONF_WEBHOOK_URL: Final = "webhook_url"
CONF_CLOUDHOOK_URL: Final = "cloudhook_url"
# The webhook belongs to the entry, so reconfiguring the account keeps it.
WEBHOOK_KEYS: Final = (CONF_WEBHOOK_ID, CONF_WEBHOOK_URL, CONF_CLOUDHOOK_URL)

# Entry data of a push sign-in (OAuth), as Home Assistant's OAuth2 helper keeps it.
CONF_TOKEN: Final = Setting.SIGN_IN_TOKEN.value
CONF_AUTH_IMPLEMENTATION: Final = "auth_implementation"
SIGN_IN_KEYS: Final = (CONF_TOKEN, CONF_AUTH_IMPLEMENTATION)
