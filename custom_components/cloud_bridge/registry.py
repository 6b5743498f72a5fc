"""An account's devices in the device registry, the same way on Home Assistant 2025.4 and 2026.11.

Home Assistant 2026.8 and later deprecate what 2025.4 offers for linking and
finding devices: `via_device` in `async_get_or_create` (→ `via_device_id`),
`async_get_device` (identifiers are unique per config entry only), the
`add/remove_config_entry_id` parameters of `async_update_device` and
`DeviceEntry.config_entries` (a device belongs to one entry). 2025.4 lacks the
replacements, so this module uses only what both have: a device is created
without a link, then linked with `async_update_device(via_device_id=...)`,
found among its entry's devices, and removed with `async_remove_device`.
"""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from .api import CloudClient, Device
from .const import DOMAIN


def device_identifier(client: CloudClient, device_id: str) -> tuple[str, str]:
    """The device registry identifier of a vendor device."""
    return (DOMAIN, f"{client.vendor}_{device_id}")


def async_register_devices(
    hass: HomeAssistant,
    entry_id: str,
    client: CloudClient,
    devices: Mapping[str, Device],
) -> None:
    """Give every device a registry entry, link each to its hub, forget the gone ones."""
    registry = dr.async_get(hass)
    entries: dict[str, dr.DeviceEntry] = {}
    for device in devices.values():
        entries[device.id] = registry.async_get_or_create(
            config_entry_id=entry_id,
            identifiers={device_identifier(client, device.id)},
            manufacturer=device.manufacturer,
            model=device.model,
            # Shown beside the name; a code that is the name says nothing more.
            model_id=device.model_id
            if device.model_id and device.model_id != device.model
            else None,
            name=device.name,
            sw_version=device.sw_version,
        )
    for device in devices.values():
        # Only a hub that is registered is linked: one the account does not
        # list (or lists as the device itself) is no parent to point at.
        hub = entries.get(device.via_device) if device.via_device else None
        parent = hub.id if hub is not None and device.via_device != device.id else None
        if entries[device.id].via_device_id != parent:
            registry.async_update_device(entries[device.id].id, via_device_id=parent)
    if not devices:
        # An empty answer is more likely a cloud hiccup than an empty account.
        return
    current = {device_identifier(client, device_id) for device_id in devices}
    for stale in dr.async_entries_for_config_entry(registry, entry_id):
        if not stale.identifiers & current:
            # Gone from the account: its device and entities go too.
            registry.async_remove_device(stale.id)


def async_entry_device(
    hass: HomeAssistant, entry_id: str, identifier: tuple[str, str]
) -> dr.DeviceEntry | None:
    """The registry entry of one of the entry's devices, by its identifier."""
    return next(
        (
            device
            for device in dr.async_entries_for_config_entry(
                dr.async_get(hass), entry_id
            )
            if identifier in device.identifiers
        ),
        None,
    )


def async_forget_device(
    hass: HomeAssistant, entry_id: str, identifier: tuple[str, str]
) -> None:
    """Remove one of the entry's devices (and its entities) from the registry."""
    if (device := async_entry_device(hass, entry_id, identifier)) is not None:
        dr.async_get(hass).async_remove_device(device.id)
