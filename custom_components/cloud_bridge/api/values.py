"""Readers for the numbers every cloud's bodies carry: finite floats and whole numbers, or None."""

from __future__ import annotations

import math
from typing import Any


def number(value: Any, *, text: bool = False) -> float | None:
    """A finite number from a body, or None; with `text`, numeric strings count too."""
    kinds = (int, float, str) if text else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        return None
    try:
        result = float(value)
    except (ValueError, OverflowError):
        return None
    # NaN, infinity and integers beyond a float are no reading.
    return result if math.isfinite(result) else None


def whole(value: Any, *, text: bool = False) -> int | None:
    """A whole number (position, brightness, level) from a body, or None."""
    result = number(value, text=text)
    return None if result is None else round(result)


def clamp(value: int, low: int = 0, high: int = 100) -> int:
    """A value held within the range the model allows."""
    return max(low, min(value, high))


def digits(text: str) -> int | None:
    """A count written in ASCII digits ("12"), or None.

    `str.isdigit()` also accepts "²" and other digits `int()` refuses.
    """
    return int(text) if text.isascii() and text.isdigit() else None
