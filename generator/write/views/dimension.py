"""A dimension's page: each value's n of N with its interval, the chart, the values by study split,
evidence quotes per value, and the coder's agreement with careful coding."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.models import DimensionFinding, ValueFinding
from generator.publication import Publication
from generator.write.format import interval_label, percent_label, percent_range, whole_percent
from generator.write.urls import dimension_url, save_as
from generator.write.views.agreement import dimension_agreement, dimension_value_agreement
from generator.write.views.citation import citation
from generator.write.views.evidence import theme_quote
from generator.write.views.page import Page

VALUE_QUOTES = 3


def dimension_page(
    f: DimensionFinding, publication: Publication, config: StudyConfig, figures: dict[str, Any], date: str
) -> Page:
    report = publication.report
    dimension = config.dimension(f.slug)
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    value_agreement = dimension_value_agreement(config.agreement, f.slug)
    splits = [s.name for s in f.values[0].by_split] if f.values else []
    url = dimension_url(f.slug)
    data = {
        "kind": "dimension",
        "slug": f.slug,
        "label": f.label,
        "definition": f.definition,
        "multiple": f.multiple,
        "max_values": dimension.max_values,
        "default": dimension.value(dimension.default).label if dimension.default else None,
        "N": f.N,
        "coded": f.coded,
        "uncoded": f.N - f.coded,
        "headline": dimension_headline(f),
        # Coded from the value definitions, not the trained model: never measured, so indicative.
        "from_definitions": f.coder == "definitions",
        "agreement": dimension_agreement(config.agreement, f.slug),
        "value_rows": [_value(v, occupations, value_agreement.get(v.slug)) for v in f.values],
        "chart": figures.get(f"dimensions/{f.slug}"),
        "by_split": _by_split(f, splits) if len(splits) > 1 else None,
        "citation": citation(config, date, url, f.label, f.slug),
        "data": {"json": "data/dimensions.json", "csv": "data/dimensions.csv"},
    }
    return Page(f.label, "dimension", url, save_as(url), f"pagedata/dimensions/{f.slug}.json", data)


def dimension_headline(f: DimensionFinding) -> str:
    """The most common value (or values, when tied) in words: "Positive: 52 of 60 interviews (87%)"."""
    top = max((v.n for v in f.values), default=0)
    if not top:
        return f"No value was coded in any of the {f.N} interviews."
    leaders = " and ".join(v.label for v in f.values if v.n == top)
    noun = "interview" if f.N == 1 else "interviews"
    return f"Most often coded: {leaders}, in {top} of {f.N} {noun} ({percent_label(top, f.N)})."


def _value(v: ValueFinding, occupations: dict[str, str], agreement: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "slug": v.slug,
        "label": v.label,
        "definition": v.definition,
        "anchor": f"value-{v.slug}",
        "n": v.n,
        "N": v.N,
        "percent": whole_percent(v.n, v.N),
        "percent_label": percent_label(v.n, v.N),
        "interval": interval_label(v.share),
        "quotes": [theme_quote(q, occupations[q.interview_id]) for q in v.quotes[:VALUE_QUOTES]],
        # Per value too: a dimension's accuracy can hide one value coded far more often than annotated.
        "agreement": agreement,
    }


def _by_split(f: DimensionFinding, splits: list[str]) -> dict[str, Any]:
    """Rows of values, a column per study split: n of N, share and interval in each."""
    return {
        "splits": splits,
        "rows": [
            {
                "label": v.label,
                "cells": [
                    {
                        "n": s.n,
                        "N": s.N,
                        "percent_label": percent_label(s.n, s.N),
                        "interval": percent_range(s.low, s.high),
                        "too_small": s.too_small,
                    }
                    for s in v.by_split
                ],
            }
            for v in f.values
        ],
    }
