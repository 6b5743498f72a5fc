"""Simulated accounts of N devices per vendor, and how to find their entities."""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from tests.simulator.shelly import ShellyCloud, catalogue, catalogue_gen1
from tests.simulator.shelly.devices import (
    ShellyDevice,
    gen1_relay,
    gen2_ht,
    gen2_switch,
    set_switch,
)
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud

SWITCHBOT_TOKEN = "bench-switchbot-token-0123456789"
SWITCHBOT_SECRET = "bench-switchbot-secret-abcdef"
SHELLY_AUTH_KEY = "bench-shelly-auth-key-MTIzNDU2"
SINRICPRO_API_KEY = "bench-sinricpro-api-key-7f3e"

# Every SwitchBot device here has a status call in both integrations (core
# polls Plug Mini, Bot and Meter; neither polls hubs or IR remotes), so an
# account of N devices costs N status calls a poll in both.
SWITCHBOT_TYPES = ("Plug Mini (US)", "Bot", "Meter", "Plug Mini (JP)")
# Relays and an H&T, then one of each of today's kinds (meters, sensors, add-on,
# gen1 sensors and buttons, BLU), whose components the poll reads as well.
SHELLY_KINDS: dict[str, Callable[[str, int], ShellyDevice]] = {
    "gen2_switch": lambda i, n: gen2_switch(i, name=f"Plus 2PM {n}"),
    "gen1_relay": lambda i, n: gen1_relay(i, name=f"1PM {n}"),
    "gen2_ht": lambda i, n: gen2_ht(i, name=f"H&T {n}"),
    "pro_3em": lambda i, n: catalogue.three_phase_meter(i, name=f"Pro 3EM {n}"),
    "flood": lambda i, n: catalogue.flood_sensor(i, name=f"Flood {n}"),
    "presence": lambda i, n: catalogue.presence_sensor(i, name=f"Presence {n}"),
    "addon": lambda i, n: catalogue.addon_relay(i, name=f"Plus 1 {n}"),
    "gen1_addon": lambda i, n: catalogue_gen1.gen1_addon(i, name=f"Shelly 1 {n}"),
    "gen1_i3": lambda i, n: catalogue_gen1.gen1_i3(i, name=f"i3 {n}"),
    "blu_ht": lambda i, n: catalogue.blu_ht(i, "c0ffeeffffff", name=f"BLU H&T {n}"),
}
SINRICPRO_TYPES = ("SWITCH", "TEMPERATURESENSOR")
# HA core's library opens a connection per request, 200 at once for 200 devices:
# more than aiohttp's default listen backlog of 128 would make some wait 1 s.
BACKLOG = 1024


def switchbot_account(cloud: SwitchBotCloud, count: int) -> list[str]:
    """Fill `cloud` with `count` status-bearing devices; the ids of its plugs."""
    cloud.backlog = BACKLOG
    plugs = []
    for index in range(count):
        device_id = f"B0{index:010X}"
        device_type = SWITCHBOT_TYPES[index % len(SWITCHBOT_TYPES)]
        cloud.add_device(device_id, device_type, f"{device_type} {index}")
        if device_type.startswith("Plug"):
            plugs.append(device_id)
    return plugs


def shelly_account(cloud: ShellyCloud, count: int) -> list[str]:
    """Fill `cloud` with `count` devices (SHELLY_KINDS in turn); all device ids."""
    cloud.backlog = BACKLOG
    makers = list(SHELLY_KINDS.values())
    ids = []
    for index in range(count):
        device_id = f"c0ffee{index:06x}"
        cloud.add(makers[index % len(makers)](device_id, index))
        ids.append(device_id)
    return ids


def shelly_switchable(cloud: ShellyCloud) -> list[str]:
    """Ids of the Shelly devices with a relay on channel 0."""
    return [d.id for d in cloud.devices.values() if d.type == "relay"]


def shelly_flip(cloud: ShellyCloud, device_id: str, on: bool) -> None:
    """Switch channel 0 as if someone pressed the device's button."""
    set_switch(cloud.devices[device_id], 0, on)


def sinricpro_account(cloud: SinricProCloud, count: int) -> list[str]:
    """Fill `cloud` with `count` devices (switch, temperature sensor in turn); switch ids."""
    cloud.backlog = BACKLOG
    switches = []
    for index in range(count):
        device_id = f"{index:024x}"
        device_type = SINRICPRO_TYPES[index % len(SINRICPRO_TYPES)]
        cloud.add_device(device_id, device_type, f"{device_type.title()} {index}")
        if device_type == "SWITCH":
            switches.append(device_id)
    return switches


def entity_of(
    hass: HomeAssistant, domain: str, identifier: str, platform: str = "switch"
) -> str:
    """The `platform` entity of the device registered as (domain, identifier)."""
    device = dr.async_get(hass).async_get_device(identifiers={(domain, identifier)})
    if device is None:
        raise LookupError(f"no device ({domain}, {identifier})")
    entries = er.async_entries_for_device(er.async_get(hass), device.id)
    for entry in entries:
        if entry.domain == platform:
            return entry.entity_id
    raise LookupError(f"no {platform} entity on ({domain}, {identifier})")
