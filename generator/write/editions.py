"""Edition history -> the "What changed" page, one page per edition, and data/editions.json."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.synthesise.editions import Edition, compare, edition_to_json
from generator.write.format import percent_label
from generator.write.urls import interview_url, theme_url
from generator.write.views.page import Page


def edition_url(edition: Edition) -> str:
    return f"editions/{edition.id}/"


def _figure(f: Any) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"n": f.n, "N": f.N, "percent_label": percent_label(f.n, f.N), "interval": f"{f.low:.0f}–{f.high:.0f}%"}


def edition_pages(history: tuple[Edition, ...], config: StudyConfig, interview_pages: bool) -> list[Page]:
    """'What changed' and each edition's page; interviews are named and linked only where
    `interview_pages` (the publication step's decision) says their pages are published."""
    changes = compare(history, {alias: t.slug for t in config.codebook for alias in t.aliases})
    current_slugs = {t.slug for t in config.codebook}
    rows = []
    for fc in changes.figures:
        points = fc.points
        rows.append(
            {
                "slug": fc.slug,
                "label": fc.label,
                "url": theme_url(fc.slug) if fc.slug in current_slugs else None,
                "before": _figure(fc.before),
                "after": _figure(fc.after),
                "change": "new theme"
                if fc.before is None
                else "removed"
                if fc.after is None
                else f"{points:+.1f} points"
                if points
                else "no change",
            }
        )
    data = {
        "kind": "changes",
        "current": {"id": changes.current.id, "date": changes.current.date, "N": changes.current.N},
        "previous": {
            "id": changes.previous.id,
            "date": changes.previous.date,
            "N": changes.previous.N,
            "url": edition_url(changes.previous),
        }
        if changes.previous
        else None,
        "counts": {"added": len(changes.added), "changed": len(changes.changed), "removed": changes.removed},
        # Named and linked only where this build publishes interview pages; a removed one is only counted.
        "added": [{"id": i, "url": interview_url(i)} for i in changes.added] if interview_pages else [],
        "changed": [{"id": i, "url": interview_url(i)} for i in changes.changed] if interview_pages else [],
        "figures": rows,
        "editions": [{"id": e.id, "date": e.date, "N": e.N, "url": edition_url(e)} for e in reversed(history)],
    }
    pages = [Page("What changed", "changes", "changes/", "changes/index.html", "pagedata/changes.json", data)]
    for e in history:
        pages.append(
            Page(
                f"Edition {e.id}",
                "edition",
                edition_url(e),
                f"editions/{e.id}/index.html",
                f"pagedata/editions/{e.id}.json",
                {
                    "kind": "edition",
                    "id": e.id,
                    "date": e.date,
                    "N": e.N,
                    "current": e.id == history[-1].id,
                    "figures": [
                        {
                            "slug": f.slug,
                            "label": f.label,
                            "url": theme_url(f.slug) if f.slug in current_slugs else None,
                            **(_figure(f) or {}),
                        }
                        for f in sorted(e.figures, key=lambda f: (-f.n, f.slug))
                    ],
                },
            )
        )
    return pages


def editions_export(history: tuple[Edition, ...]) -> dict[str, Any]:
    # 2: interviews recorded as digests ("interview_keys"), no longer by id.
    return {"schema_version": 2, "editions": [edition_to_json(e) for e in history]}
