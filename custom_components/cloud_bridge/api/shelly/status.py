"""Shelly device states (gen1 and gen2+) turned into neutral devices."""

from __future__ import annotations

from typing import Any

from ..model import Device
from .fields import as_dict
from .gen1 import gen1_channels, gen1_name
from .gen2 import gen2_channels, gen2_name
from .models import MODEL_NAMES


def parse_device(state: dict[str, Any]) -> Device | None:
    """One entry of the get call's answer; None when it has no id."""
    device_id = state.get("id")
    if not isinstance(device_id, str) or not device_id:
        return None
    code = state.get("code") if isinstance(state.get("code"), str) else None
    gen1 = state.get("gen") == "G1"
    online = state.get("online") in (1, True)
    status = as_dict(state.get("status"))
    settings = as_dict(state.get("settings"))
    channels = (gen1_channels if gen1 else gen2_channels)(status, settings, online)
    given = gen1_name(settings) if gen1 else gen2_name(settings)
    return Device(
        id=device_id,
        name=given or f"Shelly {code or device_id}",
        model=MODEL_NAMES.get(code or "", code or str(state.get("type") or "Shelly")),
        model_id=code or "",
        manufacturer="Shelly",
        online=online,
        channels={channel.key: channel for channel in channels},
    )
