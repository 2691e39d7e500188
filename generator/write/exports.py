"""Report -> machine-readable exports (data/interviews.json, data/themes.json and CSVs).

The schema is documented in the README ("Data export schema"); bump SCHEMA_VERSION
when a field changes meaning or disappears.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from generator.models import DimensionFinding, InterviewSummary, Quote, Report, Share, ThemeQuote
from generator.write.dimension_exports import dimension_cells, dimension_fields
from generator.write.encode import csv_text
from generator.write.format import percent
from generator.write.urls import interview_url, theme_url

SCHEMA_VERSION = 1


def _quote(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "turn": q.turn}


def _theme_quote(q: ThemeQuote) -> dict[str, Any]:
    return {"interview_id": q.interview_id, "text": q.text, "turn": q.turn}


def _share(s: Share) -> dict[str, Any]:
    return {"name": s.name, "n": s.n, "N": s.N, "ci95": [s.low, s.high], "too_small": s.too_small}


def interviews_export(report: Report, edition: str) -> Iterator[str]:
    """data/interviews.json, a piece at a time: the same text json.dumps(indent=2) gives for the whole
    document, without 80,000 interviews' records in memory at once."""
    head = {"schema_version": SCHEMA_VERSION, "edition": edition, "N": report.N, "interviews": []}
    text = _indented(head)
    if not report.interviews:
        yield text + "\n"
        return
    yield text.removesuffix("[]\n}") + "[\n"
    for i, s in enumerate(report.interviews):
        record = _indented(_interview_record(s, report.dimensions))
        yield ("," if i else "") + ("\n" if i else "") + "    " + record.replace("\n", "\n    ")
    yield "\n  ]\n}\n"


def _indented(data: Any) -> str:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()


def _interview_record(s: InterviewSummary, dimensions: tuple[DimensionFinding, ...] = ()) -> dict[str, Any]:
    return {
        "id": s.id,
        "url": interview_url(s.id),
        "split": s.profile.split,
        "occupation": s.profile.occupation,
        "occupation_group": s.profile.occupation_group,
        "interaction_style": s.interaction_style,
        "interaction_evidence": _quote(s.style_evidence) if s.style_evidence else None,
        "themes": [
            {
                "slug": t.slug,
                "evidence": [_quote(q) for q in t.evidence],
                # The coder's probability for each evidence sentence (1.0 where the cue rules decided).
                "probability": list(t.scores) or [1.0] * len(t.evidence),
            }
            for t in s.themes
        ],
        **dimension_fields(s, dimensions),
        "key_quotes": [_quote(q) for q in s.key_quotes],
        "sections": [
            {"slug": sec.slug, "turns": list(sec.turns), "summary": [_quote(q) for q in sec.sentences]}
            for sec in s.sections
        ],
        "turns": s.turns,
        "encoding_repairs": s.repairs,
    }


def themes_export(report: Report, edition: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "edition": edition,
        "N": report.N,
        "themes": [
            {
                "slug": f.slug,
                "label": f.label,
                "definition": f.definition,
                "url": theme_url(f.slug),
                "n": f.n,
                "N": f.N,
                "percent": round(percent(f.n, f.N), 2),
                "ci95": [f.share.low, f.share.high],
                "by_split": [_share(x) for x in f.by_split],
                "by_occupation_group": [_share(x) for x in f.by_group],
                "interviews": list(f.interviews),
                "quotes": [_theme_quote(q) for q in f.quotes],
                "cooccurs": [{"slug": c.slug, "n": c.n} for c in f.cooccurs],
            }
            for f in report.themes
        ],
    }


def interviews_csv(report: Report) -> str:
    return csv_text(
        # Each dimension's column after the fixed ones, so a reader of the first seven is unaffected.
        ["id", "split", "occupation", "occupation_group", "interaction_style", "themes", "turns"]
        + [d.slug for d in report.dimensions],
        (
            [
                s.id,
                s.profile.split,
                s.profile.occupation,
                s.profile.occupation_group,
                s.interaction_style,
                ";".join(t.slug for t in s.themes),
                s.turns,
                *dimension_cells(s, report.dimensions),
            ]
            for s in report.interviews
        ),
    )


def themes_csv(report: Report) -> str:
    return csv_text(
        ["slug", "label", "n", "N", "percent", "interviews"],
        ([f.slug, f.label, f.n, f.N, f"{percent(f.n, f.N):.2f}", ";".join(f.interviews)] for f in report.themes),
    )


def emerging_export(report: Report, edition: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "edition": edition,
        "N": report.N,
        "clusters": [
            {
                "key": e.key,
                "name": _theme_quote(e.name) if e.name else None,
                "keywords": list(e.keywords),
                "interviews": e.interviews,
                "sentences": e.sentences,
                "quotes": [_theme_quote(q) for q in e.quotes],
            }
            for e in report.emerging
        ],
    }
