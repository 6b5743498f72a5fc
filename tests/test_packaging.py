"""manifest.json, HACS (hacs.json and the repository layout) and the brand images."""

from __future__ import annotations

import ast
from collections.abc import Iterator
import re
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from awesomeversion.exceptions import AwesomeVersionException
from homeassistant.const import __version__ as HA_VERSION
from PIL import Image
import pytest

from custom_components.cloud_bridge.const import DOMAIN

from .package_files import (
    BRAND,
    INTEGRATION,
    PLATFORMS,
    REQUIRED_BRAND,
    ROOT,
    auto_enable_custom_integrations,  # noqa: F401 (a fixture)
    json_file,
    manifest_fixture,  # noqa: F401 (a fixture)
)

# --- manifest.json (hassfest's manifest schema for custom integrations) -------

MANIFEST_KEYS = {
    "domain",
    "name",
    "after_dependencies",
    "bluetooth",
    "codeowners",
    "config_flow",
    "dependencies",
    "dhcp",
    "disabled",
    "documentation",
    "homekit",
    "import_executor",
    "integration_type",
    "iot_class",
    "issue_tracker",
    "loggers",
    "mqtt",
    "quality_scale",
    "requirements",
    "single_config_entry",
    "ssdp",
    "usb",
    "version",
    "zeroconf",
}
IOT_CLASSES = {
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
}
INTEGRATION_TYPES = {
    "device",
    "entity",
    "hardware",
    "helper",
    "hub",
    "service",
    "system",
    "virtual",
}
VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]
# Components we may import without listing them: entity platforms and helpers
# of the kind hassfest allows.
UNDECLARED_COMPONENTS = PLATFORMS | {"diagnostics", "repairs"}


def test_manifest_key_order(manifest: dict[str, Any]) -> None:
    """domain and name first, then the other keys in alphabetical order."""
    keys = list(manifest)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])


def test_manifest_keys(manifest: dict[str, Any]) -> None:
    """Every key a custom integration needs, with a value of the right kind."""
    assert set(manifest) <= MANIFEST_KEYS, set(manifest) - MANIFEST_KEYS
    assert manifest["domain"] == DOMAIN == INTEGRATION.name
    assert isinstance(manifest["name"], str)
    assert manifest["name"]
    for key in ("documentation", "issue_tracker"):
        assert re.fullmatch(r"https://\S+", manifest[key]), key
    assert manifest["codeowners"]
    assert all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", o) for o in manifest["codeowners"])
    assert manifest["iot_class"] in IOT_CLASSES
    assert manifest["integration_type"] in INTEGRATION_TYPES
    assert manifest["config_flow"] is True
    assert (INTEGRATION / "config_flow.py").is_file()
    for key in ("dependencies", "after_dependencies", "requirements"):
        value = manifest.get(key, [])
        assert isinstance(value, list), key
        assert all(isinstance(item, str) for item in value), key


def test_manifest_version(manifest: dict[str, Any]) -> None:
    """A version AwesomeVersion accepts, as Home Assistant requires of a custom integration."""
    try:
        AwesomeVersion(manifest["version"], ensure_strategy=VERSION_STRATEGIES)
    except AwesomeVersionException as err:
        pytest.fail(f"version {manifest['version']!r}: {err}")


def test_manifest_dependencies(manifest: dict[str, Any]) -> None:
    """Every Home Assistant component the code imports is a (soft) dependency."""
    declared = set(manifest.get("dependencies", [])) | set(
        manifest.get("after_dependencies", [])
    )
    used: set[str] = set()
    for path in INTEGRATION.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[:2] == ["homeassistant", "components"]:
                    used.update(
                        [parts[2]] if len(parts) > 2 else [a.name for a in node.names]
                    )
    assert used - UNDECLARED_COMPONENTS <= declared


# --- HACS ------------------------------------------------------------------

HACS_KEYS = {
    "name",
    "content_in_root",
    "country",
    "filename",
    "hacs",
    "hide_default_branch",
    "homeassistant",
    "persistent_directory",
    "render_readme",
    "zip_release",
}


def test_hacs_json(manifest: dict[str, Any]) -> None:
    """hacs.json: a name, a minimum Home Assistant the tests run on, the README shown."""
    hacs = json_file(ROOT / "hacs.json")
    assert set(hacs) <= HACS_KEYS, set(hacs) - HACS_KEYS
    assert hacs["name"] == manifest["name"]
    minimum = AwesomeVersion(hacs["homeassistant"])
    assert minimum.valid
    assert minimum <= AwesomeVersion(HA_VERSION)
    assert hacs["render_readme"] is True


def test_repository_layout() -> None:
    """One integration under custom_components, a README, a licence, translations."""
    folders = {
        p.name
        for p in (ROOT / "custom_components").iterdir()
        if p.is_dir() and p.name != "__pycache__"
    }
    assert folders == {DOMAIN}
    for name in ("README.md", "LICENSE"):
        assert (ROOT / name).read_text(encoding="utf-8").strip(), name
    assert (INTEGRATION / "translations" / "en.json").is_file()


# --- Brand images ----------------------------------------------------------

ICONS = {
    "icon.png": 256,
    "icon@2x.png": 512,
    "dark_icon.png": 256,
    "dark_icon@2x.png": 512,
}
LOGOS = {"logo.png": 1, "logo@2x.png": 2, "dark_logo.png": 1, "dark_logo@2x.png": 2}


def test_brand_files() -> None:
    """The images Home Assistant serves, and nothing else in the folder."""
    names = {p.name for p in BRAND.iterdir()}
    assert names >= REQUIRED_BRAND
    assert names <= set(ICONS) | set(LOGOS), names - set(ICONS) - set(LOGOS)


def _brand_images() -> Iterator[str]:
    return iter(sorted(p.name for p in BRAND.glob("*.png")))


def _check_png(name: str) -> Image.Image:
    image = Image.open(BRAND / name)
    assert image.format == "PNG"
    assert image.mode == "RGBA", f"{name} needs a transparent background"
    low, high = image.getchannel("A").getextrema()
    assert low == 0, f"{name} has no transparent pixel"
    assert high == 255, f"{name} is not opaque anywhere"
    return image


@pytest.mark.parametrize("name", _brand_images())
def test_brand_image(name: str) -> None:
    """Sizes as the brands repository asks, transparent, trimmed."""
    image = _check_png(name)
    box = image.getchannel("A").getbbox()
    assert box is not None
    left, top, right, bottom = box
    if name in ICONS:
        assert image.size == (ICONS[name], ICONS[name])
        # Trimmed: the mark reaches two opposite edges.
        assert (left, right) == (0, image.width) or (top, bottom) == (0, image.height)
    else:
        factor = LOGOS[name]
        assert image.width >= image.height, f"{name} should be landscape"
        assert 128 * factor <= image.height <= 256 * factor
        assert image.width <= 1024 * factor
        assert box == (0, 0, image.width, image.height), f"{name} is not trimmed"
    dark = name.removeprefix("dark_")
    if dark != name and (BRAND / dark).is_file():
        assert Image.open(BRAND / dark).size == image.size
