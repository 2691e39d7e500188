"""The interviews index: one row per interview, in the report's order (by id), with its profile, the value
coded for each of the codebook's dimensions and the themes coded in it; and the filters enhance.js offers
over those rows. Only built where the publication shows interviews."""

from __future__ import annotations

from typing import Any

from generator.models import DimensionFinding, InterviewSummary, Report
from generator.write.format import GROUP_LABELS, STYLE_LABELS
from generator.write.urls import INTERVIEWS_URL, STYLE_URL, dimension_url, interview_url, save_as, theme_url
from generator.write.views.page import Page


def interviews_page(report: Report, labels: dict[str, str], unreliable: frozenset[str] = frozenset()) -> Page:
    """`unreliable`: the dimensions whose coder agreed with careful coding little better than chance; their
    columns say so, as their pages do."""
    # At 80,000 interviews this page's data is the largest the build holds, so a row carries slugs and
    # the page's maps carry each slug's words once.
    dimensions = report.dimensions
    data = {
        "kind": "interviews",
        "N": report.N,
        "style_url": STYLE_URL,
        "groups": dict(GROUP_LABELS),
        "styles": dict(STYLE_LABELS),
        "themes": {slug: {"label": label, "url": theme_url(slug)} for slug, label in labels.items()},
        "dimensions": [
            {
                "slug": d.slug,
                "label": d.label,
                "url": dimension_url(d.slug),
                "multiple": d.multiple,
                "reliable": d.slug not in unreliable,
                "value_labels": {v.slug: v.label for v in d.values},
            }
            for d in dimensions
        ],
        "filters": _filters(report, labels),
        "interviews": [_row(s, dimensions) for s in report.interviews],
    }
    return Page("Interviews", "interviews", INTERVIEWS_URL, save_as(INTERVIEWS_URL), "pagedata/interviews.json", data)


def _row(s: InterviewSummary, dimensions: tuple[DimensionFinding, ...]) -> dict[str, Any]:
    """One interview: its profile, the value slugs coded for each dimension (in the page's order of
    dimensions) with where each sorts, and its themes' slugs."""
    coded = [found.value_slugs if (found := s.dimension(d.slug)) else () for d in dimensions]
    return {
        "id": s.id,
        "url": interview_url(s.id),
        "split": s.profile.split,
        "occupation": s.profile.occupation,
        "group": s.profile.occupation_group,
        "style": s.interaction_style,
        "dimensions": [list(values) for values in coded],
        "ranks": [_rank(d, values) for d, values in zip(dimensions, coded, strict=True)],
        "themes_n": len(s.themes),
        "themes": [t.slug for t in s.themes],
    }


def _rank(d: DimensionFinding, values: tuple[str, ...]) -> int | None:
    """Where a single value sorts: in the codebook's order (positive, mixed, negative), not the alphabet's,
    with nothing coded last. A list of values does not sort."""
    if d.multiple:
        return None
    order = [v.slug for v in d.values]
    return order.index(values[0]) if values else len(order)


def _filters(report: Report, labels: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """One select per field a reader narrows the index by, offering only values some interview has: the
    participant's profile, then what was coded. `name` is the rows' data attribute; `tokens` marks a
    field holding several values."""
    profiles = [s.profile for s in report.interviews]
    styles = {s.interaction_style for s in report.interviews}
    themes = {t.slug for s in report.interviews for t in s.themes}
    groups = sorted({p.occupation_group for p in profiles}, key=lambda g: GROUP_LABELS[g])
    ranked = [(f.slug, labels[f.slug]) for f in report.findings if f.slug in themes]
    coded = [
        _filter("style", "Interaction style", "All styles", [(k, v) for k, v in STYLE_LABELS.items() if k in styles]),
        _filter("theme", "Theme coded", "Any theme", ranked, tokens=True),
    ]
    for d in report.dimensions:
        options = [(v.slug, v.label) for v in d.values if v.n]
        coded.append(_filter(f"dim-{d.slug}", d.label, "Any value", options, tokens=d.multiple))
    return {
        "profile": [
            _filter("split", "Study split", "All splits", [(x, x) for x in sorted({p.split for p in profiles})]),
            _filter("group", "Occupation group", "All groups", [(g, GROUP_LABELS[g]) for g in groups]),
        ],
        "coded": coded,
    }


def _filter(name: str, label: str, every: str, options: list[tuple[str, str]], tokens: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "all": every,
        "tokens": tokens,
        "options": [{"value": value, "label": text} for value, text in options],
    }
