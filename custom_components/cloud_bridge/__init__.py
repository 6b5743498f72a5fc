"""Cloud Bridge: SwitchBot, Shelly Cloud and SinricPro devices in Home Assistant."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from .account import build_client
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.COVER,
    Platform.FAN,
    Platform.HUMIDIFIER,
    Platform.LIGHT,
    Platform.LOCK,
    Platform.SENSOR,
    Platform.SWITCH,
]


async def async_setup_entry(hass: HomeAssistant, entry: CloudBridgeConfigEntry) -> bool:
    """Connect to the account's cloud and create its devices' entities."""
    coordinator = CloudBridgeCoordinator(hass, entry, build_client(hass, entry.data))
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
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
