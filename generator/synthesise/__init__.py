"""Synthesise: [InterviewSummary] and their transcripts -> Report. Pure and deterministic.

Per codebook theme: prevalence n of N, the interviews coded with it, representative
quotes (one per interview, the best first), the themes it co-occurs with, and word
weights for its word cloud. Every ordering has a tie-break on ids or slugs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from generator.analyse.quotes import informativeness
from generator.analyse.sentences import Sentence, word_list
from generator.analyse.text import STOPWORDS
from generator.config import StudyConfig
from generator.memo import Memo
from generator.models import (
    Cooccurrence,
    InterviewSummary,
    Report,
    Share,
    SkippedInput,
    ThemeFinding,
    ThemeQuote,
    Transcript,
)
from generator.redact import MARKER
from generator.synthesise.dimensions import synthesise_dimensions
from generator.synthesise.emerging import find_emerging
from generator.synthesise.reviews import reviewed_codings
from generator.synthesise.shares import MIN_GROUP, wilson

__all__ = ["MIN_GROUP", "synthesise_report", "wilson"]

# Enough for the quote wall to filter; theme pages show the first few.
REPRESENTATIVE_QUOTES = 20
COOCCURRING = 5
CLOUD_WORDS = 60
# wordcloud's own stopwords, shipped as a file (tools/cloud_stopwords.py writes it): importing wordcloud
# here would load it and matplotlib into every build, where only figure drawing needs them.
_CLOUD_STOPWORDS_FILE = Path(__file__).with_name("cloud_stopwords.txt")
CLOUD_STOPWORDS = frozenset(
    line for line in _CLOUD_STOPWORDS_FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
)
# Frequent in any answer, so they say nothing about a theme.
_CLOUD_STOP = frozenset(
    STOPWORDS
    | CLOUD_STOPWORDS
    | {"often", "always", "usually", "sometimes", "etc", "maybe", "able", "need", "want", "feel", "see", "lot"}
)


def synthesise_report(
    interviews: Sequence[InterviewSummary],
    transcripts: Sequence[Transcript],
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
        reviewed, reviewers = reviewed_codings(members, theme.slug)
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
                reviewed=reviewed,
                reviewers=reviewers,
            )
        )
    by_id = {t.id: t for t in transcripts}
    # Here, not at the top: report_level reads MIN_GROUP and wilson from this module.
    from generator.synthesise.report_level import build_overview

    return Report(
        interviews=ordered,
        themes=tuple(findings),
        skipped=tuple(skipped),
        emerging=find_emerging(ordered, memo=memo),
        transcripts={s.id: by_id[s.id] for s in ordered},
        dimensions=synthesise_dimensions(ordered, config),
        overview=build_overview(ordered, findings),
    )


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


def _shuffle_key(slug: str, interview_id: str) -> str:
    # Ties between equally probable quotes fall to a hash, not the id, so the lead quotes
    # do not all come from the interviews that sort first.
    return hashlib.sha256(f"{slug}\0{interview_id}".encode()).hexdigest()


def _representative_quotes(members: list[InterviewSummary], slug: str) -> tuple[ThemeQuote, ...]:
    """Each interview's most probable evidence sentence, the most probable first, spread over the
    study's splits in proportion to their share of the theme's interviews, and across occupation groups.

    Greedy: each pick goes to the split furthest below its share; within it, the most probable
    remaining quote (to two decimals; then the more informative), preferring an occupation group
    picked least so far among quotes equally probable."""
    by_split: dict[str, list[tuple[float, float, str, str, ThemeQuote]]] = {}
    for s in members:
        theme = next(t for t in s.themes if t.slug == slug)
        quote, probability = theme.evidence[0], theme.probability
        by_split.setdefault(s.profile.split, []).append(
            (
                -round(probability, 2),
                -_quote_score(quote.text),
                _shuffle_key(slug, s.id),
                s.profile.occupation_group,
                ThemeQuote(s.id, quote.text, quote.turn),
            )
        )
    for pool in by_split.values():
        pool.sort(key=lambda c: c[:3])
    size = {split: len(pool) for split, pool in by_split.items()}
    taken: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    chosen: list[ThemeQuote] = []
    total = len(members)
    while len(chosen) < min(REPRESENTATIVE_QUOTES, total):
        split = max(
            (sp for sp in by_split if by_split[sp]),
            key=lambda sp: ((len(chosen) + 1) * size[sp] / total - taken[sp], size[sp], sp),
        )
        pool = by_split[split]
        top = [c for c in pool if c[0] == pool[0][0]]
        pick = min(top, key=lambda c: (groups[c[3]], c[1], c[2]))
        pool.remove(pick)
        taken[split] += 1
        groups[pick[3]] += 1
        chosen.append(pick[4])
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
