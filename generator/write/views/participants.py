"""Who was interviewed: the study's splits and their sizes, and the mix of occupation groups overall
and per split, as charts with their tables and the numbers in text."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.publication import Publication
from generator.synthesise.report_level import overview
from generator.write.format import GROUP_LABELS, interval_label, percent_label
from generator.write.urls import PARTICIPANTS_URL, save_as
from generator.write.views.guides import split_descriptions
from generator.write.views.page import Page


def participants_page(publication: Publication, config: StudyConfig, figures: dict[str, Any]) -> Page:
    report = publication.report
    ov = overview(report)
    split_names = [s.name for s in ov.splits]
    per_split = dict(ov.groups_by_split)
    described = split_descriptions(report, config)
    data = {
        "kind": "participants",
        "N": report.N,
        "splits": [
            {
                "name": s.name,
                "n": s.n,
                "N": s.N,
                "percent_label": percent_label(s.n, s.N),
                # Its own study title and who its participants are, where [split.NAME] gives them.
                "title": described[s.name]["title"],
                "description": described[s.name]["description"],
            }
            for s in ov.splits
        ],
        # A column for the splits' own titles only where some split has one.
        "split_titles": any(described[s.name]["title"] or described[s.name]["description"] for s in ov.splits),
        "groups": [
            {
                "name": g.name,
                "label": GROUP_LABELS[g.name],
                "n": g.n,
                "N": g.N,
                "percent_label": percent_label(g.n, g.N),
                "interval": interval_label(g),
                # The group's count in each split, in the splits' order: the table's columns.
                "by_split": [_count(per_split[name], g.name) for name in split_names] if per_split else [],
            }
            for g in ov.groups
        ],
        "split_names": split_names if per_split else [],
        "splits_chart": figures.get("splits"),
        "groups_chart": figures.get("occupation-groups"),
        "share": {
            "image": "figures/share/report.png",
            "title": f"Who was interviewed · {config.title}",
            "description": f"{report.N} interviews: " + ", ".join(f"{s.n} {s.name}" for s in ov.splits),
        },
    }
    return Page(
        "Who was interviewed",
        "participants",
        PARTICIPANTS_URL,
        save_as(PARTICIPANTS_URL),
        "pagedata/participants.json",
        data,
    )


def _count(groups: tuple[Any, ...], name: str) -> dict[str, Any]:
    share = next((g for g in groups if g.name == name), None)
    if share is None or share.N == 0:
        return {"n": 0, "percent_label": "0%"}
    return {"n": share.n, "percent_label": percent_label(share.n, share.N)}
