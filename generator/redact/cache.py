"""Every transcript of a study redacted, each at most once per privacy setting (a cache of results)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pyap

from generator.cache import Cache, code_version
from generator.models import RedactionSummary, Repair, Transcript, Turn
from generator.redact.redactor import LABELS, Redactor

__all__ = ["redact_transcripts", "REDACTION_VERSION"]

# What decides what is redacted: this package and the detectors' libraries and data.
# pyap by its files: its distribution has been renamed (pyap, pyap2), its modules have not.
REDACTION_VERSION = code_version(
    (Path(__file__).parent, Path(pyap.__file__).parent),
    *(f"{name} {version(name)}" for name in ("phonenumbers", "urlextract", "faker")),
)


def redact_transcripts(
    transcripts: Sequence[Transcript], redactor: Redactor, cache: Path | None = None
) -> tuple[tuple[Transcript, ...], RedactionSummary]:
    """Every transcript redacted. With a cache folder, a transcript redacted before under the same
    privacy settings is not scanned again (the detectors cost about two milliseconds per interview),
    and the folder keeps only these transcripts' entries."""
    settings = hashlib.sha256(f"{REDACTION_VERSION}\0{redactor.privacy!r}".encode()).hexdigest()
    total: Counter[str] = Counter()
    out = []
    touched = 0
    entries = Cache(cache, ".json")
    for transcript in transcripts:
        key = _key(transcript, settings)
        cached = _load(entries.get_json(key), transcript)
        if cached is None:
            cached = redactor.redact(transcript)
            entries.put_json(key, _entry(*cached))
        redacted, counts = cached
        out.append(redacted)
        total += counts
        touched += bool(counts)
    entries.prune()
    return tuple(out), RedactionSummary(tuple((kind, total[kind]) for kind in LABELS), touched)


def _key(transcript: Transcript, settings: str) -> str:
    h = hashlib.sha256(f"{settings}\0{transcript.id}\0".encode())
    for t in transcript.turns:
        h.update(f"{t.number}\0{t.text}\0".encode())
    for r in transcript.repairs:
        h.update(f"{r.line}\0{r.before}\0{r.after}\0".encode())
    return h.hexdigest()


def _entry(redacted: Transcript, counts: Counter[str]) -> dict[str, object]:
    return {
        "turns": [t.text for t in redacted.turns],
        "repairs": [[r.before, r.after] for r in redacted.repairs],
        "counts": dict(sorted(counts.items())),
    }


def _load(data: Any, transcript: Transcript) -> tuple[Transcript, Counter[str]] | None:
    if data is None:
        return None
    try:
        turns = tuple(_with_text(t, text) for t, text in zip(transcript.turns, data["turns"], strict=True))
        pairs = zip(transcript.repairs, data["repairs"], strict=True)
        repairs = tuple(Repair(r.line, before, after) for r, (before, after) in pairs)
        counts = Counter({str(k): int(v) for k, v in data["counts"].items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # another shape of entry: redact again
    if not counts:
        return transcript, counts
    return replace(transcript, turns=turns, repairs=repairs), counts


def _with_text(turn: Turn, text: str) -> Turn:
    return turn if text == turn.text else replace(turn, text=text)
