"""Typed reads from parsed JSON for the files the configuration names (eval/agreement.json): each failure
is a ValueError naming the key ("themes[2].f1 must be a number or null, got 'high'")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def get(raw: dict[str, Any], key: str, where: str, read: Callable[[object], T], optional: bool = False) -> T:
    """raw[key] read by `read`; a missing key is an error unless `optional` (then None, as is null)."""
    if key not in raw and not optional:
        raise ValueError(f"'{where}{key}' is missing")
    value = raw.get(key)
    if value is None and optional:
        return None  # type: ignore[return-value]  # optional readers return T | None
    try:
        return read(value)
    except TypeError as e:
        raise ValueError(f"'{where}{key}' must be {e}, got {value!r}") from None


def table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a JSON object, got {type(value).__name__}")
    return value


def number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("a number")
    return float(value)


def count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("a whole number")
    return value


def flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false")
    return value


def text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("a string")
    return value


def listed(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list")
    return value


def pair(value: object) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("[count, of] or null")
    try:
        return count(value[0]), count(value[1])
    except TypeError:
        raise TypeError("[count, of] or null") from None
