"""Devices added to an account later: offered in the options and named in a repair issue.

Where the user chooses the account's devices, a device that appears in the
vendor's app later is not added unasked: the cloud is asked for the account's
devices now and then, and those never offered are named in a repair issue
that points to the options, where they are listed to tick.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import logging

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.event import async_call_later, async_track_time_interval

from .api import CloudBridgeError, NotOffered
from .const import CONF_DEVICE_IDS, CONF_OFFERED_IDS
from .coordinator import CloudBridgeConfigEntry
from .issues import NEW_DEVICES, async_clear, async_raise

_LOGGER = logging.getLogger(__name__)

# Devices are added rarely; the listing is a heavy call for the cloud.
CHECK_INTERVAL = timedelta(hours=6)
# The first look waits for the busy minutes of Home Assistant's start to pass.
FIRST_CHECK = timedelta(minutes=10)


async def async_check_new_devices(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> None:
    """Name the devices the cloud lists that the user has not been offered yet."""
    client = entry.runtime_data.client
    try:
        found = await client.async_discover(waited_for=False)
    except NotOffered:
        # The listing is refused now: nothing can be offered, so nothing is new.
        async_clear(hass, NEW_DEVICES, entry.entry_id)
        return
    except CloudBridgeError as err:
        # Only a convenience: the devices the user chose go on as they are.
        _LOGGER.debug("%s: could not list the account's devices: %s", entry.title, err)
        return
    known = {*entry.data[CONF_DEVICE_IDS], *entry.data.get(CONF_OFFERED_IDS, [])}
    new = [device for device in found if device.id not in known]
    if not new:
        async_clear(hass, NEW_DEVICES, entry.entry_id)
        return
    _LOGGER.info("%s: %s device(s) found that are not added", entry.title, len(new))
    async_raise(
        hass,
        NEW_DEVICES,
        entry.entry_id,
        {
            "title": entry.title,
            "devices": ", ".join(device.label for device in new),
        },
    )


@callback
def async_setup_new_devices(hass: HomeAssistant, entry: CloudBridgeConfigEntry) -> None:
    """Look for new devices a while after the account is set up, then every CHECK_INTERVAL."""
    if not entry.runtime_data.client.chooses_devices:
        return

    @callback
    def check(now: datetime | None = None) -> None:
        entry.async_create_background_task(
            hass, async_check_new_devices(hass, entry), f"{entry.title} new devices"
        )

    entry.async_on_unload(async_call_later(hass, FIRST_CHECK, check))
    entry.async_on_unload(async_track_time_interval(hass, check, CHECK_INTERVAL))
