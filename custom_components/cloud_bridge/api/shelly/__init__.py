"""Shelly Cloud Control API v2: the client, group commands, gen1 and gen2+ status parsers."""

from .client import ShellyClient
from .settings import normalize_host, parse_device_ids

__all__ = ["ShellyClient", "normalize_host", "parse_device_ids"]
