"""What Home Assistant 2026.11 deprecates that 2025.4 (where the tests run) still takes silently.

The suite runs on 2025.4.4 (2026.11 needs Python 3.14), where these calls
raise no report; on 2026.11 each logs a deprecation warning for a custom
integration and stops working in 2027.8 or 2027.9. The lists follow 2026.11's
`helpers/device_registry.py` (`_DEPRECATED_DEVICE_INFO_PARAMETERS`) and the
developer blog's device registry deprecations of 2026.
"""

from __future__ import annotations

import ast

# async_get_or_create(...) and DeviceInfo(...) keywords: removed in 2027.8 / 2027.9.
DEVICE_INFO_PARAMETERS = {
    "created_at": None,
    "default_manufacturer": "manufacturer",
    "default_model": "model",
    "default_name": "name",
    "modified_at": None,
    "via_device": "via_device_id",
}
# async_update_device(...) keywords: a device belongs to one config entry now.
UPDATE_DEVICE_PARAMETERS = {
    "add_config_entry_id": "async_get_or_create(config_entry_id=...)",
    "add_config_subentry_id": None,
    "remove_config_entry_id": "async_remove_device",
    "remove_config_subentry_id": None,
    "merge_connections": "new_connections",
    "merge_identifiers": "new_identifiers",
}
# DeviceRegistry methods and attributes deprecated outright.
REGISTRY_METHODS = {
    "async_get_device": "the entry's devices (async_entries_for_config_entry)",
    "async_is_composite_device_id": "async_get(include_composite_devices=False)",
}
REGISTRY_ATTRIBUTES = {"deleted_devices"}
# DeviceEntry attributes: a device has one config entry (config_entry_id in 2026.8).
DEVICE_ATTRIBUTES = {"config_entries", "config_entries_subentries", "primary_config_entry"}
# Names whose `.config_entries` is Home Assistant's config entry manager.
HASS_NAMES = {"hass"}


def _owner_is_hass(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id in HASS_NAMES) or (
        isinstance(node, ast.Attribute) and node.attr in HASS_NAMES
    )


def deprecated_uses(source: str, where: str) -> list[str]:
    """Every use in `source` of what 2026.11 deprecates, as `where:line what → instead`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            table = {
                "async_get_or_create": DEVICE_INFO_PARAMETERS,
                "DeviceInfo": DEVICE_INFO_PARAMETERS,
                "async_update_device": UPDATE_DEVICE_PARAMETERS,
            }.get(name, {})
            for keyword in node.keywords:
                if keyword.arg in table:
                    found.append(
                        f"{where}:{node.lineno} {name}({keyword.arg}=…) → "
                        f"{table[keyword.arg] or 'leave it out'}"
                    )
            if name in REGISTRY_METHODS and isinstance(node.func, ast.Attribute):
                found.append(
                    f"{where}:{node.lineno} {name}() → {REGISTRY_METHODS[name]}"
                )
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value in ("via_device",):
                    found.append(f"{where}:{node.lineno} {{'via_device': …}} → via_device_id")
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if node.attr in REGISTRY_ATTRIBUTES:
                found.append(f"{where}:{node.lineno} .{node.attr}")
            elif node.attr in DEVICE_ATTRIBUTES and not _owner_is_hass(node.value):
                found.append(f"{where}:{node.lineno} DeviceEntry.{node.attr} → config_entry_id")
    return found
