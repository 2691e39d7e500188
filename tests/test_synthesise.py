"""Synthesis: prevalence with honest intervals, subgroup splits, and stable ordering."""

from __future__ import annotations

import pytest

from generator.synthesise import MIN_GROUP, wilson


@pytest.mark.parametrize(
    ("n", "N", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, table I: Wilson score intervals.
        (81, 263, 25.53, 36.62),
        (15, 148, 6.24, 16.05),
        (0, 20, 0.0, 16.11),
        (1, 29, 0.61, 17.18),
    ],
)
def test_wilson_interval_matches_published_values(n, N, low, high):
    share = wilson("all", n, N)
    assert share.low == pytest.approx(low, abs=0.01)
    assert share.high == pytest.approx(high, abs=0.01)


def test_small_groups_are_marked_too_small_to_compare():
    assert wilson("g", 1, MIN_GROUP - 1).too_small
    assert not wilson("g", 1, MIN_GROUP).too_small
