"""Entities of channels that report nothing (IR remotes): they show what was last sent, kept across restarts."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers.restore_state import RestoredExtraData, RestoreEntity

from .api import Command, SetPower, apply_command
from .entity import CloudBridgeEntity


class AssumedStateEntity(CloudBridgeEntity, RestoreEntity):
    """An entity whose state is the effect of the commands last sent.

    A restart keeps the state in neutral terms (`saved_state`) and brings it
    back by applying the commands that lead there (`restore_commands`),
    without sending them.
    """

    _attr_assumed_state = True

    def saved_state(self) -> dict[str, Any]:
        """What to keep across a restart, as JSON."""
        return {"on": self.channel.is_on}

    def has_state(self) -> bool:
        """Whether the channel shows something sent since the client started."""
        return self.channel.is_on is not None

    def restore_commands(self, saved: dict[str, Any]) -> list[Command]:
        """The commands whose effect brings a fresh channel back to `saved`."""
        on = saved.get("on")
        return [SetPower(on=on)] if isinstance(on, bool) else []

    @property
    def extra_restore_state_data(self) -> RestoredExtraData | None:
        device = self.device
        if device is None or self._channel_key not in device.channels:
            return None
        return RestoredExtraData(self.saved_state())

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        extra = await self.async_get_last_extra_data()
        # A channel that already has a state (sent since the client started)
        # knows better than the last run.
        if extra is None or self.has_state():
            return
        for command in self.restore_commands(extra.as_dict()):
            apply_command(self.channel, command)
