"""A codebook as a QDA tool wrote it back (.qdc or a project's codes) -> the edits it asks of codebook.toml.

Review decisions are about codings, not the codebook: a code a person added, renamed or redefined
in their QDA tool becomes a suggestion, with the TOML to paste, for the researcher to make in
codebook.toml by hand (the file is theirs, with its comments and cues; an import never rewrites it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.config import MAX_SLUG, CodebookTheme
from generator.exchange.model import ProjectModel
from generator.exchange.read import ImportedCode

_FIELD = re.compile(r"^(Include|Exclude|Codebook slug): (.*)$")


@dataclass(frozen=True)
class CodebookChange:
    # "new", "changed" or "missing"
    kind: str
    message: str
    # TOML to paste into codebook.toml, where there is some.
    toml: str = ""


def codebook_changes(codes: Sequence[ImportedCode], model: ProjectModel, origin: str) -> tuple[CodebookChange, ...]:
    """How the imported codes differ from the study's codebook."""
    changes = []
    found: set[str] = set()
    for code in codes:
        fields = _fields(code.description)
        theme = _theme(code, fields, model)
        if theme is None:
            slug = _new_slug(code.name, {t.slug for t in model.codebook} | found)
            found.add(slug)
            changes.append(
                CodebookChange(
                    "new",
                    f"code {code.name!r} is not in the codebook; to code it, add to codebook.toml",
                    _toml(slug, code.name, fields),
                )
            )
            continue
        found.add(theme.slug)
        edits = []
        if code.name.strip() and code.name.strip() != theme.label:
            edits.append(("label", code.name.strip()))
        for key, mine in (("definition", theme.definition), ("include", theme.include), ("exclude", theme.exclude)):
            theirs = fields.get(key)
            if theirs is not None and theirs != mine:
                edits.append((key, theirs))
        if edits:
            what = ", ".join(key for key, _ in edits)
            changes.append(
                CodebookChange(
                    "changed",
                    f'theme "{theme.slug}": {origin} has a different {what}; to take it, set in its [[theme]]',
                    "\n".join(f"{key} = {_string(value)}" for key, value in edits),
                )
            )
    for theme in model.codebook:
        if theme.slug not in found:
            changes.append(
                CodebookChange(
                    "missing",
                    f'theme "{theme.slug}" ({theme.label}) is not among the codes; if it was dropped on purpose, '
                    "remove its [[theme]] from codebook.toml",
                )
            )
    return tuple(changes)


def _fields(description: str) -> dict[str, str]:
    """definition, include, exclude and slug from a description laid out as the export lays it out;
    any other description is all definition."""
    fields: dict[str, str] = {}
    definition = []
    for line in description.strip().splitlines():
        m = _FIELD.match(line.strip())
        if m:
            fields[m.group(1).split()[-1].lower()] = m.group(2).strip()
        else:
            definition.append(line.strip())
    if any(definition):
        fields["definition"] = " ".join(x for x in definition if x)
    return fields


def _theme(code: ImportedCode, fields: dict[str, str], model: ProjectModel) -> CodebookTheme | None:
    for theme in model.codebook:
        if code.guid == model.guid("code", theme.slug) or fields.get("slug") == theme.slug:
            return theme
    name = code.name.strip().casefold()
    return next((t for t in model.codebook if name in (t.label.casefold(), t.slug)), None)


def _new_slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower())[: MAX_SLUG - 4].strip("-") or "new-code"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _toml(slug: str, label: str, fields: dict[str, str]) -> str:
    lines = ["[[theme]]", f"slug = {_string(slug)}", f"label = {_string(label.strip())}"]
    lines.append(f"definition = {_string(fields.get('definition', ''))}")
    for key in ("include", "exclude"):
        if key in fields:
            lines.append(f"{key} = {_string(fields[key])}")
    lines.append("cues = []  # the phrases the coder looks for; see the comments at the top of codebook.toml")
    return "\n".join(lines)


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)
