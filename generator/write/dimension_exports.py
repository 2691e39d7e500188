"""The codebook's dimensions as data: their fields in data/interviews.json and interviews.csv, and
data/dimensions.json and dimensions.csv (the schema is in the README's "Data export schema")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.models import DimensionFinding, InterviewSummary, Report, Share
from generator.write.encode import csv_text
from generator.write.format import percent
from generator.write.urls import dimension_url


def dimension_fields(s: InterviewSummary, dimensions: tuple[DimensionFinding, ...]) -> dict[str, Any]:
    """One field per dimension named by its slug (a list of values where it takes several, else the value
    or null), then `dimension_evidence`: per dimension, each value with its probability and evidence."""
    fields: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    for d in dimensions:
        coded = s.dimension(d.slug)
        values = list(coded.value_slugs) if coded else []
        fields[d.slug] = values if d.multiple else (values[0] if values else None)
        evidence[d.slug] = [
            {
                "value": v.value,
                "probability": v.probability,
                "evidence": [{"text": q.text, "turn": q.turn} for q in v.evidence],
                "evidence_probability": list(v.scores),
            }
            for v in (coded.values if coded else ())
        ]
    return {**fields, "dimension_evidence": evidence} if dimensions else {}


def dimension_cells(s: InterviewSummary, dimensions: tuple[DimensionFinding, ...]) -> list[str]:
    """interviews.csv's column per dimension: its values joined with `;`."""
    cells = []
    for d in dimensions:
        coded = s.dimension(d.slug)
        cells.append(";".join(coded.value_slugs) if coded else "")
    return cells


def _share(s: Share) -> dict[str, Any]:
    return {"name": s.name, "n": s.n, "N": s.N, "ci95": [s.low, s.high], "too_small": s.too_small}


def dimensions_export(report: Report, edition: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "edition": edition,
        "N": report.N,
        "dimensions": [
            {
                "slug": d.slug,
                "label": d.label,
                "definition": d.definition,
                "url": dimension_url(d.slug),
                "multiple": d.multiple,
                "coder": d.coder,
                "N": d.N,
                "coded": d.coded,
                "values": [
                    {
                        "slug": v.slug,
                        "label": v.label,
                        "definition": v.definition,
                        "n": v.n,
                        "N": v.N,
                        "percent": round(percent(v.n, v.N), 2),
                        "ci95": [v.share.low, v.share.high],
                        "by_split": [_share(x) for x in v.by_split],
                        "interviews": list(v.interviews),
                        "quotes": [{"interview_id": q.interview_id, "text": q.text, "turn": q.turn} for q in v.quotes],
                    }
                    for v in d.values
                ],
            }
            for d in report.dimensions
        ],
    }


def dimensions_csv(report: Report) -> str:
    """A row per (dimension, value) for the whole study (`scope` "study"), then per study split ("split")."""

    def rows() -> Iterator[list[Any]]:
        for d in report.dimensions:
            for v in d.values:
                for scope, s in (("study", v.share), *(("split", x) for x in v.by_split)):
                    yield [
                        d.slug, v.slug, v.label, scope, s.name if scope == "split" else "", s.n, s.N,
                        f"{percent(s.n, s.N):.2f}", f"{s.low:.2f}", f"{s.high:.2f}",
                    ]  # fmt: skip

    header = ["dimension", "value", "label", "scope", "split", "n", "N", "percent", "ci95_low", "ci95_high"]
    return csv_text(header, rows())
