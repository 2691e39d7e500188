"""Interaction style: does the participant work with AI back and forth, or hand tasks off?"""

from __future__ import annotations

from generator.analyse.coding import is_own_statement
from generator.analyse.sentences import Sentence
from generator.analyse.text import cue_alternation, normalise
from generator.models import InteractionStyle, Quote

COLLABORATIVE_CUES = (
    "back and forth",
    "back-and-forth",
    "iterat*",
    "refin*",
    "brainstorm*",
    "sounding board",
    "bounce ideas",
    "bouncing ideas",
    "bounce* ~ off",
    "conversation*",
    "collaborat*",
    "partner*",
    "dialogue",
    "dialog",
    "tweak*",
    "go back",
    "going back",
    "follow-up question*",
    "follow up question*",
    "ask ~ follow",
    "thinking partner",
    "together",
    "discuss*",
    "talk ~ through",
    "work through",
    "several rounds",
    "multiple rounds",
    "few rounds",
    "revisions",
    "revise",
    "adjust*",
    "push back",
    "clarif*",
    "rephras*",
)
DELEGATING_CUES = (
    "let it handle",
    "let it do",
    "let ~ handle",
    "let ~ run with",
    "hand* ~ off",
    "hand it over",
    "delegat*",
    "take what it gives",
    "as is",
    "as-is",
    "copy and paste",
    "copy-paste",
    "copy paste",
    "one shot",
    "one-shot",
    "first try",
    "first attempt",
    "just ask it to",
    "just ask",
    "give it the task",
    "give it ~ and",
    "automat*",
    "straight ~ out",
    "minimal edit*",
    "minor edit*",
    "very little edit*",
    "not much back",
    "rarely ~ back and forth",
    "don't ~ back and forth",
    "quick answer",
    "do it for me",
    "does it for me",
    "outsourc*",
    "set it and forget",
)
# The guide section that asks about interaction directly counts double.
DIRECT_SECTION_WEIGHT = 2.0
# One side must outweigh the other by this factor to win; otherwise the style is mixed.
DOMINANCE = 1.5

_COLLAB = cue_alternation(COLLABORATIVE_CUES)
_DELEG = cue_alternation(DELEGATING_CUES)


def classify_style(
    sentences: tuple[Sentence, ...], direct_turns: frozenset[int]
) -> tuple[InteractionStyle, Quote | None]:
    """The participant's interaction style and the sentence that shows it most clearly."""
    score = {"collaborative": 0.0, "delegating": 0.0}
    best: dict[str, tuple[float, Sentence] | None] = {"collaborative": None, "delegating": None}
    for s in sentences:
        norm = normalise(s.text)
        weight = DIRECT_SECTION_WEIGHT if s.turn in direct_turns else 1.0
        for side, pattern in (("collaborative", _COLLAB), ("delegating", _DELEG)):
            if any(is_own_statement(norm, m.start()) for m in pattern.finditer(norm)):
                score[side] += weight
                current = best[side]
                if current is None or weight > current[0]:
                    best[side] = (weight, s)
    c, d = score["collaborative"], score["delegating"]
    style: InteractionStyle
    if c > 0 and c >= DOMINANCE * d:
        style = "collaborative"
    elif d > 0 and d >= DOMINANCE * c:
        style = "delegating"
    else:
        style = "mixed"
    pick = best[style] if style != "mixed" else (best["collaborative"] or best["delegating"])
    return style, pick[1].quote() if pick else None
