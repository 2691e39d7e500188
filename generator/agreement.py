"""The coder's agreement with careful independent coding: one typed model, eval/agreement.json's contents.

`report eval --write` makes it from an Evaluation (`agreement_from`) and writes it (`agreement_to_json`,
in agreement_json.py, with the file format); the study configuration reads it back (`agreement_from_json`)
for the methodology, theme and slide pages.
Figures are rounded to two places when made, so what is written is what is read: a round trip gives
an equal object. Pure: reading and writing happen in config.py and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.evaluate import Comparison, Evaluation, ThemeScore
    from generator.evaluate_dimensions import DimensionScore


@dataclass(frozen=True)
class Interval:
    """A 95% interval: at 64 interviews a theme has a handful of positives, and one
    disagreement moves its F1 by a tenth, so no figure is published without one."""

    low: float
    high: float


@dataclass(frozen=True)
class ThemeAgreement:
    """Agreement on one theme. F1 and kappa are None where neither coding codes the theme in any
    interview (agreement on absence alone measures nothing)."""

    slug: str
    f1: float | None
    f1_interval: Interval | None
    kappa: float | None
    # Only for the tool against the reference coding; prevalences in percent.
    precision: float | None = None
    recall: float | None = None
    human_prevalence: float | None = None
    tool_prevalence: float | None = None


@dataclass(frozen=True)
class CodingAgreement:
    """How far one coding agrees with the reference coding over `n` interviews. Intervals are None in a
    file written before they were measured, `macro_f1_themes` likewise (every theme then counts)."""

    n: int
    group_accuracy: float
    group_accuracy_interval: Interval | None
    style_accuracy: float
    style_accuracy_interval: Interval | None
    macro_f1: float
    macro_f1_interval: Interval | None
    macro_f1_themes: int | None
    pooled_kappa: float
    pooled_kappa_interval: Interval | None
    themes: tuple[ThemeAgreement, ...]


@dataclass(frozen=True)
class ValueAgreement:
    """Agreement on one value of a dimension; None where neither coding has the value. Prevalences in percent
    (reference coding, then the tool or the second annotator)."""

    value: str
    precision: float | None
    recall: float | None
    f1: float | None
    f1_interval: Interval | None
    reference_prevalence: float
    other_prevalence: float


@dataclass(frozen=True)
class DimensionAgreement:
    """Agreement on one dimension: accuracy where it takes one value per interview, micro F1 where it
    takes several (the other is None); kappa for both."""

    slug: str
    multiple: bool
    n: int
    accuracy: float | None
    accuracy_interval: Interval | None
    micro_f1: float | None
    micro_f1_interval: Interval | None
    kappa: float
    kappa_interval: Interval | None
    values: tuple[ValueAgreement, ...]

    @property
    def figure(self) -> float:
        """The figure its target is set on: accuracy, or micro F1."""
        return self.micro_f1 if self.multiple and self.micro_f1 is not None else self.accuracy or 0.0

    def count(self, v: ValueAgreement) -> int:
        """How many of the n interviews the reference coding gave the value: the file keeps its share in
        percent to two places, which gives back the count exactly for n under 10,000."""
        return round(v.reference_prevalence * self.n / 100)

    def value_kappa(self, v: ValueAgreement) -> float | None:
        """Cohen's kappa on one value (given it or not, per interview); None where neither coding gave it.
        From the counts the file implies: both codings' counts from their shares, and the interviews both
        gave it from recall or precision, whichever multiplies the smaller count (two places of either
        are then off by under half an interview while that count is under 100)."""
        reference, other = self.count(v), round(v.other_prevalence * self.n / 100)
        if not reference and not other:
            return None
        if reference <= other:
            both = round((v.recall or 0.0) * reference)
        else:
            both = round((v.precision or 0.0) * other)
        n = self.n
        observed = (n - reference - other + 2 * both) / n
        chance = (reference * other + (n - reference) * (n - other)) / (n * n)
        return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


@dataclass(frozen=True)
class Agreement:
    """What eval/agreement.json holds: the tool against the reference coding on one part of the
    evaluation set, and, where the set is double-coded, a second annotator against the first."""

    part: str
    tool: CodingAgreement
    # (exact, checked): quotes found word for word in their participant turn.
    quotes_exact: tuple[int, int] | None = None
    # (correct, shown): evidence quotes the complete annotation marks as showing their theme; only
    # for the completely annotated part. `lead_quotes_correct` counts each theme's first quote only.
    evidence_correct: tuple[int, int] | None = None
    lead_quotes_correct: tuple[int, int] | None = None
    between_coders: CodingAgreement | None = None
    # The codebook's dimensions: the tool against the dimension annotation, and a second annotator
    # against the first on the interviews both annotated.
    dimensions: tuple[DimensionAgreement, ...] = ()
    dimensions_between_coders: tuple[DimensionAgreement, ...] = ()

    def theme(self, slug: str) -> ThemeAgreement | None:
        return next((t for t in self.tool.themes if t.slug == slug), None)

    def dimension(self, slug: str) -> DimensionAgreement | None:
        return next((d for d in self.dimensions if d.slug == slug), None)

    def dimension_between_coders(self, slug: str) -> DimensionAgreement | None:
        return next((d for d in self.dimensions_between_coders if d.slug == slug), None)


# --- From an evaluation (report eval --write)


def agreement_from(result: Evaluation) -> Agreement:
    """The figures the methodology page publishes, rounded to two places; no dates, so rebuilds stay identical."""
    evidence = result.evidence
    return Agreement(
        part=result.part,
        tool=_coding(result.tool, tool=True),
        quotes_exact=(result.quotes_exact, result.quotes_checked),
        evidence_correct=(evidence.correct, evidence.shown) if evidence else None,
        lead_quotes_correct=(evidence.lead_correct, evidence.lead) if evidence else None,
        between_coders=_coding(result.coders, tool=False) if result.coders else None,
        dimensions=tuple(_dimension(d) for d in result.dimensions),
        dimensions_between_coders=tuple(_dimension(d) for d in result.dimension_coders),
    )


def _dimension(d: DimensionScore) -> DimensionAgreement:
    return DimensionAgreement(
        d.slug, d.multiple, d.n, _r2(d.accuracy), _rounded(d.accuracy_interval), _r2(d.micro_f1),
        _rounded(d.micro_f1_interval), round(d.kappa, 2), _rounded(d.kappa_interval),
        tuple(
            ValueAgreement(v.value, _r2(v.precision), _r2(v.recall), _r2(v.f1), _rounded(v.f1_interval),
                           round(v.reference_prevalence, 2), round(v.other_prevalence, 2))
            for v in d.values
        ),
    )  # fmt: skip


def _coding(c: Comparison, tool: bool) -> CodingAgreement:
    return CodingAgreement(
        n=c.n,
        group_accuracy=round(c.group_accuracy, 2),
        group_accuracy_interval=_rounded(c.group_interval),
        style_accuracy=round(c.style_accuracy, 2),
        style_accuracy_interval=_rounded(c.style_interval),
        macro_f1=round(c.macro_f1, 2),
        macro_f1_interval=_rounded(c.macro_f1_interval),
        macro_f1_themes=len(c.measured),
        pooled_kappa=round(c.pooled_kappa, 2),
        pooled_kappa_interval=_rounded(c.kappa_interval),
        themes=tuple(_theme(t, tool) for t in c.themes),
    )


def _theme(t: ThemeScore, tool: bool) -> ThemeAgreement:
    common = ThemeAgreement(t.slug, _r2(t.f1), _rounded(t.f1_interval), _r2(t.kappa))
    if not tool:
        return common
    return ThemeAgreement(
        common.slug, common.f1, common.f1_interval, common.kappa,
        _r2(t.precision), _r2(t.recall), _r2(t.reference_prevalence), _r2(t.other_prevalence),
    )  # fmt: skip


def _r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _rounded(i: Interval | None) -> Interval | None:
    return None if i is None else Interval(round(i.low, 2), round(i.high, 2))
