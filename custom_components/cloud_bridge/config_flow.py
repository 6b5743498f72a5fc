"""Config flow: pick a cloud, enter its credentials (and choose found devices); reauth, reconfigure; push sign-in."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigEntry,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.core import callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import config_entry_oauth2_flow
import voluptuous as vol

from .account import account_id_of, async_discover, async_validate
from .account_form import (
    CREDENTIALS,
    KEPT_KEYS,
    TITLES,
    entry_data,
    form_values,
    vendor_schema,
)
from .api import (
    CLIENTS,
    CloudBridgeError,
    FoundDevice,
    Vendor,
)
from .api.errors import SignInRefused
from .const import (
    CONF_DEVICE_IDS,
    CONF_DEVICES,
    CONF_OFFERED_IDS,
    CONF_TOKEN,
    CONF_VENDOR,
    DOMAIN,
    SIGN_IN_KEYS,
)
from .device_choice import device_selector
from .issues import SIGN_IN_REFUSED, async_clear
from .oauth import async_register_sign_ins, implementation_key
from .options_flow import CloudBridgeOptionsFlow

_LOGGER = logging.getLogger(__name__)


class CloudBridgeConfigFlow(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Add one cloud account; sign in for its push where the cloud needs that."""

    DOMAIN = DOMAIN
    VERSION = 1

    def __init__(self) -> None:
        """Start with nothing found."""
        super().__init__()
        self._data: dict[str, Any] = {}
        self._found: list[FoundDevice] = []

    @property
    def logger(self) -> logging.Logger:
        """The logger of Home Assistant's OAuth2 steps."""
        return _LOGGER

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
            data = entry_data(vendor, user_input)
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
                vendor_schema(vendor), user_input or {}
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
        self._data = data
        if CLIENTS[Vendor(data[CONF_VENDOR])].sign_in is not None:
            return await self.async_step_realtime_offer()
        return await self.async_step_realtime_skip()

    async def async_step_realtime_offer(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer real-time updates, which need a sign-in of their own."""
        return self._realtime_menu("realtime_offer")

    def _realtime_menu(self, step_id: str) -> ConfigFlowResult:
        """Sign in for real-time updates, or add the account without them."""
        return self.async_show_menu(
            step_id=step_id, menu_options=["realtime_sign_in", "realtime_skip"]
        )

    async def async_step_realtime_skip(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add the account as it is: polls only."""
        return self.async_create_entry(
            title=TITLES[Vendor(self._data[CONF_VENDOR])], data=self._data
        )

    async def async_step_realtime_sign_in(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Send the user to the cloud's sign-in page for real-time updates."""
        vendor = Vendor(self._data[CONF_VENDOR])
        # A flow may run before the integration is set up (its first account).
        async_register_sign_ins(self.hass)
        implementations = await config_entry_oauth2_flow.async_get_implementations(
            self.hass, DOMAIN
        )
        self.flow_impl = implementations[implementation_key(vendor)]
        return await self.async_step_auth()

    async def async_step_creation(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Turn the sign-in's code into a token; say why the cloud would not."""
        try:
            result = await super().async_step_creation(user_input)
        except SignInRefused:
            result = self.async_abort(reason="oauth_unauthorized")
        except CloudBridgeError:
            result = self.async_abort(reason="oauth_failed")
        return await self._kept_on_failure(result)

    async def async_step_authorize_rejected(
        self, data: None = None
    ) -> ConfigFlowResult:
        """The user turned the sign-in down at the cloud's page."""
        return await self._kept_on_failure(
            await super().async_step_authorize_rejected(data)
        )

    async def _kept_on_failure(self, result: ConfigFlowResult) -> ConfigFlowResult:
        """A failed sign-in while adding an account: the account is not lost."""
        if result["type"] is not FlowResultType.ABORT or self.source != SOURCE_USER:
            return result
        _LOGGER.debug(
            "Shelly sign-in failed (%s); the account is kept", result["reason"]
        )
        return await self.async_step_realtime_failed()

    async def async_step_realtime_failed(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Say the sign-in failed; offer it again, or the account without it."""
        return self._realtime_menu("realtime_failed")

    async def async_oauth_create_entry(self, data: dict[str, Any]) -> ConfigFlowResult:
        """Keep the sign-in's token: in the new account, or in the one reconfigured."""
        if self.source == SOURCE_RECONFIGURE:
            entry = self._get_reconfigure_entry()
            return self.async_update_reload_and_abort(
                entry, data={**entry.data, **data}, reason="realtime_on"
            )
        self._data = {**self._data, **data}
        return await self.async_step_realtime_skip()

    async def async_step_realtime_off(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Forget the sign-in: polls only from now on."""
        entry = self._get_reconfigure_entry()
        data = {k: v for k, v in entry.data.items() if k not in SIGN_IN_KEYS}
        # Nothing asks for a sign-in any more.
        async_clear(self.hass, SIGN_IN_REFUSED, entry.entry_id)
        return self.async_update_reload_and_abort(
            entry, data=data, reason="realtime_off"
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
        """Change any setting of the account, or its push sign-in where it has one."""
        entry = self._get_reconfigure_entry()
        vendor = Vendor(entry.data[CONF_VENDOR])
        if CLIENTS[vendor].sign_in is None:
            return await self._async_step_update(
                "reconfigure", entry, vendor_schema(vendor), user_input
            )
        self._data = dict(entry.data)
        options = ["reconfigure_account", "realtime_sign_in"]
        if CONF_TOKEN in entry.data:
            options.append("realtime_off")
        return self.async_show_menu(
            step_id="reconfigure",
            menu_options=options,
            description_placeholders={"title": entry.title},
        )

    async def async_step_reconfigure_account(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change any setting of the account."""
        entry = self._get_reconfigure_entry()
        return await self._async_step_update(
            "reconfigure_account",
            entry,
            vendor_schema(Vendor(entry.data[CONF_VENDOR])),
            user_input,
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
            data = entry_data(vendor, user_input)
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
                schema, user_input or form_values(entry.data)
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Options of an account."""
        return CloudBridgeOptionsFlow()
