"""Options of an account: how often to poll, and which devices where the user chooses them."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
)
import voluptuous as vol

from .account import async_discover, async_validate
from .api import FoundDevice, parse_device_ids
from .const import CONF_DEVICE_IDS, CONF_DEVICES, CONF_OFFERED_IDS
from .coordinator import CloudBridgeConfigEntry
from .device_choice import device_selector
from .issues import NEW_DEVICES, async_clear
from .registry import async_forget_device, device_identifier

_INTERVAL = NumberSelector(
    NumberSelectorConfig(
        min=1, max=86400, step=1, mode=NumberSelectorMode.BOX, unit_of_measurement="s"
    )
)
_MULTILINE = TextSelector(TextSelectorConfig(multiline=True))


class CloudBridgeOptionsFlow(OptionsFlow):
    """Poll interval within what the cloud allows; the devices where the user chooses them.

    Where the cloud can list the account's devices, they are ticked in a list
    (ids it does not list can still be typed); where it cannot, ids are typed.
    """

    config_entry: CloudBridgeConfigEntry

    def __init__(self) -> None:
        """Ask the cloud for the account's devices once, when the form first shows."""
        self._found: list[FoundDevice] | None = None
        self._discovery_errors: dict[str, str] = {}

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and check the options."""
        entry = self.config_entry
        coordinator = entry.runtime_data
        chooses = coordinator.client.chooses_devices
        shortest = int(coordinator.client.min_poll_interval(coordinator.data))
        placeholders = {
            "shortest": str(shortest),
            "current": str(int(coordinator.poll_interval(coordinator.data))),
            "device_ids": "",
        }
        if chooses and self._found is None:
            self._found, self._discovery_errors = await async_discover(
                self.hass, entry.data
            )
        found = self._found or []
        configured: list[str] = list(entry.data.get(CONF_DEVICE_IDS, []))
        listed = {device.id for device in found} | set(configured)
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = user_input.get(CONF_SCAN_INTERVAL)
            if chosen is not None and chosen < shortest:
                errors[CONF_SCAN_INTERVAL] = "interval_too_short"
            elif chooses:
                ids = [
                    *user_input.get(CONF_DEVICES, []),
                    *parse_device_ids(user_input.get(CONF_DEVICE_IDS, "")),
                ]
                errors = await self._async_update_devices(
                    list(dict.fromkeys(ids)), found, placeholders
                )
            if not errors:
                return self.async_create_entry(
                    data={} if chosen is None else {CONF_SCAN_INTERVAL: int(chosen)}
                )
        elif not found:
            # Say at once why the ids have to be typed.
            errors = dict(self._discovery_errors)
        values: dict[str, Any] = dict(entry.options)
        fields: dict[vol.Marker, Any] = {vol.Optional(CONF_SCAN_INTERVAL): _INTERVAL}
        if chooses and found:
            values[CONF_DEVICES] = configured
            fields[vol.Optional(CONF_DEVICES)] = device_selector(found, configured)
            fields[vol.Optional(CONF_DEVICE_IDS)] = _MULTILINE
        elif chooses:
            values[CONF_DEVICE_IDS] = "\n".join(configured)
            fields[vol.Optional(CONF_DEVICE_IDS)] = _MULTILINE
        placeholders["listed"] = str(len(listed))
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(fields), user_input or values
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_update_devices(
        self, ids: list[str], found: list[FoundDevice], placeholders: dict[str, str]
    ) -> dict[str, str]:
        """Check new ids with the cloud, store them, forget the devices of removed ones."""
        entry = self.config_entry
        before = list(entry.data[CONF_DEVICE_IDS])
        offered = list(
            dict.fromkeys(
                [*entry.data.get(CONF_OFFERED_IDS, []), *(d.id for d in found)]
            )
        )
        if not ids:
            return {CONF_DEVICE_IDS: "no_device_ids"}
        data = {**entry.data, CONF_DEVICE_IDS: ids, CONF_OFFERED_IDS: offered}
        if set(ids) - set(before):
            account_id, errors, unknown = await async_validate(self.hass, data)
            placeholders.update(unknown)
            if account_id is None:
                return errors
        if found:
            # Every device found has now been offered: none is new any more.
            async_clear(self.hass, NEW_DEVICES, entry.entry_id)
        if set(ids) == set(before):
            # The same devices, perhaps listed in another order: no reload.
            if offered != entry.data.get(CONF_OFFERED_IDS):
                self.hass.config_entries.async_update_entry(
                    entry, data={**data, CONF_DEVICE_IDS: before}
                )
            return {}
        self.hass.config_entries.async_update_entry(entry, data=data)
        client = entry.runtime_data.client
        for device_id in set(before) - set(ids):
            async_forget_device(
                self.hass, entry.entry_id, device_identifier(client, device_id)
            )
        # The client polls the ids it was built with: start it anew.
        self.hass.config_entries.async_schedule_reload(entry.entry_id)
        return {}
