"""The interviews index: one row per interview, with its profile and the themes coded in it."""

from __future__ import annotations

from generator.models import Report
from generator.write.format import GROUP_LABELS, STYLE_LABELS
from generator.write.urls import INTERVIEWS_URL, interview_url, save_as, theme_url
from generator.write.views.page import Page


def interviews_page(report: Report, labels: dict[str, str]) -> Page:
    rows = [
        {
            "id": s.id,
            "url": interview_url(s.id),
            "split": s.profile.split,
            "occupation": s.profile.occupation,
            "occupation_group_label": GROUP_LABELS[s.profile.occupation_group],
            "interaction_style": STYLE_LABELS[s.interaction_style],
            "themes": [{"slug": t.slug, "label": labels[t.slug], "url": theme_url(t.slug)} for t in s.themes],
        }
        for s in report.interviews
    ]
    data = {"kind": "interviews", "interviews": rows}
    return Page("Interviews", "interviews", INTERVIEWS_URL, save_as(INTERVIEWS_URL), "pagedata/interviews.json", data)
