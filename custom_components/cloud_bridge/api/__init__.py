"""Clients for the SwitchBot, Shelly and SinricPro clouds, free of Home Assistant."""

from .client import CloudClient
from .errors import (
    AuthError,
    CloudBridgeError,
    CloudUnreachable,
    CommandRejected,
    DeviceOffline,
    QuotaError,
    RateLimited,
    UnknownDevices,
)
from .model import Channel, Command, Device, Reading, SetPower, Vendor, apply_command
from .shelly import ShellyClient, normalize_host, parse_device_ids
from .sinricpro import SinricProClient
from .switchbot import SwitchBotClient

__all__ = [
    "AuthError",
    "Channel",
    "CloudBridgeError",
    "CloudClient",
    "CloudUnreachable",
    "Command",
    "CommandRejected",
    "Device",
    "DeviceOffline",
    "QuotaError",
    "RateLimited",
    "Reading",
    "SetPower",
    "ShellyClient",
    "SinricProClient",
    "SwitchBotClient",
    "UnknownDevices",
    "Vendor",
    "apply_command",
    "normalize_host",
    "parse_device_ids",
]
