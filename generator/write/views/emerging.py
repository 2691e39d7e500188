"""The emerging themes page: clusters of what participants said that no codebook theme covers."""

from __future__ import annotations

from generator.models import Report
from generator.write.format import percent_label
from generator.write.urls import EMERGING_URL, save_as, turn_url
from generator.write.views.page import Page


def emerging_page(report: Report) -> Page:
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    data = {
        "kind": "emerging",
        "N": report.N,
        "clusters": [
            {
                "anchor": f"emerging-{e.key.replace(' ', '-')}",
                "keywords": list(e.keywords),
                "interviews": e.interviews,
                "sentences": e.sentences,
                "percent_label": percent_label(e.interviews, report.N),
                "quotes": [
                    {
                        "text": q.text,
                        "interview_id": q.interview_id,
                        "turn": q.turn,
                        "url": turn_url(q.interview_id, q.turn),
                        "occupation": occupations[q.interview_id],
                    }
                    for q in e.quotes
                ],
            }
            for e in report.emerging
        ],
    }
    return Page("Emerging themes", "emerging", EMERGING_URL, save_as(EMERGING_URL), "pagedata/emerging.json", data)
