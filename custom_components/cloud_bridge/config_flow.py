"""Config flow: pick a cloud, enter its credentials (and choose found devices); reauth, reconfigure."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import (
    CONF_API_KEY,
    CONF_API_TOKEN,
    CONF_HOST,
)
from homeassistant.core import callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from .account import account_id_of, async_discover, async_validate
from .api import (
    CLIENTS,
    FoundDevice,
    Vendor,
    normalize_host,
    parse_device_ids,
)
from .const import (
    CONF_API_SECRET,
    CONF_AUTH_KEY,
    CONF_BASE_URL,
    CONF_DEVICE_IDS,
    CONF_DEVICES,
    CONF_OFFERED_IDS,
    CONF_VENDOR,
    DOMAIN,
    SECTION_ADVANCED,
    WEBHOOK_KEYS,
)
from .device_choice import device_selector
from .options_flow import CloudBridgeOptionsFlow

_LOGGER = logging.getLogger(__name__)

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
KEPT_KEYS = (*WEBHOOK_KEYS, CONF_OFFERED_IDS)

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


def _schema(vendor: Vendor) -> vol.Schema:
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


def _entry_data(vendor: Vendor, user_input: Mapping[str, Any]) -> dict[str, Any]:
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


def _form_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's data as the vendor form shows it (the reverse of _entry_data)."""
    values = {k: v for k, v in data.items() if k not in (CONF_VENDOR, CONF_BASE_URL)}
    if CONF_DEVICE_IDS in data:
        values[CONF_DEVICE_IDS] = "\n".join(data[CONF_DEVICE_IDS])
    if CONF_BASE_URL in data:
        values[SECTION_ADVANCED] = {CONF_BASE_URL: data[CONF_BASE_URL]}
    return values


class CloudBridgeConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one cloud account."""

    VERSION = 1

    def __init__(self) -> None:
        """Start with nothing found."""
        self._data: dict[str, Any] = {}
        self._found: list[FoundDevice] = []

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask which cloud the account is at."""
        return self.async_show_menu(step_id="user", menu_options=list(Vendor))

    async def async_step_switchbot(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a SwitchBot token and secret."""
        return await self._async_step_account(Vendor.SWITCHBOT, user_input)

    async def async_step_shelly(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the Shelly Cloud server, auth key and device ids."""
        return await self._async_step_account(Vendor.SHELLY, user_input)

    async def async_step_sinricpro(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a SinricPro API key."""
        return await self._async_step_account(Vendor.SINRICPRO, user_input)

    async def _async_step_account(
        self, vendor: Vendor, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        placeholders = dict(CLIENTS[vendor].default_addresses)
        if user_input is not None:
            data = _entry_data(vendor, user_input)
            if CLIENTS[vendor].chooses_devices and not data.get(CONF_DEVICE_IDS):
                # Known without a call: an account added already stops here,
                # not after the listing and the choice of its devices.
                await self.async_set_unique_id(account_id_of(self.hass, data))
                self._abort_if_unique_id_configured()
                self._found, errors = await async_discover(self.hass, data)
                if self._found:
                    self._data = data
                    return await self.async_step_choose_devices()
            else:
                account_id, errors, found = await async_validate(self.hass, data)
                placeholders |= found
                if account_id is not None:
                    return await self._async_create(account_id, data)
        return self.async_show_form(
            step_id=vendor,
            data_schema=self.add_suggested_values_to_schema(
                _schema(vendor), user_input or {}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_choose_devices(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every device the cloud found, all ticked, to confirm or untick."""
        errors: dict[str, str] = {}
        placeholders = {"count": str(len(self._found))}
        if user_input is not None:
            chosen = user_input.get(CONF_DEVICES, [])
            if chosen:
                data = {
                    **self._data,
                    CONF_DEVICE_IDS: chosen,
                    CONF_OFFERED_IDS: [device.id for device in self._found],
                }
                account_id, errors, found = await async_validate(self.hass, data)
                placeholders |= found
                if account_id is not None:
                    return await self._async_create(account_id, data)
                # This step has no field of typed ids to show the error beside.
                errors = {
                    CONF_DEVICES if key == CONF_DEVICE_IDS else key: error
                    for key, error in errors.items()
                }
            else:
                errors[CONF_DEVICES] = "no_devices_chosen"
        schema = vol.Schema({vol.Required(CONF_DEVICES): device_selector(self._found)})
        return self.async_show_form(
            step_id="choose_devices",
            data_schema=self.add_suggested_values_to_schema(
                schema,
                user_input or {CONF_DEVICES: [device.id for device in self._found]},
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_create(
        self, account_id: str, data: dict[str, Any]
    ) -> ConfigFlowResult:
        """Add the checked account, unless it is added already."""
        await self.async_set_unique_id(account_id)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(
            title=TITLES[Vendor(data[CONF_VENDOR])], data=data
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """The cloud refused the stored credentials."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for new credentials only."""
        entry = self._get_reauth_entry()
        return await self._async_step_update(
            "reauth_confirm",
            entry,
            CREDENTIALS[Vendor(entry.data[CONF_VENDOR])],
            user_input,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change any setting of the account."""
        entry = self._get_reconfigure_entry()
        return await self._async_step_update(
            "reconfigure", entry, _schema(Vendor(entry.data[CONF_VENDOR])), user_input
        )

    async def _async_step_update(
        self,
        step_id: str,
        entry: ConfigEntry,
        schema: vol.Schema,
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {"title": entry.title}
        vendor = Vendor(entry.data[CONF_VENDOR])
        if user_input is not None:
            data = _entry_data(vendor, user_input)
            kept = {key: entry.data[key] for key in KEPT_KEYS if key in entry.data}
            data = {**kept, **data}
            if step_id == "reauth_confirm":
                data = {**entry.data, **data}
            account_id = None
            if CLIENTS[vendor].chooses_devices and not data.get(CONF_DEVICE_IDS):
                # The options list the devices found; here ids are typed.
                errors = {CONF_DEVICE_IDS: "no_device_ids"}
            else:
                account_id, errors, found = await async_validate(self.hass, data)
                placeholders |= found
            if account_id is not None:
                # The account id is derived from the credential, so a new
                # credential may give a new id: just not another entry's.
                other = self.hass.config_entries.async_entry_for_domain_unique_id(
                    DOMAIN, account_id
                )
                if other is not None and other.entry_id != entry.entry_id:
                    return self.async_abort(reason="already_configured")
                return self.async_update_reload_and_abort(
                    entry, unique_id=account_id, data=data
                )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                schema, user_input or _form_values(entry.data)
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Options of an account."""
        return CloudBridgeOptionsFlow()
