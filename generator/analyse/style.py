"""Interaction style: does the participant work with AI back and forth, or hand tasks off?

Judged mainly on the answer to the guide's direct question about how they work with AI
(the "interaction" section), as a careful coder would: described practice counts, and
a denied practice ("I never delegate whole tasks") counts for the other side. Where
that answer says nothing either way, the rest of the interview decides, and a
participant who describes no back-and-forth at all is delegating (one-shot use).
"""

from __future__ import annotations

from generator.analyse.coding import is_own_statement
from generator.analyse.sentences import Sentence
from generator.analyse.text import cue_alternation, normalise
from generator.models import InteractionStyle, Quote

COLLABORATIVE_CUES = (
    "back and forth",
    "back-and-forth",
    "iterat*",
    "refine*",
    "refining",
    "brainstorm*",
    "sounding board",
    "bounce ideas",
    "bouncing ideas",
    "bounce* ~ off",
    "collaborat*",
    "thinking partner",
    "thought partner",
    "tweak*",
    "send it back",
    "work with the ai",
    "work with it",
    "ask* for ~ feedback",
    "ask* for ~ critique",
    "ask* for ~ opinions",
    "multiple rounds",
    "several rounds",
    "few rounds",
    "rounds of",
    "discuss* ~ with",
    "talk* ~ through",
    "conversation with",
    "refinements",
    "going back",
    "go back and",
)
DELEGATING_CUES = (
    "delegat*", "hand* ~ off", "hand it over", "let it run", "let it handle", "let it do", "one shot", "one-shot",
    "first try", "first attempt", "as-is", "as is", "assign*", "independent tasks", "one specific question",
    "quick question*", "take the output", "take what it gives", "fewer turns", "1-2 rounds", "one or two",
    "i am driving", "i'm driving", "driving it", "i'm in charge", "i am in charge", "in the driver's seat",
    "drivers seat", "driver's seat", "directing it", "100% me", "always me", "my worker", "do it myself",
    "copy and paste", "copy-paste", "just ask", "simple questions", "look* up", "automat*",
)  # fmt: skip
# The sections whose answers say most about how they work with AI.
DIRECT_SECTIONS = frozenset({"interaction"})

_COLLAB = cue_alternation(COLLABORATIVE_CUES)
_DELEG = cue_alternation(DELEGATING_CUES)


def _sides(sentence: Sentence) -> tuple[int, int]:
    """Collaborative and delegating cue counts; a negated cue counts for the other side."""
    norm = normalise(sentence.text)
    collab = deleg = 0
    for m in _COLLAB.finditer(norm):
        if is_own_statement(norm, m.start()):
            collab += 1
        else:
            deleg += 1
    for m in _DELEG.finditer(norm):
        if is_own_statement(norm, m.start()):
            deleg += 1
        else:
            collab += 1
    return collab, deleg


def classify_style(
    sentences: tuple[Sentence, ...], direct_turns: frozenset[int]
) -> tuple[InteractionStyle, Quote | None]:
    """The participant's interaction style and the sentence that shows it most clearly."""
    for scope in ([s for s in sentences if s.turn in direct_turns], list(sentences)):
        c = d = 0
        best: dict[str, tuple[int, Sentence] | None] = {"collaborative": None, "delegating": None}
        for s in scope:
            sc, sd = _sides(s)
            c, d = c + sc, d + sd
            for side, n in (("collaborative", sc - sd), ("delegating", sd - sc)):
                current = best[side]
                if n > 0 and (current is None or n > current[0]):
                    best[side] = (n, s)
        if c or d:
            break
    style: InteractionStyle
    if c > d:
        style = "collaborative"
    elif d > c or c == 0:
        style = "delegating"
    else:
        style = "mixed"
    pick = best.get(style) if style != "mixed" else (best["collaborative"] or best["delegating"])
    return style, pick[1].quote() if pick else None
