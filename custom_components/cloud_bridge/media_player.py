"""Media players: TVs, receivers, players and speakers, reported by the cloud or driven by IR keys."""

from __future__ import annotations

from typing import Any

from homeassistant.components.media_player import (
    MediaPlayerDeviceClass,
    MediaPlayerEntity,
)
from homeassistant.components.media_player.const import (
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import (
    Channel,
    Command,
    Device,
    MediaAction,
    MediaClass,
    MediaCommand,
    MediaTraits,
    Playback,
    SelectSoundMode,
    SelectSource,
    SetChannel,
    SetChannelName,
    SetMute,
    SetPower,
    SetVolume,
)
from .assumed import AssumedStateEntity
from .const import DOMAIN
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .entity import CloudBridgeEntity, async_add_channel_entities

PARALLEL_UPDATES = 0

DEVICE_CLASSES = {
    MediaClass.TV: MediaPlayerDeviceClass.TV,
    MediaClass.RECEIVER: MediaPlayerDeviceClass.RECEIVER,
    MediaClass.SPEAKER: MediaPlayerDeviceClass.SPEAKER,
}
FEATURES = {
    MediaAction.VOLUME_UP: MediaPlayerEntityFeature.VOLUME_STEP,
    MediaAction.VOLUME_DOWN: MediaPlayerEntityFeature.VOLUME_STEP,
    MediaAction.NEXT: MediaPlayerEntityFeature.NEXT_TRACK,
    MediaAction.PREVIOUS: MediaPlayerEntityFeature.PREVIOUS_TRACK,
    MediaAction.PLAY: MediaPlayerEntityFeature.PLAY,
    MediaAction.PAUSE: MediaPlayerEntityFeature.PAUSE,
    MediaAction.STOP: MediaPlayerEntityFeature.STOP,
}
STATES = {
    Playback.PLAYING: MediaPlayerState.PLAYING,
    Playback.PAUSED: MediaPlayerState.PAUSED,
    Playback.STOPPED: MediaPlayerState.IDLE,
}
# The key whose effect is each playback state, to bring it back after a restart.
RESUME = {
    Playback.PLAYING: MediaAction.PLAY,
    Playback.PAUSED: MediaAction.PAUSE,
    Playback.STOPPED: MediaAction.STOP,
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a media player for every media channel."""
    async_add_channel_entities(
        entry,
        async_add_entities,
        MediaTraits,
        CloudBridgeMediaPlayer,
        AssumedMediaPlayer,
    )


class CloudBridgeMediaPlayer(CloudBridgeEntity, MediaPlayerEntity):
    """A media channel, as its device reports it."""

    _attr_name = None

    def __init__(
        self, coordinator: CloudBridgeCoordinator, device: Device, channel: Channel
    ) -> None:
        super().__init__(coordinator, device, channel, "media_player")
        traits = self.traits_of(MediaTraits)
        features = MediaPlayerEntityFeature.TURN_ON | MediaPlayerEntityFeature.TURN_OFF
        for action in traits.actions:
            features |= FEATURES[action]
        if traits.supports_mute:
            features |= MediaPlayerEntityFeature.VOLUME_MUTE
        if traits.supports_channels:
            features |= MediaPlayerEntityFeature.PLAY_MEDIA
        if traits.supports_volume_set:
            features |= MediaPlayerEntityFeature.VOLUME_SET
        if traits.sources:
            features |= MediaPlayerEntityFeature.SELECT_SOURCE
        if traits.sound_modes:
            features |= MediaPlayerEntityFeature.SELECT_SOUND_MODE
        self._attr_supported_features = features
        if traits.media_class is not None:
            self._attr_device_class = DEVICE_CLASSES[traits.media_class]

    @property
    def state(self) -> MediaPlayerState | None:
        is_on = self.channel.is_on
        playback = self.traits_of(MediaTraits).playback
        if is_on is False:
            return MediaPlayerState.OFF
        if playback is not None:
            return STATES[playback]
        return None if is_on is None else MediaPlayerState.ON

    @property
    def is_volume_muted(self) -> bool | None:
        return self.traits_of(MediaTraits).muted

    @property
    def volume_level(self) -> float | None:
        volume = self.traits_of(MediaTraits).volume
        return None if volume is None else volume / 100

    @property
    def source(self) -> str | None:
        return self.traits_of(MediaTraits).source

    @property
    def source_list(self) -> list[str] | None:
        return list(self.traits_of(MediaTraits).sources) or None

    @property
    def sound_mode(self) -> str | None:
        return self.traits_of(MediaTraits).sound_mode

    @property
    def sound_mode_list(self) -> list[str] | None:
        return list(self.traits_of(MediaTraits).sound_modes) or None

    @property
    def media_content_type(self) -> MediaType | None:
        traits = self.traits_of(MediaTraits)
        tuned = traits.channel_number is not None or traits.channel_name is not None
        return MediaType.CHANNEL if tuned else None

    @property
    def media_content_id(self) -> str | None:
        traits = self.traits_of(MediaTraits)
        if traits.channel_number is not None:
            return str(traits.channel_number)
        return traits.channel_name

    @property
    def media_channel(self) -> str | None:
        return self.media_content_id

    async def async_turn_on(self) -> None:
        await self._execute(SetPower(on=True))

    async def async_turn_off(self) -> None:
        await self._execute(SetPower(on=False))

    async def async_set_volume_level(self, volume: float) -> None:
        await self._execute(SetVolume(percent=round(volume * 100)))

    async def async_select_source(self, source: str) -> None:
        await self._execute(SelectSource(source=source))

    async def async_select_sound_mode(self, sound_mode: str) -> None:
        await self._execute(SelectSoundMode(mode=sound_mode))

    async def async_volume_up(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.VOLUME_UP))

    async def async_volume_down(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.VOLUME_DOWN))

    async def async_mute_volume(self, mute: bool) -> None:
        await self._execute(SetMute(muted=mute))

    async def async_media_next_track(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.NEXT))

    async def async_media_previous_track(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.PREVIOUS))

    async def async_media_play(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.PLAY))

    async def async_media_pause(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.PAUSE))

    async def async_media_stop(self) -> None:
        await self._execute(MediaCommand(action=MediaAction.STOP))

    async def async_play_media(
        self, media_type: MediaType | str, media_id: str, **kwargs: Any
    ) -> None:
        # Channel numbers ("15" with media type channel), and names where the TV takes them.
        number = int(media_id) if media_id.strip().isdigit() else 0
        by_name = self.traits_of(MediaTraits).supports_channel_names
        if media_type == MediaType.CHANNEL and not number and by_name and media_id.strip():
            await self._execute(SetChannelName(name=media_id.strip()))
            return
        if media_type != MediaType.CHANNEL or number < 1:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="channel_number_only",
                translation_placeholders={
                    "media_type": str(media_type),
                    "media_id": media_id,
                },
            )
        await self._execute(SetChannel(number=number))


class AssumedMediaPlayer(AssumedStateEntity, CloudBridgeMediaPlayer):
    """A media channel behind an IR remote; its state is what it was last told."""

    def saved_state(self) -> dict[str, Any]:
        traits = self.traits_of(MediaTraits)
        return {
            **super().saved_state(),
            "muted": traits.muted,
            "channel": traits.channel_number,
            "playback": traits.playback,
        }

    def restore_commands(self, saved: dict[str, Any]) -> list[Command]:
        commands: list[Command] = []
        if isinstance(saved.get("muted"), bool):
            commands.append(SetMute(muted=saved["muted"]))
        if isinstance(saved.get("channel"), int):
            commands.append(SetChannel(number=saved["channel"]))
        playback = saved.get("playback")
        commands.extend(
            MediaCommand(action=action)
            for state, action in RESUME.items()
            if state == playback
        )
        return [*commands, *super().restore_commands(saved)]
