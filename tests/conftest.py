"""Fixtures: the three simulated clouds on 127.0.0.1 and entries that point at them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
import contextlib
import logging
import sys
from typing import Any
from unittest.mock import PropertyMock, patch

import aiohttp
from aiohttp.test_utils import TestClient
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

# Imported before Home Assistant looks for `custom_components`, so that it finds
# ours and not the test plugin's own package of that name.
from custom_components.cloud_bridge import PLATFORMS
from custom_components.cloud_bridge.api.sinricpro import client as sinricpro_client
from custom_components.cloud_bridge.api.switchbot import client as switchbot_client
from custom_components.cloud_bridge.const import DOMAIN
from tests.simulator.base import SimulatedCloud
from tests.simulator.shelly import ShellyCloud
from tests.simulator.shelly.devices import gen1_relay, gen2_ht, gen2_switch
from tests.simulator.sinricpro import SinricProCloud
from tests.simulator.switchbot import SwitchBotCloud

SWITCHBOT_TOKEN = "test-switchbot-token-0123456789"
SWITCHBOT_SECRET = "test-switchbot-secret-abcdef"
SHELLY_AUTH_KEY = "test-shelly-auth-key-MTIzNDU2"
SINRICPRO_API_KEY = "test-sinricpro-api-key-7f3e"

HUB = "F0A1B2C3D4E5"
BOT = "C1D2E3F4A5B6"
PLUG_MINI = "6055F92AB1C0"
METER = "C271111EC0AB"
CURTAIN = "E2F6032048AB"

SHELLY_1PM = "a4cf12f4ab01"
SHELLY_2PM = "b48a0a1cd978"
SHELLY_HT = "e86beae4c2d0"

SINRIC_SWITCH = "660a6c3d061ee8c78078bf3e"
SINRIC_THERMO = "660a7edf061ee8c78078c5ab"
SINRIC_LIGHT = "660a7edf061ee8c78078c5ff"


async def unload_entries(hass: HomeAssistant) -> None:
    """Let set-ups finish, then unload every Cloud Bridge entry (as the test plugin would)."""
    await hass.async_block_till_done()
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.state.recoverable:
            await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@contextlib.asynccontextmanager
async def serving[C: SimulatedCloud](hass: HomeAssistant, cloud: C) -> AsyncIterator[C]:
    """Serve `cloud` for a test; the entries unload while it still answers, then it stops.

    So whatever the entries hold open (an event stream) is closed by Cloud
    Bridge's unload, not by the cloud going away.
    """
    await cloud.start()
    try:
        yield cloud
    finally:
        await unload_entries(hass)
        await cloud.stop()


def _opened_by_cloud_bridge() -> bool:
    """Whether Cloud Bridge's code is on the stack that is creating a response."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith("custom_components.cloud_bridge"):
            return True
        frame = frame.f_back
    return False


@pytest.fixture(autouse=True)
async def no_unclosed_responses(hass: HomeAssistant) -> AsyncIterator[list[aiohttp.ClientResponse]]:
    """Every HTTP response Cloud Bridge opened is closed once its entries unload."""
    opened: list[aiohttp.ClientResponse] = []
    init = aiohttp.ClientResponse.__init__

    def tracked(response: aiohttp.ClientResponse, *args: Any, **kwargs: Any) -> None:
        init(response, *args, **kwargs)
        if _opened_by_cloud_bridge():
            opened.append(response)

    with patch.object(aiohttp.ClientResponse, "__init__", tracked):
        yield opened
        # The simulated clouds unload the entries before they stop (see
        # `serving`); this catches entries set up without one.
        await unload_entries(hass)
    left = [f"{r.method} {r.url.path}" for r in opened if not r.closed]
    assert not left, f"responses left open after unload: {left}"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load Cloud Bridge in every test."""


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session, as any caller of the api package would pass (api tests)."""
    async with aiohttp.ClientSession() as session:
        yield session



@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots that leave out what changes from run to run (ids, times)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def entity_registry_enabled_by_default() -> Iterator[None]:
    """Create entities that are disabled by default enabled, to check them too."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        return_value=True,
        new_callable=PropertyMock,
    ):
        yield


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms an entry sets up; a platform's tests narrow it to their own."""
    return PLATFORMS


