"""Shares: n of N with its 95% Wilson interval, for the whole study or one subgroup (pure)."""

from __future__ import annotations

from generator.models import Share
from generator.stats import wilson_bounds

# Subgroups smaller than this are shown but marked as too small to compare.
MIN_GROUP = 10


def wilson(name: str, n: int, N: int) -> Share:
    """n of N with the 95% Wilson score interval, in percent."""
    low, high = wilson_bounds(n, N)
    return Share(name, n, N, round(100 * low, 2), round(100 * high, 2), N < MIN_GROUP)
