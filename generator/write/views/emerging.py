"""The emerging themes page: clusters of what participants said that no codebook theme covers, each
a candidate for a new code, named by its most representative statement. Never a finding: no share of
the study is given, only how many sentences and interviews a cluster holds."""

from __future__ import annotations

from typing import Any

from generator.models import Report, ThemeQuote
from generator.write.urls import EMERGING_URL, save_as, turn_url
from generator.write.views.page import Page


def emerging_page(report: Report) -> Page:
    occupations = {s.id: s.profile.occupation for s in report.interviews}

    def said(q: ThemeQuote) -> dict[str, Any]:
        return {
            "text": q.text,
            "interview_id": q.interview_id,
            "turn": q.turn,
            "url": turn_url(q.interview_id, q.turn),
            "occupation": occupations[q.interview_id],
        }

    data = {
        "kind": "emerging",
        "N": report.N,
        "clusters": [
            {
                "anchor": f"emerging-{e.key.replace(' ', '-')}",
                "name": said(e.name) if e.name else None,
                "keywords": list(e.keywords),
                "interviews": e.interviews,
                "sentences": e.sentences,
                "quotes": [said(q) for q in e.quotes],
            }
            for e in report.emerging
        ],
    }
    return Page("Emerging themes", "emerging", EMERGING_URL, save_as(EMERGING_URL), "pagedata/emerging.json", data)
