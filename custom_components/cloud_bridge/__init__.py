"""Cloud Bridge: SwitchBot, Shelly Cloud and SinricPro devices in Home Assistant."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .account import build_client
from .const import DOMAIN
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .issues import async_clear_all
from .new_devices import async_setup_new_devices
from .oauth import async_register_sign_ins
from .registry import device_identifier
from .services import async_setup_services
from .stream import async_setup_stream
from .webhook import async_remove_webhook, async_setup_webhook

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CLIMATE,
    Platform.COVER,
    Platform.EVENT,
    Platform.FAN,
    Platform.HUMIDIFIER,
    Platform.LIGHT,
    Platform.LOCK,
    Platform.MEDIA_PLAYER,
    Platform.NUMBER,
    Platform.REMOTE,
    Platform.SCENE,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.VACUUM,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the service actions and the push sign-ins, once for all accounts."""
    async_setup_services(hass)
    async_register_sign_ins(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: CloudBridgeConfigEntry) -> bool:
    """Connect to the account's cloud and create its devices' entities."""
    coordinator = CloudBridgeCoordinator(hass, entry, build_client(hass, entry.data))
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    # Not awaited: a slow webhook setup must not hold up the entities.
    entry.async_create_task(hass, async_setup_webhook(hass, entry))
    async_setup_stream(hass, entry)
    async_setup_new_devices(hass, entry)
    return True


async def _async_options_updated(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> None:
    """Apply a new poll interval without a reload."""
    coordinator = entry.runtime_data
    coordinator.update_interval = timedelta(
        seconds=coordinator.poll_interval(coordinator.data)
    )


async def async_unload_entry(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> bool:
    """Remove the account's entities."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> None:
    """Take the account's webhook off the cloud and its issues off the list."""
    await async_remove_webhook(hass, entry)
    async_clear_all(hass, entry.entry_id)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete a device the account no longer has."""
    coordinator = entry.runtime_data
    current = {
        device_identifier(coordinator.client, device_id)
        for device_id in coordinator.data
    }
    return not device.identifiers & current
