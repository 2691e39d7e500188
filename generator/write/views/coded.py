"""The interviews coded with a theme, for its page: each with the participant's best evidence sentence
for the theme, its split and occupation group, so that a reader can check the finding one interview at
a time and filter them as the quote wall filters quotes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.models import CodedTheme, InterviewSummary
from generator.publication import Publication
from generator.write.format import GROUP_LABELS
from generator.write.urls import interview_url
from generator.write.views.evidence import quote


def coded_interviews(slug: str, publication: Publication) -> dict[str, Any]:
    """The page data for the theme's list of coded interviews: empty where the publication names no interview."""
    if not publication.interviews:
        return {"interviews": [], "interview_filters": {"splits": [], "groups": []}}
    rows = [_row(s, coding) for s in publication.report.interviews if (coding := _coding(s, slug)) is not None]
    return {"interviews": rows, "interview_filters": _filters(rows)}


def _coding(s: InterviewSummary, slug: str) -> CodedTheme | None:
    # The coding of record: after review, so an interview whose coding a reviewer rejected is not here.
    return next((t for t in s.themes if t.slug == slug), None)


def _row(s: InterviewSummary, coding: CodedTheme) -> dict[str, Any]:
    p = s.profile
    return {
        "id": s.id,
        "url": interview_url(s.id),
        "occupation": p.occupation,
        "split": p.split,
        "group": p.occupation_group,
        "group_label": GROUP_LABELS[p.occupation_group],
        # The evidence leads with its best sentence (a reviewer's confirmed one first): the one the
        # interview's own page shows first for this theme.
        "evidence": quote(s.id, coding.evidence[0]) if coding.evidence else None,
    }


def _filters(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The splits and occupation groups present, each with how many of the rows it holds."""
    splits = Counter(r["split"] for r in rows)
    groups = Counter(r["group"] for r in rows)
    return {
        "splits": [{"value": s, "label": s, "n": splits[s]} for s in sorted(splits)],
        "groups": [
            {"value": g, "label": GROUP_LABELS[g], "n": groups[g]} for g in sorted(groups, key=GROUP_LABELS.__getitem__)
        ],
    }
