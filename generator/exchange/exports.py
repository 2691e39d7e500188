"""What each export sent to a QDA tool, kept beside the study so an import compares a project with the
export it came from, not with what an export would write now.

Why: review decisions teach the coder (generator/review/refit.py), so once a project's changes are
imported and the study rebuilt, the coder may code sentences the exported project never had. Read
against today's export, those would look like codings the person removed, and a second import of
the same project would reject them in that person's name. A removal is only a coding the project
was given and no longer has.

Input: the ProjectModel an export wrote. Output: `reviews/exports/<digest>.json`, the digests of its
codings (interview, theme, turn, sentence; no participant words), one file per distinct export, so
exporting the same study twice writes one record. Read back as ExportRecord.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.exchange.model import ProjectModel

FOLDER = "exports"
FORMAT = 1


@dataclass(frozen=True)
class ExportRecord:
    path: Path
    codings: frozenset[str]


def coding_digest(interview: str, slug: str, turn: int, sentence: str) -> str:
    """One coding of one sentence, whoever made it: 16 hex digits of its identity."""
    identity = "\0".join((interview, slug, str(turn), sentence))
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def export_record(model: ProjectModel) -> tuple[str, bytes]:
    """The record of an export: its file name and bytes (the same export, the same record)."""
    codings = sorted({coding_digest(s.id, *c.key) for s in model.sources for c in s.codings})
    data = (json.dumps({"format": FORMAT, "study": model.name, "codings": codings}, indent=0) + "\n").encode()
    return f"{hashlib.sha256(data).hexdigest()[:16]}.json", data


def record_export(model: ProjectModel, reviews: Path) -> Path:
    """Keep the record of an export in the study's `reviews/exports/`; returns its path."""
    name, data = export_record(model)
    path = reviews / FOLDER / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def read_records(reviews: Path, study: str) -> tuple[ExportRecord, ...]:
    """Every export of this study recorded in `reviews/exports/`; a file that is not one is passed over
    (a record only narrows what an import reads as removed)."""
    folder = reviews / FOLDER
    records = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") == FORMAT and raw.get("study") == study:
                records.append(ExportRecord(path, frozenset(str(c) for c in raw["codings"])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return tuple(records)
