"""quality_scale.yaml: every rule with a status, the tier the README claims, done rules shown."""

from __future__ import annotations

import ast
from collections.abc import Callable
import configparser
import re

from homeassistant.exceptions import HomeAssistantError
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
    keyword,
    yaml_file,
)

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
    rules = yaml_file(INTEGRATION / "quality_scale.yaml")["rules"]
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
    rules = yaml_file(INTEGRATION / "quality_scale.yaml")["rules"]
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
    manifest = json_file(INTEGRATION / "manifest.json")
    keys = {"bluetooth", "dhcp", "homekit", "mqtt", "ssdp", "usb", "zeroconf"}
    assert keys & set(manifest), "no discovery in manifest.json"


def _check_docs_actions() -> None:
    for action in yaml_file(INTEGRATION / "services.yaml"):
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
                assert keyword(node, "translation_key") is not None, (
                    f"{path.name}:{node.lineno} {node.func.id} without translation_key"
                )


def _check_icon_translations() -> None:
    assert (INTEGRATION / "icons.json").is_file()
    assert "_attr_icon" not in _all_source()


def _check_integration_owner() -> None:
    assert json_file(INTEGRATION / "manifest.json")["codeowners"]


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
    # A config flow class (Home Assistant's OAuth2 flow handler is one).
    "config-flow": _check_contains("config_flow.py", "FlowHandler, domain=DOMAIN"),
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
