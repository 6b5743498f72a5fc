"""SwitchBot IR remotes end to end: remotes, air conditioners, assumed state across polls and restarts."""

from __future__ import annotations

from itertools import pairwise

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    restore_state as rs,
)
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_load_restore_state_from_storage,
    mock_restore_cache_with_extra_data,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.cloud_bridge.const import DOMAIN
from tests.conftest import next_poll, setup_entry, switchbot_data
from tests.simulator.base import Fault
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.ir_home import (
    AC,
    DIY_AC,
    FAN,
    IR_HUB,
    IR_METER,
    IR_PLATFORMS,
    OTHERS,
    PROJECTOR,
    SPEAKER,
    TV,
    call,
    command,
    sent,
)


@pytest.fixture
def platforms() -> list[Platform]:
    """The platforms IR remotes create entities on."""
    return IR_PLATFORMS


@pytest.mark.parametrize(
    "platforms", [pytest.param([platform], id=platform.value) for platform in IR_PLATFORMS]
)
async def test_entities(
    hass: HomeAssistant,
    ir_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platforms: list[Platform],
) -> None:
    """Every remote is a remote; the documented types also get their appliance."""
    await snapshot_platform(hass, entity_registry, snapshot, ir_entry.entry_id)


async def test_devices_hang_on_their_hub(
    hass: HomeAssistant, ir_entry: MockConfigEntry, device_registry: dr.DeviceRegistry
) -> None:
    """A remote is its own device behind its hub; one whose hub is not listed stands alone."""
    hub = device_registry.async_get_device({(DOMAIN, f"switchbot_{IR_HUB}")})
    ac = device_registry.async_get_device({(DOMAIN, f"switchbot_{DIY_AC}")})
    assert (ac.model, ac.name, ac.via_device_id) == ("DIY Air Conditioner", "Bedroom AC", hub.id)
    assert device_registry.async_get_device({(DOMAIN, f"switchbot_{OTHERS}")}).via_device_id is None


