"""Participant turns -> sentences that are exact substrings of the turn, with their turn number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.models import Quote, Turn

# A sentence ends at . ! ? (with closing quotes or brackets) followed by white space and
# a capital, digit or opening quote; "e.g. pasting" and "etc. but" stay one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"“'‘(\[])")
# List markers and Markdown emphasis at the start of a line are layout, not words.
_LEADING_MARKUP = re.compile(r"^(?:[-*•+>]|\d{1,2}[.)])\s+|^[*_#]+\s*")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a participant turn; `index` orders sentences within the interview."""

    text: str
    turn: int
    index: int
    words: int

    def quote(self) -> Quote:
        return Quote(text=self.text, turn=self.turn)


def split_sentences(text: str) -> Iterator[str]:
    """Sentences of one turn, each an exact substring of `text`."""
    for line in text.split("\n"):
        line = line.strip()
        while True:
            m = _LEADING_MARKUP.match(line)
            if not m or not m.group(0):
                break
            line = line[m.end() :].strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            piece = line[start : m.start()].strip()
            if piece:
                yield piece
            start = m.end()
        piece = line[start:].strip()
        if piece:
            yield piece


def participant_sentences(turns: tuple[Turn, ...]) -> tuple[Sentence, ...]:
    """All sentences the participant said, in order. Interviewer turns are never included."""
    out: list[Sentence] = []
    for turn in turns:
        if turn.speaker != "participant":
            continue
        for piece in split_sentences(turn.text):
            out.append(Sentence(piece, turn.number, len(out), len(_WORD.findall(piece))))
    return tuple(out)


def word_list(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]
