"""The simulated SwitchBot cloud: device list, status, commands, webhooks, quota."""

from .cloud import SwitchBotCloud

__all__ = ["SwitchBotCloud"]
