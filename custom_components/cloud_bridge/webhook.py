"""The account's push webhook: which URL the cloud gets, and how pushed events reach the coordinator.

Only clouds that push to a URL take part (the client says so); the others,
and any account whose webhook cannot be set up, are simply polled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from http import HTTPStatus
import json
import logging

from aiohttp.web import Request, Response
from homeassistant.components import cloud, webhook
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.helpers.network import NoURLAvailableError
from yarl import URL

from .account import build_client
from .api import CloudBridgeError, CloudClient
from .const import CONF_CLOUDHOOK_URL, CONF_WEBHOOK_URL, DOMAIN
from .coordinator import CloudBridgeConfigEntry, CloudBridgeCoordinator
from .issues import WEBHOOK_IN_USE, WEBHOOK_UNAVAILABLE, async_clear, async_raise

_LOGGER = logging.getLogger(__name__)

# Events are a few hundred bytes; anything much larger is not one of them.
MAX_BODY = 64 * 1024

type WebhookHandler = Callable[[HomeAssistant, str, Request], Awaitable[Response]]


async def async_setup_webhook(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> None:
    """Receive the account's pushes, and have the cloud send them, if it can."""
    coordinator = entry.runtime_data
    if not coordinator.client.supports_webhook:
        return
    webhook_id = entry.data.get(CONF_WEBHOOK_ID)
    if not webhook_id:
        webhook_id = webhook.async_generate_id()
        _update_data(hass, entry, CONF_WEBHOOK_ID, webhook_id)
    webhook.async_register(
        hass, DOMAIN, entry.title, webhook_id, _handler(coordinator), local_only=False
    )
    entry.async_on_unload(partial(webhook.async_unregister, hass, webhook_id))

    url = await _async_url(hass, entry, webhook_id)
    if url is None:
        _LOGGER.info(
            "%s: Home Assistant has no external URL, so the cloud cannot push "
            "changes; polling continues",
            entry.title,
        )
        async_raise(hass, WEBHOOK_UNAVAILABLE, entry.entry_id, {"title": entry.title})
        return
    async_clear(hass, WEBHOOK_UNAVAILABLE, entry.entry_id)
    if await _async_register_url(hass, entry, coordinator.client, url):
        # Polls slow down at the first push: a URL the cloud takes may still be
        # one it cannot reach (an external URL behind a closed port).
        coordinator.async_webhook_registered()


async def async_remove_webhook(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry
) -> None:
    """Take our URL off the cloud and drop the cloudhook of an entry being removed."""
    webhook_id = entry.data.get(CONF_WEBHOOK_ID)
    if webhook_id and entry.data.get(CONF_CLOUDHOOK_URL):
        try:
            await cloud.async_delete_cloudhook(hass, webhook_id)
        except cloud.CloudNotAvailable:
            _LOGGER.debug("%s: no cloudhook to delete", entry.title)
    url = entry.data.get(CONF_WEBHOOK_URL)
    if not url:
        return
    client = build_client(hass, entry.data)
    try:
        # Only the URL we set: another app's URL is never ours to delete.
        await client.async_delete_webhook(url)
    except CloudBridgeError as err:
        _LOGGER.debug("%s: webhook not deleted: %s", entry.title, type(err).__name__)


def _update_data(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry, key: str, value: str
) -> None:
    hass.config_entries.async_update_entry(entry, data={**entry.data, key: value})


async def _async_url(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry, webhook_id: str
) -> str | None:
    """Home Assistant Cloud's cloudhook if subscribed, else the external URL."""
    if cloud.async_active_subscription(hass):
        if stored := entry.data.get(CONF_CLOUDHOOK_URL):
            return str(stored)
        try:
            cloudhook: str = await cloud.async_create_cloudhook(hass, webhook_id)
        except cloud.CloudNotAvailable:
            _LOGGER.debug("%s: Home Assistant Cloud not connected", entry.title)
        else:
            _update_data(hass, entry, CONF_CLOUDHOOK_URL, cloudhook)
            return cloudhook
    try:
        # An internal URL would be accepted by the cloud and never reached.
        return webhook.async_generate_url(hass, webhook_id, allow_internal=False)
    except NoURLAvailableError:
        return None


async def _async_register_url(
    hass: HomeAssistant, entry: CloudBridgeConfigEntry, client: CloudClient, url: str
) -> bool:
    """Give the cloud our URL unless another app's is there; True when pushes come."""
    ours = entry.data.get(CONF_WEBHOOK_URL)
    try:
        registered = await client.async_webhook_urls()
        if url not in registered:
            if foreign := [other for other in registered if other != ours]:
                host = URL(foreign[0]).host or "?"
                # The host only: the rest of a webhook URL is a secret.
                _LOGGER.warning(
                    "%s: the cloud already pushes to another app's webhook at %s; "
                    "Cloud Bridge leaves it alone and keeps polling",
                    entry.title,
                    host,
                )
                async_raise(
                    hass,
                    WEBHOOK_IN_USE,
                    entry.entry_id,
                    {"title": entry.title, "host": host},
                )
                return False
            # The cloud keeps one URL per account: ours from an earlier address
            # (a new external URL, a cloudhook) goes first.
            for stale in registered:
                await client.async_delete_webhook(stale)
            await client.async_set_webhook(url)
    except CloudBridgeError as err:
        _LOGGER.warning(
            "%s: push updates could not be set up (%s); polling continues",
            entry.title,
            type(err).__name__,
        )
        return False
    async_clear(hass, WEBHOOK_IN_USE, entry.entry_id)
    if url != ours:
        _update_data(hass, entry, CONF_WEBHOOK_URL, url)
    return True


def _handler(coordinator: CloudBridgeCoordinator) -> WebhookHandler:
    async def handle(
        hass: HomeAssistant, webhook_id: str, request: Request
    ) -> Response:
        # Always 200: an error status would only make the cloud retry or give up.
        body = await _read_bounded(request)
        if body is None:
            _LOGGER.debug("Ignored a webhook body over %s bytes", MAX_BODY)
            return Response(status=HTTPStatus.OK)
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            _LOGGER.debug("Ignored a webhook body that is not JSON")
            return Response(status=HTTPStatus.OK)
        coordinator.async_handle_push(payload)
        return Response(status=HTTPStatus.OK)

    return handle


async def _read_bounded(request: Request) -> bytes | None:
    """The body, or None when it is larger than MAX_BODY (read no further then)."""
    length = getattr(request, "content_length", None)
    if isinstance(length, int) and length > MAX_BODY:
        return None
    body = bytearray()
    while chunk := await request.content.read(MAX_BODY + 1 - len(body)):
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)