@pytest.fixture(autouse=True)
def _only_platforms(platforms: list[Platform]) -> Iterator[None]:
    with patch("custom_components.cloud_bridge.PLATFORMS", platforms):
        yield


class _FrameReports(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "cloud_bridge" in record.getMessage():
            self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def fast_switchbot_polls(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """SwitchBot's status calls unspaced (not 0.5 s apart), unless a test asks for the real spacing.

    Tests with `@pytest.mark.real_spacing` keep the 0.5 s (two calls a second).
    """
    if request.node.get_closest_marker("real_spacing") is None:
        monkeypatch.setattr(switchbot_client, "STATUS_SPACING", 0.0)
        # SinricPro's reads too (3.3 s apart): its read-limit tests scale it instead.
        monkeypatch.setattr(sinricpro_client, "READ_SPACING", 0.0)


@pytest.fixture(autouse=True)
def fail_on_frame_reports() -> Iterator[None]:
    """A deprecated Home Assistant API used by Cloud Bridge fails the test."""
    handler = _FrameReports()
    logger = logging.getLogger("homeassistant.helpers.frame")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)
    assert not handler.messages, handler.messages


@pytest.fixture
async def switchbot_cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SwitchBotCloud]:
    """A SwitchBot account: a hub, a Bot and a Meter behind it, a Plug Mini, a Curtain."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device(HUB, "Hub Mini", "Hallway Hub")
    cloud.add_device(BOT, "Bot", "Coffee Bot", hub_id=HUB, status={"power": "off", "battery": 87})
    cloud.add_device(PLUG_MINI, "Plug Mini (US)", "Desk Lamp Plug", status={"power": "on"})
    cloud.add_device(
        METER, "Meter", "Bedroom Meter", hub_id=HUB,
        status={"temperature": 21.5, "humidity": 48, "battery": 93},
    )
    cloud.add_device(CURTAIN, "Curtain", "Living Room Curtain", hub_id=HUB)
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def shelly_cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[ShellyCloud]:
    """A Shelly account: a gen1 1PM, a gen2 Plus 2PM with named channels, an H&T."""
    cloud = ShellyCloud(SHELLY_AUTH_KEY)
    cloud.add(gen1_relay(SHELLY_1PM, name="Garage 1PM", loads=[12.5]))
    cloud.add(gen2_switch(SHELLY_2PM, name="Kitchen 2PM", channel_names=["Counter", "Island"]))
    cloud.add(gen2_ht(SHELLY_HT, name="Cellar H&T"))
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def sinricpro_cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SinricProCloud]:
    """A SinricPro account: a switch, a temperature sensor and a light (not mapped yet)."""
    cloud = SinricProCloud(SINRICPRO_API_KEY)
    cloud.add_device(SINRIC_SWITCH, "SWITCH", "Fan Switch", powerState="Off")
    cloud.add_device(SINRIC_THERMO, "TEMPERATURESENSOR", "Porch", temperature=18.5, humidity=61.0)
    cloud.add_device(SINRIC_LIGHT, "LIGHT", "Desk Light", powerState="On", brightness=40)
    async with serving(hass, cloud):
        yield cloud


def switchbot_data(cloud: SwitchBotCloud, *, secret: str = SWITCHBOT_SECRET) -> dict[str, Any]:
    """Entry data of the simulated SwitchBot account."""
    return {"vendor": "switchbot", "api_token": SWITCHBOT_TOKEN, "api_secret": secret, "base_url": cloud.url}


def shelly_data(cloud: ShellyCloud) -> dict[str, Any]:
    """Entry data of the simulated Shelly account."""
    return {
        "vendor": "shelly",
        "host": cloud.url,
        "auth_key": SHELLY_AUTH_KEY,
        "device_ids": [SHELLY_1PM, SHELLY_2PM, SHELLY_HT],
    }


def sinricpro_data(cloud: SinricProCloud) -> dict[str, Any]:
    """Entry data of the simulated SinricPro account."""
    return {"vendor": "sinricpro", "api_key": SINRICPRO_API_KEY, "base_url": cloud.url}


async def setup_entry(hass: HomeAssistant, data: dict[str, Any], **kwargs: Any) -> MockConfigEntry:
    """Add an entry with `data` and set it up."""
    kwargs.setdefault("unique_id", f"{data['vendor']}-test")
    entry = MockConfigEntry(domain=DOMAIN, title=data["vendor"], data=data, **kwargs)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
def clouds(
    switchbot_cloud: SwitchBotCloud, shelly_cloud: ShellyCloud, sinricpro_cloud: SinricProCloud
) -> dict[str, Any]:
    """All three simulated clouds, by vendor."""
    return {"switchbot": switchbot_cloud, "shelly": shelly_cloud, "sinricpro": sinricpro_cloud}


DATA_OF = {"switchbot": switchbot_data, "shelly": shelly_data, "sinricpro": sinricpro_data}


@pytest.fixture
async def switchbot_entry(hass: HomeAssistant, switchbot_cloud: SwitchBotCloud) -> MockConfigEntry:
    """The SwitchBot account, set up."""
    return await setup_entry(hass, switchbot_data(switchbot_cloud))


@pytest.fixture
async def shelly_entry(hass: HomeAssistant, shelly_cloud: ShellyCloud) -> MockConfigEntry:
    """The Shelly account, set up."""
    return await setup_entry(hass, shelly_data(shelly_cloud))


@pytest.fixture
async def sinricpro_entry(hass: HomeAssistant, sinricpro_cloud: SinricProCloud) -> MockConfigEntry:
    """The SinricPro account, set up."""
    return await setup_entry(hass, sinricpro_data(sinricpro_cloud))


async def next_poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Let the entry's poll interval pass and the poll finish."""
    async_fire_time_changed(hass, dt_util.utcnow() + entry.runtime_data.update_interval)
    # Scheduled polls run as background tasks.
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.fixture
async def webhook_client(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> TestClient:
    """Home Assistant's HTTP server, set as the external URL a cloud pushes to.

    Set up before an entry, so the entry gives the cloud a URL that reaches it;
    webhook first, as the server's routes are fixed once it serves.
    """
    assert await async_setup_component(hass, "webhook", {})
    client = await hass_client_no_auth()
    hass.config.external_url = str(client.make_url("")).rstrip("/")
    return client


async def post_webhook(client: TestClient, entry: MockConfigEntry, body: Any) -> int:
    """POST ``body`` (JSON, or raw bytes) to the entry's webhook; returns the status."""
    path = f"/api/webhook/{entry.data['webhook_id']}"
    if isinstance(body, bytes):
        response = await client.post(path, data=body)
    else:
        response = await client.post(path, json=body)
    return response.status


@pytest.fixture
async def ir_cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SwitchBotCloud]:
    """A SwitchBot account with a remote of every IR type (tests/switchbot/ir_home.py)."""
    from tests.switchbot.ir_home import ir_account

    async with serving(hass, ir_account()) as cloud:
        yield cloud


