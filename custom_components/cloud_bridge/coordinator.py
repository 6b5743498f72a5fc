"""One coordinator per cloud account: polls the snapshot and sends commands."""

from __future__ import annotations

from datetime import timedelta
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .api import (
    AuthError,
    Channel,
    CloudBridgeError,
    CloudClient,
    Command,
    CommandRejected,
    Device,
    DeviceOffline,
    QuotaError,
    RateLimited,
    apply_command,
)
from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

type CloudBridgeConfigEntry = ConfigEntry[CloudBridgeCoordinator]


def device_identifier(client: CloudClient, device_id: str) -> tuple[str, str]:
    """The device registry identifier of a vendor device."""
    return (DOMAIN, f"{client.vendor}_{device_id}")


def _error_key(err: CloudBridgeError) -> str:
    """The translation key that explains a failed call to the user."""
    if isinstance(err, QuotaError):
        return "quota_exceeded"
    if isinstance(err, RateLimited):
        return "rate_limited"
    return "cannot_connect"


class CloudBridgeCoordinator(DataUpdateCoordinator[dict[str, Device]]):
    """The devices of one account and their state, as last seen."""

    config_entry: CloudBridgeConfigEntry

    def __init__(
        self, hass: HomeAssistant, entry: CloudBridgeConfigEntry, client: CloudClient
    ) -> None:
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {client.vendor}",
            update_interval=timedelta(seconds=client.default_poll_interval({})),
        )
        self.client = client

    def poll_interval(self, devices: dict[str, Device]) -> float:
        """The user's interval if they chose one, never shorter than is safe."""
        chosen = self.config_entry.options.get(CONF_SCAN_INTERVAL)
        if chosen is None:
            return self.client.default_poll_interval(devices)
        return max(float(chosen), self.client.min_poll_interval(devices))

    async def _async_update_data(self) -> dict[str, Device]:
        try:
            devices = await self.client.async_get_devices()
        except AuthError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN, translation_key="auth_failed"
            ) from err
        except CloudBridgeError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key=_error_key(err),
                translation_placeholders={"error": str(err)},
            ) from err
        self.update_interval = timedelta(seconds=self.poll_interval(devices))
        self._register_devices(devices)
        return devices

    def _register_devices(self, devices: dict[str, Device]) -> None:
        """Give every device a registry entry, hubs first so `via_device` finds them."""
        registry = dr.async_get(self.hass)
        for device in sorted(devices.values(), key=lambda d: d.via_device is not None):
            registry.async_get_or_create(
                config_entry_id=self.config_entry.entry_id,
                identifiers={device_identifier(self.client, device.id)},
                manufacturer=device.manufacturer,
                model=device.model,
                name=device.name,
                sw_version=device.sw_version,
                via_device=(
                    device_identifier(self.client, device.via_device)
                    if device.via_device
                    else None
                ),
            )

    async def async_execute(
        self, device_id: str, channel_key: str, *commands: Command
    ) -> None:
        """Send commands in order, show each effect at once, or say why one failed."""
        device = self.data[device_id]
        channel = device.channels[channel_key]
        for command in commands:
            await self._async_send(device, channel, command)
            apply_command(channel, command)
            self.async_update_listeners()

    async def _async_send(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        try:
            await self.client.async_execute(device, channel, command)
        except AuthError as err:
            self.config_entry.async_start_reauth(self.hass)
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="auth_failed"
            ) from err
        except DeviceOffline as err:
            device.online = False
            self.async_update_listeners()
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="device_offline",
                translation_placeholders={"device": device.name},
            ) from err
        except CommandRejected as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="command_rejected",
                translation_placeholders={
                    "device": device.name,
                    "code": err.code,
                    "message": err.message or "-",
                },
            ) from err
        except CloudBridgeError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key=_error_key(err),
                translation_placeholders={"error": str(err)},
            ) from err
