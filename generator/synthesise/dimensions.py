"""Synthesise the codebook's dimensions: [InterviewSummary] -> a DimensionFinding per coded dimension.

Per value: n of N (N: every interview of the study) with its 95% Wilson interval, the same for each
study split, the interviews coded with it, and representative quotes: each interview's most probable
evidence sentence, the most probable first (a page shows the first few, so they are the coder's most
confident evidence for the value, wherever they come from). Every ordering has a tie-break. Pure.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from generator.analyse.dimension_coding import coder_names
from generator.analyse.dimensions import load_dimension_coder
from generator.config import CodebookDimension, StudyConfig
from generator.models import DimensionFinding, InterviewSummary, Share, ThemeQuote, ValueFinding
from generator.synthesise.shares import wilson

# Enough for a page to show a few per value and for a later filter; pages show the first three.
VALUE_QUOTES = 12


def synthesise_dimensions(interviews: Sequence[InterviewSummary], config: StudyConfig) -> tuple[DimensionFinding, ...]:
    """One finding per dimension the analysis codes, in the codebook's order (a dimension it leaves
    uncoded has none). `interviews` are in id order."""
    model = load_dimension_coder()
    coders = coder_names(config.dimensions, model)
    found = []
    for dimension in config.dimensions:
        if not coders[dimension.slug]:
            continue
        coded = [(s, d) for s in interviews if (d := s.dimension(dimension.slug)) is not None]
        uncodable: tuple[str, ...] = ()
        if coders[dimension.slug] == "trained" and model is not None:
            known = model.models[dimension.slug].sentence_models
            uncodable = tuple(v for v in dimension.value_slugs if v not in known and v != dimension.default)
        found.append(_finding(dimension, interviews, coded, coders[dimension.slug], uncodable))
    return tuple(found)


def _finding(
    dimension: CodebookDimension, interviews, coded, coder: str, uncodable: tuple[str, ...]
) -> DimensionFinding:
    N = len(interviews)
    values = []
    for v in dimension.values:
        members = [(s, d) for s, d in coded if v.slug in d.value_slugs]
        ids = {s.id for s, _ in members}
        values.append(
            ValueFinding(
                slug=v.slug,
                label=v.label,
                definition=v.definition,
                n=len(members),
                N=N,
                share=wilson("all", len(members), N),
                interviews=tuple(s.id for s, _ in members),
                quotes=_quotes(dimension.slug, v.slug, members),
                by_split=_by_split(interviews, ids),
            )
        )
    return DimensionFinding(
        slug=dimension.slug,
        label=dimension.label,
        definition=dimension.definition,
        multiple=dimension.multiple,
        N=N,
        coded=len(coded),
        values=tuple(values),
        coder=coder,
        uncodable=uncodable,
    )


def _by_split(interviews: Sequence[InterviewSummary], ids: set[str]) -> tuple[Share, ...]:
    """The value's share within each study split, largest split first."""
    totals = Counter(s.profile.split for s in interviews)
    hits = Counter(s.profile.split for s in interviews if s.id in ids)
    return tuple(wilson(g, hits[g], totals[g]) for g in sorted(totals, key=lambda g: (-totals[g], g)))


def _quotes(dimension: str, value: str, members) -> tuple[ThemeQuote, ...]:
    """Each member interview's most probable evidence sentence for the value, the most probable first."""
    found: list[tuple[float, str, ThemeQuote]] = []
    for s, d in members:
        coded = next(x for x in d.values if x.value == value)
        if not coded.evidence:
            continue  # a default value ("not mentioned") has no sentence to show
        score = coded.scores[0] if coded.scores else 0.0
        # Ties fall to a hash, not the id, so the first quotes do not all come from the first ids.
        tie = hashlib.sha256(f"{dimension}\0{value}\0{s.id}".encode()).hexdigest()
        q = coded.evidence[0]
        found.append((-round(score, 2), tie, ThemeQuote(s.id, q.text, q.turn)))
    found.sort(key=lambda c: c[:2])
    return tuple(q for *_, q in found[:VALUE_QUOTES])
