"""The coder's agreement as pages show it: beside each finding's figure, and in full on the methodology page."""

from __future__ import annotations

from typing import Any

from generator.agreement import Agreement, CodingAgreement, DimensionAgreement, Interval
from generator.config import CodebookDimension
from generator.models import DimensionFinding
from generator.synthesise.shares import wilson
from generator.write.format import interval_label, percent_label, span, two_places, whole_percent
from generator.write.urls import AGREEMENT_URL

# Below this F1 a theme's automatic coding is flagged as weak on the methodology page,
# and its figure elsewhere as indicative only.
WEAK_F1 = 0.6
# A dimension's target (issue 18): accuracy, or micro F1 where it takes several values, of at least
# this much against careful coding; below it the dimension's figures are indicative only.
DIMENSION_TARGET = 0.8
# Under this kappa a coder agrees little better than chance (the lower bound of Landis and Koch's
# "fair"): an accuracy of 0.73 from naming every interview "positive" is worth saying so beside.
NEAR_CHANCE_KAPPA = 0.2


def coder_agreement(agreement: Agreement | None, slug: str) -> dict[str, Any] | None:
    """How far the coder of one theme agrees with careful independent coding, for beside its figure:
    F1 with its interval, and whether the figure is only indicative (F1 under WEAK_F1)."""
    theme = agreement.theme(slug) if agreement else None
    if agreement is None or theme is None or theme.f1 is None:
        return None
    return {
        "f1": two_places(theme.f1),
        "interval": _span(theme.f1_interval, "{:.2f}"),
        "indicative": theme.f1 < WEAK_F1,
        "n": agreement.tool.n,
        "url": AGREEMENT_URL,
    }


def agreement_section(agreement: Agreement, labels: dict[str, str]) -> dict[str, Any]:
    """The methodology page's agreement section: the study-wide figures and a row per theme."""
    tool, coders = agreement.tool, agreement.between_coders
    coder_kappa = {t.slug: t.kappa for t in coders.themes} if coders else {}
    evidence = agreement.evidence_correct
    return {
        "part": agreement.part,
        **_figures(tool),
        "macro_f1_themes": len(tool.themes) if tool.macro_f1_themes is None else tool.macro_f1_themes,
        "evidence": {"n": evidence[0], "N": evidence[1], "percent_label": percent_label(*evidence)}
        if evidence and evidence[1]
        else None,
        "sentence_level": agreement.part == "test",
        "themes_total": len(tool.themes),
        "between_coders": _figures(coders) if coders else None,
        "themes": [
            {
                "label": labels.get(t.slug, t.slug),
                "weak": t.f1 is not None and t.f1 < WEAK_F1,
                "measured": t.f1 is not None,
                "precision": two_places(t.precision),
                "recall": two_places(t.recall),
                "f1": two_places(t.f1),
                "kappa": two_places(t.kappa),
                "f1_interval": _span(t.f1_interval, "{:.2f}") or "n/a",
                "human_prevalence": _whole_percent(t.human_prevalence),
                "tool_prevalence": _whole_percent(t.tool_prevalence),
                "coders_kappa": two_places(coder_kappa.get(t.slug)) if coders else None,
            }
            for t in tool.themes
        ],
    }


def _figures(c: CodingAgreement) -> dict[str, Any]:
    """The figures, each with its 95% interval as text ("55–77%", "0.50–0.70"); an agreement
    file written before intervals were measured has none, and the page then shows none."""
    return {
        "n": c.n,
        "occupation_group_accuracy": c.group_accuracy,
        "interaction_style_accuracy": c.style_accuracy,
        "macro_f1": c.macro_f1,
        "pooled_kappa": c.pooled_kappa,
        "occupation_group_accuracy_interval": _span(c.group_accuracy_interval, "{:.0%}"),
        "interaction_style_accuracy_interval": _span(c.style_accuracy_interval, "{:.0%}"),
        "macro_f1_interval": _span(c.macro_f1_interval, "{:.2f}"),
        "pooled_kappa_interval": _span(c.pooled_kappa_interval, "{:.2f}"),
    }


def _span(interval: Interval | None, form: str) -> str | None:
    return span(interval.low, interval.high, form) if interval else None


def _whole_percent(x: float | None) -> str:
    """A prevalence the evaluation measured in percent, to the whole percent."""
    return "n/a" if x is None else f"{x:.0f}%"


def near_chance(agreement: Agreement | None, slug: str) -> bool:
    """Whether the coder of a dimension agreed with careful coding on the held-out interviews little better
    than chance (kappa under NEAR_CHANCE_KAPPA): then its figures are not findings, whatever the dimension."""
    d = agreement.dimension(slug) if agreement else None
    return d is not None and d.kappa < NEAR_CHANCE_KAPPA


