"""Options of an account: how often to poll, and which devices where the user names them."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
)
import voluptuous as vol

from .account import async_validate
from .api import parse_device_ids
from .const import CONF_DEVICE_IDS
from .coordinator import CloudBridgeConfigEntry
from .registry import async_forget_device, device_identifier

CONF_FIND_DEVICES = "find_devices"

_INTERVAL = NumberSelector(
    NumberSelectorConfig(
        min=1, max=86400, step=1, mode=NumberSelectorMode.BOX, unit_of_measurement="s"
    )
)


class CloudBridgeOptionsFlow(OptionsFlow):
    """Poll interval within what the cloud allows; the device ids where the user names them."""

    config_entry: CloudBridgeConfigEntry

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and check the options."""
        coordinator = self.config_entry.runtime_data
        chooses = coordinator.client.chooses_devices
        shortest = int(coordinator.client.min_poll_interval(coordinator.data))
        errors: dict[str, str] = {}
        placeholders = {
            "shortest": str(shortest),
            "current": str(int(coordinator.poll_interval(coordinator.data))),
            "device_ids": "",
            "found": "0",
        }
        values: dict[str, Any] = dict(self.config_entry.options)
        if chooses:
            values[CONF_DEVICE_IDS] = "\n".join(self.config_entry.data[CONF_DEVICE_IDS])
        if user_input is not None:
            values = {**user_input, CONF_FIND_DEVICES: False}
            chosen = user_input.get(CONF_SCAN_INTERVAL)
            if user_input.get(CONF_FIND_DEVICES):
                found = await self._async_find_devices()
                ids = parse_device_ids(user_input.get(CONF_DEVICE_IDS, ""))
                values[CONF_DEVICE_IDS] = "\n".join(dict.fromkeys([*ids, *found]))
                placeholders["found"] = str(len(found))
                if not found:
                    errors["base"] = "nothing_found"
            elif chosen is not None and chosen < shortest:
                errors[CONF_SCAN_INTERVAL] = "interval_too_short"
            else:
                if chooses:
                    found_errors = await self._async_update_device_ids(
                        parse_device_ids(user_input.get(CONF_DEVICE_IDS, "")),
                        placeholders,
                    )
                    errors.update(found_errors)
                if not errors:
                    return self.async_create_entry(
                        data={} if chosen is None else {CONF_SCAN_INTERVAL: int(chosen)}
                    )
        fields: dict[vol.Marker, Any] = {vol.Optional(CONF_SCAN_INTERVAL): _INTERVAL}
        if chooses:
            fields[vol.Required(CONF_DEVICE_IDS)] = TextSelector(
                TextSelectorConfig(multiline=True)
            )
            fields[vol.Optional(CONF_FIND_DEVICES, default=False)] = BooleanSelector()
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(vol.Schema(fields), values),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_find_devices(self) -> list[str]:
        return await self.config_entry.runtime_data.client.async_discover()

    async def _async_update_device_ids(
        self, ids: list[str], placeholders: dict[str, str]
    ) -> dict[str, str]:
        """Check new ids with the cloud, store them, forget the devices of removed ones."""
        entry = self.config_entry
        before = list(entry.data[CONF_DEVICE_IDS])
        if ids == before:
            return {}
        if not ids:
            return {CONF_DEVICE_IDS: "no_device_ids"}
        data = {**entry.data, CONF_DEVICE_IDS: ids}
        if set(ids) - set(before):
            account_id, errors, found = await async_validate(self.hass, data)
            placeholders.update(found)
            if account_id is None:
                return errors
        self.hass.config_entries.async_update_entry(entry, data=data)
        client = entry.runtime_data.client
        for device_id in set(before) - set(ids):
            async_forget_device(
                self.hass, entry.entry_id, device_identifier(client, device_id)
            )
        # The client polls the ids it was built with: start it anew.
        self.hass.config_entries.async_schedule_reload(entry.entry_id)
        return {}
