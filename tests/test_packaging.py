"""Packaging checks in place of HACS's and hassfest's validators, which cannot run here.

They read our files only: manifest.json, hacs.json, README and LICENSE, the
brand images, services.yaml against strings.json and icons.json, the config and
options forms against strings.json, the translation keys the code uses, and
quality_scale.yaml (complete, and the `done` claims that code can show).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
import configparser
import json
from pathlib import Path
import re
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from awesomeversion.exceptions import AwesomeVersionException
from homeassistant.const import CONF_SCAN_INTERVAL, Platform, __version__ as HA_VERSION
from homeassistant.data_entry_flow import section as form_section
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.yaml import load_yaml_dict
from PIL import Image
import pytest
import voluptuous as vol

from custom_components.cloud_bridge import config_flow, issues, options_flow
from custom_components.cloud_bridge.api import ButtonPurpose, Vendor
from custom_components.cloud_bridge.api.errors import Rejection
from custom_components.cloud_bridge.const import CONF_DEVICE_IDS, DOMAIN

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / DOMAIN
BRAND = INTEGRATION / "brand"
PLATFORMS = {platform.value for platform in Platform}


def _json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _yaml(path: Path) -> dict[str, Any]:
    # Home Assistant's own loader, as it reads services.yaml.
    return load_yaml_dict(str(path))


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Override conftest's: these tests read files and need no Home Assistant."""


@pytest.fixture(name="manifest")
def manifest_fixture() -> dict[str, Any]:
    """manifest.json."""
    return _json(INTEGRATION / "manifest.json")


@pytest.fixture(name="strings")
def strings_fixture() -> dict[str, Any]:
    """strings.json."""
    return _json(INTEGRATION / "strings.json")


@pytest.fixture(name="icons")
def icons_fixture() -> dict[str, Any]:
    """icons.json."""
    return _json(INTEGRATION / "icons.json")


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
    hacs = _json(ROOT / "hacs.json")
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
REQUIRED_BRAND = {"icon.png", "icon@2x.png", "logo.png"}


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


# --- Actions -----------------------------------------------------------------


def _module_constants(prefix: str) -> set[str]:
    """String values of module-level constants whose names start with `prefix`."""
    found: set[str] = set()
    for path in INTEGRATION.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and any(
                    isinstance(t, ast.Name) and t.id.startswith(prefix)
                    for t in node.targets
                )
            ):
                found.add(node.value.value)
    return found


def test_services(strings: dict[str, Any], icons: dict[str, Any]) -> None:
    """Every action in services.yaml is registered, named, described and has an icon."""
    services = _yaml(INTEGRATION / "services.yaml")
    assert set(services) == _module_constants("SERVICE_")
    texts = strings["services"]
    assert set(texts) == set(services)
    for action, spec in services.items():
        assert texts[action]["name"], action
        assert texts[action]["description"], action
        fields = spec.get("fields", {})
        assert set(texts[action].get("fields", {})) == set(fields), action
        for field, field_spec in fields.items():
            text = texts[action]["fields"][field]
            assert text.get("name"), f"{action}.{field} has no name"
            assert text.get("description"), f"{action}.{field} has no description"
            assert "selector" in field_spec, f"{action}.{field} has no selector"
            select = field_spec["selector"].get("select") or {}
            if key := select.get("translation_key"):
                labels = strings["selector"][key]["options"]
                assert set(labels) == set(select["options"]), key
        icon = icons["services"][action]
        icon = icon["service"] if isinstance(icon, dict) else icon
        assert icon.startswith("mdi:"), action


# --- Config and options flows --------------------------------------------------


