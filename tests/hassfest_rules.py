"""Home Assistant's validator (hassfest) rules that need no network, as checks that list problems.

hassfest (`script/hassfest` in Home Assistant core, run by the HACS and Home
Assistant GitHub actions) refuses an integration whose strings, services or
icons break these rules. Each check returns the problems it finds, so a test
can assert there are none in our files and that a planted defect is found.
"""

from __future__ import annotations

from collections.abc import Iterator
import re
import string
from typing import Any

# hassfest's RE_TRANSLATION_KEY: [a-z0-9-_]+, not starting or ending with - or _,
# and no two of them in a row.
TRANSLATION_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")
# cv.slug: what slugify leaves unchanged (exception keys, entity platforms).
SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
HTML = re.compile(r"<[a-z/!][^>]*>", re.IGNORECASE)
SINGLE_QUOTED_PLACEHOLDER = re.compile(r"'{\w+}'")
COMBINED_REFERENCE = re.compile(r"(.+\[%)|(%\].+)")
URL = re.compile(
    r"(((ftp|ftps|scp|http|https|mqtt|mqtts|socket|socks5):\/\/|www\.)"
    r"[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?)",
    re.IGNORECASE,
)


def _key(where: str, key: str, pattern: re.Pattern[str] = TRANSLATION_KEY) -> list[str]:
    if pattern.match(key):
        return []
    return [
        f"{where}: invalid translation key {key!r}, need to be [a-z0-9-_]+ and "
        "cannot start or end with a hyphen or underscore"
    ]


def _value(where: str, value: Any, *, placeholders: bool = True) -> list[str]:
    """A translated text: no HTML, URLs, quoted or odd placeholders, outer spaces."""
    if not isinstance(value, str):
        return [f"{where}: not a string"]
    problems = []
    if HTML.search(value):
        problems.append(f"{where}: contains HTML")
    if SINGLE_QUOTED_PLACEHOLDER.search(value):
        problems.append(f"{where}: placeholder inside single quotes")
    if COMBINED_REFERENCE.search(value):
        problems.append(f"{where}: combines a reference with text")
    if value != value.strip():
        problems.append(f"{where}: leading or trailing spaces")
    if URL.search(value):
        problems.append(f"{where}: contains a URL (use a placeholder)")
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(value) if name]
    except ValueError:
        return [*problems, f"{where}: unbalanced braces"]
    if fields and not placeholders:
        problems.append(f"{where}: placeholders are not allowed here")
    problems += [f"{where}: placeholder {{{f}}}" for f in fields if not f.isidentifier()]
    return problems


def _texts(where: str, texts: Any, **options: bool) -> list[str]:
    """A mapping of keys to translated texts."""
    if not isinstance(texts, dict):
        return [f"{where}: not an object"]
    problems = []
    for key, value in texts.items():
        problems += _value(f"{where}.{key}", value, **options)
    return problems


