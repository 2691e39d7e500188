"""Synthesise: [InterviewSummary] -> Report. Pure and deterministic.

Per codebook theme: prevalence n of N, the interviews coded with it, representative
quotes (one per interview, the best first), the themes it co-occurs with, and word
weights for its word cloud. Every ordering has a tie-break on ids or slugs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wordcloud import STOPWORDS as CLOUD_STOPWORDS

from generator.analyse.quotes import informativeness
from generator.analyse.sentences import Sentence, word_list
from generator.analyse.text import STOPWORDS
from generator.config import StudyConfig
from generator.memo import Memo
from generator.models import Cooccurrence, InterviewSummary, Report, Share, SkippedInput, ThemeFinding, ThemeQuote
from generator.redact import MARKER
from generator.stats import wilson_bounds
from generator.synthesise.emerging import find_emerging

__all__ = ["synthesise_report"]

# Enough for the quote wall to filter; theme pages show the first few.
REPRESENTATIVE_QUOTES = 20
# Subgroups smaller than this are shown but marked as too small to compare.
MIN_GROUP = 10
COOCCURRING = 5
CLOUD_WORDS = 60
# Frequent in any answer, so they say nothing about a theme.
_CLOUD_STOP = frozenset(
    STOPWORDS
    | CLOUD_STOPWORDS
    | {"often", "always", "usually", "sometimes", "etc", "maybe", "able", "need", "want", "feel", "see", "lot"}
)


def synthesise_report(
    interviews: Sequence[InterviewSummary],
    config: StudyConfig,
    skipped: Sequence[SkippedInput] = (),
    memo: Memo | None = None,
) -> Report:
    ordered = tuple(sorted(interviews, key=lambda s: s.id))
    N = len(ordered)
    coded = {theme.slug: [s for s in ordered if theme.slug in s.theme_slugs] for theme in config.codebook}
    findings = []
    for theme in config.codebook:
        members = coded[theme.slug]
        member_ids = {s.id for s in members}
        co = []
        for other in config.codebook:
            if other.slug == theme.slug:
                continue
            n = sum(1 for s in coded[other.slug] if s.id in member_ids)
            if n:
                co.append(Cooccurrence(other.slug, other.label, n))
        co.sort(key=lambda c: (-c.n, c.slug))
        findings.append(
            ThemeFinding(
                slug=theme.slug,
                label=theme.label,
                definition=theme.definition,
                n=len(members),
                N=N,
                interviews=tuple(s.id for s in members),
                quotes=_representative_quotes(members, theme.slug),
                cooccurs=tuple(co[:COOCCURRING]),
                word_weights=_word_weights(members, theme.slug),
                share=wilson("all", len(members), N),
                by_split=_breakdown(ordered, member_ids, lambda s: s.profile.split),
                by_group=_breakdown(ordered, member_ids, lambda s: s.profile.occupation_group),
            )
        )
    return Report(
        interviews=ordered, themes=tuple(findings), skipped=tuple(skipped), emerging=find_emerging(ordered, memo=memo)
    )


def wilson(name: str, n: int, N: int) -> Share:
    """n of N with the 95% Wilson score interval, in percent."""
    low, high = wilson_bounds(n, N)
    return Share(name, n, N, round(100 * low, 2), round(100 * high, 2), N < MIN_GROUP)


def _breakdown(interviews, member_ids: set[str], key) -> tuple[Share, ...]:
    """The theme's share within each subgroup, largest subgroup first."""
    totals: Counter[str] = Counter(key(s) for s in interviews)
    hits: Counter[str] = Counter(key(s) for s in interviews if s.id in member_ids)
    names = sorted(totals, key=lambda g: (-totals[g], g))
    return tuple(wilson(g, hits[g], totals[g]) for g in names)


def _evidence(summary: InterviewSummary, slug: str):
    return next(t.evidence for t in summary.themes if t.slug == slug)


def _quote_score(text: str) -> float:
    words = len(text.split())
    return informativeness(Sentence(text, 0, 0, words))


def _representative_quotes(members: list[InterviewSummary], slug: str) -> tuple[ThemeQuote, ...]:
    """The best evidence sentence of each interview, then a spread of the best across kinds of participant.

    Greedy: each pick is the best remaining quote from the (split, occupation group) picked
    least so far, so a theme's quotes are not all from one split or one profession.
    """
    candidates = []
    for s in members:
        quote = max(_evidence(s, slug), key=lambda q: (_quote_score(q.text), -q.turn))
        kind = (s.profile.split, s.profile.occupation_group)
        candidates.append((-_quote_score(quote.text), s.id, kind, ThemeQuote(s.id, quote.text, quote.turn)))
    candidates.sort(key=lambda c: (c[0], c[1]))
    used: Counter[tuple[str, str]] = Counter()
    chosen: list[ThemeQuote] = []
    while candidates and len(chosen) < REPRESENTATIVE_QUOTES:
        least = min(used[c[2]] for c in candidates)
        pick = next(c for c in candidates if used[c[2]] == least)
        candidates.remove(pick)
        used[pick[2]] += 1
        chosen.append(pick[3])
    return tuple(chosen)


def _word_weights(members: list[InterviewSummary], slug: str) -> tuple[tuple[str, float], ...]:
    """Word frequencies over the theme's evidence: in how many interviews each word appears."""
    counts: Counter[str] = Counter()
    for s in members:
        # Redaction markers ("[NAME-1]") are not words anyone said: never in a word cloud.
        words = {w.strip("'-") for q in _evidence(s, slug) for w in word_list(MARKER.sub(" ", q.text))}
        counts.update(w for w in words if len(w) > 2 and w not in _CLOUD_STOP and "'" not in w and not w.isdigit())
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CLOUD_WORDS]
    return tuple((w, float(c)) for w, c in top)
