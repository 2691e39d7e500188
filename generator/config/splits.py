"""Each study split's own protocol: the study file's [split.NAME] tables (a title, a line on who was
interviewed, and the interview guide the split's interviews were held with).

A combined study (a workforce, creatives and scientists) asks each group its own questions; coding one
group's interviews against another's guide puts their answers under the wrong sections. Which
interviews belong to which split stays with [splits] (id prefix -> name); a [split.NAME] table only
adds to a split [splits] names, so a mistyped name is an error, not a table nobody reads.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config.codebook import GuideSection, _load_guide
from generator.config.values import _key, _shown, _str, check_table
from generator.errors import ConfigError


@dataclass(frozen=True)
class StudySplit:
    """A split's own title, description and guide; what it does not set is the study's."""

    name: str
    # The split's own study title ("How creative professionals use AI"), shown where the split is described.
    title: str = ""
    # One line on who the split's participants are.
    description: str = ""
    # The guide its interviews were held with; None: the study's `guide`.
    guide: tuple[GuideSection, ...] | None = None


def load_splits(study: dict[str, Any], path: Path, splits: tuple[tuple[str, str], ...]) -> tuple[StudySplit, ...]:
    """The [split.NAME] tables, in the order of their names; each name must be one [splits] maps to."""
    raw = study.get("split", {})  # a table: check_table said so
    names = sorted({name for _, name in splits})
    found = []
    for name in sorted(raw):
        table = raw[name]
        where = f"[split.{_key(name)}]"
        if name not in names:
            raise ConfigError(f"{path}: {where}: {_unknown(name, names)}")
        if not isinstance(table, dict):
            raise ConfigError(
                f"{path}: split.{_key(name)} = {_shown(table)}: must be a table; "
                f"write a {where} line with its keys under it"
            )
        check_table(table, path, "study", "split", f"{where} ")
        guide = None
        if "guide" in table:
            guide = _load_guide(path.parent / _str(table, "guide", path, ""), path, f"{where} guide")
        found.append(
            StudySplit(
                name=name,
                title=_str(table, "title", path, ""),
                description=_str(table, "description", path, ""),
                guide=guide,
            )
        )
    return tuple(found)


def _unknown(name: str, names: list[str]) -> str:
    """Why a [split.NAME] is refused and what to write instead."""
    if not names:
        return (
            f"no split is named {name!r}, because [splits] names none; map an id prefix to it first under a "
            f'[splits] line, e.g. "{name}_" = "{name}"'
        )
    close = difflib.get_close_matches(name, names, n=1)
    fix = f"did you mean [split.{_key(close[0])}]?" if close else f"the splits are {', '.join(names)}"
    return f"no split is named {name!r} in [splits]; {fix}"
