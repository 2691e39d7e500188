"""What the review screen asks about: the coder's evidence sentences, least certain first.

Input: the study's transcripts and configuration, analysed exactly as `report build` analyses them
(same redaction, same analysis cache, so a built study starts at once). Output: a ReviewStudy, the
suggestions in the order a reviewer should see them and the text around each, and each interview's
profile as the report has it (the fields a `set` decision corrects). No site is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.analyse.learned import load_coder
from generator.analysis import analyse_study
from generator.config import CodebookTheme, StudyConfig, load_config
from generator.errors import Problem
from generator.models import InterviewSummary, Quote, Transcript, Turn
from generator.output import build_lock


@dataclass(frozen=True)
class Suggestion:
    """One evidence sentence the coder chose for one theme in one interview."""

    interview: str
    theme: str
    turn: int
    sentence: str
    probability: float
    # The theme's threshold in the learned coder; None where the rules coded the theme.
    threshold: float | None

    @property
    def key(self) -> tuple[str, str, str]:
        """What a decision is keyed by in the decisions format: interview, theme, sentence."""
        return (self.interview, self.theme, self.sentence)


@dataclass(frozen=True)
class Context:
    """The sentence inside its turn, and the question the turn answers."""

    label: str
    before: str
    sentence: str
    after: str
    question_label: str | None
    question: str | None


@dataclass(frozen=True)
class Profile:
    """An interview's profile as the report has it, the study's decisions applied: what `set` corrects."""

    interaction_style: str
    occupation: str
    occupation_group: str
    # The sentence the coder took the style from; None where a person set it, or nothing showed it.
    style_evidence: Quote | None = None

    def value(self, field: str) -> str:
        return {
            "interaction_style": self.interaction_style,
            "occupation": self.occupation,
            "occupation_group": self.occupation_group,
        }[field]


@dataclass(frozen=True)
class ReviewStudy:
    config: StudyConfig
    suggestions: tuple[Suggestion, ...]
    transcripts: Mapping[str, Transcript]
    # Transcripts left out with --skip-invalid.
    problems: tuple[Problem, ...] = ()
    # By interview id.
    profiles: Mapping[str, Profile] = field(default_factory=dict)

    def theme(self, slug: str) -> CodebookTheme:
        return self.config.theme(slug)


Progress = Callable[[int, int], None]


def load_study(
    inputs: Iterable[Path],
    output: Path,
    config_file: Path,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ReviewStudy:
    """Read, redact and analyse the study as the build of `output` does, reusing (and filling) its caches."""
    config = load_config(config_file)
    output = output.absolute()
    # The caches are the build's: one writer at a time, as for a build.
    with build_lock(output):
        # The build's own steps (generator/analysis.py): the screen reviews exactly the interviews a build
        # publishes, in the redacted text decisions quote, coded by the coder the study's decisions refitted.
        study = analyse_study(
            inputs,
            config,
            output.parent / f".{output.name}-build" / "cache",
            skip_invalid=skip_invalid,
            purpose="review",
            progress=progress,
        )
    return ReviewStudy(
        study.config,
        order_suggestions(study.coded, study.config.codebook, _thresholds()),
        {t.id: t for t in study.transcripts},
        study.ingest.problems,
        {s.id: profile_of(s) for s in study.reviewed.summaries},
    )


def profile_of(summary: InterviewSummary) -> Profile:
    p = summary.profile
    return Profile(summary.interaction_style, p.occupation, p.occupation_group, summary.style_evidence)


def _thresholds() -> dict[str, float]:
    coder = load_coder()
    return {slug: m.threshold for slug, m in coder.models.items()} if coder else {}


def order_suggestions(
    summaries: Sequence[InterviewSummary], codebook: Sequence[CodebookTheme], thresholds: Mapping[str, float]
) -> tuple[Suggestion, ...]:
    """Every evidence sentence, least certain first: probability closest to its theme's threshold.

    Themes the rules coded have no probability worth the name (every hit counts 1.0), so they come
    after every scored one. Ties go by interview, codebook order and turn, so the order is stable.
    """
    position = {t.slug: i for i, t in enumerate(codebook)}
    out = []
    for summary in summaries:
        for coded in summary.themes:
            threshold = thresholds.get(coded.slug)
            scores = coded.scores or tuple(1.0 for _ in coded.evidence)
            for quote, p in zip(coded.evidence, scores, strict=True):
                out.append(Suggestion(summary.id, coded.slug, quote.turn, quote.text, p, threshold))

    def certainty(s: Suggestion) -> tuple[int, float, str, int, int, str]:
        scored = s.threshold is not None
        distance = abs(s.probability - s.threshold) if s.threshold is not None else 0.0
        return (0 if scored else 1, round(distance, 6), s.interview, position.get(s.theme, 0), s.turn, s.sentence)

    return tuple(sorted(out, key=certainty))


def transcript_of(study: ReviewStudy, interview: str) -> Transcript:
    """The one place the review reads a transcript (the report's own holder of them may move)."""
    return study.transcripts[interview]


def context_of(study: ReviewStudy, suggestion: Suggestion) -> Context:
    """The suggestion's sentence highlighted in its turn, with the interviewer's question before it."""
    turns = transcript_of(study, suggestion.interview).turns
    turn = next(t for t in turns if t.number == suggestion.turn)
    start = turn.text.find(suggestion.sentence)
    if start < 0:
        # Every evidence sentence is an exact substring of its turn; shown whole if that ever fails.
        before, after = "", ""
    else:
        before, after = turn.text[:start], turn.text[start + len(suggestion.sentence) :]
    question = _question_before(turns, turn)
    return Context(
        turn.label,
        before,
        suggestion.sentence,
        after,
        question.label if question else None,
        question.text if question else None,
    )


def _question_before(turns: Sequence[Turn], turn: Turn) -> Turn | None:
    earlier = [t for t in turns if t.number < turn.number and t.speaker == "interviewer"]
    return earlier[-1] if earlier else None
