"""Paths, file readers and fixtures shared by the tests that read our packaging files."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from homeassistant.const import Platform
from homeassistant.util.yaml import load_yaml_dict
import pytest

from custom_components.cloud_bridge.const import DOMAIN

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / DOMAIN
BRAND = INTEGRATION / "brand"
PLATFORMS = {platform.value for platform in Platform}
REQUIRED_BRAND = {"icon.png", "icon@2x.png", "logo.png"}


def json_file(path: Path) -> dict[str, Any]:
    """A JSON file whose top level is an object."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def yaml_file(path: Path) -> dict[str, Any]:
    """A YAML file, read with Home Assistant's own loader, as it reads services.yaml."""
    return load_yaml_dict(str(path))


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The value of keyword argument `name` in `call`, if it has one."""
    return next((k.value for k in call.keywords if k.arg == name), None)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override conftest's: these tests read files and need no Home Assistant."""


@pytest.fixture(name="manifest")
def manifest_fixture() -> dict[str, Any]:
    """manifest.json."""
    return json_file(INTEGRATION / "manifest.json")


@pytest.fixture(name="strings")
def strings_fixture() -> dict[str, Any]:
    """strings.json."""
    return json_file(INTEGRATION / "strings.json")


@pytest.fixture(name="icons")
def icons_fixture() -> dict[str, Any]:
    """icons.json."""
    return json_file(INTEGRATION / "icons.json")
