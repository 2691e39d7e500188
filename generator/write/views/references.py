"""Published reference figures as pages show them: beside the finding they correspond to, with this
report's own figure for the same split, the source and how the definitions differ (pure)."""

from __future__ import annotations

from typing import Any

from generator.config.references import INTERACTION_STYLE, Reference
from generator.models import Report
from generator.synthesise.references import own_share, references_for
from generator.write.format import interval_label, percent_label
from generator.write.urls import STYLE_URL, theme_url


def reference_rows(finding: str, report: Report, references: tuple[Reference, ...]) -> list[dict[str, Any]]:
    """The references shown beside one finding (a theme's slug, or interaction_style)."""
    return [_row(r, report) for r in references_for(finding, references)]


def all_reference_rows(report: Report, references: tuple[Reference, ...]) -> list[dict[str, Any]]:
    """Every reference, for the methodology page, with the finding it is shown beside."""
    return [_row(r, report) for r in references]


def _row(ref: Reference, report: Report) -> dict[str, Any]:
    own = own_share(ref, report)
    scope = f"{ref.split} interviews" if ref.split else "interviews"
    is_style = ref.finding == INTERACTION_STYLE
    theme = next((f for f in report.themes if f.slug == ref.finding), None)
    return {
        "value_label": f"{ref.value:g}%",
        "measure": ref.measure,
        "sample": ref.sample,
        "source": ref.source,
        "url": ref.url,
        "difference": ref.difference,
        "finding": f"Interaction style: {ref.category}" if is_style else (theme.label if theme else ref.finding),
        "finding_url": f"{STYLE_URL}#published" if is_style else f"{theme_url(ref.finding)}#published",
        "what": f"{ref.category} interaction style" if is_style else None,
        "scope": scope,
        "own": {
            "percent_label": percent_label(own.n, own.N),
            "n": own.n,
            "N": own.N,
            "interval": interval_label(own),
            "too_small": own.too_small,
        }
        if own is not None and own.N
        else None,
    }
