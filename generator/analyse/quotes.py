"""Choose the participant's most informative sentences for summaries and key quotes.

Informative means: long enough to say something, not filler ("Sounds good!"), in the
participant's own voice, with content words. Sentences are never edited, only chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.analyse.sentences import Sentence
from generator.analyse.text import content_stems, normalise
from generator.models import Quote
from generator.redact import MARKER

_FILLER = re.compile(
    r"^(?:yes|yeah|yep|no|nope|sure|ok|okay|great|thanks|thank you|sounds good|of course|exactly|"
    r"absolutely|definitely|hello|hi|hey|not really|i think so|i don't know|none|nothing|that's it|"
    r"let's (?:go|begin|start|do it)|no questions)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|we|our)\b")
SUMMARY_SENTENCES = 3
KEY_QUOTES = 4
QUOTE_WORDS = (10, 60)
MIN_KEY_QUOTE = 0.3
# A statement for the emerging themes: informative, and a sentence's length, not a fragment or a ramble.
MIN_STATEMENT = 0.8
STATEMENT_WORDS = (8, 50)


def informativeness(s: Sentence) -> float:
    """A score; higher is a better sentence to show a reader on its own."""
    norm = normalise(s.text)
    if s.words < 4:
        return 0.0
    score = min(len(set(content_stems(norm))), 14) / 14
    if _FILLER.match(norm) and s.words < 10:
        score *= 0.2
    if _FIRST_PERSON.search(norm):
        score += 0.3
    if s.words > 55:
        score -= 0.3  # run-on answers make poor quotes
    if s.text.endswith("?"):
        score -= 0.3
    # A sentence that is mostly redaction markers ("reach me at [EMAIL-1] or [PHONE-1]") says little.
    markers = len(MARKER.findall(s.text))
    if markers:
        score -= 0.2 * markers
    return round(max(score, 0.0), 6)


def summarise_section(sentences: list[Sentence], rank: dict[int, float]) -> tuple[Quote, ...]:
    """Up to three of the section's best sentences, in the order they were said."""
    useful = [s for s in sentences if rank[s.index] >= 0.5]
    best = sorted(useful, key=lambda s: (-rank[s.index], s.index))[:SUMMARY_SENTENCES]
    return tuple(s.quote() for s in sorted(best, key=lambda s: s.index))


def pick_key_quotes(
    sentences: tuple[Sentence, ...], rank: dict[int, float], evidence: set[int], eligible_turns: set[int]
) -> tuple[Quote, ...]:
    """Two to four quotes from different turns, favouring theme evidence."""
    lo, hi = QUOTE_WORDS
    # A floor on informativeness: better fewer key quotes than filler or a string of redaction markers.
    candidates = [
        s for s in sentences if lo <= s.words <= hi and s.turn in eligible_turns and rank[s.index] >= MIN_KEY_QUOTE
    ]
    scored = sorted(candidates, key=lambda s: (-(rank[s.index] + (0.5 if s.index in evidence else 0)), s.index))
    chosen: list[Sentence] = []
    turns: set[int] = set()
    for s in scored:
        if s.turn in turns:
            continue
        chosen.append(s)
        turns.add(s.turn)
        if len(chosen) == KEY_QUOTES:
            break
    return tuple(s.quote() for s in sorted(chosen, key=lambda s: s.index))


def uncoded_statements(
    sentences: Sequence[Sentence], rank: dict[int, float], evidence: set[int], eligible: set[int]
) -> tuple[Quote, ...]:
    """The sentences worth clustering for themes the codebook lacks: informative, said outside the
    framing sections, and not already evidence for a codebook theme."""
    low, high = STATEMENT_WORDS
    return tuple(
        s.quote()
        for s in sentences
        if s.index not in evidence and s.turn in eligible and rank[s.index] >= MIN_STATEMENT and low <= s.words <= high
    )
