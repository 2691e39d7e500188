"""How many of a finding's codings a person reviewed, and how many people did (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.models import InterviewSummary


def reviewed_codings(members: Sequence[InterviewSummary], slug: str) -> tuple[int, int]:
    """The theme's codings among `members` a person reviewed, and how many different people reviewed them."""
    codings = [t for s in members for t in s.themes if t.slug == slug and t.reviewed]
    return len(codings), len({name for t in codings for name in t.reviewers})
