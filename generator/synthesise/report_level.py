"""Report-level findings: [InterviewSummary] and the theme findings -> Overview (pure, deterministic).

Who was interviewed (split sizes, occupation groups overall and per split), how participants work
with AI (interaction style as a finding of its own, overall and per split), and each finding's
tests between splits. Every ordering is by size, then name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import get_args

from generator.models import InteractionStyle, InterviewSummary, Overview, Report, Share, StyleFinding, ThemeFinding
from generator.synthesise import wilson
from generator.synthesise.splits import compare_splits

STYLES: tuple[InteractionStyle, ...] = get_args(InteractionStyle)


def overview(report: Report) -> Overview:
    """The report's overview: as synthesised, or computed for a report made without it."""
    return report.overview or build_overview(report.interviews, report.themes)


def build_overview(interviews: Sequence[InterviewSummary], themes: Sequence[ThemeFinding]) -> Overview:
    N = len(interviews)
    split_names = _by_size(Counter(s.profile.split for s in interviews))
    splits = tuple(wilson(name, sum(1 for s in interviews if s.profile.split == name), N) for name in split_names)
    groups_by_split = tuple(
        (name, _mix([s for s in interviews if s.profile.split == name], lambda s: s.profile.occupation_group))
        for name in split_names
    )
    return Overview(
        splits=splits,
        groups=_mix(interviews, lambda s: s.profile.occupation_group),
        groups_by_split=groups_by_split if len(split_names) > 1 else (),
        styles=_styles(interviews, split_names),
        tests=tuple((f.slug, compare_splits(f.by_split)) for f in themes),
    )


def _styles(interviews: Sequence[InterviewSummary], split_names: list[str]) -> StyleFinding:
    def shares(members: Sequence[InterviewSummary]) -> tuple[Share, ...]:
        counts = Counter(s.interaction_style for s in members)
        return tuple(wilson(style, counts[style], len(members)) for style in STYLES)

    by_split = tuple((name, shares([s for s in interviews if s.profile.split == name])) for name in split_names)
    # The tests compare splits, so each share in them is named by its split, not its style.
    tests = tuple(
        (style, compare_splits(tuple(replace(shares[i], name=split) for split, shares in by_split)))
        for i, style in enumerate(STYLES)
    )
    return StyleFinding(shares(interviews), by_split, tests)


def _mix(interviews: Sequence[InterviewSummary], key: Callable[[InterviewSummary], str]) -> tuple[Share, ...]:
    """Each value of `key` as a share of the interviews, largest first."""
    counts = Counter(key(s) for s in interviews)
    return tuple(wilson(name, counts[name], len(interviews)) for name in _by_size(counts))


def _by_size(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda name: (-counts[name], name))
