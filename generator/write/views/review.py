"""What the pages say about the review decisions: per finding how many codings a person checked, per coding
who did (where the study publishes names), and on the methodology page how far the coder agrees with
the reviewers. Every key is absent from a study without decisions, so its pages are as before."""

from __future__ import annotations

from typing import Any

from generator.agreement import Agreement
from generator.models import CodedTheme, InterviewSummary, Report, ReviewSummary, ThemeFinding
from generator.publication import Publication
from generator.write.format import interval_label, percent_label
from generator.write.urls import METHODOLOGY_URL


def finding_review(f: ThemeFinding, report: Report) -> dict[str, Any]:
    """`{"review": ...}` for a finding's data: k of its n codings reviewed, by r reviewers; {} without reviews."""
    if report.review is None:
        return {}
    return {"review": {"reviewed": f.reviewed, "n": f.n, "reviewers": f.reviewers, "url": f"{METHODOLOGY_URL}#review"}}


def coding_review(t: CodedTheme, publication: Publication) -> dict[str, Any]:
    """`{"review": ...}` for a reviewed coding on its interview's page; {} for one nobody reviewed."""
    if not t.reviewed:
        return {}
    return {"review": {"reviewers": len(t.reviewers), "names": list(t.reviewers) if publication.reviewers else []}}


def field_reviews(s: InterviewSummary, publication: Publication) -> dict[str, Any]:
    """`{"corrected": {field: names}}` for the profile fields a reviewer set; {} where none was."""
    if not s.reviewed_fields:
        return {}
    return {"corrected": {f: list(names) if publication.reviewers else [] for f, names in s.reviewed_fields}}


def review_section(
    review: ReviewSummary, publication: Publication, agreement: Agreement | None, labels: dict[str, str]
) -> dict[str, Any]:
    """The methodology page's account of the review: what was checked, and the coder's precision as
    reviewers judged it, per theme beside its precision on the held-out evaluation set."""
    p = review.precision
    held_out = {t.slug: t.precision for t in agreement.tool.themes} if agreement else {}
    return {
        "decisions": review.decisions,
        "interviews": review.interviews,
        "reviewers": len(review.reviewers),
        "by_reviewer": [
            {"name": name, "decisions": n}
            for name, n in zip(review.reviewers, review.decisions_by_reviewer, strict=True)
        ]
        if publication.reviewers
        else [],
        "looked_at": review.looked_at,
        "precision": {"n": p.n, "N": p.N, "percent_label": percent_label(p.n, p.N), "interval": interval_label(p)}
        if p.N
        else None,
        "added": review.added,
        "fields": review.fields,
        "refitted": [labels.get(slug, slug) for slug in review.refitted],
        "held_out": {"n": agreement.tool.n, "part": agreement.part} if agreement else None,
        "themes": [
            {
                "label": labels.get(s.name, s.name),
                "n": s.n,
                "N": s.N,
                "percent_label": percent_label(s.n, s.N),
                "interval": interval_label(s),
                "held_out": _percent(held_out.get(s.name)) if agreement else None,
            }
            for s in review.by_theme
        ],
    }


def _percent(x: float | None) -> str:
    """A precision the evaluation measured (a fraction), in whole percent; "n/a" where it measured none."""
    return "n/a" if x is None else f"{100 * x:.0f}%"
