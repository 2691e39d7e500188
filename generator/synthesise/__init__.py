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
from generator.models import Cooccurrence, InterviewSummary, Report, SkippedInput, ThemeFinding, ThemeQuote

__all__ = ["synthesise_report"]

REPRESENTATIVE_QUOTES = 6
COOCCURRING = 5
CLOUD_WORDS = 60
# Frequent in any answer, so they say nothing about a theme.
_CLOUD_STOP = frozenset(
    STOPWORDS
    | CLOUD_STOPWORDS
    | {"often", "always", "usually", "sometimes", "etc", "maybe", "able", "need", "want", "feel", "see", "lot"}
)


def synthesise_report(
    interviews: Sequence[InterviewSummary], config: StudyConfig, skipped: Sequence[SkippedInput] = ()
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
            )
        )
    return Report(interviews=ordered, themes=tuple(findings), skipped=tuple(skipped))


def _evidence(summary: InterviewSummary, slug: str):
    return next(t.evidence for t in summary.themes if t.slug == slug)


def _quote_score(text: str) -> float:
    words = len(text.split())
    return informativeness(Sentence(text, 0, 0, words))


def _representative_quotes(members: list[InterviewSummary], slug: str) -> tuple[ThemeQuote, ...]:
    """The best evidence sentence of each interview, then the best of those across interviews."""
    best = []
    for s in members:
        quote = max(_evidence(s, slug), key=lambda q: (_quote_score(q.text), -q.turn))
        best.append(ThemeQuote(s.id, quote.text, quote.turn))
    best.sort(key=lambda q: (-_quote_score(q.text), q.interview_id))
    return tuple(best[:REPRESENTATIVE_QUOTES])


def _word_weights(members: list[InterviewSummary], slug: str) -> tuple[tuple[str, float], ...]:
    """Word frequencies over the theme's evidence: in how many interviews each word appears."""
    counts: Counter[str] = Counter()
    for s in members:
        words = {w.strip("'-") for q in _evidence(s, slug) for w in word_list(q.text)}
        counts.update(w for w in words if len(w) > 2 and w not in _CLOUD_STOP and "'" not in w and not w.isdigit())
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CLOUD_WORDS]
    return tuple((w, float(c)) for w, c in top)