async def test_remote_send_command(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """Documented buttons go out as commands, the user's own as "customize"."""
    await call(hass, "remote", "send_command", "remote.living_room_tv", command="volumeAdd")
    assert sent(ir_cloud, TV) == command("volumeAdd")
    await call(hass, "remote", "send_command", "remote.living_room_tv", command="Netflix")
    assert sent(ir_cloud, TV) == command("Netflix", command_type="customize")
    await call(hass, "remote", "send_command", "remote.gadget", command="ボタン")
    assert sent(ir_cloud, OTHERS) == command("ボタン", command_type="customize")
    # Others has no documented buttons at all, not even turnOn.
    await call(hass, "remote", "send_command", "remote.gadget", command="turnOn")
    assert sent(ir_cloud, OTHERS) == command("turnOn", command_type="customize")
    await call(hass, "remote", "send_command", "remote.desk_fan", command="timer")
    assert sent(ir_cloud, FAN) == command("timer")
    await call(hass, "remote", "send_command", "remote.projector", command="Menu")
    assert sent(ir_cloud, PROJECTOR) == command("Menu", command_type="customize")


async def test_remote_repeats_with_delay(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """num_repeats sends the whole sequence again; delay_secs spaces every press."""
    await call(
        hass, "remote", "send_command", "remote.soundbar",
        command=["volumeAdd", "Bass Boost"], num_repeats=2, delay_secs=0.05,
    )
    requests = ir_cloud.requests_to(f"/v1.1/devices/{SPEAKER}/commands")
    assert [r.json for r in requests] == [
        command("volumeAdd"),
        command("Bass Boost", command_type="customize"),
        command("volumeAdd"),
        command("Bass Boost", command_type="customize"),
    ]
    gaps = [b.time - a.time for a, b in pairwise(requests)]
    assert min(gaps) >= 0.045


async def test_remote_power(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """turn_on/turn_off send turnOn/turnOff; the appliance's entity follows."""
    assert hass.states.get("remote.living_room_tv").state == "unknown"
    await call(hass, "remote", "turn_on", "remote.living_room_tv")
    assert sent(ir_cloud, TV) == command("turnOn")
    assert hass.states.get("remote.living_room_tv").state == STATE_ON
    assert hass.states.get("remote.living_room_tv").attributes["assumed_state"] is True
    assert hass.states.get("media_player.living_room_tv").state == STATE_ON

    await call(hass, "remote", "turn_off", "remote.living_room_ac")
    assert sent(ir_cloud, AC) == command("turnOff")
    assert hass.states.get("climate.living_room_ac").state == "off"

    # A documented power button sent by name counts as well.
    await call(hass, "remote", "send_command", "remote.hall_light", command="turnOn")
    assert hass.states.get("light.hall_light").state == STATE_ON


async def test_others_has_no_power(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """Others only has the user's buttons: turn_on says so and sends nothing."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "remote", "turn_on", "remote.gadget")
    assert err.value.translation_key == "remote_without_power"
    assert not ir_cloud.requests_to(f"/v1.1/devices/{OTHERS}/commands")


async def test_air_conditioner(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """Every change sends the full setting: temperature, mode, fan, power."""
    entity = "climate.living_room_ac"
    await call(hass, "climate", "set_hvac_mode", entity, hvac_mode="cool")
    assert sent(ir_cloud, AC) == command("setAll", "26,2,1,on")
    await call(hass, "climate", "set_temperature", entity, temperature=22)
    assert sent(ir_cloud, AC) == command("setAll", "22,2,1,on")
    await call(hass, "climate", "set_fan_mode", entity, fan_mode="high")
    assert sent(ir_cloud, AC) == command("setAll", "22,2,4,on")
    state = hass.states.get(entity)
    assert (state.state, state.attributes["temperature"], state.attributes["fan_mode"]) == ("cool", 22, "high")
    assert hass.states.get("remote.living_room_ac").state == STATE_ON

    await call(hass, "climate", "set_hvac_mode", entity, hvac_mode="off")
    assert sent(ir_cloud, AC) == command("setAll", "22,2,4,off")
    assert hass.states.get(entity).state == "off"
    assert hass.states.get("remote.living_room_ac").state == STATE_OFF
    # A new temperature while off stays off; turning on brings the last mode back.
    await call(hass, "climate", "set_temperature", entity, temperature=24)
    assert sent(ir_cloud, AC) == command("setAll", "24,2,4,off")
    assert hass.states.get(entity).state == "off"
    await call(hass, "climate", "turn_on", entity)
    assert sent(ir_cloud, AC) == command("setAll", "24,2,4,on")
    assert hass.states.get(entity).state == "cool"
    await call(hass, "climate", "turn_off", entity)
    assert sent(ir_cloud, AC) == command("setAll", "24,2,4,off")

    await call(hass, "climate", "set_temperature", entity, temperature=28, hvac_mode="heat")
    assert sent(ir_cloud, AC) == command("setAll", "28,5,4,on")
    assert hass.states.get(entity).state == "heat"


@pytest.mark.parametrize(
    ("mode", "code"), [("auto", 1), ("cool", 2), ("dry", 3), ("fan_only", 4), ("heat", 5)]
)
async def test_diy_air_conditioner_modes(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry, mode: str, code: int
) -> None:
    """A "DIY " type takes the commands of its plain type."""
    await call(hass, "climate", "set_hvac_mode", "climate.bedroom_ac", hvac_mode=mode)
    assert sent(ir_cloud, DIY_AC) == command("setAll", f"26,{code},1,on")
    await call(hass, "climate", "set_fan_mode", "climate.bedroom_ac", fan_mode="low")
    assert sent(ir_cloud, DIY_AC) == command("setAll", f"26,{code},2,on")
    await call(hass, "climate", "set_fan_mode", "climate.bedroom_ac", fan_mode="medium")
    assert sent(ir_cloud, DIY_AC) == command("setAll", f"26,{code},3,on")


async def test_api_v1_0(hass: HomeAssistant, ir_cloud: SwitchBotCloud) -> None:
    """With a token only, the same bodies go to /v1.0."""
    await setup_entry(hass, switchbot_data(ir_cloud, secret=""))
    await call(hass, "climate", "set_hvac_mode", "climate.living_room_ac", hvac_mode="dry")
    assert sent(ir_cloud, AC, "v1.0") == command("setAll", "26,3,1,on")
    await call(hass, "remote", "send_command", "remote.gadget", command="ボタン")
    assert sent(ir_cloud, OTHERS, "v1.0") == command("ボタン", command_type="customize")
    await call(hass, "media_player", "volume_mute", "media_player.living_room_tv", is_volume_muted=True)
    assert sent(ir_cloud, TV, "v1.0") == command("setMute")
    assert not ir_cloud.requests_to("/v1.1/")


async def test_no_status_calls(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """Remotes are never polled and cost no share of the quota; their state outlives polls."""
    await call(hass, "climate", "set_hvac_mode", "climate.living_room_ac", hvac_mode="cool")
    await next_poll(hass, ir_entry)
    await next_poll(hass, ir_entry)
    status_calls = {r.path for r in ir_cloud.requests if r.path.endswith("/status")}
    assert status_calls == {f"/v1.1/devices/{IR_METER}/status"}
    coordinator = ir_entry.runtime_data
    assert coordinator.client.min_poll_interval(coordinator.data) == coordinator.client.min_poll_interval(
        {IR_METER: coordinator.data[IR_METER]}
    )
    assert hass.states.get("climate.living_room_ac").state == "cool"


async def test_hub_offline(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """171 "hub offline" is a translated error until the next poll finds the remote again."""
    await call(hass, "climate", "set_hvac_mode", "climate.living_room_ac", hvac_mode="cool")
    ir_cloud.set_hub_offline(IR_HUB)
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "climate", "set_temperature", "climate.living_room_ac", temperature=20)
    assert err.value.translation_key == "device_offline"
    assert hass.states.get("climate.living_room_ac").state == STATE_UNAVAILABLE
    ir_cloud.set_hub_offline(IR_HUB, False)
    await next_poll(hass, ir_entry)
    state = hass.states.get("climate.living_room_ac")
    assert (state.state, state.attributes["temperature"]) == ("cool", 26)


async def test_command_rejected(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """A refused command names the code and leaves the assumed state alone."""
    ir_cloud.inject(
        Fault(
            status=200,
            body='{"statusCode": 190, "body": {}, "message": "System error"}',
            times=1,
            path_prefix=f"/v1.1/devices/{AC}/commands",
        )
    )
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "climate", "set_hvac_mode", "climate.living_room_ac", hvac_mode="heat")
    assert err.value.translation_key == "command_device_error"
    assert hass.states.get("climate.living_room_ac").state == "unknown"
    assert hass.states.get("remote.living_room_ac").state == "unknown"


async def test_restore_from_last_run(hass: HomeAssistant, ir_cloud: SwitchBotCloud) -> None:
    """After a restart every IR entity shows what was last sent, and setAll goes on from it."""
    mock_restore_cache_with_extra_data(
        hass,
        [
            (State("climate.living_room_ac", "off"), {"on": False, "hvac_mode": "heat", "temperature": 23, "fan_mode": "low"}),
            (State("remote.living_room_ac", "off"), {"on": False}),
            (State("media_player.living_room_tv", "on"), {"on": True, "muted": True, "channel": 7, "playback": None}),
            (State("media_player.blu_ray_player", "paused"), {"on": True, "muted": None, "channel": None, "playback": "paused"}),
            (State("fan.desk_fan", "on"), {"on": True, "speed": 67, "oscillating": True}),
            (State("light.hall_light", "on"), {"on": True}),
        ],
    )
    await setup_entry(hass, switchbot_data(ir_cloud))
    climate = hass.states.get("climate.living_room_ac")
    assert (climate.state, climate.attributes["temperature"], climate.attributes["fan_mode"]) == ("off", 23, "low")
    assert hass.states.get("remote.living_room_ac").state == STATE_OFF
    tv = hass.states.get("media_player.living_room_tv")
    assert (tv.state, tv.attributes["is_volume_muted"], tv.attributes["media_content_id"]) == (STATE_ON, True, "7")
    assert hass.states.get("media_player.blu_ray_player").state == "paused"
    fan = hass.states.get("fan.desk_fan")
    assert (fan.state, fan.attributes["percentage"], fan.attributes["oscillating"]) == (STATE_ON, 67, True)
    assert hass.states.get("light.hall_light").state == STATE_ON
    assert not ir_cloud.requests_to("/commands")

    await call(hass, "climate", "turn_on", "climate.living_room_ac")
    assert sent(ir_cloud, AC) == command("setAll", "23,5,2,on")


async def test_state_survives_a_restart(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """What is saved at shutdown comes back through storage, with nothing sent."""
    await call(hass, "climate", "set_hvac_mode", "climate.living_room_ac", hvac_mode="dry")
    await call(hass, "climate", "set_fan_mode", "climate.living_room_ac", fan_mode="medium")
    await call(hass, "climate", "turn_off", "climate.living_room_ac")
    await call(hass, "media_player", "play_media", "media_player.cable_box", media_content_type="channel", media_content_id="42")
    await call(hass, "media_player", "media_play", "media_player.soundbar")
    await call(hass, "fan", "turn_on", "fan.desk_fan", percentage=66)
    before = {
        entity: hass.states.get(entity)
        for entity in ("climate.living_room_ac", "remote.living_room_ac", "media_player.cable_box", "media_player.soundbar", "fan.desk_fan", "remote.desk_fan")
    }
    commands_sent = len(ir_cloud.requests_to("/commands"))

    await rs.async_get(hass).async_dump_states()
    assert await hass.config_entries.async_unload(ir_entry.entry_id)
    await async_mock_load_restore_state_from_storage(hass)
    assert await hass.config_entries.async_setup(ir_entry.entry_id)
    await hass.async_block_till_done()

    for entity, state in before.items():
        after = hass.states.get(entity)
        assert (after.state, after.attributes) == (state.state, state.attributes), entity
    assert len(ir_cloud.requests_to("/commands")) == commands_sent
    await call(hass, "climate", "turn_on", "climate.living_room_ac")
    assert sent(ir_cloud, AC) == command("setAll", "26,3,3,on")
