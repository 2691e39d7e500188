"""The counts several pages state: a finding's headline, its shares by subgroup, interviews per split."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.models import Report, Share, ThemeFinding
from generator.write.format import interval_label, percent_label


def headline(finding: ThemeFinding, config: StudyConfig) -> str:
    noun = "interview" if finding.N == 1 else "interviews"
    definition = config.theme(finding.slug).definition
    return f"{finding.n} of {finding.N} {noun} ({percent_label(finding.n, finding.N)}): {definition}"


def share_rows(shares: tuple[Share, ...], labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "name": labels.get(s.name, s.name) if labels else s.name,
            "n": s.n,
            "N": s.N,
            "percent_label": percent_label(s.n, s.N),
            "interval": interval_label(s),
            "too_small": s.too_small,
        }
        for s in shares
    ]


def splits(report: Report) -> list[dict[str, Any]]:
    """Interviews per study split, by split name."""
    counts: dict[str, int] = {}
    for s in report.interviews:
        counts[s.profile.split] = counts.get(s.profile.split, 0) + 1
    return [{"name": name, "n": n} for name, n in sorted(counts.items())]
