"""The list of devices a cloud found, to tick the ones the account should have."""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from .api import FoundDevice


def device_selector(
    found: list[FoundDevice], others: Iterable[str] = ()
) -> SelectSelector:
    """Tick boxes for the devices found, by name and model, and for `others` by id."""
    options = [
        SelectOptionDict(value=device.id, label=device.label) for device in found
    ]
    known = {device.id for device in found}
    options += [
        SelectOptionDict(value=device_id, label=device_id)
        for device_id in others
        if device_id not in known
    ]
    return SelectSelector(
        SelectSelectorConfig(
            options=options, multiple=True, mode=SelectSelectorMode.LIST
        )
    )
