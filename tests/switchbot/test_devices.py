"""Every SwitchBot physical device type: its entities and the exact commands it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from tests.conftest import (
    SWITCHBOT_SECRET,
    SWITCHBOT_TOKEN,
    next_poll,
    serving,
    setup_entry,
    switchbot_data,
)
from tests.simulator.switchbot import SwitchBotCloud

HUB = "D0C0FFEE0001"
DEVICES: dict[str, tuple[str, str, dict[str, Any]]] = {
    # id: (deviceType, name, status overrides)
    "D0B0B0000001": ("Bot", "Doorbell Bot", {"deviceMode": "pressMode"}),
    "D0B0B0000002": ("Plug", "Kettle Plug", {}),
    "D0B0B0000003": ("Plug Mini (JP)", "Heater Plug", {"power": "on"}),
    "D0B0B0000004": ("Curtain", "Bedroom Curtain", {"slidePosition": 25}),
    "D0B0B0000005": ("Curtain3", "Study Curtain", {"calibrate": False}),
    "D0B0B0000006": ("Blind Tilt", "Office Blind", {"slidePosition": 50}),
    "D0B0B0000007": ("Smart Lock", "Front Door", {"doorState": "opened"}),
    "D0B0B0000008": ("MeterPlus", "Nursery Meter", {}),
    "D0B0B0000009": ("WoIOSensor", "Balcony Meter", {}),
    "D0B0B000000A": ("Hub 2", "Living Hub 2", {}),
    "D0B0B000000B": ("Motion Sensor", "Hall Motion", {"moveDetected": True}),
    "D0B0B000000C": ("Contact Sensor", "Back Door", {"openState": "timeOutNotClose"}),
    "D0B0B000000D": ("Color Bulb", "Desk Bulb", {"power": "on", "brightness": 60}),
    "D0B0B000000E": ("Strip Light", "Shelf Strip", {"color": "255:0:128", "power": "on"}),
    "D0B0B000000F": ("Ceiling Light", "Kitchen Ceiling", {}),
    "D0B0B0000010": ("Ceiling Light Pro", "Hall Ceiling", {}),
    "D0B0B0000011": ("Humidifier", "Bedroom Humidifier", {"lackWater": True}),
    "D0B0B0000012": ("Robot Vacuum Cleaner S1", "Downstairs Robot", {"workingStatus": "ChargeDone"}),
    "D0B0B0000013": ("Robot Vacuum Cleaner S1 Plus", "Upstairs Robot", {}),
    "D0B0B0000014": ("Battery Circulator Fan", "Desk Fan", {}),
    "D0B0B0000015": ("Smart Fan", "Ceiling Fan", {}),
    "D0B0B0000016": ("Indoor Cam", "Hall Cam", {}),
}
# The device types that API v1.0 also lists (its document's device list).
IN_V10 = {"Bot", "Plug", "Curtain", "Meter", "Humidifier", "Smart Fan"}


@pytest.fixture
async def cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SwitchBotCloud]:
    """An account with one device of every physical type behind one hub."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device(HUB, "Hub Mini", "Hub")
    for device_id, (device_type, name, status) in DEVICES.items():
        cloud.add_device(device_id, device_type, name, hub_id=HUB, status=status)
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def entry(hass: HomeAssistant, cloud: SwitchBotCloud) -> MockConfigEntry:
    """The account set up with API v1.1."""
    return await setup_entry(hass, switchbot_data(cloud))