def near_chance_values(agreement: Agreement | None, slug: str) -> frozenset[str]:
    """The values of a dimension on which its coder agreed with careful coding little better than chance,
    by the same kappa rule as near_chance, each value counted as given or not per interview."""
    d = agreement.dimension(slug) if agreement else None
    if d is None:
        return frozenset()
    return frozenset(v.value for v in d.values if (k := d.value_kappa(v)) is not None and k < NEAR_CHANCE_KAPPA)


def unreported_values(agreement: Agreement | None, f: DimensionFinding) -> frozenset[str]:
    """The values of a dimension whose coded count is no finding: told little better than chance, or never
    coded at all (too few annotated examples to learn them from)."""
    return near_chance_values(agreement, f.slug) | frozenset(f.uncodable)


def human_coding(agreement: Agreement | None, dimension: CodebookDimension) -> dict[str, Any] | None:
    """What careful human coding of the held-out interviews found for a dimension: each value's n of N with
    its 95% Wilson interval, in the codebook's order. Counts only, never which interviews; None where the
    agreement file has no per-value figures for the dimension."""
    d = agreement.dimension(dimension.slug) if agreement else None
    if d is None or not d.values:
        return None
    counts = {v.value: d.count(v) for v in d.values}
    rows: list[dict[str, Any]] = []
    for v in dimension.values:
        if v.slug not in counts:
            continue
        n = counts[v.slug]
        rows.append(
            {
                "slug": v.slug,
                "label": v.label,
                "definition": v.definition,
                "anchor": f"value-{v.slug}",
                "n": n,
                "N": d.n,
                "percent": whole_percent(n, d.n),
                "percent_label": percent_label(n, d.n),
                "interval": interval_label(wilson(v.slug, n, d.n)),
            }
        )
    top = max((counts[r["slug"]] for r in rows), default=0)
    leaders = " and ".join(str(r["label"]) for r in rows if r["n"] == top)
    return {
        "N": d.n,
        "what": f"careful human coding of {d.n} held-out interviews",
        "headline": f"In careful human coding of {d.n} held-out interviews, the most common value was {leaders}: "
        f"{top} of {d.n} ({percent_label(top, d.n)})."
        if top
        else f"Careful human coding of {d.n} held-out interviews found no value.",
        "rows": rows,
    }


def dimension_agreement(agreement: Agreement | None, slug: str) -> dict[str, Any] | None:
    """How far the coder of one dimension agrees with careful independent coding, for its page: the
    figure its target is set on (accuracy, or micro F1), kappa, the two annotators' own agreement, and
    whether the figures are only indicative (under DIMENSION_TARGET)."""
    d = agreement.dimension(slug) if agreement else None
    if agreement is None or d is None:
        return None
    coders = agreement.dimension_between_coders(slug)
    return {
        **_dimension_figures(d),
        "indicative": d.figure < DIMENSION_TARGET,
        "near_chance": near_chance(agreement, slug),
        "target": two_places(DIMENSION_TARGET),
        "between_coders": _dimension_figures(coders) if coders else None,
        "url": AGREEMENT_URL,
    }


def _dimension_figures(d: DimensionAgreement) -> dict[str, Any]:
    return {
        "measure": "micro F1" if d.multiple else "accuracy",
        "figure": two_places(d.figure),
        "interval": _span(d.micro_f1_interval if d.multiple else d.accuracy_interval, "{:.2f}"),
        "kappa": two_places(d.kappa),
        "kappa_interval": _span(d.kappa_interval, "{:.2f}"),
        "n": d.n,
    }


def dimension_value_agreement(agreement: Agreement | None, slug: str) -> dict[str, dict[str, Any]]:
    """Each value's F1 with careful coding (its interval, whether it is weak), by value."""
    d = agreement.dimension(slug) if agreement else None
    if d is None:
        return {}
    return {
        v.value: {
            "kappa": two_places(d.value_kappa(v)),
            "f1": two_places(v.f1),
            "interval": _span(v.f1_interval, "{:.2f}"),
            "weak": v.f1 is not None and v.f1 < WEAK_F1,
            "human_prevalence": _whole_percent(v.reference_prevalence),
            "tool_prevalence": _whole_percent(v.other_prevalence),
        }
        for v in d.values
    }


def dimension_agreement_rows(agreement: Agreement, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The methodology page's row per dimension: its figure against the target, kappa, and the two
    annotators' agreement on the same measures."""
    rows = []
    for d in agreement.dimensions:
        coders = agreement.dimension_between_coders(d.slug)
        rows.append(
            {
                "label": labels.get(d.slug, d.slug),
                **_dimension_figures(d),
                "below_target": d.figure < DIMENSION_TARGET,
                "near_chance": near_chance(agreement, d.slug),
                "coders": _dimension_figures(coders) if coders else None,
            }
        )
    return rows
