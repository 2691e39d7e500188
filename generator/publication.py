"""Publication: Report + the privacy level and [limits] -> exactly what the site may show (pure).

The one place that reads `[privacy] publish`, `[limits]` and `[review] publish_reviewers` (without
it reviewers' names become numbers here, generator/review/names.py). Write shows what it is given and
never checks a privacy setting again: a transcript the site does not show in full is not in
the publication's report, only the sentences the site quotes from it are (as excerpts), and at
the "aggregates" level no participant sentence is in it at all.

Limits count interviews from the first, in the report's order, so that adding interviews
never changes what earlier ones publish.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from generator.config import StudyConfig
from generator.models import (
    CodedDimension,
    CodedTheme,
    DimensionFinding,
    DimensionValue,
    InterviewSummary,
    Quote,
    Report,
    SectionSummary,
    Speaker,
    ThemeQuote,
)
from generator.review.names import without_reviewer_names

__all__ = ["Excerpt", "Publication", "publish"]


@dataclass(frozen=True)
class Excerpt:
    """One turn of a transcript the site does not show in full: only the sentences it quotes from the
    turn, in the order they were said, so that every quote's link lands on the words it quotes."""

    turn: int
    speaker: Speaker
    sentences: tuple[str, ...]
    # The turn's speaker label as the transcript has it ("User"), for exports that lay the turn out.
    label: str = ""


@dataclass(frozen=True)
class Publication:
    """What the site may show, decided once."""

    # The report as published: at "aggregates" without a participant sentence; `transcripts` holds
    # only the transcripts shown in full.
    report: Report
    # The privacy level, for the methodology page to state ("full", "summaries" or "aggregates").
    level: str
    # Interview pages, the interviews index, the quote wall and the per-interview exports.
    interviews: bool = False
    # The first this many interviews show their full transcript.
    full_transcripts: int = 0
    # The [limits] full_transcripts count, where it (not the level) withholds the other transcripts.
    transcript_limit: int | None = None
    # The first this many interviews have their summary in the search index.
    searchable: int = 0
    # The quoted turns of each interview that has a page but not its full transcript.
    excerpts: Mapping[str, tuple[Excerpt, ...]] = field(default_factory=dict)
    # Whether the site names the reviewers ([review] publish_reviewers); without it the report holds
    # numbers in their place, so only counts can be shown.
    reviewers: bool = False


def publish(report: Report, config: StudyConfig) -> Publication:
    """Apply the privacy level and [limits] to the report."""
    level = config.privacy.publish
    N = report.N
    if not config.publish_reviewers:
        report = without_reviewer_names(report)
    if level == "aggregates":
        published = replace(
            report,
            interviews=tuple(_without_quotes(s) for s in report.interviews),
            themes=tuple(replace(f, quotes=()) for f in report.themes),
            emerging=tuple(replace(e, quotes=(), name=None) for e in report.emerging),
            transcripts={},
            dimensions=tuple(_without_value_quotes(d) for d in report.dimensions),
        )
        return Publication(published, level, reviewers=config.publish_reviewers)
    full = _first(config.limits.full_transcripts, N) if level == "full" else 0
    in_full = report.interviews[:full]
    excerpts = _excerpts(report, report.interviews[full:]) if full < N else {}
    return Publication(
        replace(report, transcripts={s.id: report.transcripts[s.id] for s in in_full}),
        level,
        interviews=True,
        full_transcripts=full,
        transcript_limit=full if level == "full" and full < N else None,
        searchable=_first(config.limits.search_interviews, N),
        excerpts=excerpts,
        reviewers=config.publish_reviewers,
    )


def _first(limit: int | None, N: int) -> int:
    """How many interviews, counted from the first, a [limits] value lets through."""
    return N if limit is None else min(limit, N)


def _without_quotes(s: InterviewSummary) -> InterviewSummary:
    return replace(
        s,
        profile=replace(s.profile, occupation_evidence=None),
        sections=tuple(SectionSummary(x.slug, x.title, x.turns, ()) for x in s.sections),
        style_evidence=None,
        themes=tuple(CodedTheme(t.slug, (), (), t.reviewers) for t in s.themes),
        key_quotes=(),
        statements=(),
        dimensions=tuple(
            CodedDimension(d.slug, tuple(DimensionValue(v.value, probability=v.probability) for v in d.values))
            for d in s.dimensions
        ),
    )


def _without_value_quotes(d: DimensionFinding) -> DimensionFinding:
    return replace(d, values=tuple(replace(v, quotes=()) for v in d.values))


def _quotes(s: InterviewSummary) -> Iterator[Quote]:
    """Every sentence of the interview its own page quotes."""
    yield from s.key_quotes
    for section in s.sections:
        yield from section.sentences
    for theme in s.themes:
        yield from theme.evidence
    for dimension in s.dimensions:
        for value in dimension.values:
            yield from value.evidence
    if s.style_evidence:
        yield s.style_evidence


def _excerpts(report: Report, withheld: tuple[InterviewSummary, ...]) -> dict[str, tuple[Excerpt, ...]]:
    """The quoted turns of each withheld transcript: what its own page quotes, and what theme and
    dimension pages, the quote wall and the emerging themes quote from it."""
    found: dict[tuple[str, int], set[str]] = {}
    wanted = {s.id for s in withheld}
    for s in withheld:
        for q in _quotes(s):
            found.setdefault((s.id, q.turn), set()).add(q.text)
    quoted: list[ThemeQuote] = [q for f in report.themes for q in f.quotes]
    quoted += [q for e in report.emerging for q in (*e.quotes, *([e.name] if e.name else []))]
    quoted += [q for d in report.dimensions for v in d.values for q in v.quotes]
    for tq in quoted:
        if tq.interview_id in wanted:
            found.setdefault((tq.interview_id, tq.turn), set()).add(tq.text)
    return {
        s.id: tuple(
            Excerpt(t.number, t.speaker, _in_order_said(found[(s.id, t.number)], t.text), t.label)
            for t in report.transcripts[s.id].turns
            if (s.id, t.number) in found
        )
        for s in withheld
    }


def _in_order_said(texts: set[str], said: str) -> tuple[str, ...]:
    # Ties (the same words twice in a turn) fall to the text, so the order is stable.
    return tuple(sorted(texts, key=lambda text: (said.find(text), text)))
