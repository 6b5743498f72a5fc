"""The account's event stream, held open beside polling while the entry is loaded.

Only clouds with a stream take part (the client says so). While the stream
is up, polls slow to a safety interval; while it is down, they return to the
normal pace, and each change of the two reads every device again, so that
what was missed meanwhile never shows as current.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_entry_oauth2_flow

from .api import AuthError, Device
from .api.errors import SignInRefused
from .api.features import PushEvent
from .const import CONF_TOKEN, DOMAIN
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .issues import SIGN_IN_REFUSED, async_clear, async_raise

_LOGGER = logging.getLogger(__name__)


@callback
def async_setup_stream(hass: HomeAssistant, entry: CloudBridgeConfigEntry) -> None:
    """Start the account's event stream, if its cloud has one; unloading ends it."""
    if entry.runtime_data.client.supports_stream:
        entry.async_create_background_task(
            hass, _async_hold(hass, entry), f"{DOMAIN} {entry.title} event stream"
        )


async def _async_hold(hass: HomeAssistant, entry: CloudBridgeConfigEntry) -> None:
    coordinator = entry.runtime_data
    try:
        await coordinator.client.async_run_stream(_Listener(hass, coordinator))
    except AuthError:
        _LOGGER.debug(
            "%s: the event stream ends, the credentials are refused", entry.title
        )
        entry.async_start_reauth(hass)
    except SignInRefused as err:
        # Only the push's own sign-in lapsed: the account's key still polls.
        _LOGGER.warning(
            "%s: real-time updates stop (%s); polls go on at their normal pace "
            "until you sign in again",
            entry.title,
            err,
        )
        coordinator.async_set_push_active(False)
        async_raise(hass, SIGN_IN_REFUSED, entry.entry_id, {"title": entry.title})
    except Exception as err:
        # A fault of ours must not leave polls slowed for a push that is gone.
        # Its type only: a message or traceback might carry the stream's URL,
        # which holds a token.
        _LOGGER.error(
            "%s: the event stream ended unexpectedly (%s)",
            entry.title,
            type(err).__name__,
        )
        coordinator.async_set_push_active(False)


class _Listener:
    """Carries the stream's news to the coordinator."""

    def __init__(
        self, hass: HomeAssistant, coordinator: CloudBridgeCoordinator
    ) -> None:
        self._hass = hass
        self._coordinator = coordinator
        self._was_up = False
        self._oauth: config_entry_oauth2_flow.OAuth2Session | None = None

    def stream_devices(self) -> Mapping[str, Device]:
        return self._coordinator.data

    def stream_event(self, event: PushEvent) -> None:
        self._coordinator.async_handle_event(event)

    async def stream_token(self, *, renew: bool = False) -> Mapping[str, Any]:
        entry = self._coordinator.config_entry
        if self._oauth is None:
            implementation = (
                await config_entry_oauth2_flow.async_get_config_entry_implementation(
                    self._hass, entry
                )
            )
            self._oauth = config_entry_oauth2_flow.OAuth2Session(
                self._hass, entry, implementation
            )
        session, hass = self._oauth, self._hass
        if renew:
            token = await session.implementation.async_refresh_token(session.token)
            hass.config_entries.async_update_entry(
                entry, data={**entry.data, CONF_TOKEN: token}
            )
        else:
            await session.async_ensure_token_valid()
        return session.token

    def stream_connected(self, connected: bool) -> None:
        coordinator = self._coordinator
        coordinator.async_set_push_active(connected)
        if connected:
            async_clear(self._hass, SIGN_IN_REFUSED, coordinator.config_entry.entry_id)
        if connected and not self._was_up:
            # The first refresh has just read every device.
            self._was_up = True
            return
        # Down: the poll now also sets the next one at the normal pace. Back up:
        # changes made while it was down were never pushed.
        coordinator.config_entry.async_create_task(
            self._hass,
            coordinator.async_request_refresh(),
            f"{coordinator.name} resync",
        )