@pytest.mark.parametrize(
    "platforms",
    [
        [Platform.BINARY_SENSOR],
        [Platform.BUTTON],
        [Platform.COVER],
        [Platform.FAN],
        [Platform.HUMIDIFIER],
        [Platform.LIGHT],
        [Platform.LOCK],
        [Platform.SENSOR],
        [Platform.SWITCH],
        [Platform.VACUUM],
    ],
    ids=lambda platforms: platforms[0],
)
async def test_entities(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Each device type's entities, names, classes, units and states."""
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_states(hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry) -> None:
    """Status fields read the way Home Assistant counts them."""
    # SwitchBot slidePosition 25 (0 = open) is 75 % open.
    assert hass.states.get("cover.bedroom_curtain").attributes["current_position"] == 75
    assert hass.states.get("binary_sensor.study_curtain_calibration").state == "on"
    assert hass.states.get("cover.office_blind").attributes["current_tilt_position"] == 50
    assert hass.states.get("lock.front_door").state == "locked"
    assert hass.states.get("binary_sensor.front_door_door").state == "on"
    assert hass.states.get("binary_sensor.hall_motion_motion").state == "on"
    assert hass.states.get("binary_sensor.back_door_door").state == "on"
    assert hass.states.get("binary_sensor.bedroom_humidifier_water_tank_empty").state == "on"
    assert hass.states.get("light.desk_bulb").attributes["brightness"] == 153
    assert hass.states.get("light.shelf_strip").attributes["rgb_color"] == (255, 0, 128)
    assert hass.states.get("humidifier.bedroom_humidifier").attributes["mode"] == "low"
    assert hass.states.get("vacuum.downstairs_robot").state == "docked"
    # Cameras only report motion by webhook: no status call is ever made for them.
    assert not cloud.requests_to("/v1.1/devices/D0B0B0000016/status")

    cloud.statuses["D0B0B0000007"]["lockState"] = "jammed"
    cloud.statuses["D0B0B0000012"].update(workingStatus="Clearing", onlineStatus="online")
    cloud.statuses["D0B0B0000013"]["onlineStatus"] = "offline"
    await next_poll(hass, entry)
    assert hass.states.get("lock.front_door").state == "jammed"
    assert hass.states.get("vacuum.downstairs_robot").state == "cleaning"
    assert hass.states.get("vacuum.upstairs_robot").state == STATE_UNAVAILABLE


COMMANDS: list[tuple[str, str, str, dict[str, Any], list[tuple[str, str]]]] = [
    # (device, domain, service, data, [(command, parameter), ...] the cloud receives)
    ("D0B0B0000001", "button", "press", {}, [("press", "default")]),
    ("D0B0B0000002", "switch", "turn_on", {}, [("turnOn", "default")]),
    ("D0B0B0000003", "switch", "turn_off", {}, [("turnOff", "default")]),
    ("D0B0B0000004", "cover", "set_cover_position", {"position": 30}, [("setPosition", "0,ff,70")]),
    ("D0B0B0000004", "cover", "open_cover", {}, [("turnOn", "default")]),
    ("D0B0B0000005", "cover", "close_cover", {}, [("turnOff", "default")]),
    ("D0B0B0000005", "cover", "stop_cover", {}, [("pause", "default")]),
    ("D0B0B0000006", "cover", "set_cover_tilt_position", {"tilt_position": 61}, [("setPosition", "up;60")]),
    ("D0B0B0000006", "cover", "open_cover_tilt", {}, [("fullyOpen", "default")]),
    ("D0B0B0000006", "cover", "close_cover_tilt", {}, [("closeUp", "default")]),
    ("D0B0B0000007", "lock", "unlock", {}, [("unlock", "default")]),
    ("D0B0B0000007", "lock", "lock", {}, [("lock", "default")]),
    ("D0B0B000000D", "light", "turn_on", {"rgb_color": [10, 20, 30]}, [("setColor", "10:20:30")]),
    ("D0B0B000000D", "light", "turn_on", {"brightness": 128}, [("setBrightness", "50")]),
    ("D0B0B000000D", "light", "turn_off", {}, [("turnOff", "default")]),
    (
        "D0B0B000000E",
        "light",
        "turn_on",
        {"rgb_color": [1, 2, 3], "brightness": 255},
        [("setColor", "1:2:3"), ("setBrightness", "100")],
    ),
    (
        "D0B0B000000F",
        "light",
        "turn_on",
        {"color_temp_kelvin": 3000},
        [("turnOn", "default"), ("setColorTemperature", "3000")],
    ),
    ("D0B0B0000010", "light", "turn_on", {}, [("turnOn", "default")]),
    ("D0B0B0000011", "humidifier", "set_humidity", {"humidity": 55}, [("setMode", "55")]),
    ("D0B0B0000011", "humidifier", "set_mode", {"mode": "high"}, [("setMode", "103")]),
    ("D0B0B0000011", "humidifier", "set_mode", {"mode": "auto"}, [("setMode", "auto")]),
    ("D0B0B0000011", "humidifier", "turn_on", {}, [("turnOn", "default")]),
    ("D0B0B0000012", "vacuum", "start", {}, [("start", "default")]),
    ("D0B0B0000012", "vacuum", "stop", {}, [("stop", "default")]),
    ("D0B0B0000013", "vacuum", "return_to_base", {}, [("dock", "default")]),
    ("D0B0B0000013", "vacuum", "set_fan_speed", {"fan_speed": "strong"}, [("PowLevel", "2")]),
    (
        "D0B0B0000014",
        "fan",
        "set_percentage",
        {"percentage": 40},
        [("turnOn", "default"), ("setWindSpeed", "40")],
    ),
    ("D0B0B0000014", "fan", "set_preset_mode", {"preset_mode": "baby"}, [("setWindMode", "baby")]),
    ("D0B0B0000014", "fan", "turn_off", {}, [("turnOff", "default")]),
    (
        "D0B0B0000015",
        "fan",
        "set_percentage",
        {"percentage": 60},
        [("turnOn", "default"), ("setAllStatus", "on,1,3,60")],
    ),
    ("D0B0B0000015", "fan", "set_preset_mode", {"preset_mode": "natural"}, [("setAllStatus", "on,2,1,60")]),
    ("D0B0B0000015", "fan", "oscillate", {"oscillating": False}, [("setAllStatus", "on,1,1,0")]),
]


def _entity_id(hass: HomeAssistant, domain: str, device_id: str) -> str:
    registry = er.async_get(hass)
    entity_id = next(
        e.entity_id
        for e in registry.entities.values()
        if e.domain == domain and e.unique_id.startswith(f"switchbot_{device_id}_")
    )
    return entity_id


@pytest.mark.parametrize(("device_id", "domain", "service", "data", "expected"), COMMANDS)
async def test_commands(
    hass: HomeAssistant,
    cloud: SwitchBotCloud,
    entry: MockConfigEntry,
    device_id: str,
    domain: str,
    service: str,
    data: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    """Each service call sends exactly the document's command, and the cloud accepts it."""
    entity_id = _entity_id(hass, domain, device_id)
    await hass.services.async_call(
        domain, service, {"entity_id": entity_id, **data}, blocking=True
    )
    requests = cloud.requests_to(f"/v1.1/devices/{device_id}/commands")
    assert [(r.json["command"], r.json["parameter"]) for r in requests] == expected
    assert all(r.json["commandType"] == "command" for r in requests)
    assert hass.states.get(entity_id).state != STATE_UNAVAILABLE


@pytest.mark.parametrize(
    ("device_id", "domain", "service", "data", "expected"),
    [row for row in COMMANDS if DEVICES[row[0]][0] in IN_V10],
)
async def test_commands_v10(
    hass: HomeAssistant,
    cloud: SwitchBotCloud,
    device_id: str,
    domain: str,
    service: str,
    data: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    """Devices API v1.0 knows take the same commands with the token alone."""
    await setup_entry(hass, switchbot_data(cloud, secret=""))
    entity_id = _entity_id(hass, domain, device_id)
    await hass.services.async_call(
        domain, service, {"entity_id": entity_id, **data}, blocking=True
    )
    requests = cloud.requests_to(f"/v1.0/devices/{device_id}/commands")
    assert [(r.json["command"], r.json["parameter"]) for r in requests] == expected
    assert all("sign" not in r.headers for r in requests)


async def test_cover_moving(hass: HomeAssistant, cloud: SwitchBotCloud, entry: MockConfigEntry) -> None:
    """After a move command the curtain shows its direction until it reports a stop."""
    await hass.services.async_call(
        "cover", "set_cover_position", {"entity_id": "cover.bedroom_curtain", "position": 100}, blocking=True
    )
    assert hass.states.get("cover.bedroom_curtain").state == "opening"
    cloud.statuses["D0B0B0000004"].update(moving=False, slidePosition=0)
    await next_poll(hass, entry)
    state = hass.states.get("cover.bedroom_curtain")
    assert state.state == "open"
    assert state.attributes["current_position"] == 100


async def test_unmapped_hub_type(
    hass: HomeAssistant, socket_enabled: None, caplog: pytest.LogCaptureFixture
) -> None:
    """A hub of a type not mapped yet is a device entry: the devices behind it link to it.

    Before, the hub was left out and its devices named a parent that did not
    exist, which Home Assistant reports (and 2025.12 drops). The suite fails
    on any such report; the type is logged once and listed in the diagnostics.
    """
    from homeassistant.helpers import device_registry as dr

    from custom_components.cloud_bridge.diagnostics import (
        async_get_config_entry_diagnostics,
    )
    from custom_components.cloud_bridge.registry import async_entry_device

    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device("D0FEED000001", "Hub 4", "Attic Hub")
    cloud.add_device("D0FEED000002", "Meter", "Attic Meter", hub_id="D0FEED000001")
    cloud.add_device("D0FEED000003", "Meter", "Loose Meter", hub_id="000000000000")
    async with serving(hass, cloud):
        entry = await setup_entry(hass, switchbot_data(cloud))
        await next_poll(hass, entry)
        hub = async_entry_device(hass, entry.entry_id, ("cloud_bridge", "switchbot_D0FEED000001"))
        meter = async_entry_device(hass, entry.entry_id, ("cloud_bridge", "switchbot_D0FEED000002"))
        loose = async_entry_device(hass, entry.entry_id, ("cloud_bridge", "switchbot_D0FEED000003"))
        assert hub is not None
        assert meter is not None
        assert loose is not None
        assert (hub.model, hub.via_device_id) == ("Hub 4", None)
        assert meter.via_device_id == hub.id
        assert loose.via_device_id is None
        assert not er.async_entries_for_device(er.async_get(hass), hub.id)
        assert len(dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)) == 3
        assert caplog.text.count("'Hub 4' is not mapped yet") == 1
        diagnostics = await async_get_config_entry_diagnostics(hass, entry)
        assert diagnostics["unmapped_types"] == ["Hub 4"]


async def test_hub_link_follows_the_device_list(hass: HomeAssistant, socket_enabled: None) -> None:
    """A device moved to another hub is linked anew; one moved off every hub is unlinked."""
    from custom_components.cloud_bridge.api.switchbot import client as switchbot_client
    from custom_components.cloud_bridge.registry import async_entry_device

    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_device("D0FEED000011", "Hub Mini", "Hub A")
    cloud.add_device("D0FEED000012", "Hub 2", "Hub B")
    cloud.add_device("D0FEED000013", "Meter", "Roaming Meter", hub_id="D0FEED000011")
    async with serving(hass, cloud):
        entry = await setup_entry(hass, switchbot_data(cloud))

        def parent() -> str | None:
            device = async_entry_device(hass, entry.entry_id, ("cloud_bridge", "switchbot_D0FEED000013"))
            assert device is not None
            return device.via_device_id

        def hub(device_id: str) -> str:
            device = async_entry_device(hass, entry.entry_id, ("cloud_bridge", f"switchbot_{device_id}"))
            assert device is not None
            return device.id

        assert parent() == hub("D0FEED000011")
        for moved_to, expected in (("D0FEED000012", hub("D0FEED000012")), ("", None)):
            cloud.devices["D0FEED000013"]["hubDeviceId"] = moved_to
            entry.runtime_data.client._listed_at = -switchbot_client.LIST_INTERVAL  # list again
            await next_poll(hass, entry)
            assert parent() == expected
