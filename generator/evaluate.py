"""Evaluate the automatic coding against careful human coding.

Input: the hand-coded evaluation set (eval/hand_coding.jsonl, one interview a line) and
the tool's InterviewSummary for the same interviews. Output: agreement figures for one
part of the set (tune on "tuning", report on "heldout"); generator/agreement.py turns them into
what the methodology page publishes. Pure: reading happens in the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from generator.agreement import Interval
from generator.errors import ReportError
from generator.models import InterviewSummary, Transcript
from generator.stats import bootstrap_bounds, wilson_bounds

if TYPE_CHECKING:
    from generator.evaluate_dimensions import DimensionScore

PARTS = ("tuning", "heldout")
# The complete sentence-level annotation (eval/sentences/complete.jsonl): held out, never fitted on.
TEST_PART = "test"
T = TypeVar("T")


@dataclass(frozen=True)
class HandCode:
    transcript_id: str
    part: str
    occupation_group: str
    interaction_style: str
    themes: frozenset[str]


@dataclass(frozen=True)
class ThemeScore:
    """Agreement on one theme between a reference coding and another (the tool, or a
    second coder). Precision, recall, F1 and kappa are None when neither codes the theme in
    any interview: agreement on absence alone measures nothing, and a 1.00 would flatter
    the macro average."""

    slug: str
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float | None
    reference_prevalence: float
    other_prevalence: float
    f1_interval: Interval | None = None

    @property
    def prevalence_error(self) -> float:
        return abs(self.reference_prevalence - self.other_prevalence)


@dataclass(frozen=True)
class Comparison:
    """How far another coding agrees with the reference coding on the same interviews."""

    n: int
    group_accuracy: float
    style_accuracy: float
    themes: tuple[ThemeScore, ...]
    pooled_kappa: float
    # Wilson for the two accuracies; a bootstrap over interviews for macro F1 and kappa.
    group_interval: Interval
    style_interval: Interval
    macro_f1_interval: Interval
    kappa_interval: Interval

    @property
    def measured(self) -> tuple[ThemeScore, ...]:
        return tuple(t for t in self.themes if t.f1 is not None)

    @property
    def macro_f1(self) -> float:
        """Over the themes whose agreement can be measured (see ThemeScore)."""
        return sum(t.f1 or 0.0 for t in self.measured) / len(self.measured) if self.measured else 0.0


@dataclass(frozen=True)
class EvidenceCheck:
    """Of the quotes the tool shows as evidence, how many the complete annotation marks as
    showing that theme; `lead` counts only each coded theme's first (most probable) quote."""

    shown: int
    correct: int
    lead: int
    lead_correct: int
    wrong: tuple[tuple[str, str, str], ...] = ()  # (interview, theme, quote) shown but not annotated


@dataclass(frozen=True)
class Evaluation:
    part: str
    tool: Comparison
    quotes_checked: int
    quotes_exact: int
    # Second coder against first, on the double-coded interviews (whatever their part);
    # None when the set has no second coding.
    coders: Comparison | None = None
    # Only for the completely annotated part.
    evidence: EvidenceCheck | None = None
    # The codebook's dimensions (evaluate_dimensions.py), where the part has dimension annotations: the
    # tool against them, and a second annotator against the first on the double-annotated interviews.
    dimensions: tuple[DimensionScore, ...] = ()
    dimension_coders: tuple[DimensionScore, ...] = ()


@dataclass(frozen=True)
class CompleteCode:
    """One interview annotated sentence by sentence: the themes each participant sentence shows."""

    code: HandCode
    sentences: dict[int, frozenset[str]]


