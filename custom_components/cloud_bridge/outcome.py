"""After a command: wait for the outcome the cloud pushes, or read the device again when none comes or readings follow later."""

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
    """What follows an accepted command: a pushed outcome awaited, or a read again."""

    def __init__(self, coordinator: CloudBridgeCoordinator) -> None:
        self._coordinator = coordinator
        self._timers: dict[str, CALLBACK_TYPE] = {}
        # Devices to read again together once commands have settled (a plug's power).
        self._reread: set[str] = set()
        self._reread_timer: CALLBACK_TYPE | None = None
        self._reread_by = 0.0
        # Devices already logged as slow, so a device that never answers logs once.
        self._logged: set[str] = set()
        coordinator.config_entry.async_on_unload(self.async_cancel_all)

    @callback
    def async_expect(self, device_id: str) -> None:
        """A command to the device was accepted: its outcome should follow."""
        client = self._coordinator.client
        if (delay := client.reread_after_command) is not None:
            self._schedule_reread(device_id, delay)
        timeout = client.confirm_timeout
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
        if self._reread_timer is not None:
            self._reread_timer()
            self._reread_timer = None

    @callback
    def _schedule_reread(self, device_id: str, delay: float) -> None:
        # One read for every device of a burst of commands (a scene), `delay`
        # after the last of them, so a cloud that reads several ids a call
        # reads them together; never later than 2 x `delay` after the first.
        self._reread.add(device_id)
        now = self._coordinator.hass.loop.time()
        if self._reread_timer is None:
            self._reread_by = now + 2 * delay
        else:
            self._reread_timer()
        self._reread_timer = async_call_later(
            self._coordinator.hass,
            max(0.0, min(delay, self._reread_by - now)),
            HassJob(self._async_reread_due, cancel_on_shutdown=True),
        )

    @callback
    def _async_reread_due(self, _now: datetime) -> None:
        self._reread_timer = None
        device_ids, self._reread = self._reread, set()
        coordinator = self._coordinator
        # In the background: an unload cancels a read waiting for its turn.
        coordinator.config_entry.async_create_background_task(
            coordinator.hass,
            self._async_read_again(device_ids),
            f"{coordinator.name} read after commands",
        )

    async def _async_read_again(self, device_ids: set[str]) -> None:
        coordinator = self._coordinator
        try:
            devices = await coordinator.client.async_reread(device_ids)
        except CloudBridgeError as err:
            # The next poll reads them anyway; one failed read is no news.
            _LOGGER.debug("%s: reading devices again failed: %s", coordinator.name, err)
            return
        for device_id, device in devices.items():
            if device_id in coordinator.data:
                coordinator.data[device_id] = device
                coordinator.async_update_device(device_id)

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
        coordinator.config_entry.async_create_background_task(
            coordinator.hass,
            self._async_read_again({device_id}),
            f"{coordinator.name} read {device_id}",
        )
