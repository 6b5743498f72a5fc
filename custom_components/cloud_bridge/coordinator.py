"""One coordinator per cloud account: polls the snapshot and sends commands."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

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
from .api.features import (
    ChannelEvent,
    CommandResult,
    CreateKey,
    DeferredCommand,
    DeviceChanged,
    PushEvent,
)
from .const import DOMAIN
from .issues import (
    QUOTA_EXCEEDED,
    UNKNOWN_DEVICES,
    WEBHOOK_UNREACHED,
    async_clear,
    async_raise,
)
from .outcome import OutcomeWatch
from .registry import async_register_devices
from .signals import PendingCommand, signal_channel_event, signal_command_result

_LOGGER = logging.getLogger(__name__)

# While the cloud pushes changes, polls only catch what a push may have missed.
SAFETY_INTERVAL = 1800.0
# Failed polls space out, doubling up to this (or the normal interval if longer).
MAX_BACKOFF = 1800.0
MAX_PENDING = 50  # deferred commands awaiting their result; older ones are dropped

type CloudBridgeConfigEntry = ConfigEntry[CloudBridgeCoordinator]


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
        self._device_listeners: dict[str, list[CALLBACK_TYPE]] = {}
        # Whether changes are pushed to us: polls then slow down.
        self.push_active = False
        # Whether the cloud took our webhook URL; pushes must still prove it.
        self.webhook_registered = False
        self._pushed_since_poll = False
        self._webhook_deaf = False
        self.pending: dict[str, PendingCommand] = {}
        self._failures = 0
        self._quota_spent = False
        self.outcomes = OutcomeWatch(self)

    def poll_interval(self, devices: dict[str, Device]) -> float:
        """The user's interval if they chose one, never shorter than is safe."""
        chosen = self.config_entry.options.get(CONF_SCAN_INTERVAL)
        if chosen is None:
            default = self.client.default_poll_interval(devices)
            slow = self.push_active and self.client.push_covers_all
            return max(default, SAFETY_INTERVAL) if slow else default
        return max(float(chosen), self.client.min_poll_interval(devices))

    @callback
    def async_set_push_active(self, active: bool) -> None:
        """Poll slowly while pushes arrive, at the normal pace otherwise."""
        self.push_active = active
        self.update_interval = timedelta(seconds=self.poll_interval(self.data or {}))

    @callback
    def async_webhook_registered(self) -> None:
        """The cloud took our URL: polls slow down once a push has come through it."""
        self.webhook_registered = True

    def _check_webhook(self) -> None:
        """After a poll: a change no push announced, and no push at all, is a deaf webhook."""
        pushed, self._pushed_since_poll = self._pushed_since_poll, False
        if not self.webhook_registered or pushed or not self.client.unpushed_changes:
            return
        if not self._webhook_deaf:
            _LOGGER.warning(
                "%s: a poll found changes that the cloud never pushed; its webhook "
                "URL seems unreachable, so polls keep their normal pace",
                self.name,
            )
            async_raise(
                self.hass,
                WEBHOOK_UNREACHED,
                self.config_entry.entry_id,
                {"title": self.config_entry.title},
            )
        self._webhook_deaf = True
        self.push_active = False

    async def _async_update_data(self) -> dict[str, Device]:
        try:
            devices = await self.client.async_get_devices()
        except AuthError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN, translation_key="auth_failed"
            ) from err
        except (QuotaError, RateLimited) as err:
            if self.data is None:
                raise self._update_failed(err) from err
            # The devices did not change because we were told to wait: keep
            # their last state rather than making every entity unavailable.
            self._wait(err)
            return self.data
        except CloudBridgeError as err:
            self._back_off()
            raise self._update_failed(err) from err
        self._recovered()
        self._report_missing()
        self._check_webhook()
        for event in self.client.take_events():  # presses counted since the last poll
            self._dispatch(event)
        self.update_interval = timedelta(seconds=self.poll_interval(devices))
        async_register_devices(
            self.hass, self.config_entry.entry_id, self.client, devices
        )
        return devices

    @staticmethod
    def _update_failed(err: CloudBridgeError) -> UpdateFailed:
        return UpdateFailed(
            translation_domain=DOMAIN,
            translation_key=_error_key(err),
            translation_placeholders={"error": str(err)},
        )

    def _wait(self, err: QuotaError | RateLimited) -> None:
        """Space polls out after the cloud said no more for now; say so once."""
        if isinstance(err, RateLimited):
            if self._failures == 0:
                _LOGGER.warning(
                    "%s asked to slow down (%s); polls back off until it recovers",
                    self.name,
                    err,
                )
            self._back_off()
            if err.retry_after and self.update_interval is not None:
                named = timedelta(seconds=err.retry_after)
                self.update_interval = max(self.update_interval, named)
            return
        if not self._quota_spent:
            _LOGGER.warning(
                "%s: the daily call quota is spent; polls resume after 00:00 UTC",
                self.name,
            )
            async_raise(
                self.hass,
                QUOTA_EXCEEDED,
                self.config_entry.entry_id,
                {"title": self.config_entry.title},
            )
        self._quota_spent = True
        # The cloud counts calls per UTC day; ask again a minute into the next.
        now = dt_util.utcnow()
        midnight = (now + timedelta(days=1)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        self.update_interval = midnight - now + timedelta(minutes=1)

    def _back_off(self) -> None:
        self._failures += 1
        normal = self.poll_interval(self.data or {})
        delay = min(normal * 2**self._failures, max(MAX_BACKOFF, normal))
        self.update_interval = timedelta(seconds=delay)

    def _recovered(self) -> None:
        if self._quota_spent:
            _LOGGER.info("%s: calls work again after the daily quota", self.name)
            async_clear(self.hass, QUOTA_EXCEEDED, self.config_entry.entry_id)
        self._quota_spent = False
        self._failures = 0

    def _report_missing(self) -> None:
        """Name the devices the cloud no longer knows in a repair issue, once."""
        entry_id = self.config_entry.entry_id
        missing = self.client.missing_devices
        if missing:
            async_raise(
                self.hass,
                UNKNOWN_DEVICES,
                entry_id,
                {"title": self.config_entry.title, "device_ids": ", ".join(missing)},
            )
        else:
            async_clear(self.hass, UNKNOWN_DEVICES, entry_id)

    @callback
    def async_add_device_listener(
        self, device_id: str, update: CALLBACK_TYPE
    ) -> CALLBACK_TYPE:
        """Call `update` when one device changes between polls; returns the remover."""
        listeners = self._device_listeners.setdefault(device_id, [])
        listeners.append(update)

        @callback
        def remove() -> None:
            listeners.remove(update)

        return remove

    @callback
    def async_update_device(self, device_id: str) -> None:
        """Tell only the entities of one device that it changed.

        A push or a command concerns one device: rewriting the state of every
        entity of the account for it would cost hundreds of times more.
        """
        for update in list(self._device_listeners.get(device_id, ())):
            update()

    @callback
    def async_handle_push(self, payload: Any) -> None:
        """Apply one event pushed to the webhook to the snapshot."""
        self.async_handle_event(self.client.apply_webhook(payload, self.data))

    @callback
    def async_handle_event(self, event: PushEvent | None) -> None:
        """Tell who a pushed event concerns at once (the snapshot has its change)."""
        if event is None:
            return
        if self.webhook_registered:
            self._pushed_since_poll = True
            if not self.push_active:
                self._push_arrived()
        self.outcomes.async_arrived(event.device_id)
        self._dispatch(event)

    def _dispatch(self, event: PushEvent) -> None:
        if isinstance(event, DeviceChanged):
            self.async_update_device(event.device_id)
        elif isinstance(event, ChannelEvent):
            # What came with the event (a doorbell's battery) shows too.
            self.async_update_device(event.device_id)
            async_dispatcher_send(
                self.hass,
                signal_channel_event(
                    self.config_entry.entry_id, event.device_id, event.channel_key
                ),
                event,
            )
        elif isinstance(event, CommandResult):
            async_dispatcher_send(
                self.hass,
                signal_command_result(self.config_entry.entry_id, event.device_id),
                event,
                self.pending.pop(event.command_id, None),
            )

    def _push_arrived(self) -> None:
        """The first push through the webhook, or the first after it went deaf."""
        if self._webhook_deaf:
            _LOGGER.info("%s: pushes arrive again; polls slow down", self.name)
            async_clear(self.hass, WEBHOOK_UNREACHED, self.config_entry.entry_id)
        self._webhook_deaf = False
        self.async_set_push_active(True)

    async def async_execute(
        self, device_id: str, channel_key: str, *commands: Command
    ) -> None:
        """Send commands in order, show each effect at once, or say why one failed."""
        device = self.data[device_id]
        for command in commands:
            await self._async_send(device, device.channels[channel_key], command)
            # A poll or read that landed while the command was on its way has
            # replaced the device: show the command on what is current.
            device = self.data.get(device_id, device)
            if (channel := device.channels.get(channel_key)) is not None:
                apply_command(channel, command)
            self.async_update_device(device_id)
        self.outcomes.async_expect(device_id)

    async def async_send_deferred(
        self, device_id: str, channel_key: str, command: DeferredCommand
    ) -> str:
        """Send a command whose result arrives later; return the cloud's id for it."""
        device = self.data[device_id]
        channel = device.channels[channel_key]
        command_id = await self._async_guard(
            device, self.client.async_send_deferred(device, channel, command)
        )
        if len(self.pending) >= MAX_PENDING:
            self.pending.pop(next(iter(self.pending)))
        self.pending[command_id] = PendingCommand(
            # The neutral name of the command, as its result reports it.
            command="create_key" if isinstance(command, CreateKey) else "delete_key",
            key_name=command.name if isinstance(command, CreateKey) else None,
        )
        return command_id

    async def async_activate_scene(self, scene_id: str) -> None:
        """Run a scene of the account, or say why the cloud refused."""
        await self._async_guard(None, self.client.async_activate_scene(scene_id))

    async def _async_send(
        self, device: Device, channel: Channel, command: Command
    ) -> None:
        await self._async_guard(
            device, self.client.async_execute(device, channel, command)
        )

    async def _async_guard[T](self, device: Device | None, call: Awaitable[T]) -> T:
        """Await a call to the cloud; turn its failure into a translated error."""
        name = device.name if device else self.config_entry.title
        try:
            return await call
        except AuthError as err:
            self.config_entry.async_start_reauth(self.hass)
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="auth_failed"
            ) from err
        except DeviceOffline as err:
            if device is not None:
                device.online = False
                self.async_update_device(device.id)
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="device_offline",
                translation_placeholders={"device": name},
            ) from err
        except CommandRejected as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key=f"command_{err.reason}",
                translation_placeholders={
                    "device": name,
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
