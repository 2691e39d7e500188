"""Evaluate the coded dimensions against careful human coding (eval/dimensions/, one interview a line).

Per single-valued dimension: accuracy and Cohen's kappa over its values; per several-valued
dimension (what AI is used for): micro F1 over every (interview, value) code and the pooled kappa;
for every value, precision, recall and F1 with both codings' prevalence. Each figure has a 95%
percentile bootstrap interval over interviews (stats.bootstrap_bounds: fixed seed, so the same codes
give the same interval). Pure: reading happens in the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from generator.agreement import Interval
from generator.config import CodebookDimension
from generator.errors import ReportError
from generator.models import InterviewSummary
from generator.stats import bootstrap_bounds


@dataclass(frozen=True)
class DimensionCode:
    """One interview's values for each dimension, as one coder (or the tool) coded them."""

    transcript_id: str
    values: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class ValueScore:
    """Agreement on one value; precision, recall and F1 are None where neither coding has it."""

    value: str
    precision: float | None
    recall: float | None
    f1: float | None
    f1_interval: Interval | None
    reference_prevalence: float  # percent of interviews
    other_prevalence: float


@dataclass(frozen=True)
class DimensionScore:
    """Agreement on one dimension over `n` interviews: accuracy for one value per interview, micro F1
    for several (the other is None); kappa for both."""

    slug: str
    multiple: bool
    n: int
    accuracy: float | None
    accuracy_interval: Interval | None
    micro_f1: float | None
    micro_f1_interval: Interval | None
    kappa: float
    kappa_interval: Interval
    values: tuple[ValueScore, ...]


def load_dimension_coding(path: Path, dimensions: tuple[CodebookDimension, ...]) -> list[DimensionCode]:
    """The annotation file's codes for the codebook's dimensions it holds (those of its first record);
    a record without one of them, or with a value the codebook does not define, is an error naming it."""
    out: list[DimensionCode] = []
    wanted: tuple[CodebookDimension, ...] | None = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                if wanted is None:
                    wanted = tuple(d for d in dimensions if d.slug in raw)
                out.append(DimensionCode(raw["transcript_id"], {d.slug: _values(raw, d) for d in wanted}))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
                raise ReportError(
                    f"{path}:{number}: not a valid dimension annotation ({e}); see eval/dimensions-guide.md"
                ) from None
    return out


def _values(raw: dict[str, Any], dimension: CodebookDimension) -> frozenset[str]:
    # Several values: {value: [sentence numbers]}; one value: the value itself.
    coded = raw[dimension.slug]
    values = frozenset(coded) if dimension.multiple else frozenset([coded])
    unknown = sorted(v for v in values if v not in dimension.value_slugs)
    if unknown:
        raise ValueError(f"{dimension.slug}: {unknown[0]!r} is not one of its values in the codebook")
    return values


def tool_dimension_code(summary: InterviewSummary) -> DimensionCode:
    return DimensionCode(summary.id, {d.slug: frozenset(d.value_slugs) for d in summary.dimensions})


def evaluate_dimensions(
    codes: Sequence[DimensionCode], summaries: Mapping[str, InterviewSummary], dimensions: tuple[CodebookDimension, ...]
) -> tuple[DimensionScore, ...]:
    """The tool's agreement with `codes` on every dimension they hold."""
    missing = [c.transcript_id for c in codes if c.transcript_id not in summaries]
    if missing:
        raise ReportError(f"annotated interviews not found in the inputs: {', '.join(missing[:5])}; check --input")
    return compare_dimensions(
        codes, {c.transcript_id: tool_dimension_code(summaries[c.transcript_id]) for c in codes}, dimensions
    )


def compare_dimensions(
    reference: Sequence[DimensionCode], other: Mapping[str, DimensionCode], dimensions: tuple[CodebookDimension, ...]
) -> tuple[DimensionScore, ...]:
    """Agreement of `other` (by transcript id) with every interview of `reference`, per dimension."""
    if not reference:
        return ()
    held = [d for d in dimensions if d.slug in reference[0].values]
    return tuple(_compare(reference, other, d) for d in held)


