"""Home Assistant's validator (hassfest) rules applied to the whole integration, offline.

hassfest rejected `timeLimit` as a selector option key once; these checks
keep that class of defect (and its neighbours) out. Each rule is also shown
to fail on a planted defect, so none of them passes by checking nothing.
"""

from __future__ import annotations

from collections.abc import Callable
import copy
from pathlib import Path
from typing import Any

import pytest

from tests.hassfest_rules import check_all
from tests.package_files import (
    INTEGRATION,
    auto_enable_custom_integrations,  # noqa: F401 (a fixture)
    json_file,
    yaml_file,
)

TRANSLATIONS = sorted((INTEGRATION / "translations").glob("*.json"))


def _files(strings_path: Path) -> tuple[dict[str, Any], ...]:
    return (
        json_file(strings_path),
        yaml_file(INTEGRATION / "services.yaml"),
        json_file(INTEGRATION / "icons.json"),
        json_file(INTEGRATION / "manifest.json"),
    )


@pytest.mark.parametrize(
    "path",
    [INTEGRATION / "strings.json", *TRANSLATIONS],
    ids=lambda path: path.name,
)
def test_hassfest_rules(path: Path) -> None:
    """strings.json and every translation pass, with services.yaml, icons and manifest."""
    assert check_all(*_files(path)) == []


def _plant_option(files: tuple[dict[str, Any], ...]) -> None:
    strings, services, _, _ = files
    strings["selector"]["key_type"]["options"]["timeLimit"] = "Temporary"
    services["create_key"]["fields"]["type"]["selector"]["select"]["options"].append(
        "timeLimit"
    )


def _plant_description(files: tuple[dict[str, Any], ...]) -> None:
    step = files[0]["config"]["step"]["switchbot"]
    step["data_description"]["not_a_field"] = "Explains nothing"


def _plant_unlabelled_option(files: tuple[dict[str, Any], ...]) -> None:
    select = files[1]["create_key"]["fields"]["type"]["selector"]["select"]
    select["options"].append("forever")


def _plant_field(files: tuple[dict[str, Any], ...]) -> None:
    files[1]["delete_key"]["fields"]["reason"] = {"selector": {"text": None}}


def _plant_icon(files: tuple[dict[str, Any], ...]) -> None:
    files[2]["services"]["create_key"]["service"] = "hass:key"


def _plant_manifest(files: tuple[dict[str, Any], ...]) -> None:
    manifest = files[3]
    files[3].clear()
    files[3].update({"name": manifest.get("name", "x"), "domain": "cloud_bridge"})


def _plant_entity_key(files: tuple[dict[str, Any], ...]) -> None:
    files[0]["entity"]["sensor"]["lightLevel"] = {"name": "Light level"}


def _plant_exception(files: tuple[dict[str, Any], ...]) -> None:
    files[0]["exceptions"]["cannot-connect"] = {"message": "No"}


def _plant_issue(files: tuple[dict[str, Any], ...]) -> None:
    files[0]["issues"]["_quota"] = {"title": "Quota", "description": "Spent"}


def _plant_url(files: tuple[dict[str, Any], ...]) -> None:
    files[0]["config"]["error"]["cannot_connect"] = "See https://example.com/help"


def _plant_state_placeholder(files: tuple[dict[str, Any], ...]) -> None:
    files[0]["entity"]["event"]["passcode"]["state_attributes"] = {
        "event_type": {"state": {"success": "Done {when}"}}
    }


PLANTED: dict[str, Callable[[tuple[dict[str, Any], ...]], None]] = {
    "camelCase selector option": _plant_option,
    "data_description of no field": _plant_description,
    "select option without a text": _plant_unlabelled_option,
    "service field without texts": _plant_field,
    "icon that is not mdi": _plant_icon,
    "manifest keys out of order": _plant_manifest,
    "camelCase entity key": _plant_entity_key,
    "exception key with a hyphen": _plant_exception,
    "issue key starting with _": _plant_issue,
    "URL in a text": _plant_url,
    "placeholder in a state": _plant_state_placeholder,
}


@pytest.mark.parametrize("plant", PLANTED.values(), ids=list(PLANTED))
def test_hassfest_rules_find_planted_defects(
    plant: Callable[[tuple[dict[str, Any], ...]], None],
) -> None:
    """Each rule finds its defect when one is planted in a copy of our files."""
    files = copy.deepcopy(_files(INTEGRATION / "strings.json"))
    plant(files)
    assert check_all(*files)
