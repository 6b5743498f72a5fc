"""SwitchBot Open API v1.0 and v1.1: the client, its device-type tables, IR remotes, keypads, webhooks."""

from .client import DEFAULT_BASE_URL, SwitchBotClient

__all__ = ["DEFAULT_BASE_URL", "SwitchBotClient"]
