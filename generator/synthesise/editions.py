"""Editions: what each build published, and what changed since the previous one.

An edition is identified by its date and a fingerprint of its inputs (every
transcript's content and the study configuration). Rebuilding the same inputs gives
the same edition, so the output stays byte-identical; changed inputs give a new
edition appended to the history. Pure: the history is read and written by the caller.

The history is published (data/editions.json), so it records no interview id: each
interview is a digest of its id and one of its content, enough to count what was added,
changed and removed. A withdrawn interview's id is gone from the site at the next build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from generator.models import Report, Transcript


@dataclass(frozen=True)
class EditionFigure:
    slug: str
    label: str
    n: int
    N: int
    low: float
    high: float

    @property
    def percent(self) -> float:
        return 100.0 * self.n / self.N if self.N else 0.0


@dataclass(frozen=True)
class Edition:
    id: str
    date: str
    fingerprint: str
    N: int
    figures: tuple[EditionFigure, ...]
    # (digest of the interview's id, digest of its content), sorted: what "added" and "changed" compare.
    interviews: tuple[tuple[str, str], ...]
    # Digest -> id of this build's interviews, to name what was added or changed; never written to the history.
    ids: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class FigureChange:
    slug: str
    label: str
    before: EditionFigure | None
    after: EditionFigure | None

    @property
    def points(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.percent - self.before.percent


@dataclass(frozen=True)
class Changes:
    current: Edition
    previous: Edition | None
    # Ids of the current interviews added or changed since the previous edition.
    added: tuple[str, ...]
    changed: tuple[str, ...]
    # Interviews in the previous edition and not in this one: a count, as their ids are not kept.
    removed: int
    figures: tuple[FigureChange, ...]


def transcript_hash(t: Transcript) -> str:
    h = hashlib.sha256(t.id.encode())
    for turn in t.turns:
        h.update(f"\0{turn.speaker}\0{turn.text}".encode())
    return h.hexdigest()[:16]


def interview_key(interview_id: str) -> str:
    """What the history records for an interview id: the same id, the same key, and no way back."""
    return hashlib.sha256(f"interview\0{interview_id}".encode()).hexdigest()[:16]


def current_edition(report: Report, config_fingerprint: str, date: str, history: tuple[Edition, ...]) -> Edition:
    """This build's edition: the last one again if nothing changed, else a new one dated today."""
    hashes = tuple(sorted((s.id, transcript_hash(report.transcripts[s.id])) for s in report.interviews))
    # Of the ids themselves, as it always was: a history written before ids became digests keeps its edition.
    digest = hashlib.sha256(f"{config_fingerprint}{hashes!r}".encode()).hexdigest()
    ids = {interview_key(i): i for i, _ in hashes}
    if history and history[-1].fingerprint == digest:
        return replace(history[-1], ids=ids)
    figures = tuple(EditionFigure(f.slug, f.label, f.n, f.N, f.share.low, f.share.high) for f in report.themes)
    interviews = tuple(sorted((interview_key(i), h) for i, h in hashes))
    return Edition(f"{date}-{digest[:8]}", date, digest, report.N, figures, interviews, ids)


def with_edition(history: tuple[Edition, ...], edition: Edition) -> tuple[Edition, ...]:
    if history and history[-1].id == edition.id:
        return (*history[:-1], edition)
    return (*history, edition)


def compare(history: tuple[Edition, ...], aliases: dict[str, str] | None = None) -> Changes:
    """The newest edition against the one before it; `aliases` maps renamed slugs to current ones."""
    current = history[-1]
    previous = history[-2] if len(history) > 1 else None
    before = dict(previous.interviews) if previous else {}
    after = dict(current.interviews)
    rename = aliases or {}
    old = {rename.get(f.slug, f.slug): f for f in previous.figures} if previous else {}
    new = {f.slug: f for f in current.figures}
    slugs = [f.slug for f in current.figures] + [s for s in old if s not in new]
    figures = tuple(FigureChange(s, (new.get(s) or old[s]).label, old.get(s), new.get(s)) for s in slugs)
    names = current.ids
    return Changes(
        current,
        previous,
        added=tuple(sorted(names[k] for k in after if k not in before and k in names)) if previous else (),
        changed=tuple(sorted(names[k] for k in after if k in before and before[k] != after[k] and k in names)),
        removed=sum(k not in after for k in before),
        figures=figures,
    )


def edition_to_json(e: Edition) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.date,
        "fingerprint": e.fingerprint,
        "N": e.N,
        "figures": [{"slug": f.slug, "label": f.label, "n": f.n, "N": f.N, "ci95": [f.low, f.high]} for f in e.figures],
        "interview_keys": [list(pair) for pair in e.interviews],
    }


def edition_from_json(raw: dict[str, Any]) -> Edition:
    return Edition(
        raw["id"],
        raw["date"],
        raw["fingerprint"],
        int(raw["N"]),
        tuple(
            EditionFigure(f["slug"], f["label"], int(f["n"]), int(f["N"]), float(f["ci95"][0]), float(f["ci95"][1]))
            for f in raw["figures"]
        ),
        _interview_keys(raw),
    )


def _interview_keys(raw: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    if "interview_keys" in raw:
        return tuple((str(a), str(b)) for a, b in raw["interview_keys"])
    # A history written before ids became digests: read its ids as keys, and the next build writes keys only.
    return tuple(sorted((interview_key(str(a)), str(b)) for a, b in raw["interviews"]))
