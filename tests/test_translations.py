"""The translation files: en.json is generated from strings.json, and every other
language has exactly English's keys, a text for each, and the same placeholders."""

from __future__ import annotations

from collections.abc import Iterator
import importlib.util
import json
from pathlib import Path
import re
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "custom_components" / "cloud_bridge" / "translations"
GENERATOR = ROOT / "scripts" / "translations.py"
# The languages issue 7 asks for; any other file in translations/ is checked too.
LANGUAGES = ("de", "fr", "es", "nl", "ja")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _languages() -> list[str]:
    found = {path.stem for path in TRANSLATIONS.glob("*.json")} - {"en"}
    return sorted(found | set(LANGUAGES))


def _load(language: str) -> Any:
    return json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8"))


def _leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Every (key path, value) below node; a value is anything but a dict."""
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    else:
        yield "::".join(path), node


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cloud_bridge_translations", GENERATOR
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    """English's key paths and texts."""
    return dict(_leaves(_load("en")))


def test_en_json_is_generated() -> None:
    """en.json is exactly what scripts/translations.py makes of strings.json."""
    text = (TRANSLATIONS / "en.json").read_text(encoding="utf-8")
    assert text == _generator().render(), (
        "translations/en.json is out of date: run scripts/translations.py"
    )


def test_english_texts(english: dict[str, Any]) -> None:
    """The reference itself: every value a non-empty string."""
    assert english
    bad = [
        path
        for path, value in english.items()
        if not isinstance(value, str) or not value.strip()
    ]
    assert not bad, f"en.json has empty or non-string values at {bad}"


@pytest.mark.parametrize("language", _languages())
def test_valid_json(language: str) -> None:
    """The file exists, is JSON with an object at the top, written as en.json is."""
    path = TRANSLATIONS / f"{language}.json"
    assert path.is_file(), f"{path.name} is missing"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n", (
        f"{path.name}: write it with 2-space indentation, ensure_ascii=False and a final newline"
    )


@pytest.mark.parametrize("language", _languages())
def test_same_keys(language: str, english: dict[str, Any]) -> None:
    """Exactly English's key paths, nested the same way."""
    translated = dict(_leaves(_load(language)))
    missing = sorted(english.keys() - translated.keys())
    extra = sorted(translated.keys() - english.keys())
    assert not missing, f"{language}.json lacks {missing}"
    assert not extra, f"{language}.json has keys English does not: {extra}"


@pytest.mark.parametrize("language", _languages())
def test_texts_and_placeholders(language: str, english: dict[str, Any]) -> None:
    """Every value a non-empty string with the placeholders of the English string."""
    translated = dict(_leaves(_load(language)))
    problems = []
    for path, text in translated.items():
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{path}: not a non-empty string: {text!r}")
            continue
        if not isinstance(english.get(path), str):
            continue  # test_same_keys reports it
        want = set(PLACEHOLDER.findall(english[path]))
        have = set(PLACEHOLDER.findall(text))
        if want != have:
            problems.append(
                f"{path}: placeholders {sorted(have)}, English has {sorted(want)}"
            )
    assert not problems, f"{language}.json:\n" + "\n".join(problems)
