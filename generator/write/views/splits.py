"""Splits compared as pages show them: each finding's share per split side by side with its interval,
and which differences a two-proportion test finds at the 5% level (pure)."""

from __future__ import annotations

from typing import Any

from generator.models import Share, SplitTest
from generator.write.format import interval_label, percent_label, percent_range


def split_cells(shares: tuple[Share, ...], names: list[str]) -> list[dict[str, Any] | None]:
    """One cell per split in `names` order: the share, or None where the finding has no such split."""
    by_name = {s.name: s for s in shares}
    return [share_cell(by_name[name]) if name in by_name else None for name in names]


def share_cell(s: Share) -> dict[str, Any]:
    return {
        "percent_label": percent_label(s.n, s.N),
        "n": s.n,
        "N": s.N,
        "interval": interval_label(s),
        "range": percent_range(s.low, s.high),
        "too_small": s.too_small,
    }


def split_tests(tests: tuple[SplitTest, ...]) -> list[dict[str, Any]]:
    """Each test between two splits, in words: which is higher, or that no difference was found."""
    return [
        {
            "first": t.first.name,
            "second": t.second.name,
            "first_label": percent_label(t.first.n, t.first.N),
            "second_label": percent_label(t.second.n, t.second.N),
            "significant": t.significant,
            "higher": (t.first if t.points > 0 else t.second).name if t.significant else None,
            "lower": (t.second if t.points > 0 else t.first).name if t.significant else None,
            "p": _p(t.p),
        }
        for t in tests
    ]


def differences(tests: tuple[SplitTest, ...]) -> list[dict[str, str]]:
    """Only the differences the test finds, higher split first: what a splits-compared table names."""
    return [{"higher": r["higher"], "lower": r["lower"], "p": r["p"]} for r in split_tests(tests) if r["significant"]]


def _p(p: float | None) -> str:
    """A p-value as the pages print it: "p < 0.001", "p = 0.03"; "not testable" where there is none."""
    if p is None:
        return "not testable"
    # Three significant digits, so a p-value near the 5% level never prints as 0.05 on either side.
    return "p < 0.001" if p < 0.001 else f"p = {p:.3g}"
