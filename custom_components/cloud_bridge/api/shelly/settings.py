"""What the user types for a Shelly Cloud account: the server, and device ids."""

from __future__ import annotations

import re


def normalize_host(host: str) -> str:
    """`shelly-42-eu.shelly.cloud` → `https://shelly-42-eu.shelly.cloud`; URLs stay."""
    host = host.strip().rstrip("/")
    return host if re.match(r"^https?://", host, re.IGNORECASE) else f"https://{host}"


def parse_device_ids(text: str) -> list[str]:
    """Ids separated by commas, spaces or newlines, without repeats, in order."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text) if part))
