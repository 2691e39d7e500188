"""A content-addressed cache of per-interview analysis.

Key: the transcript's id and turns, the configuration's fingerprint for the interview's split
(StudyConfig.analysis_fingerprint: what every interview reads, and its own split's guide) and the
analysis version, a digest of the analysis code and data. A changed transcript, codebook or
analysis code gives a new key, and so does a changed guide for the interviews held with it, so a
stale entry is never read; unchanged interviews, and other splits' when one split's guide is
edited, are not analysed again. Entries are JSON (not pickle), so a cache folder is data and never code.
"""

from __future__ import annotations

import functools
import hashlib
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.cache import Cache, code_version
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
from generator.redact import MARKER

# Not resolved: the files' paths are then the ones embed.py names, and each is hashed once.
_GENERATOR = Path(__file__).parent.parent
# What the analysis of one interview runs on, besides its transcript and the study configuration
# (in the key already: the configuration by its fingerprint, a digest of the values the analysis
# reads, so the code that reads them need not be here). Each file is hashed whole:
ANALYSIS_SOURCES = (
    # Its code, and the data shipped beside it: the trained coder (model/coder), the static
    # embeddings every learned score reads (model/embeddings), the dimension model and the
    # occupation lexicon. This module too: it decides what an entry holds.
    _GENERATOR / "analyse",
    # The dataclasses it returns, which an entry encodes.
    _GENERATOR / "models.py",
)


@functools.cache
def analysis_version() -> str:
    """The digest of ANALYSIS_SOURCES and what else decides the analysis's output, once per process
    (a library's version takes milliseconds to look up, and every interview's key needs it)."""
    return code_version(
        ANALYSIS_SOURCES,
        # The only thing it takes from redaction: a sentence mostly of markers makes a poor quote.
        MARKER.pattern,
        # The libraries its scores come from (the embeddings' tokenizer included), and Python's
        # own version, for its regular expressions' idea of a word character.
        *(f"{name} {version(name)}" for name in ("numpy", "model2vec", "tokenizers")),
        platform.python_version(),
    )


def cache_key(transcript: Transcript, config_fingerprint: str) -> str:
    h = hashlib.sha256()
    h.update(f"{analysis_version()}\0{config_fingerprint}\0{transcript.id}\0".encode())
    for t in transcript.turns:
        h.update(f"{t.speaker}\0{t.label}\0{t.text}\0".encode())
    return h.hexdigest()


class AnalysisCache:
    def __init__(self, root: Path | None) -> None:
        self.cache = Cache(root, ".json")
        self.hits = 0
        self.misses = 0

    def get(self, key: str, transcript: Transcript) -> InterviewSummary | None:
        raw = self.cache.get_json(key)
        try:
            summary = _decode(raw, transcript) if raw is not None else None
        except (ValueError, KeyError, TypeError):
            summary = None  # another shape of entry: analysed again and stored anew
        if summary is None:
            self.misses += 1
            return None
        self.hits += 1
        return summary

    def put(self, key: str, summary: InterviewSummary) -> None:
        self.cache.put_json(key, _encode(summary))

    def prune(self) -> int:
        """Delete the entries this build did not read or write: older versions of edited
        transcripts, other configurations, earlier analysis versions."""
        return self.cache.prune()


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
        # made before the key is taken.
        turns=len(transcript.turns),
        repairs=len(transcript.repairs),
        statements=_quotes(raw["statements"]),
        dimensions=tuple(
            CodedDimension(slug, tuple(DimensionValue(v, _quotes(q), tuple(p), prob) for v, q, p, prob in values))
            for slug, values in raw["dimensions"]
        ),
    )
