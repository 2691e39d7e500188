"""Published reference figures matched to this report's own (pure): each [[reference]] of the study
configuration against the share of the same finding in the same split."""

from __future__ import annotations

from generator.config.references import INTERACTION_STYLE, Reference
from generator.models import Report, Share
from generator.synthesise.report_level import overview


def own_share(reference: Reference, report: Report) -> Share | None:
    """This report's figure for what the reference counts: the theme's (or style's) share of the
    reference's split, or of every interview; None where the report has no interview of that split."""
    if reference.finding == INTERACTION_STYLE:
        styles = overview(report).styles
        if not reference.split:
            return next(s for s in styles.shares if s.name == reference.category)
        by_split = dict(styles.by_split)
        shares = by_split.get(reference.split, ())
        return next((s for s in shares if s.name == reference.category), None)
    finding = next((f for f in report.themes if f.slug == reference.finding), None)
    if finding is None or finding.N == 0:
        return None
    if not reference.split:
        return finding.share
    return next((s for s in finding.by_split if s.name == reference.split), None)


def references_for(finding: str, references: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """The references shown beside one finding (a theme's slug, or INTERACTION_STYLE), in file order."""
    return tuple(r for r in references if r.finding == finding)
