"""The interaction style page: how participants work with AI (collaborative, delegating, mixed or
unclear) as a finding of its own, overall and per split, with the tests between splits, the coder's
agreement, published figures and examples in the participants' words."""

from __future__ import annotations

import hashlib
from typing import Any

from generator.config import StudyConfig
from generator.config.references import INTERACTION_STYLE
from generator.models import InterviewSummary
from generator.publication import Publication
from generator.synthesise.report_level import overview
from generator.synthesise.summary import WEAK_STYLE
from generator.write.format import STYLE_LABELS, interval_label, percent_label, span, whole_percent
from generator.write.urls import AGREEMENT_URL, STYLE_URL, save_as, turn_url
from generator.write.views.page import Page
from generator.write.views.references import reference_rows
from generator.write.views.splits import share_cell, split_tests

# Examples in the participants' words per style; the page is a finding, not a list of interviews.
EXAMPLES = 3
# What each style means, as the coding guide (eval/coding-guide.md) defines it for a careful coder.
MEANINGS = {
    "collaborative": "works with AI back and forth: iterating, refining, using it as a sounding board "
    "(augmentation: AI collaborates on the task)",
    "delegating": "hands tasks to AI and takes the result, with light editing at most "
    "(automation: AI performs the task)",
    "mixed": "describes both ways of working as their practice, often depending on the task",
    "unclear": "describes neither way of working in the interview",
}


def style_page(publication: Publication, config: StudyConfig, figures: dict[str, Any]) -> Page:
    report = publication.report
    styles = overview(report).styles
    split_names = [name for name, _ in styles.by_split]
    tests = dict(styles.tests)
    data = {
        "kind": "style",
        "N": report.N,
        "styles": [
            {
                "name": s.name,
                "label": STYLE_LABELS[s.name],
                "meaning": MEANINGS[s.name],
                "anchor": f"style-{s.name}",
                "n": s.n,
                "N": s.N,
                "percent": whole_percent(s.n, s.N),
                "percent_label": percent_label(s.n, s.N),
                "interval": interval_label(s),
                "examples": _examples(report.interviews, s.name) if publication.interviews else [],
            }
            for s in styles.shares
        ],
        "chart": figures.get("interaction-styles"),
        "splits": split_names if len(split_names) > 1 else [],
        "by_split": [
            {
                "name": name,
                "label": STYLE_LABELS[name],
                "cells": [share_cell(shares[i]) for _, shares in styles.by_split],
                "tests": split_tests(tests[name]),
            }
            for i, name in enumerate(s.name for s in styles.shares)
        ]
        if len(split_names) > 1
        else [],
        "agreement": _agreement(config),
        "references": reference_rows(INTERACTION_STYLE, report, config.references),
        "share": {
            "image": "figures/share/report.png",
            "title": f"How participants work with AI · {config.title}",
            "description": "; ".join(f"{s.name} {percent_label(s.n, s.N)}" for s in styles.shares),
        },
    }
    return Page(
        "How participants work with AI", "style", STYLE_URL, save_as(STYLE_URL), "pagedata/interaction-style.json", data
    )


def _agreement(config: StudyConfig) -> dict[str, Any] | None:
    """How far the automatic style coding agrees with careful independent coding."""
    if config.agreement is None:
        return None
    tool = config.agreement.tool
    interval = tool.style_accuracy_interval
    return {
        "accuracy": percent_label(round(100 * tool.style_accuracy), 100),
        "interval": span(interval.low, interval.high, "{:.0%}") if interval else None,
        "n": tool.n,
        "indicative": tool.style_accuracy < WEAK_STYLE,
        "url": AGREEMENT_URL,
    }


def _examples(interviews: tuple[InterviewSummary, ...], style: str) -> list[dict[str, Any]]:
    """A few interviews' style evidence, in the participant's words, linked to its turn. Picked by a hash
    of the style and the id, not the first ids, so the examples are not all from one split."""
    found = [s for s in interviews if s.interaction_style == style and s.style_evidence is not None]
    found.sort(key=lambda s: hashlib.sha256(f"{style}\0{s.id}".encode()).hexdigest())
    return [
        {
            "text": s.style_evidence.text,
            "interview_id": s.id,
            "turn": s.style_evidence.turn,
            "url": turn_url(s.id, s.style_evidence.turn),
            "occupation": s.profile.occupation,
        }
        for s in found[:EXAMPLES]
        if s.style_evidence is not None
    ]
