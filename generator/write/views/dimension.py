"""A dimension's page: each value's n of N with its interval, the chart, the values by study split,
evidence quotes per value, and the coder's agreement with careful coding.

Only what the coder can tell is reported (views/agreement.py, near_chance and near_chance_values). A
dimension whose coder agreed with careful coding little better than chance has no finding from the
coder: its page leads with what careful human coding of the held-out interviews found (counts only) and
keeps the coder's own counts apart, marked not reliable, without quotes, chart or splits. Otherwise a
value the coder tells little better than chance, or never gives at all, keeps its row, with the human
count instead of the coder's, and stays out of the headline, the chart and the splits."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.models import DimensionFinding, ValueFinding
from generator.publication import Publication
from generator.write.format import interval_label, percent_label, percent_range, whole_percent
from generator.write.urls import dimension_url, save_as
from generator.write.views.agreement import (
    dimension_agreement,
    dimension_value_agreement,
    human_coding,
    near_chance,
    near_chance_values,
    unreported_values,
)
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
    reliable = not near_chance(config.agreement, f.slug)
    human = human_coding(config.agreement, dimension)
    human_rows = {r["slug"]: r for r in human["rows"]} if human else {}
    unreliable = near_chance_values(config.agreement, f.slug)
    left_out = unreported_values(config.agreement, f)
    shown = [v for v in f.values if v.slug not in left_out]
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
        "headline": dimension_headline(f, left_out) if reliable else _unreliable_headline(human),
        # False: the coder's figures are not findings; the page leads with `human` (None without
        # per-value figures in the agreement file) and shows the coder's counts as not reliable.
        "reliable": reliable,
        "human": None if reliable else human,
        # Coded from the value definitions, not the trained model: never measured, so indicative.
        "from_definitions": f.coder == "definitions",
        "agreement": dimension_agreement(config.agreement, f.slug),
        "value_rows": [
            _value(
                v,
                occupations,
                value_agreement.get(v.slug),
                reliable and v.slug not in unreliable,
                v.slug in f.uncodable,
                human_rows.get(v.slug) if v.slug in unreliable else None,
            )
            for v in f.values
        ],
        "chart": figures.get(f"dimensions/{f.slug}") if reliable else None,
        "by_split": _by_split(shown, splits) if len(splits) > 1 and reliable and shown else None,
        "citation": citation(config, date, url, f.label, f.slug),
        "data": {"json": "data/dimensions.json", "csv": "data/dimensions.csv"},
    }
    return Page(f.label, "dimension", url, save_as(url), f"pagedata/dimensions/{f.slug}.json", data)


def dimension_headline(f: DimensionFinding, left_out: frozenset[str] = frozenset()) -> str:
    """The most common value (or values, when tied) in words: "Most often coded: Positive, in 52 of 60
    interviews (87%)."; values in `left_out` (no finding) are not named, and the sentence says so."""
    values = [v for v in f.values if v.slug not in left_out]
    top = max((v.n for v in values), default=0)
    noun = "interview" if f.N == 1 else "interviews"
    among = "Of the values the coder tells reliably, most" if left_out else "Most"
    if not top:
        return (
            f"No value the coder tells reliably was coded in any of the {f.N} {noun}."
            if left_out
            else (f"No value was coded in any of the {f.N} {noun}.")
        )
    leaders = " and ".join(v.label for v in values if v.n == top)
    return f"{among} often coded: {leaders}, in {top} of {f.N} {noun} ({percent_label(top, f.N)})."


def _unreliable_headline(human: dict[str, Any] | None) -> str:
    if human is None:
        return "The automatic coder cannot tell this dimension reliably, so this report gives no figure for it."
    return str(human["headline"])


def _value(
    v: ValueFinding,
    occupations: dict[str, str],
    agreement: dict[str, Any] | None,
    reliable: bool,
    uncodable: bool,
    human: dict[str, Any] | None,
) -> dict[str, Any]:
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
        # False: the coder tells this value (or the whole dimension) little better than chance.
        "reliable": reliable,
        # Where only this value is unreliable: what careful human coding of the held-out interviews found.
        "human": human,
        # An unreliable coding's quotes would read as evidence for a figure the page does not stand by.
        "quotes": [theme_quote(q, occupations[q.interview_id]) for q in v.quotes[:VALUE_QUOTES]]
        if reliable and not uncodable
        else [],
        # Per value too: a dimension's accuracy can hide one value coded far more often than annotated.
        "agreement": agreement,
        # Never coded, so its 0 of N is no figure (see DimensionFinding.uncodable).
        "uncodable": uncodable,
    }


def _by_split(values: list[ValueFinding], splits: list[str]) -> dict[str, Any]:
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
            for v in values
        ],
    }
