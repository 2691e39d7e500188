"""A finding as a 16:9 slide: the number, the sentence, one quote, the citation."""

from __future__ import annotations

from generator.config import StudyConfig
from generator.models import Report, ThemeFinding
from generator.write.format import interval_label, percent_label
from generator.write.urls import save_as, slide_url, theme_url
from generator.write.views.agreement import coder_agreement
from generator.write.views.citation import citation
from generator.write.views.counts import headline
from generator.write.views.evidence import theme_quote
from generator.write.views.page import Page


def slide_page(f: ThemeFinding, report: Report, config: StudyConfig, date: str) -> Page:
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    first = f.quotes[0] if f.quotes else None
    data = {
        "kind": "slide",
        "slug": f.slug,
        "label": f.label,
        "percent_label": percent_label(f.n, f.N),
        "n": f.n,
        "N": f.N,
        "interval": interval_label(f.share),
        "headline": headline(f, config),
        "agreement": coder_agreement(config.agreement, f.slug),
        "quote": theme_quote(first, occupations[first.interview_id]) if first else None,
        "citation": citation(config, date, theme_url(f.slug), f.label, f.slug),
        "theme_url": theme_url(f.slug),
    }
    url = slide_url(f.slug)
    return Page(f"{f.label} (slide)", "slide", url, save_as(url), f"pagedata/slides/{f.slug}.json", data)
