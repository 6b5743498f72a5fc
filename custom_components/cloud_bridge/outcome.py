"""Commands whose outcome the cloud pushes later: wait for it, and read the device again when it does not come."""

from __future__ import annotations

from functools import partial
import logging
from typing import TYPE_CHECKING

from homeassistant.core import CALLBACK_TYPE, HassJob, callback
from homeassistant.helpers.event import async_call_later

from .api import CloudBridgeError

if TYPE_CHECKING:
    from datetime import datetime

    from .coordinator import CloudBridgeCoordinator

_LOGGER = logging.getLogger(__name__)


class OutcomeWatch:
    """The devices sent a command whose outcome has not been pushed yet."""

    def __init__(self, coordinator: CloudBridgeCoordinator) -> None:
        self._coordinator = coordinator
        self._timers: dict[str, CALLBACK_TYPE] = {}
        # Devices already logged as slow, so a device that never answers logs once.
        self._logged: set[str] = set()
        coordinator.config_entry.async_on_unload(self.async_cancel_all)

    @callback
    def async_expect(self, device_id: str) -> None:
        """A command to the device was accepted: its outcome should follow."""
        timeout = self._coordinator.client.confirm_timeout
        if timeout is None:
            return
        self._cancel(device_id)
        self._timers[device_id] = async_call_later(
            self._coordinator.hass,
            timeout,
            HassJob(partial(self._async_missing, device_id), cancel_on_shutdown=True),
        )

    @callback
    def async_arrived(self, device_id: str) -> None:
        """The cloud pushed news of the device: whatever was awaited has come."""
        self._cancel(device_id)
        self._logged.discard(device_id)

    @callback
    def async_cancel_all(self) -> None:
        """Stop waiting for every outcome (the entry unloads)."""
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()

    def _cancel(self, device_id: str) -> None:
        if (cancel := self._timers.pop(device_id, None)) is not None:
            cancel()

    @callback
    def _async_missing(self, device_id: str, _now: datetime) -> None:
        self._timers.pop(device_id, None)
        coordinator = self._coordinator
        device = coordinator.data.get(device_id)
        if device is None:
            return
        if device_id not in self._logged:
            self._logged.add(device_id)
            _LOGGER.info(
                "%s did not report how a command ended within %s s; "
                "reading its state again",
                device.name,
                coordinator.client.confirm_timeout,
            )
        coordinator.config_entry.async_create_task(
            coordinator.hass,
            self._async_read(device_id),
            f"{coordinator.name} read {device_id}",
        )

    async def _async_read(self, device_id: str) -> None:
        coordinator = self._coordinator
        try:
            device = await coordinator.client.async_get_device(device_id)
        except CloudBridgeError as err:
            # The next poll reads it anyway; one failed read is no news.
            _LOGGER.debug("%s: reading %s failed: %s", coordinator.name, device_id, err)
            return
        if device is not None and device_id in coordinator.data:
            coordinator.data[device_id] = device
            coordinator.async_update_device(device_id)
