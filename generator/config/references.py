"""Published reference figures: the study file's [[reference]] tables, checked against the codebook and
the splits.

A reference is a figure published elsewhere for the same study (a survey answer, another team's
count), shown beside the finding it corresponds to with its source and a line on how its definition
differs. The keys and value types are checked against the registry first (settings.py); here, what
the registry cannot know: that the finding, the style and the split exist.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from generator.config.codebook import CodebookTheme
from generator.config.settings import settings_in
from generator.config.values import check_table
from generator.errors import ConfigError
from generator.models import InteractionStyle

# The finding a reference names when it is of the interaction style rather than a theme.
INTERACTION_STYLE = "interaction_style"
_STYLES: tuple[str, ...] = get_args(InteractionStyle)
_REQUIRED = tuple(key for key, s in settings_in("study", "reference").items() if s.default == "required")


@dataclass(frozen=True)
class Reference:
    """A published figure for the same study, and the finding of this report it is shown beside."""

    finding: str  # a theme's slug, or INTERACTION_STYLE
    category: str  # the style, for INTERACTION_STYLE; "" for a theme
    split: str  # a split name; "" for all interviews
    value: float  # percent
    measure: str  # what was asked or counted: "said in a survey that AI saves them time"
    sample: str  # "1,000 workforce participants"
    source: str
    url: str
    difference: str  # how its definition differs from this report's, in one line


def load_references(
    study: dict[str, Any], path: Path, codebook: tuple[CodebookTheme, ...], splits: tuple[tuple[str, str], ...]
) -> tuple[Reference, ...]:
    found = []
    slugs = [t.slug for t in codebook]
    aliases = {alias: t.slug for t in codebook for alias in t.aliases}
    split_names = sorted({name for _, name in splits})
    for i, item in enumerate(study.get("reference", []), start=1):
        where = f"[[reference]] number {i}"
        check_table(item, path, "study", "reference", f"{where}: ")
        for key in _REQUIRED:
            if key not in item:
                example = settings_in("study", "reference")[key].example
                raise ConfigError(f"{path}: {where} has no {key}; add one, e.g. {key} = {example}")
        finding, category, split = item["finding"], item.get("category", ""), item.get("split", "")
        # A renamed theme keeps its old slug as an alias: a reference to it follows the rename.
        finding = aliases.get(finding, finding)
        if finding != INTERACTION_STYLE and finding not in slugs:
            raise ConfigError(
                f"{path}: {where}: finding {finding!r} is not a theme of the codebook; "
                f"{_closest(finding, [*slugs, INTERACTION_STYLE])}"
            )
        if finding == INTERACTION_STYLE and not category:
            raise ConfigError(
                f'{path}: {where}: finding = "{INTERACTION_STYLE}" needs a category; '
                f"add category = one of {', '.join(_STYLES)}"
            )
        if finding == INTERACTION_STYLE and category not in _STYLES:
            fix = _closest(category, list(_STYLES))
            raise ConfigError(f"{path}: {where}: category {category!r} is not an interaction style; {fix}")
        if finding != INTERACTION_STYLE and category:
            raise ConfigError(f'{path}: {where}: category is only for finding = "{INTERACTION_STYLE}"; remove it')
        if split and split not in split_names:
            fix = _closest(split, split_names) if split_names else "name the split under [splits] first"
            raise ConfigError(f"{path}: {where}: split {split!r} is not a study split; {fix}")
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", item["url"]):
            raise ConfigError(
                f"{path}: {where}: url {item['url']!r} must be an absolute http(s) address, e.g. "
                f"{settings_in('study', 'reference')['url'].example}"
            )
        found.append(
            Reference(
                finding=finding,
                category=category,
                split=split,
                value=float(item["value"]),
                **{key: item[key].strip() for key in ("measure", "sample", "source", "url", "difference")},
            )
        )
    return tuple(found)


def _closest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