def _steps(strings: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for flow in ("config", "options"):
        for step_id, step in strings[flow]["step"].items():
            yield f"{flow}.{step_id}", step
            for section_id, texts in step.get("sections", {}).items():
                yield f"{flow}.{step_id}.{section_id}", texts


def test_data_descriptions(strings: dict[str, Any]) -> None:
    """Every field of every form has a label and a description."""
    for where, step in _steps(strings):
        data = step.get("data", {})
        descriptions = step.get("data_description", {})
        assert set(descriptions) == set(data), where
        for key in data:
            assert data[key], f"{where}.{key} has no label"
            assert descriptions[key], f"{where}.{key} has no description"


def _fields(schema: vol.Schema) -> dict[str, Any]:
    return {str(marker): value for marker, value in schema.schema.items()}


def _assert_form(step: dict[str, Any], schema: vol.Schema, where: str) -> None:
    for key, value in _fields(schema).items():
        if isinstance(value, form_section):
            texts = step["sections"][key]
            assert texts["name"], f"{where}.{key}"
            _assert_form(texts, value.schema, f"{where}.{key}")
        else:
            assert key in step.get("data", {}), f"{where}: no text for {key}"


def test_forms_have_texts(strings: dict[str, Any]) -> None:
    """The fields the flows actually show are the ones strings.json describes."""
    steps = strings["config"]["step"]
    assert set(steps["user"]["menu_options"]) == {vendor.value for vendor in Vendor}
    for vendor in Vendor:
        _assert_form(steps[vendor.value], config_flow._schema(vendor), vendor.value)
        _assert_form(steps["reconfigure"], config_flow._schema(vendor), "reconfigure")
        _assert_form(
            steps["reauth_confirm"], config_flow.CREDENTIALS[vendor], "reauth_confirm"
        )
    init = strings["options"]["step"]["init"]["data"]
    for key in (
        CONF_SCAN_INTERVAL,
        CONF_DEVICE_IDS,
        options_flow.CONF_FIND_DEVICES,
    ):
        assert key in init


def test_flow_steps(strings: dict[str, Any]) -> None:
    """Every step of the config flow that shows a form or menu has texts."""
    defined = {
        name.removeprefix("async_step_")
        for name in vars(config_flow.CloudBridgeConfigFlow)
        if name.startswith("async_step_")
    }
    # async_step_reauth only passes on to reauth_confirm.
    assert defined - {"reauth"} <= set(strings["config"]["step"])
    assert "init" in strings["options"]["step"]


def _literals(node: ast.expr | None) -> set[str]:
    """The strings an expression can be: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literals(node.body) | _literals(node.orelse)
    return set()


def _error_keys(path: Path) -> set[str]:
    """Form error keys a module sets: {"base": "x"}, {CONF_X: "x"}, errors[k] = "x"."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                keyed = (isinstance(key, ast.Constant) and key.value == "base") or (
                    isinstance(key, ast.Name) and key.id.startswith("CONF_")
                )
                if keyed:
                    found |= _literals(value)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Subscript)
            and isinstance(t.value, ast.Name)
            and t.value.id == "errors"
            for t in node.targets
        ):
            found |= _literals(node.value)
    return found


def test_flow_errors_and_aborts(strings: dict[str, Any]) -> None:
    """Every form error and abort reason the flows use has a text."""
    config_errors = set(strings["config"]["error"])
    options_errors = set(strings["options"]["error"])
    shared = _error_keys(INTEGRATION / "account.py")
    assert shared, "no error keys found in account.py"
    assert shared | _error_keys(INTEGRATION / "config_flow.py") <= config_errors
    assert shared | _error_keys(INTEGRATION / "options_flow.py") <= options_errors
    source = (INTEGRATION / "config_flow.py").read_text(encoding="utf-8")
    reasons = set(re.findall(r'async_abort\(reason="(\w+)"\)', source))
    if "_abort_if_unique_id_configured" in source:
        reasons.add("already_configured")
    if "async_update_reload_and_abort" in source:
        reasons |= {"reauth_successful", "reconfigure_successful"}
    assert reasons <= set(strings["config"]["abort"])


# --- Translation keys the code uses ----------------------------------------------


class _KeyFinder(ast.NodeVisitor):
    """Translation keys as literals in one module, sorted by what they translate."""

    def __init__(self) -> None:
        self.entity: set[str] = set()  # entity descriptions: translation_key="x"
        self.attribute: set[str] = set()  # _attr_translation_key = "x"
        self.exceptions: set[str] = set()  # translation_domain=…, translation_key="x"
        self.helpers: dict[str, int] = {}  # functions that pass a parameter on as one

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        params = [arg.arg for arg in node.args.args]
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and _keyword(call, "translation_domain"):
                key = _keyword(call, "translation_key")
                if isinstance(key, ast.Name) and key.id in params:
                    self.helpers[node.name] = params.index(key.id)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        keys = _literals(_keyword(node, "translation_key"))
        if _keyword(node, "translation_domain") is not None:
            self.exceptions |= keys
        else:
            self.entity |= keys
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            name = target.id if isinstance(target, ast.Name) else None
            if isinstance(target, ast.Attribute):
                name = target.attr
            if name == "_attr_translation_key":
                self.attribute |= _literals(node.value)
        self.generic_visit(node)

    def helper_calls(self, tree: ast.AST) -> None:
        """Keys passed to this module's helpers, e.g. _invalid("invalid_passcode")."""
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in self.helpers
            ):
                self.exceptions |= _literals(node.args[self.helpers[node.func.id]])


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _find_keys(path: Path) -> _KeyFinder:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    finder = _KeyFinder()
    finder.visit(tree)
    finder.helper_calls(tree)
    return finder


def _entity_keys() -> dict[str, tuple[set[str], set[str]]]:
    """Per platform: keys that need a text, and keys that may be for icons only."""
    keys: dict[str, tuple[set[str], set[str]]] = {}
    for path in INTEGRATION.glob("*.py"):
        if path.stem in PLATFORMS:
            finder = _find_keys(path)
            keys[path.stem] = (finder.entity, finder.attribute)
    # Set from data rather than a literal: a button named by what it does.
    keys["button"][1].update(purpose.value for purpose in ButtonPurpose)
    return keys


