"""Reviewer names off the site unless the study publishes them (the publication step calls this; pure).

Each name becomes a number ("1", "2", in the order of the sorted names), so every count of codings
and reviewers stays what it was and no page can show who decided what.
"""

from __future__ import annotations

from dataclasses import replace

from generator.models import InterviewSummary, Report


def without_reviewer_names(report: Report) -> Report:
    if report.review is None:
        return report
    number = {name: str(i) for i, name in enumerate(report.review.reviewers, start=1)}

    def interview(s: InterviewSummary) -> InterviewSummary:
        if not s.reviewed_fields and not any(t.reviewed for t in s.themes):
            return s
        return replace(
            s,
            themes=tuple(replace(t, reviewers=tuple(number[r] for r in t.reviewers)) for t in s.themes),
            reviewed_fields=tuple((f, tuple(number[r] for r in names)) for f, names in s.reviewed_fields),
        )

    return replace(
        report,
        interviews=tuple(interview(s) for s in report.interviews),
        review=replace(report.review, reviewers=tuple(number[r] for r in report.review.reviewers)),
    )
