"""How much people checked, and how far the coder agrees with them on what they checked (pure).

Input: the located decisions, the reviewed interviews as the coder as shipped coded them, and the
same after the decisions. Output: a ReviewSummary. The unit is a coding, a theme per interview, that
reviewers accepted or rejected (a sentence of it, or the whole): the coder's precision as judged by
reviewers is, of those it had made, the share they kept. Reviewers look at the least certain
suggestions first, so this is a precision on hard cases, not on a random sample.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from generator.models import InterviewSummary, ReviewSummary
from generator.review.apply import in_effect
from generator.review.match import Located
from generator.synthesise import wilson


def summarise_reviews(
    located: Sequence[Located],
    coded: Sequence[InterviewSummary],
    reviewed: Sequence[InterviewSummary],
    refitted: Sequence[str] = (),
) -> ReviewSummary:
    """`coded` and `reviewed` hold the interviews with decisions, before and after them."""
    effective = in_effect(located)
    before = {s.id: s.theme_slugs for s in coded}
    after = {s.id: s.theme_slugs for s in reviewed}
    judged = sorted(
        {(x.decision.interview, x.theme) for x in effective if x.theme and x.decision.decision in ("accept", "reject")}
    )
    made = [(i, slug) for i, slug in judged if slug in before.get(i, ())]
    kept_of = Counter(slug for i, slug in made if slug in after.get(i, ()))
    made_of = Counter(slug for _, slug in made)
    by_theme = tuple(wilson(slug, kept_of[slug], made_of[slug]) for slug in sorted(made_of))
    touched = {(x.decision.interview, x.theme) for x in effective if x.theme}
    added = sum(1 for i, slug in touched if slug not in before.get(i, ()) and slug in after.get(i, ()))
    by_reviewer = Counter(x.decision.reviewer for x in effective)
    # Everyone who decided anything, a reviewer whose every decision a later one replaced too.
    names = tuple(sorted({x.decision.reviewer for x in located}))
    return ReviewSummary(
        decisions=len(effective),
        interviews=len({x.decision.interview for x in effective}),
        reviewers=names,
        decisions_by_reviewer=tuple(by_reviewer[n] for n in names),
        looked_at=len(judged),
        precision=wilson("reviewed", sum(kept_of.values()), len(made)),
        added=added,
        fields=sum(1 for x in effective if x.decision.field is not None),
        by_theme=by_theme,
        refitted=tuple(refitted),
    )
