"""The quote wall: every theme's representative quotes, each tagged for filtering by theme, split and group."""

from __future__ import annotations

from typing import Any

from generator.models import Report
from generator.write.format import GROUP_LABELS
from generator.write.urls import QUOTES_URL, save_as, theme_quote_anchor, theme_url
from generator.write.views.evidence import once_per_page, theme_quote
from generator.write.views.page import Page


def quote_wall_page(report: Report) -> Page:
    profiles = {s.id: s.profile for s in report.interviews}
    groups: list[dict[str, Any]] = []
    # A sentence that is evidence for two themes is on the wall under each, and indexed once.
    shown = once_per_page()
    for f in report.findings:
        items: list[dict[str, Any]] = []
        for q in f.quotes:
            p = profiles[q.interview_id]
            items.append(
                shown(
                    {
                        **theme_quote(q, p.occupation),
                        "anchor": f"{f.slug}-{theme_quote_anchor(q)}",
                        "theme": f.slug,
                        "split": p.split,
                        "group": p.occupation_group,
                        "group_label": GROUP_LABELS[p.occupation_group],
                    }
                )
            )
        if items:
            groups.append({"slug": f.slug, "label": f.label, "url": theme_url(f.slug), "quotes": items})
    every = [q for g in groups for q in g["quotes"]]
    present_groups = sorted({q["group"] for q in every}, key=lambda g: GROUP_LABELS[g])
    data = {
        "kind": "quotes",
        "groups": groups,
        "count": len(every),
        "filters": {
            "themes": [{"value": g["slug"], "label": g["label"]} for g in groups],
            "splits": [{"value": s, "label": s} for s in sorted({q["split"] for q in every})],
            "groups": [{"value": g, "label": GROUP_LABELS[g]} for g in present_groups],
        },
    }
    return Page("Quote wall", "quotes", QUOTES_URL, save_as(QUOTES_URL), "pagedata/quotes.json", data)