def _steps(flow: str, texts: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for step_id, step in texts.get("step", {}).items():
        yield f"{flow}.step.{step_id}", step
        for section_id, section in step.get("sections", {}).items():
            yield f"{flow}.step.{step_id}.sections.{section_id}", section


def check_flows(strings: dict[str, Any]) -> list[str]:
    """Config and options flows: step, error and abort keys; data_description ⊆ data."""
    problems = []
    for flow in ("config", "options"):
        texts = strings.get(flow, {})
        for kind in ("step", "error", "abort"):
            for key in texts.get(kind, {}):
                problems += _key(f"{flow}.{kind}", key)
        for kind in ("error", "abort"):
            problems += _texts(f"{flow}.{kind}", texts.get(kind, {}))
        for where, step in _steps(flow, texts):
            data = step.get("data", {})
            for key in step.get("data_description", {}):
                if key not in data:
                    problems.append(f"{where}: data_description key {key} is not in data")
            for part in ("title", "description", "name"):
                if part in step:
                    problems += _value(f"{where}.{part}", step[part])
            for part in ("data", "data_description", "menu_options"):
                problems += _texts(f"{where}.{part}", step.get(part, {}))
    return problems


def check_keys(strings: dict[str, Any]) -> list[str]:
    """Selector, entity, exception, issue and service keys, and their texts."""
    problems = []
    for selector, texts in strings.get("selector", {}).items():
        problems += _key("selector", selector, SLUG)
        for option, label in texts.get("options", {}).items():
            problems += _key(f"selector.{selector}.options", option)
            problems += _value(f"selector.{selector}.options.{option}", label)
    for platform, entities in strings.get("entity", {}).items():
        problems += _key("entity", platform, SLUG)
        for key, texts in entities.items():
            where = f"entity.{platform}.{key}"
            problems += _key(f"entity.{platform}", key)
            if "name" in texts:
                problems += _value(f"{where}.name", texts["name"])
            for state in texts.get("state", {}):
                problems += _key(f"{where}.state", state)
            problems += _texts(f"{where}.state", texts.get("state", {}), placeholders=False)
            for attribute, attr_texts in texts.get("state_attributes", {}).items():
                problems += _key(f"{where}.state_attributes", attribute)
                attr_where = f"{where}.state_attributes.{attribute}"
                for state in attr_texts.get("state", {}):
                    problems += _key(f"{attr_where}.state", state)
                problems += _texts(
                    f"{attr_where}.state", attr_texts.get("state", {}), placeholders=False
                )
    for key, texts in strings.get("exceptions", {}).items():
        problems += _key("exceptions", key, SLUG)
        problems += _value(f"exceptions.{key}.message", texts.get("message"))
    for key, texts in strings.get("issues", {}).items():
        problems += _key("issues", key)
        for part in ("title", "description"):
            problems += _value(f"issues.{key}.{part}", texts.get(part))
    for action, texts in strings.get("services", {}).items():
        problems += _key("services", action)
        for part in ("name", "description"):
            problems += _value(f"services.{action}.{part}", texts.get(part))
        for field, field_texts in texts.get("fields", {}).items():
            problems += _key(f"services.{action}.fields", field)
            problems += _value(
                f"services.{action}.fields.{field}.description",
                field_texts.get("description"),
            )
            if "name" not in field_texts:
                problems.append(f"services.{action}.fields.{field}: no name")
    return problems


def check_services(services: dict[str, Any], strings: dict[str, Any]) -> list[str]:
    """Every action and field of services.yaml has its texts; select options are keys."""
    problems = []
    texts = strings.get("services", {})
    selectors = strings.get("selector", {})
    for action, spec in services.items():
        if action not in texts:
            problems.append(f"services.yaml {action}: no texts in strings.json")
            continue
        for field, field_spec in (spec or {}).get("fields", {}).items():
            if field not in texts[action].get("fields", {}):
                problems.append(f"services.yaml {action}.{field}: no texts")
            select = (field_spec.get("selector") or {}).get("select") or {}
            key = select.get("translation_key")
            if key is None:
                continue
            labels = selectors.get(key, {}).get("options", {})
            for option in select.get("options", []):
                value = option["value"] if isinstance(option, dict) else option
                problems += _key(f"services.yaml {action}.{field}.options", str(value))
                if value not in labels:
                    problems.append(f"selector.{key}.options: no text for {value!r}")
    return problems


def _icons(where: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _icons(f"{where}.{key}", inner)
    else:
        yield where, value


def check_icons(icons: dict[str, Any]) -> list[str]:
    """Every icon in icons.json is an `mdi:` icon."""
    return [
        f"icons.json {where}: {value!r} is not an mdi: icon"
        for where, value in _icons("", icons)
        if not (isinstance(value, str) and re.fullmatch(r"mdi:[a-z0-9-]+", value))
    ]


def check_manifest(manifest: dict[str, Any]) -> list[str]:
    """Manifest keys come as domain, name, then the rest alphabetically."""
    keys = list(manifest)
    expected = ["domain", "name", *sorted(k for k in keys if k not in ("domain", "name"))]
    if keys != expected:
        return [f"manifest.json: keys not sorted (domain, name, then alphabetical): {keys}"]
    return []


def check_all(
    strings: dict[str, Any],
    services: dict[str, Any],
    icons: dict[str, Any],
    manifest: dict[str, Any],
) -> list[str]:
    """Every offline rule above, on one set of files."""
    return [
        *check_flows(strings),
        *check_keys(strings),
        *check_services(services, strings),
        *check_icons(icons),
        *check_manifest(manifest),
    ]
