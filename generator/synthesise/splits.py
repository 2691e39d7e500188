"""Splits compared: whether a finding's share differs between two study splits (pure).

A pooled two-proportion z-test, two-sided, at the 5% level; the methodology page states it and that
the tests are not adjusted for multiple comparisons. Splits under the minimum group size are shown
but never tested.
"""

from __future__ import annotations

import math
from itertools import combinations

from generator.models import Share, SplitTest

# The level at which a difference between splits is called a difference.
ALPHA = 0.05


def two_proportion_test(first: Share, second: Share) -> SplitTest:
    """Pooled two-proportion z-test of first.n/first.N against second.n/second.N."""
    pooled = (first.n + second.n) / (first.N + second.N)
    se = math.sqrt(pooled * (1 - pooled) * (1 / first.N + 1 / second.N))
    if se == 0:
        # Both splits all coded or none: no spread to test against, and no difference to call.
        return SplitTest(first, second, None, None, False)
    z = (first.n / first.N - second.n / second.N) / se
    p = math.erfc(abs(z) / math.sqrt(2))  # two-sided normal tail
    return SplitTest(first, second, round(z, 4), round(p, 6), p < ALPHA)


def compare_splits(shares: tuple[Share, ...]) -> tuple[SplitTest, ...]:
    """Every pair of splits large enough to compare, in the order the shares come (largest first)."""
    comparable = [s for s in shares if not s.too_small and s.N > 0]
    return tuple(two_proportion_test(a, b) for a, b in combinations(comparable, 2))
