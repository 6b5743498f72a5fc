"""Every vendor, every way a cloud fails, during setup, during a poll, during a command.

Faults are injected in the simulators (or the simulator is stopped); nothing of
our own client is patched but its timeout and the Shelly call spacing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
import json
import logging
from pathlib import Path
from typing import Any, cast

import aiohttp
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api import http
from custom_components.cloud_bridge.api.shelly import client as shelly_client
from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import DATA_OF, setup_entry
from tests.simulator.base import Fault, SimulatedCloud

STRINGS = json.loads(
    (Path(__file__).parent.parent / "custom_components/cloud_bridge/strings.json").read_text()
)

# The entity each test watches, its state as the simulator seeds it, and the
# service call that would change it.
ENTITY = {
    "switchbot": ("switch.desk_lamp_plug", STATE_ON, SERVICE_TURN_OFF),
    "shelly": ("switch.garage_1pm", STATE_OFF, SERVICE_TURN_ON),
    "sinricpro": ("switch.fan_switch", STATE_OFF, SERVICE_TURN_ON),
}
# Where the faults go: the calls that read devices (setup, polls) and send commands.
READ_PATH = {"switchbot": "/v1.1/devices", "shelly": "/v2/devices/api/get", "sinricpro": "/api/v1/devices"}
SET_PATH = {"switchbot": "/v1.1/devices", "shelly": "/v2/devices/api/set", "sinricpro": "/api/v1/devices"}

NORMAL_TIMEOUT = http.REQUEST_TIMEOUT
# Short, but only while a timeout is the fault: a loaded test machine answers slowly too.
SHORT_TIMEOUT = aiohttp.ClientTimeout(total=0.3)
# (status, body) a vendor answers for each fault that is only an answer.
ANSWERS: dict[str, dict[str, tuple[int, str]]] = {
    "http_500": dict.fromkeys(ENTITY, (500, "<html>Internal Server Error</html>")),
    "http_503": dict.fromkeys(ENTITY, (503, "")),
    "http_429": {
        "switchbot": (429, "<html>Too Many Requests</html>"),
        "shelly": (429, '{"isok": false, "errors": {"max_req": "Request limit reached!"}}'),
        "sinricpro": (429, '{"success": false, "message": "Too many requests"}'),
    },
    "not_json": dict.fromkeys(ENTITY, (200, "<html>maintenance</html>")),
    # Missing keys, wrong types, nulls and extra keys.
    "wrong_shape": {
        "switchbot": (200, '{"body": {"deviceList": null}, "message": 5, "extra": [1]}'),
        "shelly": (400, '{"isok": true, "error": 42, "data": null, "extra": {}}'),
        "sinricpro": (200, '{"success": "yes", "message": null, "devices": {"a": 1}}'),
    },
    # The vendor's own error codes (HTTP 200 for SwitchBot, as the cloud does).
    "vendor_error": {
        "switchbot": (200, '{"statusCode": 190, "body": {}, "message": "System error"}'),
        "shelly": (400, '{"isok": false, "error": "DEVICE_FAILED_COMMAND"}'),
        "sinricpro": (200, '{"success": false, "message": "Device failed"}'),
    },
    "vendor_offline": {
        "switchbot": (200, '{"statusCode": 161, "body": {}, "message": "device offline"}'),
        "shelly": (400, '{"isok": false, "error": "DEVICE_OFFLINE"}'),
        "sinricpro": (404, '{"success": false, "message": "Device not found"}'),
    },
}


@dataclass(frozen=True)
class Row:
    """What a fault of one vendor should lead to in each phase."""

    vendor: str
    fault: str
    setup: str  # "retry" (ConfigEntryNotReady) or "reauth"
    poll: str  # "unavailable", "kept" (last state stays) or "reauth"
    command: str | None  # the translation key of the error; None: the cloud accepted

    @property
    def id(self) -> str:
        return f"{self.vendor}-{self.fault}"


def _transport_rows(vendor: str) -> list[Row]:
    return [
        Row(vendor, fault, "retry", "unavailable", "cannot_connect")
        for fault in ("refused", "timeout", "http_500", "http_503")
    ]


ROWS = [
    *_transport_rows("switchbot"),
    # 429 and quota: polls keep the last state on purpose (nothing changed, we were told to wait).
    Row("switchbot", "http_429", "retry", "kept", "rate_limited"),
    Row("switchbot", "not_json", "retry", "unavailable", "cannot_connect"),
    # A status call that fails for one device keeps that device's last state.
    Row("switchbot", "wrong_shape", "retry", "kept", "command_failed"),
    Row("switchbot", "vendor_error", "retry", "kept", "command_device_error"),
    Row("switchbot", "vendor_offline", "retry", "unavailable", "device_offline"),
    # The cloud answers 401 for a spent quota too; after a success today it means quota.
    Row("switchbot", "auth", "reauth", "kept", "quota_exceeded"),
    *_transport_rows("shelly"),
    Row("shelly", "http_429", "retry", "kept", "rate_limited"),
    # A set call's 200 is acceptance whatever its body (the cloud may send none).
    Row("shelly", "not_json", "retry", "unavailable", None),
    Row("shelly", "wrong_shape", "retry", "unavailable", "cannot_connect"),
    Row("shelly", "vendor_error", "retry", "unavailable", "command_failed"),
    Row("shelly", "vendor_offline", "retry", "unavailable", "device_offline"),
    Row("shelly", "auth", "reauth", "reauth", "auth_failed"),
    *_transport_rows("sinricpro"),
    Row("sinricpro", "http_429", "retry", "kept", "rate_limited"),
    Row("sinricpro", "not_json", "retry", "unavailable", "cannot_connect"),
    Row("sinricpro", "wrong_shape", "retry", "unavailable", "command_failed"),
    Row("sinricpro", "vendor_error", "retry", "unavailable", "command_failed"),
    Row("sinricpro", "vendor_offline", "retry", "unavailable", "command_not_found"),
    Row("sinricpro", "auth", "reauth", "reauth", "auth_failed"),
]


@pytest.fixture
def platforms() -> list[Platform]:
    """Only switches: one entity per vendor is enough to watch."""
    return [Platform.SWITCH]


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shelly's one-call-a-second spacing made short; the timeout restored after each test."""
    monkeypatch.setattr(shelly_client, "CALL_INTERVAL", 0.01)
    monkeypatch.setattr(http, "REQUEST_TIMEOUT", NORMAL_TIMEOUT)


