"""Service actions: add and remove a keypad's passcodes.

The cloud only queues such a change and answers with a command id; the
keypad's result arrives later and fires the keypad's event entity. The
passcode is checked here rather than in the schema, because Home Assistant
logs the data of a call its schema refuses.
"""

from __future__ import annotations

import re

from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .api.features import CreateKey, DeferredCommand, DeleteKey, KeyKind, KeypadTraits
from .const import DOMAIN
from .coordinator import CloudBridgeConfigEntry
from .registry import device_identifier

SERVICE_CREATE_KEY = "create_key"
SERVICE_DELETE_KEY = "delete_key"
ATTR_NAME = "name"
ATTR_TYPE = "type"
ATTR_PASSWORD = "password"
ATTR_START_TIME = "start_time"
ATTR_END_TIME = "end_time"
ATTR_ID = "id"
ATTR_COMMAND_ID = "command_id"

_PASSCODE = re.compile(r"[0-9]{6,12}")
# Passcode kinds as the first release spelled them (SwitchBot's own words), so
# that automations written then keep working.
_LEGACY_KINDS = {"timeLimit": KeyKind.TIME_LIMIT.value}

CREATE_KEY_SCHEMA = cv.make_entity_service_schema(
    {
        vol.Required(ATTR_NAME): vol.All(cv.string, vol.Length(min=1)),
        vol.Required(ATTR_TYPE): vol.All(
            cv.string,
            lambda kind: _LEGACY_KINDS.get(kind, kind),
            vol.In([kind.value for kind in KeyKind]),
        ),
        vol.Required(ATTR_PASSWORD): cv.string,
        vol.Optional(ATTR_START_TIME): cv.datetime,
        vol.Optional(ATTR_END_TIME): cv.datetime,
    }
)
DELETE_KEY_SCHEMA = cv.make_entity_service_schema(
    {vol.Required(ATTR_ID): vol.All(cv.string, vol.Length(min=1))}
)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the keypad actions (once, for every account)."""

    async def create_key(call: ServiceCall) -> ServiceResponse:
        return await _async_send(hass, call, _create_key(call))

    async def delete_key(call: ServiceCall) -> ServiceResponse:
        return await _async_send(hass, call, DeleteKey(call.data[ATTR_ID]))

    hass.services.async_register(
        DOMAIN,
        SERVICE_CREATE_KEY,
        create_key,
        schema=CREATE_KEY_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_DELETE_KEY,
        delete_key,
        schema=DELETE_KEY_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )


def _invalid(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


def _create_key(call: ServiceCall) -> CreateKey:
    kind = KeyKind(call.data[ATTR_TYPE])
    password: str = call.data[ATTR_PASSWORD]
    if not _PASSCODE.fullmatch(password):
        # Neither the passcode nor its length goes into the message.
        raise _invalid("invalid_passcode")
    if not kind.needs_period:
        return CreateKey(call.data[ATTR_NAME], kind, password)
    start, end = call.data.get(ATTR_START_TIME), call.data.get(ATTR_END_TIME)
    if start is None or end is None:
        raise _invalid("key_period_required", type=kind.value)
    # A time without a zone is the user's own local time.
    start, end = dt_util.as_utc(start), dt_util.as_utc(end)
    if end <= start:
        raise _invalid("key_period_order")
    return CreateKey(call.data[ATTR_NAME], kind, password, start, end)


async def _async_send(
    hass: HomeAssistant, call: ServiceCall, command: DeferredCommand
) -> ServiceResponse:
    entry, device_id, channel_key = _keypad(hass, call)
    command_id = await entry.runtime_data.async_send_deferred(
        device_id, channel_key, command
    )
    return {ATTR_COMMAND_ID: command_id}


def _targets(hass: HomeAssistant, call: ServiceCall) -> set[str]:
    """The device registry ids the call targets, directly or through an entity."""
    devices = call.data.get(ATTR_DEVICE_ID)
    device_ids = (
        {d for d in devices if isinstance(d, str)}
        if isinstance(devices, list)
        else set()
    )
    entities = call.data.get(ATTR_ENTITY_ID)
    if isinstance(entities, list):
        registry = er.async_get(hass)
        for entity_id in entities:
            entity = registry.async_get(entity_id)
            if entity is not None and entity.device_id is not None:
                device_ids.add(entity.device_id)
    return device_ids


def _keypad(
    hass: HomeAssistant, call: ServiceCall
) -> tuple[CloudBridgeConfigEntry, str, str]:
    """The one keypad the call targets: its entry, device id and channel key."""
    found: list[tuple[CloudBridgeConfigEntry, str, str]] = []
    registry = dr.async_get(hass)
    for registry_id in _targets(hass, call):
        if (device_entry := registry.async_get(registry_id)) is None:
            continue
        # Every loaded account, not the device's own config_entries, which
        # Home Assistant 2026.8 deprecates: identifiers tell the owner apart.
        entry: CloudBridgeConfigEntry
        for entry in hass.config_entries.async_loaded_entries(DOMAIN):
            coordinator = entry.runtime_data
            found.extend(
                (entry, device.id, channel.key)
                for device in coordinator.data.values()
                if device_identifier(coordinator.client, device.id)
                in device_entry.identifiers
                for channel in device.channels.values()
                if isinstance(channel.traits, KeypadTraits)
            )
    if len(found) != 1:
        raise _invalid("keypad_target")
    return found[0]
