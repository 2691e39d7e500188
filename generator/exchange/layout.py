"""An interview as the plain text of a REFI-QDA text source, and where every participant sentence sits in it.

Input: the turns the export may show (ShownTurn). Output: SourceText, the text and the character
spans (Unicode code points, end exclusive, as REFI-QDA counts) of every turn and every participant
sentence, so that `text[span.start:span.end]` is exactly the sentence the report shows.

The layout, one paragraph per turn, turns separated by a blank line:

    [1] Assistant: Hi! Thank you for taking the time ...

    [2] User: So I am a psychotherapist, ...

`[N]` is the turn's number, the one the site's `#turn-N` anchors use. A turn the export may show
only in part (the publication level shows quotes, not whole transcripts) holds just the quoted
sentences, in the order they were said, joined by ` … `. Line breaks are LF; the file has no BOM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyse.sentences import split_sentences
from generator.models import Speaker

TURN_SEPARATOR = "\n\n"
EXCERPT_GAP = " … "


@dataclass(frozen=True)
class ShownTurn:
    """What the export shows of one turn: its whole text, or (`text` None) only `sentences`."""

    number: int
    speaker: Speaker
    label: str
    text: str | None
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the source text: a turn's words, or one participant sentence."""

    turn: int
    speaker: Speaker
    start: int
    end: int
    text: str

    def overlap(self, start: int, end: int) -> int:
        return max(0, min(end, self.end) - max(start, self.start))


@dataclass(frozen=True)
class SourceText:
    text: str
    turns: tuple[Span, ...]
    # Every participant sentence shown, in the order said.
    sentences: tuple[Span, ...]

    def sentence(self, turn: int, text: str) -> Span | None:
        """The span of a sentence the report quotes (the first, if the turn says it twice)."""
        return next((s for s in self.sentences if s.turn == turn and s.text == text), None)

    def place(self, start: int, end: int) -> Span | str:
        """The participant sentence a selection of [start, end) is about: the one it overlaps most,
        unless it overlaps an interviewer's turn more; otherwise why it is about no sentence."""
        best = max(self.sentences, key=lambda s: s.overlap(start, end), default=None)
        said = best.overlap(start, end) if best else 0
        asked = max(self.turns, key=lambda t: t.overlap(start, end) if t.speaker == "interviewer" else -1, default=None)
        if asked is not None and asked.speaker == "interviewer" and asked.overlap(start, end) > said:
            return f"it is in the interviewer's turn {asked.turn}; only what the participant said can be evidence"
        if best is None or said == 0:
            return "it covers no sentence the participant said (a speaker label or the space between turns)"
        return best


def lay_out(turns: Sequence[ShownTurn]) -> SourceText:
    """The source text of one interview, and its spans."""
    parts: list[str] = []
    turn_spans: list[Span] = []
    sentences: list[Span] = []
    pos = 0
    for i, turn in enumerate(turns):
        head = f"{TURN_SEPARATOR if i else ''}[{turn.number}] {turn.label}: "
        body = turn.text if turn.text is not None else EXCERPT_GAP.join(turn.sentences)
        start = pos + len(head)
        parts += [head, body]
        pos = start + len(body)
        turn_spans.append(Span(turn.number, turn.speaker, start, pos, body))
        if turn.speaker != "participant":
            continue
        pieces = split_sentences(body) if turn.text is not None else turn.sentences
        cursor = 0
        for piece in pieces:
            # Sentences are exact substrings, in order: searching on from the last one finds each
            # occurrence of a sentence said twice in one turn.
            at = body.find(piece, cursor)
            sentences.append(Span(turn.number, turn.speaker, start + at, start + at + len(piece), piece))
            cursor = at + len(piece)
    text = "".join(parts) + "\n"
    return SourceText(text, tuple(turn_spans), tuple(sentences))
