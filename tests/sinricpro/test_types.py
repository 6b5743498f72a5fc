"""SinricPro types beyond the first document: TV, speaker, air quality, energy, camera, templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from tests.conftest import (
    SINRICPRO_API_KEY,
    serving,
    setup_entry,
    sinricpro_data,
    wait_until,
)
from tests.simulator.base import Fault
from tests.simulator.sinricpro import SinricProCloud

TV = "66b2000000000000000000e1"
SPEAKER = "66b2000000000000000000e2"
AIR = "66b2000000000000000000e3"
METER = "66b2000000000000000000e4"
CAMERA = "66b2000000000000000000e5"
WASHER = "66b2000000000000000000e6"
LAMP = "66b2000000000000000000e7"
BLIND = "66b2000000000000000000e8"

WASHER_ACTIONS = [
    "setPowerState",
    {"action": "setToggleState", "instanceId": "turbo"},
    {"action": "setRangeValue", "instanceId": "spin", "name": "Spin level", "minimumValue": 1, "maximumValue": 5},
    {"action": "setMode", "instanceId": "program", "modes": ["Eco", "Quick", "Wool"]},
    {"action": "setOpenClose", "instanceId": "lid"},
    "setStartStop",
    {"action": "sendKeystroke", "instanceId": "keypad", "name": "Keypad"},
]


@pytest.fixture
async def cloud(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[SinricProCloud]:
    cloud = SinricProCloud(SINRICPRO_API_KEY)
    cloud.add_device(TV, "TV", "Lounge TV", powerState="On")
    cloud.add_device(SPEAKER, "SPEAKER", "Kitchen Speaker", powerState="On")
    cloud.add_device(AIR, "AIR_QUALITY_SENSOR", "Bedroom Air")
    cloud.add_device(METER, "ENERGY_SENSOR", "Heat Pump Meter")
    cloud.add_device(CAMERA, "CAMERA", "Door Camera")
    cloud.add_device(WASHER, "CUSTOM", "Washer", actions=WASHER_ACTIONS, powerState="On",
                     instances={"spin": {"rangeValue": 3}, "program": {"mode": "Eco"}})
    cloud.add_device(LAMP, "LIGHT", "Plain Lamp", actions=["setPowerState", "setBrightness"])
    cloud.add_device(BLIND, "BLIND", "Step Blind", actions=["adjustRangeValue"], rangeValue=30)
    async with serving(hass, cloud):
        yield cloud


@pytest.fixture
async def entry(hass: HomeAssistant, cloud: SinricProCloud) -> MockConfigEntry:
    entry = await setup_entry(hass, sinricpro_data(cloud))
    await wait_until(lambda: entry.runtime_data.push_active, "the stream is up")
    return entry


def sent(cloud: SinricProCloud, device_id: str) -> list[tuple[str, str, str | None]]:
    """(action, value as the JSON text sent, instanceId) of every request to the device."""
    requests = cloud.requests_to(f"/api/v1/devices/{device_id}/action")
    return [(r.json["action"], r.json["value"], r.json.get("instanceId")) for r in requests]


async def call(hass: HomeAssistant, domain: str, service: str, entity_id: str, **data: Any) -> None:
    await hass.services.async_call(domain, service, {"entity_id": entity_id, **data}, blocking=True)


def attr(hass: HomeAssistant, entity_id: str, name: str) -> Any:
    return hass.states.get(entity_id).attributes.get(name)


async def test_tv(hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry) -> None:
    """Volume, mute, source, keys and channels by number and name, each as its action."""
    tv = "media_player.lounge_tv"
    assert hass.states.get(tv).state == "on"
    assert attr(hass, tv, "volume_level") == 0.2
    assert attr(hass, tv, "source") == "HDMI1"
    await call(hass, "media_player", "volume_set", tv, volume_level=0.45)
    await call(hass, "media_player", "volume_mute", tv, is_volume_muted=True)
    await call(hass, "media_player", "select_source", tv, source="HDMI2")
    await call(hass, "media_player", "media_pause", tv)
    await call(hass, "media_player", "play_media", tv, media_content_type="channel", media_content_id="7")
    await call(hass, "media_player", "play_media", tv, media_content_type="channel", media_content_id="BBC One")
    await call(hass, "button", "press", "button.lounge_tv_channel_up")
    await call(hass, "button", "press", "button.lounge_tv_rewind")
    assert sent(cloud, TV) == [
        ("setVolume", '{"volume": 45}', None),
        ("setMute", '{"mute": true}', None),
        ("selectInput", '{"input": "HDMI2"}', None),
        ("mediaControl", '{"control": "Pause"}', None),
        ("changeChannel", '{"channel": {"number": "7"}}', None),
        ("changeChannel", '{"channel": {"name": "BBC One"}}', None),
        ("skipChannels", '{"channelCount": 1}', None),
        ("mediaControl", '{"control": "Rewind"}', None),
    ]
    await wait_until(lambda: attr(hass, tv, "source") == "HDMI2", "source confirmed")
    assert attr(hass, tv, "volume_level") == 0.45
    assert attr(hass, tv, "is_volume_muted") is True


async def test_speaker(hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry) -> None:
    """Sound modes and equaliser bands; volume up as setVolume where the speaker takes it."""
    speaker = "media_player.kitchen_speaker"
    assert attr(hass, speaker, "sound_mode") == "MUSIC"
    await call(hass, "media_player", "select_sound_mode", speaker, sound_mode="MOVIE")
    await call(hass, "number", "set_value", "number.kitchen_speaker_bass", value=3)
    await call(hass, "button", "press", "button.kitchen_speaker_reset_equaliser")
    await call(hass, "media_player", "volume_up", speaker)
    assert sent(cloud, SPEAKER) == [
        ("setMode", '{"mode": "MOVIE"}', None),
        ("setBands", '{"bands": [{"name": "BASS", "value": 3}]}', None),
        ("resetBands", '{"bands": [{"name": "BASS"}, {"name": "MIDRANGE"}, {"name": "TREBLE"}]}', None),
        ("setVolume", '{"volume": 35}', None),
    ]
    await wait_until(lambda: hass.states.get("number.kitchen_speaker_bass").state == "0.0", "reset")


async def test_sensors_from_the_stream(hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry) -> None:
    """Air quality, power usage (energy summed once per period) and camera motion move with events."""
    assert hass.states.get("sensor.bedroom_air_pm2_5").state == "8.0"
    cloud.device_event(AIR, "airQuality", {"pm1": 4, "pm2_5": 15, "pm10": 30})
    await wait_until(lambda: hass.states.get("sensor.bedroom_air_pm2_5").state == "15.0", "pm2.5")
    cloud.event_shape = "message"
    usage = {"startTime": 1000, "voltage": 231.0, "current": 4.2, "power": 950.0, "apparentPower": 980.0,
             "reactivePower": 120.0, "factor": 0.97, "wattHours": 250.0}
    cloud.device_event(METER, "powerUsage", usage)
    cloud.device_event(METER, "powerUsage", usage)  # the same period again: not counted twice
    cloud.device_event(METER, "powerUsage", {**usage, "startTime": 2000, "wattHours": 100.0})
    energy = "sensor.heat_pump_meter_energy"
    await wait_until(lambda: hass.states.get(energy).state == "0.35", "energy summed")
    assert hass.states.get("sensor.heat_pump_meter_power").state == "950.0"
    assert attr(hass, energy, "state_class") == "total_increasing"
    cloud.device_event(CAMERA, "motion", {"state": "detected"})
    await wait_until(lambda: hass.states.get("binary_sensor.door_camera_motion").state == "on", "motion")
    await call(hass, "switch", "turn_off", "switch.door_camera")
    assert sent(cloud, CAMERA) == [("setPowerState", '{"state": "Off"}', None)]


async def test_template_device(hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry) -> None:
    """One entity per capability, named by its instance, each action naming its instanceId."""
    assert hass.states.get("number.washer_spin_level").state == "3.0"
    assert hass.states.get("select.washer_program").state == "Eco"
    await call(hass, "switch", "turn_on", "switch.washer_turbo")
    await call(hass, "number", "set_value", "number.washer_spin_level", value=5)
    await call(hass, "select", "select_option", "select.washer_program", option="Wool")
    await call(hass, "cover", "set_cover_position", "cover.washer_lid", position=40)
    await call(hass, "switch", "turn_on", "switch.washer_running")
    await call(hass, "remote", "send_command", "remote.washer_keypad", command=["ENTER"])
    assert sent(cloud, WASHER) == [
        ("setToggleState", '{"state": "On"}', "turbo"),
        ("setRangeValue", '{"rangeValue": 5}', "spin"),
        ("setMode", '{"mode": "Wool"}', "program"),
        ("setOpenClose", '{"openPercent": 40}', "lid"),
        ("setStartStop", '{"start": true}', None),
        ("sendKeystroke", '{"keystroke": "ENTER"}', "keypad"),
    ]
    await wait_until(lambda: hass.states.get("select.washer_program").state == "Wool", "confirmed")


async def test_features_follow_product_actions(
    hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry
) -> None:
    """A light without setColor offers brightness only; a blind with only steps steps there."""
    assert attr(hass, "light.plain_lamp", "supported_color_modes") == ["brightness"]
    await call(hass, "cover", "set_cover_position", "cover.step_blind", position=70)
    await wait_until(lambda: cloud.devices[BLIND]["rangeValue"] == 70, "stepped there")
    await hass.async_block_till_done()
    await call(hass, "cover", "close_cover", "cover.step_blind")
    assert sent(cloud, BLIND) == [
        ("adjustRangeValue", '{"rangeValueDelta": 40}', None),
        ("adjustRangeValue", '{"rangeValueDelta": -70}', None),
    ]
    await wait_until(lambda: hass.states.get("cover.step_blind").state == "closed", "closed")


@pytest.mark.parametrize(
    "platforms",
    [[p] for p in (
        Platform.BINARY_SENSOR, Platform.BUTTON, Platform.COVER, Platform.LIGHT,
        Platform.MEDIA_PLAYER, Platform.NUMBER, Platform.REMOTE, Platform.SELECT,
        Platform.SENSOR, Platform.SWITCH,
    )],
    ids=lambda p: p[0].value,
)
async def test_entities(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every new type becomes its platforms' entities."""
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_failure_answered_with_success_false(
    hass: HomeAssistant, cloud: SinricProCloud, entry: MockConfigEntry
) -> None:
    """HTTP 200 with success false failed: the cloud's message, and the true state stays."""
    tv = "media_player.lounge_tv"
    cloud.inject(Fault(status=200, body='{"success": false, "message": "Device is offline"}',
                       times=1, path_prefix=f"/api/v1/devices/{TV}/action"))
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "media_player", "volume_set", tv, volume_level=0.9)
    assert err.value.translation_key == "command_failed"
    assert err.value.translation_placeholders["message"] == "Device is offline"
    assert attr(hass, tv, "volume_level") == 0.2
