"""How pages describe a study split: its own title and description, and the interview guide its
interviews were held with, as the methodology page lists the guides in use (pure).

A combined study keeps its own title for the site; a split's title ([split.NAME] title) is shown
where that split is described. The methodology page lists each guide the report's interviews were
held with once, with the splits held with it: the study's guide first, then the splits' own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from generator.config import GuideSection, StudyConfig
from generator.models import Report
from generator.write.urls import METHODOLOGY_URL
from generator.write.views.counts import splits


@dataclass(frozen=True)
class GuideInUse:
    """One interview guide, the splits of the report held with it, and where the methodology page lists it."""

    sections: tuple[GuideSection, ...]
    splits: tuple[str, ...]
    # The id of its heading on the methodology page; "guide" (the section) when it is the only guide.
    anchor: str
    # Prefixed to its sections' ids: "guide-" for the first, so a single guide's anchors stay as they were.
    section_prefix: str


def guides_in_use(report: Report, config: StudyConfig) -> tuple[GuideInUse, ...]:
    """The guides the report's interviews were held with: the study's first, then the splits' own, in split order."""
    held: dict[tuple[GuideSection, ...], list[str]] = {}
    names = [s["name"] for s in splits(report)]
    for name in sorted(names, key=lambda n: config.guide_of(n) != config.guide):
        held.setdefault(config.guide_of(name), []).append(name)
    if len(held) < 2:
        return (GuideInUse(config.guide, tuple(names), "guide", "guide-"),)
    found = []
    for i, (sections, names_held) in enumerate(held.items()):
        anchor = f"{split_anchor(names_held[0])}-guide"
        found.append(GuideInUse(sections, tuple(names_held), anchor, "guide-" if i == 0 else f"{anchor}-"))
    return tuple(found)


def split_anchor(name: str) -> str:
    """A split's name as part of an id: itself where it is one already, else a slug made unique by a digest."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if slug == name:
        return slug
    return f"{slug or 'split'}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:6]}"


def split_descriptions(report: Report, config: StudyConfig) -> dict[str, dict[str, Any]]:
    """Each split of the report by name: its own title and description, and the link to its guide."""
    described = {}
    for guide in guides_in_use(report, config):
        for name in guide.splits:
            own = config.split_setting(name)
            described[name] = {
                "name": name,
                "title": own.title,
                "description": own.description,
                "guide_url": f"{METHODOLOGY_URL}#{guide.anchor}",
                # Only where splits were held with different guides does a split's guide need naming.
                "several_guides": guide.anchor != "guide",
            }
    return described


def guides_section(report: Report, config: StudyConfig) -> list[dict[str, Any]]:
    """The methodology page's interview guides: each with the splits held with it and its sections."""
    described = split_descriptions(report, config)
    counts = {s["name"]: s["n"] for s in splits(report)}
    return [
        {
            "anchor": g.anchor,
            "splits": [{**described[name], "n": counts[name]} for name in g.splits],
            "sections": [
                {
                    "id": f"{g.section_prefix}{s.slug}",
                    "slug": s.slug,
                    "title": s.title,
                    "questions": list(s.questions),
                    "automatic": s.automatic,
                }
                for s in g.sections
            ],
        }
        for g in guides_in_use(report, config)
    ]
