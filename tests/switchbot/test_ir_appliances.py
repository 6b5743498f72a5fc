"""SwitchBot IR media players, fans and lights end to end, and the IR table on its own."""

from __future__ import annotations

import aiohttp
from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.cloud_bridge.api import (
    ClimateTraits,
    CommandRejected,
    MediaTraits,
    RemoteTraits,
    SetFanMode,
    SetPreset,
    SwitchBotClient,
)
from tests.conftest import SWITCHBOT_SECRET, SWITCHBOT_TOKEN
from tests.simulator.switchbot import SwitchBotCloud
from tests.switchbot.ir_home import (
    DVD,
    FAN,
    IR_PLATFORMS,
    LIGHT,
    SET_TOP_BOX,
    SPEAKER,
    STREAMER,
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
    ("entity", "device_id"),
    [
        ("media_player.living_room_tv", TV),
        ("media_player.streaming_stick", STREAMER),
        ("media_player.cable_box", SET_TOP_BOX),
    ],
)
async def test_tv_types(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry, entity: str, device_id: str
) -> None:
    """TV, Streamer and Set Top Box: volume, mute, channel steps and channel numbers."""
    for service, data, expected in [
        ("volume_up", {}, command("volumeAdd")),
        ("volume_down", {}, command("volumeSub")),
        ("media_next_track", {}, command("channelAdd")),
        ("media_previous_track", {}, command("channelSub")),
        ("volume_mute", {"is_volume_muted": True}, command("setMute")),
        ("play_media", {"media_content_type": "channel", "media_content_id": "15"}, command("SetChannel", "15")),
        ("turn_off", {}, command("turnOff")),
    ]:
        await call(hass, "media_player", service, entity, **data)
        assert sent(ir_cloud, device_id) == expected, service
        if service == "play_media":
            attributes = hass.states.get(entity).attributes
            assert attributes["is_volume_muted"] is True
            assert (attributes["media_content_type"], attributes["media_content_id"]) == ("channel", "15")
    assert hass.states.get(entity).state == STATE_OFF