def test_entity_translation_keys(
    strings: dict[str, Any], icons: dict[str, Any]
) -> None:
    """Entity description keys have texts; class keys have texts or icons."""
    texts = strings["entity"]
    icon_keys = icons["entity"]
    found = _entity_keys()
    assert any(needed for needed, _ in found.values()), "no keys found"
    for platform, (needed, attribute) in found.items():
        have = set(texts.get(platform, {}))
        assert needed <= have, f"{platform}: no text for {needed - have}"
        either = have | set(icon_keys.get(platform, {}))
        assert attribute <= either, f"{platform}: unknown {attribute - either}"


def test_icon_translation_keys(icons: dict[str, Any]) -> None:
    """Every entity icon is for a translation key the code sets."""
    found = _entity_keys()
    for platform, entries in icons["entity"].items():
        needed, attribute = found.get(platform, (set(), set()))
        unused = set(entries) - needed - attribute
        assert not unused, f"{platform}: icons for unused keys {unused}"


def test_exception_translation_keys(strings: dict[str, Any]) -> None:
    """Every exception and issue the code raises has a translated message."""
    used: set[str] = set()
    for path in INTEGRATION.glob("*.py"):
        used |= _find_keys(path).exceptions
    # The coordinator's keys for a refused command: command_<reason>.
    used |= {f"command_{reason.value}" for reason in Rejection}
    assert used, "no exception keys found"
    messages = strings["exceptions"]
    assert used <= set(messages), used - set(messages)
    assert all(messages[key]["message"] for key in used)
    for key in issues.ISSUES:
        assert strings["issues"][key]["title"], key
        assert strings["issues"][key]["description"], key


# --- quality_scale.yaml -----------------------------------------------------------