def _read_records(path: Path, what: str, parse: Callable[[dict[str, Any]], T]) -> list[T]:
    """One record a line; a bad line is an error naming it, never skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                out.append(parse(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
                raise ReportError(f"{path}:{number}: not a valid {what} record ({e}); see eval/README.md") from None
    return out


def load_complete(path: Path, slugs: tuple[str, ...]) -> list[CompleteCode]:
    """The complete annotation as interview-level codes (a theme is present when any sentence shows
    it) plus the sentence labels, for the evidence check."""

    def parse(raw: dict[str, Any]) -> CompleteCode:
        sentences = {int(k): frozenset(v) for k, v in raw["sentences"].items()}
        unknown = sorted({t for v in sentences.values() for t in v} - set(slugs))
        if unknown:
            raise ValueError(f"unknown theme {unknown[0]!r}")
        themes = frozenset(t for v in sentences.values() for t in v)
        code = HandCode(raw["transcript_id"], TEST_PART, raw["occupation_group"], raw["interaction_style"], themes)
        return CompleteCode(code, sentences)

    return _read_records(path, "complete-annotation", parse)


def check_evidence(
    complete: Sequence[CompleteCode], summaries: dict[str, InterviewSummary], transcripts: dict[str, Transcript]
) -> EvidenceCheck:
    from generator.analyse.sentences import participant_sentences

    shown = correct = lead = lead_correct = 0
    wrong = []
    for c in complete:
        s = summaries[c.code.transcript_id]
        index = {(x.turn, x.text): x.index for x in participant_sentences(transcripts[s.id].turns)}
        for theme in s.themes:
            for position, q in enumerate(theme.evidence):
                ok = theme.slug in c.sentences.get(index.get((q.turn, q.text), -1), frozenset())
                shown += 1
                correct += ok
                if position == 0:
                    lead += 1
                    lead_correct += ok
                if not ok:
                    wrong.append((s.id, theme.slug, q.text))
    return EvidenceCheck(shown, correct, lead, lead_correct, tuple(wrong))


def load_hand_coding(path: Path, slugs: tuple[str, ...]) -> list[HandCode]:
    def parse(raw: dict[str, Any]) -> HandCode:
        themes = raw["themes"]
        missing = [s for s in slugs if s not in themes]
        if missing:
            raise KeyError(f"themes.{missing[0]}")
        if raw["part"] not in PARTS:
            raise ValueError(f"part must be one of {PARTS}")
        return HandCode(
            raw["transcript_id"],
            raw["part"],
            raw["occupation_group"],
            raw["interaction_style"],
            frozenset(s for s in slugs if themes[s]),
        )

    return _read_records(path, "hand-coding", parse)


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa for two raters' yes/no codes; 1.0 when both agree on everything."""
    if not pairs:
        return 0.0
    codes = np.array(pairs, dtype=bool).reshape(1, len(pairs), 2)
    return float(_kappa(codes[..., :1], codes[..., 1:])[0])


def compare(reference: list[HandCode], other: dict[str, HandCode], slugs: tuple[str, ...]) -> Comparison:
    """Agreement of `other` (keyed by transcript id) with every interview of `reference`.

    Every figure is computed by the same functions for the interviews as they are (one
    "resample" holding each interview once) and for the bootstrap resamples."""
    n = len(reference)
    group_ok = sum(1 for c in reference if other[c.transcript_id].occupation_group == c.occupation_group)
    style_ok = sum(1 for c in reference if other[c.transcript_id].interaction_style == c.interaction_style)
    ref = _matrix(reference, slugs)
    oth = _matrix([other[c.transcript_id] for c in reference], slugs)
    low, high = bootstrap_bounds(n, lambda rows: _figures(ref[rows], oth[rows]))
    (*f1_low, macro_low, kappa_low), (*f1_high, macro_high, kappa_high) = low, high
    whole = np.arange(n).reshape(1, n)
    r, o = ref[whole], oth[whole]
    tp, fp, fn = (x[0] for x in _counts(r, o))
    f1 = _f1(r, o)[0]
    scores = []
    for j, slug in enumerate(slugs):
        measured = tp[j] + fp[j] + fn[j] > 0
        scores.append(
            ThemeScore(
                slug,
                _ratio(tp[j], tp[j] + fp[j]) if measured else None,
                _ratio(tp[j], tp[j] + fn[j]) if measured else None,
                float(f1[j]) if measured else None,
                float(_kappa(r[..., j], o[..., j])[0]) if measured else None,
                100 * float(ref[:, j].mean()),
                100 * float(oth[:, j].mean()),
                Interval(float(f1_low[j]), float(f1_high[j])) if measured else None,
            )
        )
    return Comparison(
        n,
        group_ok / n,
        style_ok / n,
        tuple(scores),
        float(_kappa(r, o)[0]),
        Interval(*wilson_bounds(group_ok, n)),
        Interval(*wilson_bounds(style_ok, n)),
        Interval(float(macro_low), float(macro_high)),
        Interval(float(kappa_low), float(kappa_high)),
    )


