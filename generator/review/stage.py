"""The build's review stage: decisions read and checked before the analysis, which they teach, and applied
after it, so that reviewed codings are the codings of record in every figure and page.

    reviews = prepare_reviews(analyser, transcripts, memo, skip_invalid)   # read, locate, refit
    summaries = analyse_all(transcripts, reviews.analyser, ...)
    reviewed = apply_reviews(reviews, summaries, skip_invalid)            # codings of record, summary

A decision that cannot be applied stops the build with every such problem at file:line, as a bad
transcript does; with skip_invalid it is left out and listed in the build summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analyse import Analyser
from generator.config import StudyConfig
from generator.errors import InvalidInputError, Problem
from generator.memo import Memo
from generator.models import InterviewSummary, ReviewSummary, Transcript
from generator.review.apply import apply_decisions
from generator.review.decisions import read_decisions
from generator.review.match import Located, locate
from generator.review.refit import Refit, refit_coder, teach
from generator.review.summary import summarise_reviews

FOLDER = "reviews"


@dataclass(frozen=True)
class Reviews:
    located: tuple[Located, ...]
    problems: tuple[Problem, ...]
    # The analyser to code the study with: the coder refitted on the decisions, where they teach it.
    analyser: Analyser
    refit: Refit | None = None


@dataclass(frozen=True)
class Reviewed:
    summaries: list[InterviewSummary]
    # Decisions left out (only with skip_invalid).
    problems: tuple[Problem, ...]
    summary: ReviewSummary | None


def reviews_folder(study: Path) -> Path:
    """`<study folder>/reviews/`, beside the study's configuration file."""
    return study.parent / FOLDER


def check_reviews(
    config: StudyConfig,
    transcripts: Sequence[Transcript],
    redact: Callable[[Sequence[Transcript]], Sequence[Transcript]],
) -> tuple[Problem, ...]:
    """Every problem with the study's decisions that can be found without the analysis (`report check`).
    Decisions quote the redacted text, so the interviews they name are redacted (only those) first."""
    decisions, problems = read_decisions(reviews_folder(config.source))
    if not decisions:
        return problems
    named = {d.interview for d in decisions}
    redacted = {t.id: t for t in redact([t for t in transcripts if t.id in named])}
    current = [redacted.get(t.id, t) for t in transcripts]
    return (*problems, *locate(decisions, current, config.codebook)[1])


def prepare_reviews(
    analyser: Analyser, transcripts: Sequence[Transcript], memo: Memo, skip_invalid: bool = False
) -> Reviews:
    decisions, problems = read_decisions(reviews_folder(analyser.config.source))
    located, missing = locate(decisions, transcripts, analyser.config.codebook)
    problems = (*problems, *missing)
    if problems and not skip_invalid:
        raise InvalidInputError(list(problems))
    refit = refit_coder(analyser, located, transcripts, memo) if located else None
    return Reviews(located, problems, teach(analyser, refit), refit)


def apply_reviews(reviews: Reviews, summaries: Sequence[InterviewSummary], skip_invalid: bool = False) -> Reviewed:
    if not reviews.located:
        return Reviewed(list(summaries), reviews.problems, None)
    order = [t.slug for t in reviews.analyser.config.codebook]
    reviewed, problems = apply_decisions(summaries, reviews.located, order)
    if problems and not skip_invalid:
        raise InvalidInputError(list(problems))
    # Agreement is measured against the coder as shipped, not the one these decisions taught.
    ids = {x.decision.interview for x in reviews.located}
    coded = [_as_shipped(s, reviews.refit, order) for s in summaries if s.id in ids]
    coded_reviewed, _ = apply_decisions(coded, reviews.located, order)
    refitted = reviews.refit.themes if reviews.refit else ()
    summary = summarise_reviews(reviews.located, coded, coded_reviewed, refitted)
    return Reviewed(reviewed, (*reviews.problems, *problems), summary)


def _as_shipped(s: InterviewSummary, refit: Refit | None, order: list[str]) -> InterviewSummary:
    """An interview's codings as the coder as shipped made them: the refitted themes' from the refit."""
    if refit is None:
        return s
    rank = {slug: i for i, slug in enumerate(order)}
    kept = [t for t in s.themes if t.slug not in refit.themes]
    themes = sorted((*kept, *refit.shipped.get(s.id, ())), key=lambda t: rank.get(t.slug, len(rank)))
    return replace(s, themes=tuple(themes))
