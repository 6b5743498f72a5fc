"""Generate translations/en.json from strings.json, resolving [%key:…%] references."""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys
from typing import Any

ROOT = Path(__file__).resolve().parent.parent / "custom_components" / "cloud_bridge"
REFERENCE = re.compile(r"\[%key:component::cloud_bridge::([^%]+)%\]")


def _lookup(strings: dict[str, Any], path: str) -> str:
    node: Any = strings
    for part in path.split("::"):
        node = node[part]
    if not isinstance(node, str):
        raise ValueError(f"reference {path} is not a string")
    return node


def resolve(node: Any, strings: dict[str, Any]) -> Any:
    """The same tree with every reference replaced by the text it points to."""
    if isinstance(node, dict):
        return {key: resolve(value, strings) for key, value in node.items()}
    if isinstance(node, str):
        return REFERENCE.sub(
            lambda m: resolve(_lookup(strings, m.group(1)), strings), node
        )
    return node


def render() -> str:
    """The text en.json must have."""
    strings = json.loads((ROOT / "strings.json").read_text(encoding="utf-8"))
    return json.dumps(resolve(strings, strings), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write en.json, or with --check fail when it is out of date."""
    target = ROOT / "translations" / "en.json"
    text = render()
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("translations/en.json is out of date: run scripts/translations.py")
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
