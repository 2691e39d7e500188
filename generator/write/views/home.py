"""The home page: the findings, most prevalent first, each with one quote and its figure."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.models import Report
from generator.write.format import interval_label, percent_label, whole_percent
from generator.write.urls import EMERGING_URL, HOME_URL, dimension_url, save_as, slide_url, theme_url, turn_url
from generator.write.views.agreement import coder_agreement
from generator.write.views.citation import citation
from generator.write.views.counts import headline, splits
from generator.write.views.dimension import dimension_headline
from generator.write.views.page import Page


def home_page(report: Report, config: StudyConfig, figures: dict[str, dict[str, Any]], date: str) -> Page:
    findings = []
    shown: set[tuple[str, int, str]] = set()
    for f in report.findings:
        # A reader scanning the findings should meet a different voice under each: take the best
        # quote not already leading a higher-ranked finding, the best one if all are.
        fresh = [q for q in f.quotes if (q.interview_id, q.turn, q.text) not in shown]
        candidates = fresh or list(f.quotes)
        top = candidates[0] if candidates else None
        if top is not None:
            shown.add((top.interview_id, top.turn, top.text))
        findings.append(
            {
                "slug": f.slug,
                "label": f.label,
                "definition": f.definition,
                "n": f.n,
                "N": f.N,
                "percent": whole_percent(f.n, f.N),
                "percent_label": percent_label(f.n, f.N),
                "interval": interval_label(f.share),
                "url": theme_url(f.slug),
                "anchor": f"finding-{f.slug}",
                "headline": headline(f, config),
                "citation": citation(config, date, f"#finding-{f.slug}", f"Finding: {f.label}", f.slug),
                "slide_url": slide_url(f.slug),
                "agreement": coder_agreement(config.agreement, f.slug),
                "quote": {
                    "text": top.text,
                    "interview_id": top.interview_id,
                    "turn": top.turn,
                    "url": turn_url(top.interview_id, top.turn),
                }
                if top
                else None,
            }
        )
    data = {
        "kind": "home",
        "title": config.title,
        "subtitle": config.subtitle,
        "description": config.description,
        "N": report.N,
        "splits": splits(report),
        "findings": findings,
        "chart": figures.get("prevalence"),
        "citation": citation(config, date, ""),
        "share": {"image": "figures/share/report.png", "title": config.title, "description": config.description},
        "emerging": {"url": EMERGING_URL, "count": len(report.emerging)},
        "dimensions": [
            {
                "label": d.label,
                "definition": d.definition,
                "url": dimension_url(d.slug),
                "headline": dimension_headline(d),
            }
            for d in report.dimensions
        ],
        "skipped": [{"source": s.source, "message": s.message} for s in report.skipped],
    }
    return Page(config.title, "home", HOME_URL, save_as(HOME_URL), "pagedata/home.json", data)