@pytest.fixture
async def ir_entry(hass: HomeAssistant, ir_cloud: SwitchBotCloud) -> MockConfigEntry:
    """The IR account, set up (API v1.1)."""
    return await setup_entry(hass, switchbot_data(ir_cloud))


@pytest.fixture
async def sinricpro_home(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SinricProCloud]:
    """A SinricPro account with a device of every type of the first document (and one not mapped)."""
    from tests.sinricpro.home import populate

    cloud = SinricProCloud(SINRICPRO_API_KEY)
    populate(cloud)
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def sinricpro_home_entry(
    hass: HomeAssistant, sinricpro_home: SinricProCloud
) -> AsyncIterator[MockConfigEntry]:
    """That account set up with its event stream open; unloaded (stream ended) after."""
    from homeassistant.config_entries import ConfigEntryState

    entry = await setup_entry(hass, sinricpro_data(sinricpro_home))
    await wait_until(lambda: entry.runtime_data.push_active, "the stream is up")
    yield entry
    if entry.state is ConfigEntryState.LOADED:
        await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()


async def skip_realtime(hass: HomeAssistant, result: Any) -> Any:
    """Past the offer of real-time updates that follows a Shelly account's form: polls only."""
    if result.get("step_id") != "realtime_offer":
        return result
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "realtime_skip"}
    )


async def wait_until(predicate: Callable[[], bool], what: str = "the condition") -> None:
    """Wait until `predicate` holds; fail if it never does (the bound only stops a hang)."""
    for _ in range(1000):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")
