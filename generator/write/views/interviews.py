"""The interviews index: one row per interview, in the report's order (by id), with its profile, the value
coded for each of the codebook's dimensions and the themes coded in it; and the filters enhance.js offers
over those rows. Only built where the publication shows interviews."""

from __future__ import annotations

from typing import Any

from generator.models import DimensionFinding, InterviewSummary, Report
from generator.write.format import GROUP_LABELS, STYLE_LABELS
from generator.write.urls import INTERVIEWS_URL, STYLE_URL, dimension_url, interview_url, save_as, theme_url
from generator.write.views.page import Page


def interviews_page(report: Report, labels: dict[str, str]) -> Page:
    dimensions = report.dimensions
    data = {
        "kind": "interviews",
        "N": report.N,
        "style_url": STYLE_URL,
        "dimensions": [
            {"slug": d.slug, "label": d.label, "url": dimension_url(d.slug), "multiple": d.multiple} for d in dimensions
        ],
        "filters": _filters(report, labels),
        "interviews": [_row(s, dimensions, labels) for s in report.interviews],
    }
    return Page("Interviews", "interviews", INTERVIEWS_URL, save_as(INTERVIEWS_URL), "pagedata/interviews.json", data)


def _row(s: InterviewSummary, dimensions: tuple[DimensionFinding, ...], labels: dict[str, str]) -> dict[str, Any]:
    coded = [_coded(s, d) for d in dimensions]
    return {
        "id": s.id,
        "url": interview_url(s.id),
        "split": s.profile.split,
        "occupation": s.profile.occupation,
        "occupation_group_label": GROUP_LABELS[s.profile.occupation_group],
        "interaction_style": STYLE_LABELS[s.interaction_style],
        "dimensions": coded,
        "themes_n": len(s.themes),
        "themes": [{"slug": t.slug, "label": labels[t.slug], "url": theme_url(t.slug)} for t in s.themes],
        # What each filter matches against, as the row's data-<name> attributes. A multiple-valued field
        # holds its slugs separated by spaces (slugs never hold one); a split name may, so it is matched whole.
        "match": {
            "split": s.profile.split,
            "group": s.profile.occupation_group,
            "style": s.interaction_style,
            "theme": " ".join(t.slug for t in s.themes),
            **{f"dim-{c['slug']}": " ".join(v["value"] for v in c["coded"]) for c in coded},
        },
    }


def _coded(s: InterviewSummary, d: DimensionFinding) -> dict[str, Any]:
    """The interview's value(s) for one dimension, and where a single value sorts: in the codebook's order
    (positive, mixed, negative), not the alphabet's, with nothing coded last. A list of values does not sort."""
    order = [v.slug for v in d.values]
    names = {v.slug: v.label for v in d.values}
    found = s.dimension(d.slug)
    coded = [{"value": v.value, "label": names[v.value]} for v in (found.values if found else ())]
    if d.multiple:
        return {"slug": d.slug, "coded": coded, "rank": None}
    return {"slug": d.slug, "coded": coded, "rank": order.index(coded[0]["value"]) if coded else len(order)}


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
