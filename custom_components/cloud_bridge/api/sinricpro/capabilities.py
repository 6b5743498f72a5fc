"""What a SinricPro device takes, as its `product.actions[]` lists it (the type's whole list when absent)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..values import number


@dataclass(frozen=True, slots=True)
class Capability:
    """One entry of `product.actions[]`: an action, and for a template device its instance.

    Entries are action names, or objects {action, instanceId, name, minimumValue,
    maximumValue, precision, modes, inputs} where the device defines more.
    """

    action: str
    instance: str | None = None
    name: str | None = None
    options: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None

    @property
    def key(self) -> str:
        """The channel key of a template capability: the action, and its instance."""
        return self.action if self.instance is None else f"{self.action}.{self.instance}"


def _words(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v for v in value if isinstance(v, str) and v))


def _entry(raw: Any) -> Capability | None:
    if isinstance(raw, str) and raw:
        return Capability(raw)
    if not isinstance(raw, Mapping) or not isinstance(raw.get("action"), str):
        return None
    instance = raw.get("instanceId")
    name = raw.get("name")
    return Capability(
        action=raw["action"],
        instance=instance if isinstance(instance, str) and instance else None,
        name=name if isinstance(name, str) and name else None,
        options=_words(raw.get("modes")) or _words(raw.get("inputs")),
        minimum=number(raw.get("minimumValue")),
        maximum=number(raw.get("maximumValue")),
        step=number(raw.get("precision")),
    )


@dataclass(frozen=True, slots=True)
class Listed:
    """A device's capabilities, and the names of its actions to test features by."""

    entries: tuple[Capability, ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(entry.action for entry in self.entries)

    def __contains__(self, action: object) -> bool:
        return action in self.names

    def entry(self, action: str) -> Capability | None:
        """The first entry of `action`, if the device lists it."""
        return next((e for e in self.entries if e.action == action), None)


def listed_actions(raw: Mapping[str, Any], defaults: tuple[str, ...]) -> Listed:
    """The device's `product.actions[]`; `defaults` (its type's) when it lists none we read."""
    product = raw.get("product")
    actions = product.get("actions") if isinstance(product, Mapping) else None
    entries = tuple(e for e in map(_entry, actions if isinstance(actions, list) else ()) if e)
    # A product that lists nothing usable (older devices, an empty list) takes its type's.
    return Listed(entries or tuple(Capability(action) for action in defaults))
