"""A content-addressed cache of per-interview analysis.

Key: the transcript's id and turns, the study configuration's fingerprint and
ANALYSIS_VERSION. A changed transcript, guide, codebook or analysis code gives a new
key, so a stale entry is never read; unchanged interviews are not analysed again.
Entries are JSON (not pickle), so a cache folder is data and never code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from generator.analyse.dimensions import load_dimension_coder
from generator.analyse.learned import load_coder
from generator.memo import prune, store
from generator.models import (
    CodedDimension,
    CodedTheme,
    DimensionValue,
    InterviewSummary,
    Profile,
    Quote,
    SectionSummary,
    Transcript,
)

# Bump when the analysis code changes what it produces.
ANALYSIS_VERSION = "11"


def cache_key(transcript: Transcript, config_fingerprint: str) -> str:
    coder, dimensions = load_coder(), load_dimension_coder()
    h = hashlib.sha256()
    # The learned coders' fingerprints: a retrained model or new embeddings re-analyse everything.
    h.update(f"{ANALYSIS_VERSION}\0{coder.fingerprint if coder else 'rules'}\0".encode())
    h.update(f"{dimensions.fingerprint if dimensions else 'none'}\0".encode())
    h.update(f"{config_fingerprint}\0{transcript.id}\0".encode())
    for t in transcript.turns:
        h.update(f"{t.speaker}\0{t.label}\0{t.text}\0".encode())
    return h.hexdigest()


class AnalysisCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0
        self.used: set[Path] = set()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, transcript: Transcript) -> InterviewSummary | None:
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as f:
                summary = _decode(json.load(f), transcript)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None  # absent, or cut short and so not JSON: analysed again and stored whole
        self.hits += 1
        self.used.add(path)
        return summary

    def put(self, key: str, summary: InterviewSummary) -> None:
        path = self._path(key)
        self.used.add(path)
        store(path, json.dumps(_encode(summary), ensure_ascii=False).encode("utf-8"))

    def prune(self) -> int:
        """Delete the entries this build did not read or write: older versions of edited
        transcripts, other configurations, earlier analysis versions."""
        return prune(self.root, self.used)


def _q(q: Quote | None) -> list[Any] | None:
    return [q.text, q.turn] if q else None


def _unq(raw: list[Any] | None) -> Quote | None:
    return Quote(raw[0], raw[1]) if raw else None


def _encode(s: InterviewSummary) -> dict[str, Any]:
    p = s.profile
    return {
        "profile": [p.id, p.split, p.occupation, p.occupation_group, _q(p.occupation_evidence)],
        "sections": [[x.slug, x.title, list(x.turns), [_q(q) for q in x.sentences]] for x in s.sections],
        "style": [s.interaction_style, _q(s.style_evidence)],
        "themes": [[t.slug, [_q(q) for q in t.evidence], list(t.scores)] for t in s.themes],
        "key_quotes": [_q(q) for q in s.key_quotes],
        "statements": [_q(q) for q in s.statements],
        "dimensions": [
            [d.slug, [[v.value, [_q(q) for q in v.evidence], list(v.scores), v.probability] for v in d.values]]
            for d in s.dimensions
        ],
    }


def _quotes(raw: list[Any]) -> tuple[Quote, ...]:
    return tuple(Quote(text, turn) for text, turn in raw)


def _decode(raw: dict[str, Any], transcript: Transcript) -> InterviewSummary:
    pid, split, occupation, group, evidence = raw["profile"]
    if pid != transcript.id:
        raise ValueError("cache entry belongs to another interview")
    return InterviewSummary(
        profile=Profile(pid, split, occupation, group, _unq(evidence)),
        sections=tuple(
            SectionSummary(slug, title, tuple(turns), _quotes(q)) for slug, title, turns, q in raw["sections"]
        ),
        interaction_style=raw["style"][0],
        style_evidence=_unq(raw["style"][1]),
        themes=tuple(CodedTheme(slug, _quotes(q), tuple(p)) for slug, q, p in raw["themes"]),
        key_quotes=_quotes(raw["key_quotes"]),
        # Counted from the transcript in hand, not stored: the key already pins its turns, and repairs are
        # made before the key is taken, so the entry's JSON keeps its shape (ANALYSIS_VERSION unchanged).
        turns=len(transcript.turns),
        repairs=len(transcript.repairs),
        statements=_quotes(raw["statements"]),
        dimensions=tuple(
            CodedDimension(slug, tuple(DimensionValue(v, _quotes(q), tuple(p), prob) for v, q, p, prob in values))
            for slug, values in raw["dimensions"]
        ),
    )
