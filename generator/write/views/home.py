"""The home page: the opening summary, who was interviewed, how participants work with AI, the splits
compared, and the findings, most prevalent first, each with one quote, its figure and any published
figure for the same thing."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.config.references import INTERACTION_STYLE
from generator.models import DimensionFinding, Report
from generator.synthesise.report_level import overview
from generator.write.format import GROUP_LABELS, interval_label, percent_label, whole_percent
from generator.write.urls import (
    EMERGING_URL,
    HOME_URL,
    PARTICIPANTS_URL,
    STYLE_URL,
    dimension_url,
    save_as,
    slide_url,
    theme_url,
    turn_url,
)
from generator.write.views.agreement import coder_agreement, near_chance, unreported_values
from generator.write.views.citation import citation
from generator.write.views.counts import headline, splits
from generator.write.views.dimension import dimension_headline
from generator.write.views.guides import split_descriptions
from generator.write.views.page import Page
from generator.write.views.references import reference_rows
from generator.write.views.review import finding_review
from generator.write.views.splits import differences, split_cells
from generator.write.views.summary import summary

# Occupation groups the home page names; the participants page lists them all.
HOME_GROUPS = 3


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
                "references": reference_rows(f.slug, report, config.references),
                **finding_review(f, report),
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
    sentences = summary(report, config)
    data = {
        "kind": "home",
        "summary": sentences,
        "participants": _participants(report),
        "style": _style(report, config),
        "splits_compared": _splits_compared(report, config),
        "title": config.title,
        "subtitle": config.subtitle,
        "description": config.description,
        "N": report.N,
        "splits": splits(report),
        "findings": findings,
        "chart": figures.get("prevalence"),
        "citation": citation(config, date, ""),
        "share": {
            "image": "figures/share/report.png",
            "title": config.title,
            # The card's words: the summary's first sentence, as the card image shows it.
            "description": sentences[0]["text"] if sentences else config.description,
        },
        # No clusters, no "Beyond the codebook" section: a link to an empty page tells a reader nothing.
        "emerging": {"url": EMERGING_URL, "count": len(report.emerging)} if report.emerging else None,
        "dimensions": [_dimension(d, config) for d in report.dimensions],
        "skipped": [{"source": s.source, "message": s.message} for s in report.skipped],
    }
    return Page(config.title, "home", HOME_URL, save_as(HOME_URL), "pagedata/home.json", data)


def _dimension(d: DimensionFinding, config: StudyConfig) -> dict[str, Any]:
    """A dimension in one line: its most common value, unless its coder is little better than chance, whose
    counts are no finding to cite (its page leads with the careful human coding instead)."""
    reliable = not near_chance(config.agreement, d.slug)
    return {
        "label": d.label,
        "definition": d.definition,
        "url": dimension_url(d.slug),
        "reliable": reliable,
        "headline": dimension_headline(d, unreported_values(config.agreement, d)) if reliable else None,
    }


def _participants(report: Report) -> dict[str, Any]:
    """Who was interviewed, in brief: the splits and the largest occupation groups."""
    ov = overview(report)
    return {
        "url": PARTICIPANTS_URL,
        "splits": [{"name": s.name, "n": s.n, "percent_label": percent_label(s.n, s.N)} for s in ov.splits],
        "groups": [
            {"label": GROUP_LABELS[g.name], "n": g.n, "percent_label": percent_label(g.n, g.N)}
            for g in ov.groups[:HOME_GROUPS]
        ],
        "groups_total": len(ov.groups),
    }


def _style(report: Report, config: StudyConfig) -> dict[str, Any]:
    """How participants work with AI, in brief: each style's share, linked to its page, and any published
    figure for the same thing."""
    return {
        "url": STYLE_URL,
        "references": reference_rows(INTERACTION_STYLE, report, config.references),
        "shares": [
            {
                "name": s.name,
                "n": s.n,
                "N": s.N,
                "percent": whole_percent(s.n, s.N),
                "percent_label": percent_label(s.n, s.N),
                "interval": interval_label(s),
                "url": f"{STYLE_URL}#style-{s.name}",
            }
            for s in overview(report).styles.shares
        ],
    }


def _splits_compared(report: Report, config: StudyConfig) -> dict[str, Any] | None:
    """Each finding's share per split, side by side, and the differences the test finds; None with one split."""
    ov = overview(report)
    names = [s.name for s in ov.splits]
    if len(names) < 2:
        return None
    described = split_descriptions(report, config)
    return {
        "splits": [{"name": s.name, "N": s.n} for s in ov.splits],
        # The splits' own titles, under the table; and whether their interviews followed different guides.
        "titles": [
            {"name": s.name, "title": described[s.name]["title"]} for s in ov.splits if described[s.name]["title"]
        ],
        "several_guides": any(d["several_guides"] for d in described.values()),
        "rows": [
            {
                "label": f.label,
                "url": f"{theme_url(f.slug)}#by-split",
                "cells": split_cells(f.by_split, names),
                "differences": differences(ov.theme_tests(f.slug)),
            }
            for f in report.findings
        ],
        "tested": sum(1 for _, tests in ov.tests for _ in tests),
    }
