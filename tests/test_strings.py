"""strings.json and icons.json against what uses them: actions, flow forms, the code's keys."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
import re
from typing import Any

from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.data_entry_flow import section as form_section
import voluptuous as vol

from custom_components.cloud_bridge import account_form, config_flow, issues
from custom_components.cloud_bridge.api import (
    ButtonPurpose,
    NumberPurpose,
    SwitchPurpose,
    Vendor,
)
from custom_components.cloud_bridge.api.errors import Rejection
from custom_components.cloud_bridge.const import CONF_DEVICE_IDS, CONF_DEVICES

from .package_files import (
    INTEGRATION,
    PLATFORMS,
    auto_enable_custom_integrations,  # noqa: F401 (a fixture)
    icons_fixture,  # noqa: F401 (a fixture)
    keyword,
    strings_fixture,  # noqa: F401 (a fixture)
    yaml_file,
)

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
    services = yaml_file(INTEGRATION / "services.yaml")
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
        _assert_form(steps[vendor.value], account_form.vendor_schema(vendor), vendor.value)
        _assert_form(steps["reconfigure"], account_form.vendor_schema(vendor), "reconfigure")
        _assert_form(
            steps["reauth_confirm"], account_form.CREDENTIALS[vendor], "reauth_confirm"
        )
    init = strings["options"]["step"]["init"]["data"]
    for key in (CONF_SCAN_INTERVAL, CONF_DEVICE_IDS, CONF_DEVICES):
        assert key in init
    assert CONF_DEVICES in steps["choose_devices"]["data"]


def test_flow_steps(strings: dict[str, Any]) -> None:
    """Every step of the config flow that shows a form or menu has texts."""
    defined = {
        name.removeprefix("async_step_")
        for name in vars(config_flow.CloudBridgeConfigFlow)
        if name.startswith("async_step_")
    }
    # These only pass on: reauth to reauth_confirm, creation and authorize_rejected
    # (Home Assistant's OAuth2 steps) to the entry or the failure menu, the menus'
    # choices to a form, a page or the end.
    oauth = {"reauth", "creation", "authorize_rejected"}
    passing_on = oauth | {"realtime_sign_in", "realtime_skip", "realtime_off"}
    assert defined - passing_on <= set(strings["config"]["step"])
    menus = {
        option
        for step in strings["config"]["step"].values()
        for option in step.get("menu_options", {})
    }
    assert passing_on - oauth <= menus
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
            if isinstance(call, ast.Call) and keyword(call, "translation_domain"):
                key = keyword(call, "translation_key")
                if isinstance(key, ast.Name) and key.id in params:
                    self.helpers[node.name] = params.index(key.id)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        keys = _literals(keyword(node, "translation_key"))
        if keyword(node, "translation_domain") is not None:
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
    # Set from data rather than a literal: a button, a setting switch or a
    # level named by what it does.
    keys["button"][1].update(purpose.value for purpose in ButtonPurpose)
    keys["switch"][1].update(purpose.value for purpose in SwitchPurpose)
    keys["number"][1].update(purpose.value for purpose in NumberPurpose)
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
