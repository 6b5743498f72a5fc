"""Home Assistant 2026.11 in a test on 2025.4: no call of ours that 2026.11 deprecates.

The suite runs on Home Assistant 2025.4.4, which reports none of the device
registry deprecations that 2026.8 and later log for every account; this
test reads our code for them instead (tests/ha_compat_rules.py has the
list), and shows on planted code that each is found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ha_compat_rules import deprecated_uses
from tests.package_files import (
    INTEGRATION,
    auto_enable_custom_integrations,  # noqa: F401 (a fixture)
)


@pytest.mark.parametrize(
    "path", sorted(INTEGRATION.rglob("*.py")), ids=lambda p: str(p.relative_to(INTEGRATION))
)
def test_no_deprecated_registry_use(path: Path) -> None:
    """Nothing of ours passes or calls what Home Assistant 2026.11 deprecates."""
    assert deprecated_uses(path.read_text(encoding="utf-8"), path.name) == []


PLANTED = {
    "via_device": "registry.async_get_or_create(config_entry_id=e, identifiers=i, via_device=(d, h))",
    "default_name": "DeviceInfo(identifiers=i, default_name='x')",
    "via_device key": "info = {'identifiers': i, 'via_device': (d, h)}",
    "remove_config_entry_id": "registry.async_update_device(d, remove_config_entry_id=e)",
    "merge_identifiers": "registry.async_update_device(d, merge_identifiers={i})",
    "async_get_device": "registry.async_get_device({(DOMAIN, x)})",
    "DeviceEntry.config_entries": "for e in device_entry.config_entries: pass",
    "deleted_devices": "n = len(registry.deleted_devices)",
}


@pytest.mark.parametrize("source", PLANTED.values(), ids=list(PLANTED))
def test_planted_deprecations_are_found(source: str) -> None:
    """Each deprecated use is found when planted."""
    assert deprecated_uses(source, "planted.py")


def test_what_both_versions_take_is_not_flagged() -> None:
    """The forms that both 2025.4 and 2026.11 take pass."""
    source = (
        "registry.async_get_or_create(config_entry_id=e, identifiers=i, model_id=m)\n"
        "registry.async_update_device(d, via_device_id=h)\n"
        "registry.async_remove_device(d)\n"
        "hass.config_entries.async_loaded_entries(DOMAIN)\n"
        "self.hass.config_entries.async_update_entry(entry, data=data)\n"
    )
    assert deprecated_uses(source, "fine.py") == []
