"""A theme's page: its prevalence, breakdowns, quotes, chart, word cloud and the interviews coded with it."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.models import ThemeFinding
from generator.publication import Publication
from generator.synthesise import MIN_GROUP
from generator.synthesise.report_level import overview
from generator.write.format import GROUP_LABELS, interval_label, percent_label, whole_percent
from generator.write.urls import save_as, slide_url, theme_url
from generator.write.views.agreement import coder_agreement
from generator.write.views.citation import citation
from generator.write.views.coded import coded_interviews
from generator.write.views.counts import headline, share_rows
from generator.write.views.evidence import theme_quote
from generator.write.views.page import Page
from generator.write.views.references import reference_rows
from generator.write.views.review import finding_review
from generator.write.views.splits import split_tests

THEME_PAGE_QUOTES = 6


def theme_page(
    f: ThemeFinding, publication: Publication, config: StudyConfig, figures: dict[str, Any], date: str
) -> Page:
    report = publication.report
    theme = config.theme(f.slug)
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    data = {
        "kind": "theme",
        "slug": f.slug,
        "label": f.label,
        "definition": theme.definition,
        "include": theme.include,
        "exclude": theme.exclude,
        "n": f.n,
        "N": f.N,
        "percent": whole_percent(f.n, f.N),
        "percent_label": percent_label(f.n, f.N),
        "interval": interval_label(f.share),
        "headline": headline(f, config),
        "agreement": coder_agreement(config.agreement, f.slug),
        **finding_review(f, report),
        "min_group": MIN_GROUP,
        "by_split": share_rows(f.by_split) if len(f.by_split) > 1 else [],
        "split_tests": split_tests(overview(report).theme_tests(f.slug)) if len(f.by_split) > 1 else [],
        "references": reference_rows(f.slug, report, config.references),
        "by_group": share_rows(f.by_group, GROUP_LABELS),
        "quotes": [theme_quote(q, occupations[q.interview_id]) for q in f.quotes[:THEME_PAGE_QUOTES]],
        "citation": citation(config, date, theme_url(f.slug), f.label, f.slug),
        "slide_url": slide_url(f.slug),
        "share": {
            "image": f"figures/share/{f.slug}.png",
            "title": f"{f.label}: {percent_label(f.n, f.N)} of interviews",
            "description": headline(f, config),
        },
        "chart": figures.get(f"groups-{f.slug}"),
        "cooccurs": [{"slug": c.slug, "label": c.label, "n": c.n, "url": theme_url(c.slug)} for c in f.cooccurs],
        "wordcloud": figures.get(f"wordcloud-{f.slug}"),
        **coded_interviews(f.slug, publication),
    }
    url = theme_url(f.slug)
    return Page(f.label, "theme", url, save_as(url), f"pagedata/themes/{f.slug}.json", data)