@pytest.fixture
def row(request: pytest.FixtureRequest) -> Row:
    """The matrix row a test runs (parametrised with EVERY_ROW)."""
    return cast(Row, request.param)


EVERY_ROW = pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS], indirect=True)


@pytest.fixture
def cloud(request: pytest.FixtureRequest, row: Row) -> SimulatedCloud:
    """The simulated cloud of the row's vendor (the shelly one without its own rate limit)."""
    found: Any = request.getfixturevalue(f"{row.vendor}_cloud")
    if row.vendor == "shelly":
        found.min_interval = 0.0
    return found


@pytest.fixture
async def loaded(
    hass: HomeAssistant, cloud: SimulatedCloud, row: Row, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[MockConfigEntry]:
    """The row's account set up, its switch as the cloud has it; unloaded and checked after."""
    entry = await setup_entry(hass, DATA_OF[row.vendor](cloud))
    assert entry.state is ConfigEntryState.LOADED
    entity_id, initial, _ = ENTITY[row.vendor]
    assert hass.states.get(entity_id).state == initial
    yield entry
    await _unload(hass, entry)
    _assert_nothing_unhandled(caplog)


type Clear = Callable[[], Awaitable[None]]


async def _inject(cloud: SimulatedCloud, row: Row, path: str) -> Clear:
    """Make the cloud fail as the row says; returns what makes it well again."""

    async def clear() -> None:
        cloud.clear_faults()

    if row.fault == "refused":
        port = int(cloud.url.rsplit(":", 1)[1])
        await cloud.stop()

        async def restart() -> None:
            await cloud.start(port=port)

        return restart
    if row.fault == "timeout":
        http.REQUEST_TIMEOUT = SHORT_TIMEOUT
        # Answered (with an error) only after the client gave up: nothing is carried out.
        cloud.inject(Fault(status=504, body="", delay=1.0, path_prefix=path))

        async def in_time() -> None:
            http.REQUEST_TIMEOUT = NORMAL_TIMEOUT
            cloud.clear_faults()

        return in_time
    if row.fault == "auth" and row.vendor == "sinricpro":
        cloud.key_revoked = True  # type: ignore[attr-defined]
        cloud.expire_tokens()  # type: ignore[attr-defined]

        async def restore() -> None:
            cloud.key_revoked = False  # type: ignore[attr-defined]

        return restore
    if row.fault == "auth":
        body = (
            '{"message": "Unauthorized"}'
            if row.vendor == "switchbot"
            else '{"isok": false, "errors": {"invalid_token": "wrong auth_key"}}'
        )
        cloud.inject(Fault(status=401, body=body, path_prefix=path))
        return clear
    status, body = ANSWERS[row.fault][row.vendor]
    cloud.inject(Fault(status=status, body=body, path_prefix=path))
    return clear


def _reauth_flows(hass: HomeAssistant) -> list[Any]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress()
        if flow["context"]["source"] == "reauth"
    ]


