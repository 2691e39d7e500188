"""The opening summary: which sentences the data supports, chosen by rules (pure, deterministic).

Each rule looks at the findings and yields at most one point: the rule that chose it (its `kind`,
which names the sentence's template in write/views/summary.py) and the figures it states. A rule
whose condition the data does not meet yields nothing, so its sentence is absent; no sentence is
chosen by hand and none quotes a participant.

1. The largest finding ("Most participants ..." only when the whole 95% interval is over half).
2. The most common concern themes (the codebook's `concern = true`), the largest finding aside.
3. The largest difference between splits that a two-proportion test finds at the 5% level.
4. How participants work with AI: the collaborative, delegating and mixed shares.
5. The published reference figure furthest from this report's own figure for the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import StudyConfig
from generator.config.references import Reference
from generator.models import Report, Share, SplitTest
from generator.synthesise.references import own_share
from generator.synthesise.report_level import overview

# At most this many concern themes are named.
CONCERNS = 2
# A published figure within this many percentage points of this report's is called close.
CLOSE = 5.0
# Below this accuracy against careful coding, the style figures are read as indicative only (as a
# theme's figure under F1 0.60 is).
WEAK_STYLE = 0.6


@dataclass(frozen=True)
class SummaryPoint:
    """One sentence of the summary: the rule that chose it and the figures it states, in order."""

    kind: str
    subjects: tuple[str, ...]  # what each figure is of: a theme slug or an interaction style
    figures: tuple[Share, ...]
    test: SplitTest | None = None
    reference: Reference | None = None


def summary_points(report: Report, config: StudyConfig) -> tuple[SummaryPoint, ...]:
    """Every point whose rule the data meets, in the order the summary states them."""
    rules = (_leading, _concerns, _split_difference, _styles, _published)
    return tuple(point for rule in rules if (point := rule(report, config)) is not None)


def _leading(report: Report, config: StudyConfig) -> SummaryPoint | None:
    if not report.findings or report.findings[0].n == 0:
        return None
    top = report.findings[0]
    return SummaryPoint("leading_most" if top.share.low > 50 else "leading", (top.slug,), (top.share,))


def _concerns(report: Report, config: StudyConfig) -> SummaryPoint | None:
    concern = {t.slug for t in config.codebook if t.concern}
    leading = report.findings[0].slug if report.findings else None
    named = [f for f in report.findings if f.slug in concern and f.slug != leading and f.n > 0][:CONCERNS]
    if not named:
        return None
    kind = "concerns" if len(named) > 1 else "concern"
    return SummaryPoint(kind, tuple(f.slug for f in named), tuple(f.share for f in named))


def _split_difference(report: Report, config: StudyConfig) -> SummaryPoint | None:
    found = [(slug, t) for slug, tests in overview(report).tests for t in tests if t.significant]
    if not found:
        return None
    # The largest difference; max() keeps the first of equals: codebook order, then the splits' order.
    slug, test = max(found, key=lambda st: abs(st[1].points))
    high, low = (test.first, test.second) if test.points > 0 else (test.second, test.first)
    return SummaryPoint("split_difference", (slug, slug), (high, low), test=test)


def _styles(report: Report, config: StudyConfig) -> SummaryPoint | None:
    shares = {s.name: s for s in overview(report).styles.shares}
    if report.N == 0 or shares["collaborative"].n + shares["delegating"].n + shares["mixed"].n == 0:
        return None
    agreement = config.agreement
    weak = agreement is not None and agreement.tool.style_accuracy < WEAK_STYLE
    names = ("collaborative", "delegating", "mixed")
    return SummaryPoint("styles_indicative" if weak else "styles", names, tuple(shares[n] for n in names))


def _published(report: Report, config: StudyConfig) -> SummaryPoint | None:
    matched = []
    for ref in config.references:
        own = own_share(ref, report)
        if own is not None and own.N > 0 and not own.too_small:
            matched.append((abs(ref.value - 100 * own.n / own.N), ref, own))
    if not matched:
        return None
    # The furthest; max() keeps the first of equals, the reference listed first.
    gap, ref, own = max(matched, key=lambda m: m[0])
    higher = ref.value > 100 * own.n / own.N
    kind = "published_close" if gap < CLOSE else "published_higher" if higher else "published_lower"
    subject = ref.category or ref.finding
    return SummaryPoint(kind, (subject,), (own,), reference=ref)
