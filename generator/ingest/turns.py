"""Split a transcript's text into speaker turns.

A turn starts with a configured label (`User:`) at the start of a line that opens the
text or follows a blank line. Anything else that looks like a label (`Me:` in a list,
an inline `AI:` in a quoted example) is part of the current turn's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.models import Speaker, Turn

_LABEL_LIKE = re.compile(r"^\s*([A-Z][A-Za-z ]{0,24}):")


@dataclass(frozen=True)
class Labels:
    """Speaker labels as they appear in the files, without the colon."""

    interviewer: tuple[str, ...] = ("Assistant", "AI")
    participant: tuple[str, ...] = ("User",)

    def speaker(self, label: str) -> Speaker:
        return "participant" if label in self.participant else "interviewer"

    def pattern(self) -> re.Pattern[str]:
        names = sorted(self.interviewer + self.participant, key=len, reverse=True)
        return re.compile(r"(" + "|".join(re.escape(n) for n in names) + r"):[ \t]?")


@dataclass(frozen=True)
class TurnSplit:
    turns: tuple[Turn, ...]
    # The first non-blank line that precedes every turn, if any: a sign of a wrong label.
    preamble_line: int | None
    preamble: str


def split_turns(text: str, labels: Labels, first_line: int = 1) -> TurnSplit:
    """Turns in order, numbered from 1, each with the file line of its label."""
    pattern = labels.pattern()
    lines = text.split("\n")
    starts: list[tuple[int, str, int]] = []  # (line index, label, column where text starts)
    previous_blank = True
    for i, line in enumerate(lines):
        if previous_blank:
            m = pattern.match(line)
            if m:
                starts.append((i, m.group(1), m.end()))
        previous_blank = not line.strip()

    preamble_end = starts[0][0] if starts else len(lines)
    preamble_line, preamble = None, ""
    for i in range(preamble_end):
        if lines[i].strip():
            preamble_line, preamble = first_line + i, lines[i].strip()
            break

    turns = []
    for k, (i, label, col) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = "\n".join([lines[i][col:], *lines[i + 1 : end]]).strip()
        turns.append(Turn(number=k + 1, speaker=labels.speaker(label), label=label, text=body, line=first_line + i))
    return TurnSplit(tuple(turns), preamble_line, preamble)


def label_like(line: str) -> str | None:
    """The label a line seems to start with (`Interviewer`), for did-you-configure hints."""
    m = _LABEL_LIKE.match(line)
    return m.group(1) if m else None