def _ratio(a: int, b: int) -> float:
    return float(a / b) if b else 0.0


# Arrays are (resamples, interviews, themes) of yes/no codes: the interviews as they are
# are one resample, the bootstrap's are many.


def _matrix(codes: list[HandCode], slugs: tuple[str, ...]) -> np.ndarray:
    """(interviews, themes) yes/no codes."""
    return np.array([[slug in c.themes for slug in slugs] for c in codes], dtype=bool).reshape(len(codes), len(slugs))


def _counts(ref: np.ndarray, oth: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (ref & oth).sum(axis=1), (oth & ~ref).sum(axis=1), (ref & ~oth).sum(axis=1)


def _f1(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    """Per resample and theme; NaN where neither side codes the theme (not measurable)."""
    tp, fp, fn = _counts(ref, oth)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)


def _figures(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    """Per resample: each theme's F1, then the macro F1 over the measured themes, then the pooled kappa."""
    f1 = _f1(ref, oth)
    measured = ~np.isnan(f1)
    with np.errstate(invalid="ignore", divide="ignore"):
        macro = np.where(measured.any(axis=1), np.nansum(f1, axis=1) / measured.sum(axis=1), np.nan)
    return np.column_stack([f1, macro, _kappa(ref, oth)])


def _kappa(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    """Cohen's kappa per resample over every code in it (all themes pooled, or one theme)."""
    r, o = ref.reshape(len(ref), -1), oth.reshape(len(oth), -1)
    observed = (r == o).mean(axis=1)
    pr, po = r.mean(axis=1), o.mean(axis=1)
    expected = pr * po + (1 - pr) * (1 - po)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(expected == 1, 1.0, (observed - expected) / (1 - expected))


def tool_coding(summary: InterviewSummary, part: str) -> HandCode:
    """The tool's codes in the hand coding's shape, so one comparison serves tool and coders."""
    profile = summary.profile
    return HandCode(
        profile.id, part, profile.occupation_group, summary.interaction_style, frozenset(summary.theme_slugs)
    )


def evaluate(
    codes: list[HandCode],
    summaries: dict[str, InterviewSummary],
    transcripts: dict[str, Transcript],
    slugs: tuple[str, ...],
    part: str,
    second: Sequence[HandCode] = (),
    complete: Sequence[CompleteCode] = (),
) -> Evaluation:
    """Agreement on one part; with `complete` (the sentence-annotated part), also the evidence check."""
    chosen = [c for c in codes if c.part == part]
    if part == TEST_PART:
        chosen = list(codes)
    if not chosen:
        raise ReportError(f"the evaluation set has no '{part}' interviews")
    missing = [c.transcript_id for c in chosen if c.transcript_id not in summaries]
    if missing:
        raise ReportError(f"hand-coded interviews not found in the inputs: {', '.join(missing[:5])}; check --input")
    tool = {c.transcript_id: summaries[c.transcript_id] for c in chosen}
    checked = exact = 0
    for s in tool.values():
        turns = {t.number: t for t in transcripts[s.id].turns}
        quotes = [*s.key_quotes, *(q for t in s.themes for q in t.evidence)]
        for q in quotes:
            checked += 1
            turn = turns.get(q.turn)
            exact += bool(turn and turn.speaker == "participant" and q.text in turn.text)
    by_tool = {tid: tool_coding(s, part) for tid, s in tool.items()}
    first = {c.transcript_id: c for c in codes}
    unknown = [c.transcript_id for c in second if c.transcript_id not in first]
    if unknown:
        raise ReportError(f"second coding of interviews that have no first coding: {', '.join(unknown[:5])}")
    evidence = check_evidence(complete, tool, transcripts) if complete else None
    coders = (
        compare([first[c.transcript_id] for c in second], {c.transcript_id: c for c in second}, slugs)
        if second
        else None
    )
    return Evaluation(part, compare(chosen, by_tool, slugs), checked, exact, coders, evidence)
