"""Views: Report -> the data each page's template displays (pure, no I/O). One module per page kind;
build_pages lists the site's pages in a fixed order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.config import StudyConfig
from generator.publication import Publication
from generator.write.urls import slide_url, theme_url
from generator.write.views.agreement import near_chance, near_chance_values
from generator.write.views.dimension import dimension_page
from generator.write.views.emerging import emerging_page
from generator.write.views.guides import split_descriptions
from generator.write.views.home import home_page
from generator.write.views.interview import interview_page
from generator.write.views.interviews import interviews_page
from generator.write.views.methodology import methodology_page
from generator.write.views.page import Page
from generator.write.views.participants import participants_page
from generator.write.views.quote_wall import quote_wall_page
from generator.write.views.redirect import redirect_page
from generator.write.views.search import search_page
from generator.write.views.slide import slide_page
from generator.write.views.style_finding import style_page
from generator.write.views.theme import theme_page

__all__ = ["Page", "build_pages"]


def build_pages(
    publication: Publication, config: StudyConfig, figures: dict[str, dict[str, Any]], edition: str = ""
) -> Iterator[Page]:
    """Every page of the site, in a fixed order, one at a time (80,000 interview pages' data never sit in
    memory together). `edition` is the edition id (it starts with its date)."""
    report = publication.report
    labels = {t.slug: t.label for t in config.codebook}
    date = edition[:10]
    # The dimensions whose coder agrees with careful coding little better than chance: the index's columns
    # and every interview page mark them, as their own pages do.
    unreliable = frozenset(d.slug for d in report.dimensions if near_chance(config.agreement, d.slug))
    yield home_page(report, config, figures, date)
    yield methodology_page(publication, config)
    yield participants_page(publication, config, figures)
    yield style_page(publication, config, figures)
    if publication.interviews:
        yield interviews_page(report, labels, unreliable)
    for f in report.themes:
        yield theme_page(f, publication, config, figures, date)
        yield slide_page(f, report, config, date)
    for d in report.dimensions:
        yield dimension_page(d, publication, config, figures, date)
    yield emerging_page(report)
    if publication.interviews:
        yield quote_wall_page(report)
    yield search_page(publication)
    for theme in config.codebook:
        for alias in theme.aliases:
            yield redirect_page(theme_url(alias), theme_url(theme.slug), theme.label)
            yield redirect_page(slide_url(alias), slide_url(theme.slug), theme.label)
    if not publication.interviews:
        return
    ids = [s.id for s in report.interviews]
    described = split_descriptions(report, config)
    unreliable_values = {d.slug: near_chance_values(config.agreement, d.slug) for d in report.dimensions}
    for i, summary in enumerate(report.interviews):
        prev_id = ids[i - 1] if i > 0 else None
        next_id = ids[i + 1] if i + 1 < len(ids) else None
        yield interview_page(
            summary,
            i,
            publication,
            labels,
            prev_id,
            next_id,
            described[summary.profile.split],
            unreliable,
            unreliable_values,
        )
