"""The shape of the code: a vendor-blind Home Assistant layer over api/, one package per cloud."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from custom_components.cloud_bridge.api import CLIENTS, Vendor
from tests.package_files import (
    INTEGRATION,
    PLATFORMS,
    ROOT,
    auto_enable_custom_integrations,  # noqa: F401 (a fixture)
)

API = INTEGRATION / "api"
CLOUDS = sorted(path.name for path in API.iterdir() if (path / "__init__.py").is_file())
SHARED = {path.stem for path in API.glob("*.py")} - {"__init__"}
MAX_LINES = 400


def _imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every import in a file; level 0 is absolute."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.level, node.module))
        elif isinstance(node, ast.ImportFrom):  # from .. import values
            found += [(node.level, alias.name) for alias in node.names]
    return found


def test_clouds_are_packages() -> None:
    """Every cloud is a package of api/ with a client in CLIENTS; nothing else is."""
    assert sorted(vendor.value for vendor in Vendor) == CLOUDS
    assert set(CLIENTS) == set(Vendor)
    for vendor, client in CLIENTS.items():
        assert f".api.{vendor.value}." in client.__module__, client


@pytest.mark.parametrize("path", sorted(API.rglob("*.py")), ids=lambda p: str(p.relative_to(API)))
def test_api_knows_no_home_assistant(path: Path) -> None:
    """api/ imports nothing of Home Assistant (it could be published on its own)."""
    for level, module in _imports(path):
        assert not (level == 0 and module.split(".")[0] == "homeassistant"), path


@pytest.mark.parametrize("cloud", CLOUDS)
def test_a_cloud_imports_only_the_shared_core(cloud: str) -> None:
    """A cloud's package imports the shared core of api/ and itself, never another cloud."""
    for path in (API / cloud).glob("*.py"):
        for level, module in _imports(path):
            where = f"{cloud}/{path.name}: {'.' * level}{module}"
            if level == 2:
                assert module.split(".")[0] in SHARED, where
            assert level <= 2, where
            if level == 0:
                assert "cloud_bridge" not in module, where


@pytest.mark.parametrize("path", sorted(INTEGRATION.glob("*.py")), ids=lambda p: p.name)
def test_home_assistant_layer_is_vendor_blind(path: Path) -> None:
    """The HA layer reaches a cloud only through api/'s shared names, never a cloud's package."""
    for level, module in _imports(path):
        parts = module.split(".")
        if level == 1 and parts[0] == "api" and len(parts) > 1:
            assert parts[1] in SHARED, f"{path.name} imports api.{parts[1]}"
    if path.stem in PLATFORMS:
        text = path.read_text(encoding="utf-8").lower()
        for vendor in Vendor:
            assert vendor.value not in text, f"{path.name} names {vendor.value}"


def _sources() -> list[Path]:
    folders = (INTEGRATION, ROOT / "tests", ROOT / "scripts")
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def test_files_stay_small() -> None:
    """Every Python file stays under about 400 lines: split by responsibility past that."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_modules_say_what_they_are_for() -> None:
    """A module says what it is for in its first line (a docstring; empty files aside)."""
    silent = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text)) if text.strip() else "-" * 11
        if not docstring or len(docstring.splitlines()[0]) <= 10:
            silent.append(str(path.relative_to(ROOT)))
    assert not silent, silent


def test_settings_are_the_entry_keys() -> None:
    """The names clients read their settings under are the keys the config flow stores."""
    from homeassistant.const import CONF_API_KEY, CONF_API_TOKEN, CONF_HOST

    from custom_components.cloud_bridge import const
    from custom_components.cloud_bridge.api import Setting

    assert {setting.value for setting in Setting} == {
        CONF_API_TOKEN,
        CONF_API_KEY,
        CONF_HOST,
        const.CONF_API_SECRET,
        const.CONF_AUTH_KEY,
        const.CONF_BASE_URL,
        const.CONF_DEVICE_IDS,
        const.CONF_TOKEN,
    }