def _loud(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Warnings and errors Cloud Bridge (or its coordinator) logged."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.WARNING and record.name.startswith("custom_components.cloud_bridge")
    ]


def _assert_nothing_unhandled(caplog: pytest.LogCaptureFixture) -> None:
    for marker in ("Task exception was never retrieved", "Error doing job", "Unexpected error"):
        assert marker not in caplog.text
    # No exception escaped into Home Assistant's or our logs with its traceback.
    assert not [
        record.getMessage()
        for record in caplog.records
        if record.exc_info
        and record.levelno >= logging.ERROR
        and record.name.startswith(("custom_components", "homeassistant"))
    ]


async def _unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Unload (which ends streams and retries); the harness then finds no task left."""
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED


async def _refresh(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    # Not next_poll: SinricPro's event stream is a background task that never ends.
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


@EVERY_ROW
async def test_setup(
    hass: HomeAssistant, cloud: SimulatedCloud, row: Row, caplog: pytest.LogCaptureFixture
) -> None:
    """A fault while setting up: try again later, or ask for new credentials."""
    data = DATA_OF[row.vendor](cloud)
    clear = await _inject(cloud, row, READ_PATH[row.vendor])
    entry = await setup_entry(hass, data)
    if row.setup == "reauth":
        assert entry.state is ConfigEntryState.SETUP_ERROR
        assert [flow["context"]["entry_id"] for flow in _reauth_flows(hass)] == [entry.entry_id]
    else:
        assert entry.state is ConfigEntryState.SETUP_RETRY
        assert not _reauth_flows(hass)
    await clear()
    await _unload(hass, entry)
    _assert_nothing_unhandled(caplog)


@EVERY_ROW
async def test_poll(
    hass: HomeAssistant,
    cloud: SimulatedCloud,
    row: Row,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A fault during polls: entities go unavailable (or keep their state), say so once, recover."""
    entity_id, initial, _ = ENTITY[row.vendor]
    entry = loaded
    coordinator = entry.runtime_data

    clear = await _inject(cloud, row, READ_PATH[row.vendor])
    await _refresh(hass, entry)
    expected = initial if row.poll == "kept" else STATE_UNAVAILABLE
    assert hass.states.get(entity_id).state == expected
    said = _loud(caplog)
    if not coordinator.last_update_success or row.fault in ("http_429", "auth"):
        # The account failed, or was told to wait: the log says so.
        assert said
    for _ in range(2):
        await _refresh(hass, entry)
        assert hass.states.get(entity_id).state == expected
    # Once when it started, not once per poll.
    assert _loud(caplog) == said
    assert bool(_reauth_flows(hass)) == (row.poll == "reauth")

    await clear()
    await _refresh(hass, entry)
    assert entry.runtime_data is coordinator  # no reload
    assert entry.state is ConfigEntryState.LOADED
    assert coordinator.last_update_success
    assert hass.states.get(entity_id).state == initial


@EVERY_ROW
@pytest.mark.usefixtures("loaded")
async def test_command(hass: HomeAssistant, cloud: SimulatedCloud, row: Row) -> None:
    """A fault during a command: a translated error, and the entity keeps its true state."""
    entity_id, initial, service = ENTITY[row.vendor]

    clear = await _inject(cloud, row, SET_PATH[row.vendor])
    call = hass.services.async_call(
        SWITCH_DOMAIN, service, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )
    if row.command is None:
        await call
        assert hass.states.get(entity_id).state != initial
    else:
        with pytest.raises(HomeAssistantError) as raised:
            await call
        assert raised.value.translation_domain == DOMAIN
        assert raised.value.translation_key == row.command
        assert row.command in STRINGS["exceptions"]
        # The device did not change: the entity shows what it really is.
        truth = STATE_UNAVAILABLE if row.command == "device_offline" else initial
        assert hass.states.get(entity_id).state == truth
        assert bool(_reauth_flows(hass)) == (row.command == "auth_failed")
    await clear()
    await hass.async_block_till_done()