async def test_channel_numbers_only(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """play_media takes a channel number and nothing else."""
    for media_type, media_id in [("music", "15"), ("channel", "BBC One"), ("channel", "0")]:
        with pytest.raises(ServiceValidationError) as err:
            await call(
                hass, "media_player", "play_media", "media_player.living_room_tv",
                media_content_type=media_type, media_content_id=media_id,
            )
        assert err.value.translation_key == "channel_number_only"
    assert not ir_cloud.requests_to(f"/v1.1/devices/{TV}/commands")


@pytest.mark.parametrize(
    ("entity", "device_id"),
    [("media_player.blu_ray_player", DVD), ("media_player.soundbar", SPEAKER)],
)
async def test_players(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry, entity: str, device_id: str
) -> None:
    """DVD and Speaker: play, pause, stop, tracks and mute; the state follows."""
    for service, expected, state in [
        ("media_play", "Play", "playing"),
        ("media_pause", "Pause", "paused"),
        ("media_next_track", "Next", "paused"),
        ("media_previous_track", "Previous", "paused"),
        ("media_stop", "Stop", "idle"),
    ]:
        await call(hass, "media_player", service, entity)
        assert sent(ir_cloud, device_id) == command(expected), service
        assert hass.states.get(entity).state == state
    await call(hass, "media_player", "volume_mute", entity, is_volume_muted=False)
    assert sent(ir_cloud, device_id) == command("setMute")
    assert hass.states.get(entity).attributes["is_volume_muted"] is False
    await call(hass, "media_player", "turn_on", entity)
    assert sent(ir_cloud, device_id) == command("turnOn")


async def test_speaker_volume(
    hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry
) -> None:
    """A Speaker steps its volume; a DVD player has no volume keys."""
    await call(hass, "media_player", "volume_up", "media_player.soundbar")
    assert sent(ir_cloud, SPEAKER) == command("volumeAdd")
    await call(hass, "media_player", "volume_down", "media_player.soundbar")
    assert sent(ir_cloud, SPEAKER) == command("volumeSub")
    with pytest.raises(HomeAssistantError):
        await call(hass, "media_player", "volume_up", "media_player.blu_ray_player")


async def test_fan(hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry) -> None:
    """Three speeds, swing and power."""
    await call(hass, "fan", "turn_on", "fan.desk_fan", percentage=33)
    assert [r.json for r in ir_cloud.requests_to(f"/v1.1/devices/{FAN}/commands")] == [
        command("turnOn"),
        command("lowSpeed"),
    ]
    await call(hass, "fan", "set_percentage", "fan.desk_fan", percentage=66)
    assert sent(ir_cloud, FAN) == command("middleSpeed")
    await call(hass, "fan", "set_percentage", "fan.desk_fan", percentage=100)
    assert sent(ir_cloud, FAN) == command("highSpeed")
    await call(hass, "fan", "oscillate", "fan.desk_fan", oscillating=True)
    assert sent(ir_cloud, FAN) == command("swing")
    state = hass.states.get("fan.desk_fan")
    assert (state.state, state.attributes["percentage"], state.attributes["oscillating"]) == (STATE_ON, 100, True)
    await call(hass, "fan", "turn_off", "fan.desk_fan")
    assert sent(ir_cloud, FAN) == command("turnOff")
    assert hass.states.get("remote.desk_fan").state == STATE_OFF


async def test_light(hass: HomeAssistant, ir_cloud: SwitchBotCloud, ir_entry: MockConfigEntry) -> None:
    """An IR light switches; its brightness steps are two buttons."""
    await call(hass, "light", "turn_on", "light.hall_light")
    assert sent(ir_cloud, LIGHT) == command("turnOn")
    await call(hass, "button", "press", "button.hall_light_brightness_up")
    assert sent(ir_cloud, LIGHT) == command("brightnessUp")
    await call(hass, "button", "press", "button.hall_light_brightness_down")
    assert sent(ir_cloud, LIGHT) == command("brightnessDown")
    assert hass.states.get("light.hall_light").state == STATE_ON
    await call(hass, "light", "turn_off", "light.hall_light")
    assert sent(ir_cloud, LIGHT) == command("turnOff")
    assert hass.states.get("light.hall_light").state == STATE_OFF


async def test_api_remote_types(socket_enabled: None) -> None:
    """The api alone: v1.0 type names, "DIY " types, entries it cannot use."""
    cloud = SwitchBotCloud(SWITCHBOT_TOKEN, SWITCHBOT_SECRET)
    cloud.add_remote("ir-1", "IPTV/Streamer", "Old Stick")
    cloud.add_remote("ir-2", "DVD", "Old Player")
    cloud.add_remote("ir-3", "DIY TV", "Learnt TV")
    cloud.add_remote("ir-4", "", "No Type")
    cloud.add_remote("ir-5", "Air Conditioner", "AC")
    async with cloud, aiohttp.ClientSession() as session:
        client = SwitchBotClient(session, SWITCHBOT_TOKEN, SWITCHBOT_SECRET, cloud.url)
        devices = await client.async_get_devices()
        assert set(devices) == {"ir-1", "ir-2", "ir-3", "ir-5"}
        stick, player = devices["ir-1"].channels["main"], devices["ir-2"].channels["main"]
        assert isinstance(stick.traits, MediaTraits)
        assert stick.traits.supports_channels
        assert isinstance(player.traits, MediaTraits)
        assert not player.traits.supports_channels
        remote = devices["ir-3"].channels["remote"].traits
        assert isinstance(remote, RemoteTraits)
        assert "channelAdd" in remote.buttons

        # The same remote keeps its Device (and so its assumed state) from poll to poll.
        assert (await client.async_get_devices())["ir-1"] is devices["ir-1"]
        ac = devices["ir-5"]
        assert isinstance(ac.channels["main"].traits, ClimateTraits)

        # Commands the remote has no button for never reach the cloud.
        for channel, bad in [("main", SetFanMode(mode="turbo")), ("remote", SetPreset(preset="eco"))]:
            with pytest.raises(CommandRejected):
                await client.async_execute(ac, ac.channels[channel], bad)
        assert not cloud.requests_to("/commands")
