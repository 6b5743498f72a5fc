"""Scenes: the manual scenes the user made in the vendor's app, run by the cloud."""

from __future__ import annotations

from typing import Any

from homeassistant.components.scene import Scene
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import PlatformNotReady
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .api import CloudBridgeError
from .api.features import Scene as CloudScene
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: CloudBridgeConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a scene entity for every scene of the account (read once per setup)."""
    coordinator = entry.runtime_data
    try:
        scenes = await coordinator.client.async_get_scenes()
    except CloudBridgeError as err:
        # Home Assistant retries the platform later; the devices are unaffected.
        raise PlatformNotReady(f"scenes not listed: {type(err).__name__}") from err
    async_add_entities(CloudBridgeScene(coordinator, scene) for scene in scenes)


class CloudBridgeScene(CoordinatorEntity[CloudBridgeCoordinator], Scene):
    """A scene the cloud runs; it has no state beyond when it last ran."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CloudBridgeCoordinator, scene: CloudScene) -> None:
        super().__init__(coordinator)
        self._scene_id = scene.id
        self._attr_name = scene.name
        self._attr_unique_id = f"{coordinator.client.vendor}_scene_{scene.id}"

    async def async_activate(self, **kwargs: Any) -> None:
        await self.coordinator.async_activate_scene(self._scene_id)
