"""Every transcript of a study redacted, each at most once per privacy setting (a cache of results)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator.memo import prune
from generator.models import RedactionSummary, Repair, Transcript, Turn
from generator.redact.redactor import LABELS, Redactor

__all__ = ["redact_transcripts", "REDACTION_VERSION"]

# Bump when the detectors change what they find.
REDACTION_VERSION = "3"


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
    used: set[Path] = set()
    for transcript in transcripts:
        entry = cache / f"{_key(transcript, settings)}.json" if cache else None
        if entry is not None:
            used.add(entry)
        cached = _load(entry, transcript) if entry and entry.exists() else None
        if cached is None:
            cached = redactor.redact(transcript)
            if entry is not None:
                _store(entry, *cached)
        redacted, counts = cached
        out.append(redacted)
        total += counts
        touched += bool(counts)
    if cache is not None:
        prune(cache, used)
    return tuple(out), RedactionSummary(tuple((kind, total[kind]) for kind in LABELS), touched)


def _key(transcript: Transcript, settings: str) -> str:
    h = hashlib.sha256(f"{settings}\0{transcript.id}\0".encode())
    for t in transcript.turns:
        h.update(f"{t.number}\0{t.text}\0".encode())
    for r in transcript.repairs:
        h.update(f"{r.line}\0{r.before}\0{r.after}\0".encode())
    return h.hexdigest()


def _store(entry: Path, redacted: Transcript, counts: Counter[str]) -> None:
    data = {
        "turns": [t.text for t in redacted.turns],
        "repairs": [[r.before, r.after] for r in redacted.repairs],
        "counts": dict(sorted(counts.items())),
    }
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(entry)  # never a half-written entry, even if the build is killed


def _load(entry: Path, transcript: Transcript) -> tuple[Transcript, Counter[str]] | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        turns = tuple(_with_text(t, text) for t, text in zip(transcript.turns, data["turns"], strict=True))
        pairs = zip(transcript.repairs, data["repairs"], strict=True)
        repairs = tuple(Repair(r.line, before, after) for r, (before, after) in pairs)
        counts = Counter({str(k): int(v) for k, v in data["counts"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable: redact again
    if not counts:
        return transcript, counts
    return replace(transcript, turns=turns, repairs=repairs), counts


def _with_text(turn: Turn, text: str) -> Turn:
    return turn if text == turn.text else replace(turn, text=text)
