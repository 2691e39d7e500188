"""The codebook's dimensions: codebook.toml's [[dimension]] tables, each with its [[dimension.value]]s.

A dimension is coded once per interview: one value (or, with `multiple`, one to `max_values`), each
value with a definition and examples. Slugs become field names in data/interviews.json and the page
address dimensions/<slug>/, so they are checked here, once; every error names the dimension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config.values import _bool, _str, _str_list, check_table
from generator.errors import ConfigError

# Field names in the exports: lowercase words joined by single underscores ("ai_uses").
FIELD = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
MAX_FIELD = 100


@dataclass(frozen=True)
class CodebookValue:
    slug: str
    label: str
    definition: str
    exclude: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodebookDimension:
    slug: str
    label: str
    definition: str
    values: tuple[CodebookValue, ...]
    # Several values per interview (up to max_values), or exactly one.
    multiple: bool = False
    max_values: int = 1
    # The value coded when nothing the participant says shows any value ("not_mentioned").
    default: str = ""

    @property
    def value_slugs(self) -> tuple[str, ...]:
        return tuple(v.slug for v in self.values)

    def value(self, slug: str) -> CodebookValue:
        return next(v for v in self.values if v.slug == slug)


def load_dimensions(raw: dict[str, Any], path: Path) -> tuple[CodebookDimension, ...]:
    """The codebook's [[dimension]] tables, in order."""
    entries = raw.get("dimension", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'dimension' must be [[dimension]] tables; write each as a [[dimension]] line")
    dimensions = [_dimension(item, i, path) for i, item in enumerate(entries, start=1)]
    seen: set[str] = set()
    for d in dimensions:
        if d.slug in seen:
            raise ConfigError(f"{path}: dimension slug '{d.slug}' is used twice; slugs are field names and URLs")
        seen.add(d.slug)
    return tuple(dimensions)


def _dimension(item: Any, number: int, path: Path) -> CodebookDimension:
    name = item.get("slug") if isinstance(item, dict) else None
    shown = f" ('{name}')" if isinstance(name, str) and FIELD.fullmatch(name) else ""
    check_table(item, path, "codebook", "dimension", f"[[dimension]] number {number}{shown}: ")
    where = f"{path}: [[dimension]] number {number}"
    slug = _field(item.get("slug"), where, "slug")
    where = f"{where} ('{slug}')"
    if "definition" not in item:
        raise ConfigError(f"{where} has no definition; every dimension needs one, it is published on its page")
    raw_values = item.get("value", [])
    values = [_value(v, i, where, path) for i, v in enumerate(raw_values, start=1)]
    if len(values) < 2:
        raise ConfigError(
            f"{where} has {len(values)} value(s); define at least two, each as a [[dimension.value]] table"
        )
    slugs = [v.slug for v in values]
    twice = next((s for i, s in enumerate(slugs) if s in slugs[:i]), None)
    if twice:
        raise ConfigError(f"{where}: value '{twice}' is defined twice; each value needs its own slug")
    multiple = _bool(item, "multiple", path)
    if "max_values" in item and not multiple:
        raise ConfigError(
            f"{where}: max_values applies only to a dimension with multiple = true; remove it or set both"
        )
    max_values = item.get("max_values", len(values) if multiple else 1)
    default = _str(item, "default", path, "")
    if default and default not in slugs:
        raise ConfigError(
            f"{where}: default '{default}' is not one of its values ({', '.join(slugs)}); use one of them"
        )
    return CodebookDimension(
        slug=slug,
        label=_str(item, "label", path, slug),
        definition=_str(item, "definition", path, ""),
        values=tuple(values),
        multiple=multiple,
        max_values=min(max_values, len(values)),
        default=default,
    )


def _value(item: Any, number: int, where: str, path: Path) -> CodebookValue:
    name = item.get("slug") if isinstance(item, dict) else None
    shown = f" ('{name}')" if isinstance(name, str) and FIELD.fullmatch(name) else ""
    label = f"{where.removeprefix(f'{path}: ')}, [[dimension.value]] number {number}{shown}: "
    check_table(item, path, "codebook", "dimension.value", label)
    here = f"{where}, [[dimension.value]] number {number}"
    slug = _field(item.get("slug"), here, "slug")
    if "definition" not in item:
        raise ConfigError(f"{here} ('{slug}') has no definition; every value needs one, coders and readers use it")
    return CodebookValue(
        slug=slug,
        label=_str(item, "label", path, slug.replace("_", " ").capitalize()),
        definition=_str(item, "definition", path, ""),
        exclude=_str(item, "exclude", path, ""),
        examples=tuple(_str_list(item, "examples", path, [])),
    )


def _field(name: object, where: str, what: str) -> str:
    """A dimension's or value's slug: a field name in the exports and part of a URL."""
    if not isinstance(name, str) or not FIELD.fullmatch(name) or len(name) > MAX_FIELD:
        raise ConfigError(
            f"{where}: {what} {name!r} must be up to {MAX_FIELD} lowercase letters and digits, words joined by "
            "single underscores, e.g. 'ai_uses'"
        )
    return name
