"""What a detector reports: a stretch of text and what it identifies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Span", "without_overlaps"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str  # what identifies the thing, so one person gets one marker throughout an interview


def without_overlaps(spans: Iterable[Span], keep: list[tuple[int, int]]) -> list[Span]:
    """Earliest span first, the longest of those starting together; never inside an existing marker."""
    chosen: list[Span] = []
    end = -1
    k = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.kind)):
        # `keep` is sorted and spans come in order of start: one pass over both, not a scan per span.
        while k < len(keep) and keep[k][1] <= span.start:
            k += 1
        if span.start < end or (k < len(keep) and keep[k][0] < span.end):
            continue
        chosen.append(span)
        end = span.end
    return chosen