def _compare(
    reference: Sequence[DimensionCode], other: Mapping[str, DimensionCode], d: CodebookDimension
) -> DimensionScore:
    n = len(reference)
    ref = _matrix([c.values[d.slug] for c in reference], d)
    oth = _matrix([other[c.transcript_id].values.get(d.slug, frozenset()) for c in reference], d)
    figures = _multiple if d.multiple else _single
    low, high = bootstrap_bounds(n, lambda rows: figures(ref[rows], oth[rows]))
    whole = figures(ref[np.newaxis], oth[np.newaxis])[0]
    headline, kappa, f1 = whole[0], whole[1], whole[2:]
    tp, fp, fn = (x[0] for x in _counts(ref[np.newaxis], oth[np.newaxis]))
    values = []
    for j, v in enumerate(d.value_slugs):
        measured = tp[j] + fp[j] + fn[j] > 0
        values.append(
            ValueScore(
                v,
                float(tp[j] / (tp[j] + fp[j])) if tp[j] + fp[j] else (0.0 if measured else None),
                float(tp[j] / (tp[j] + fn[j])) if tp[j] + fn[j] else (0.0 if measured else None),
                float(f1[j]) if measured else None,
                Interval(float(low[2 + j]), float(high[2 + j])) if measured else None,
                100 * float(ref[:, j].mean()),
                100 * float(oth[:, j].mean()),
            )
        )
    interval = Interval(float(low[0]), float(high[0]))
    return DimensionScore(
        d.slug,
        d.multiple,
        n,
        None if d.multiple else float(headline),
        None if d.multiple else interval,
        float(headline) if d.multiple else None,
        interval if d.multiple else None,
        float(kappa),
        Interval(float(low[1]), float(high[1])),
        tuple(values),
    )


# Arrays are (resamples, interviews, values) of yes/no codes: the interviews as they are are one
# resample, the bootstrap's are many. Each figure function returns, per resample, the headline
# figure (accuracy or micro F1), the kappa, then each value's F1 (NaN where neither side has it).


def _matrix(codes: list[frozenset[str]], d: CodebookDimension) -> np.ndarray:
    return np.array([[v in c for v in d.value_slugs] for c in codes], dtype=bool).reshape(len(codes), len(d.values))


def _counts(ref: np.ndarray, oth: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (ref & oth).sum(axis=1), (oth & ~ref).sum(axis=1), (ref & ~oth).sum(axis=1)


def _value_f1(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    tp, fp, fn = _counts(ref, oth)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)


def _single(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    """Accuracy, then Cohen's kappa over the values (chance: the product of the two codings' shares)."""
    observed = (ref == oth).all(axis=2).mean(axis=1)
    expected = (ref.mean(axis=1) * oth.mean(axis=1)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = np.where(expected == 1, 1.0, (observed - expected) / (1 - expected))
    return np.column_stack([observed, kappa, _value_f1(ref, oth)])


def _multiple(ref: np.ndarray, oth: np.ndarray) -> np.ndarray:
    """Micro F1 over every (interview, value) code, then kappa over the same codes pooled."""
    tp, fp, fn = (x.sum(axis=1) for x in _counts(ref, oth))
    with np.errstate(invalid="ignore", divide="ignore"):
        micro = np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    r, o = ref.reshape(len(ref), -1), oth.reshape(len(oth), -1)
    observed = (r == o).mean(axis=1)
    pr, po = r.mean(axis=1), o.mean(axis=1)
    expected = pr * po + (1 - pr) * (1 - po)
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = np.where(expected == 1, 1.0, (observed - expected) / (1 - expected))
    return np.column_stack([micro, kappa, _value_f1(ref, oth)])