TIERS = ("bronze", "silver", "gold", "platinum")
RULES: dict[str, tuple[str, ...]] = {
    "bronze": (
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        # docs-conditions and docs-triggers joined hassfest's list after 2025.
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ),
    "silver": (
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ),
    "gold": (
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}
ALL_RULES = [rule for tier in TIERS for rule in RULES[tier]]


def _statuses() -> dict[str, str]:
    rules = _yaml(INTEGRATION / "quality_scale.yaml")["rules"]
    return {
        name: value["status"] if isinstance(value, dict) else value
        for name, value in rules.items()
    }


def met_tier(statuses: dict[str, str]) -> str | None:
    """The highest tier whose rules, and every lower tier's, are done or exempt."""
    met = None
    for tier in TIERS:
        if any(statuses.get(rule) not in ("done", "exempt") for rule in RULES[tier]):
            break
        met = tier
    return met


def test_quality_scale_rules() -> None:
    """Every rule once, done, exempt with a reason, or todo with what is missing."""
    rules = _yaml(INTEGRATION / "quality_scale.yaml")["rules"]
    assert list(rules) == ALL_RULES
    for name, value in rules.items():
        if isinstance(value, str):
            assert value == "done", f"{name}: {value} needs a comment"
            continue
        assert set(value) <= {"status", "comment"}, name
        assert value["status"] in ("done", "exempt", "todo"), name
        if value["status"] != "done" or "comment" in value:
            assert isinstance(value.get("comment"), str), name
            assert value["comment"].strip(), name


def test_met_tier() -> None:
    """The tier calculation itself."""
    done = dict.fromkeys(ALL_RULES, "done")
    assert met_tier(done) == "platinum"
    assert met_tier({**done, "stale-devices": "todo"}) == "silver"
    assert met_tier({**done, "discovery": "exempt"}) == "platinum"
    assert met_tier({**done, "brands": "todo"}) is None


def test_readme_claims_met_tier() -> None:
    """The README's Quality section names the tier quality_scale.yaml reaches."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quality = re.search(r"^## Quality\n(.*?)(?=^## )", readme, re.M | re.S)
    assert quality, "README has no '## Quality' section"
    claimed = re.findall(r"\*\*(Bronze|Silver|Gold|Platinum)\*\* tier", quality[1])
    tier = met_tier(_statuses())
    assert tier is not None
    assert claimed == [tier.capitalize()]
    assert "custom_components/cloud_bridge/brand/" in quality[1]


def _source(name: str) -> str:
    return (INTEGRATION / name).read_text(encoding="utf-8")


def _all_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in INTEGRATION.rglob("*.py"))


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _check_contains(file: str, *needles: str) -> Callable[[], None]:
    """A check that `file` (of the integration; "*" for all its code) has a needle."""

    def check() -> None:
        text = _all_source() if file == "*" else _source(file)
        assert any(needle in text for needle in needles), (file, needles)

    return check


def _check_section(title: str) -> Callable[[], None]:
    """A check that the README has the section `title`."""

    def check() -> None:
        assert re.search(rf"^## {title}$", _readme(), re.M), title

    return check


def _check_brands() -> None:
    assert {p.name for p in BRAND.iterdir()} >= REQUIRED_BRAND


def _check_config_flow_coverage() -> None:
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert re.search(
        r"--fail-under=100 --include='custom_components/cloud_bridge/config_flow.py'",
        script,
    )


def _check_discovery() -> None:
    manifest = _json(INTEGRATION / "manifest.json")
    keys = {"bluetooth", "dhcp", "homekit", "mqtt", "ssdp", "usb", "zeroconf"}
    assert keys & set(manifest), "no discovery in manifest.json"


def _check_docs_actions() -> None:
    for action in _yaml(INTEGRATION / "services.yaml"):
        assert f"{DOMAIN}.{action}" in _readme(), action


# Exceptions a user sees, which must carry a translation key.
USER_EXCEPTIONS = {
    "ConfigEntryAuthFailed",
    "ConfigEntryError",
    "ConfigEntryNotReady",
    "HomeAssistantError",
    "ServiceValidationError",
    "UpdateFailed",
}


def _check_exception_translations() -> None:
    for path in INTEGRATION.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in USER_EXCEPTIONS
            ):
                assert _keyword(node, "translation_key") is not None, (
                    f"{path.name}:{node.lineno} {node.func.id} without translation_key"
                )


def _check_icon_translations() -> None:
    assert (INTEGRATION / "icons.json").is_file()
    assert "_attr_icon" not in _all_source()


def _check_integration_owner() -> None:
    assert _json(INTEGRATION / "manifest.json")["codeowners"]


def _check_parallel_updates() -> None:
    for path in INTEGRATION.glob("*.py"):
        if path.stem in PLATFORMS:
            text = path.read_text(encoding="utf-8")
            assert re.search(r"^PARALLEL_UPDATES = \d+$", text, re.M), path.stem


def _check_runtime_data() -> None:
    assert "entry.runtime_data = " in _source("__init__.py")
    assert "hass.data[" not in _all_source()


def _check_test_coverage() -> None:
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    match = re.search(r"--cov-fail-under=(\d+)", setup["tool:pytest"]["addopts"])
    assert match
    assert int(match[1]) >= 95


# What a `done` rule must show in our files: hassfest checks some of these for
# core integrations; for the others this is the nearest thing a file can show.
VALIDATORS: dict[str, Callable[[], None]] = {
    "brands": _check_brands,
    "config-entry-unloading": _check_contains("__init__.py", "def async_unload_entry"),
    "config-flow": _check_contains("config_flow.py", "ConfigFlow, domain=DOMAIN"),
    "config-flow-test-coverage": _check_config_flow_coverage,
    "diagnostics": _check_contains(
        "diagnostics.py", "def async_get_config_entry_diagnostics"
    ),
    "discovery": _check_discovery,
    "docs-actions": _check_docs_actions,
    "docs-installation-instructions": _check_section("Installation"),
    "docs-removal-instructions": _check_section("Removal"),
    "docs-troubleshooting": _check_section("Troubleshooting"),
    "exception-translations": _check_exception_translations,
    "icon-translations": _check_icon_translations,
    "inject-websession": _check_contains("account.py", "async_get_clientsession"),
    "integration-owner": _check_integration_owner,
    "parallel-updates": _check_parallel_updates,
    "reauthentication-flow": _check_contains("config_flow.py", "def async_step_reauth"),
    "reconfiguration-flow": _check_contains(
        "config_flow.py", "def async_step_reconfigure"
    ),
    "runtime-data": _check_runtime_data,
    "stale-devices": _check_contains("*", "def async_remove_config_entry_device"),
    "test-before-setup": _check_contains(
        "__init__.py", "async_config_entry_first_refresh", "ConfigEntryNotReady"
    ),
    "test-coverage": _check_test_coverage,
    "unique-config-entry": _check_contains(
        "config_flow.py", "_abort_if_unique_id_configured", "single_config_entry"
    ),
}


def test_every_validator_checks_a_rule() -> None:
    """No validator for a rule name that does not exist."""
    assert set(VALIDATORS) <= set(ALL_RULES)


def _done_rules_with_validator() -> list[str]:
    try:
        statuses = _statuses()
    except (HomeAssistantError, KeyError):
        return []  # test_quality_scale_rules reports the broken file
    return sorted(rule for rule in VALIDATORS if statuses.get(rule) == "done")


@pytest.mark.parametrize("rule", _done_rules_with_validator())
def test_done_rule_holds(rule: str) -> None:
    """A rule marked done shows in our files."""
    VALIDATORS[rule]()
