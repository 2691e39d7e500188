"""Where a QDA tool's text selection falls in the text the report exported.

REFI-QDA counts a selection's positions in Unicode code points of the source's text, from 0, end
exclusive. Tools do not all keep to it: some store the text with CRLF line breaks and count each
break as two characters (a selection then shifts one character per line break before it), some
count UTF-16 code units (an emoji counts two), some add a BOM or drop the final line break. So an
import first finds how this tool counted, from the evidence it left (the selections' names, which
most tools set to the selected text, and the tool's own codings, whose true places are known),
then reads every selection that way, and, where the text itself differs from the exported one,
finds the selected words in the exported text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Counting:
    """One way a tool counts positions."""

    name: str
    crlf: bool  # a line break counts two
    utf16: bool  # a character beyond the Basic Multilingual Plane counts two


COUNTINGS = (
    Counting("code points, as the standard says", False, False),
    Counting("a line break as two characters (CRLF)", True, False),
    Counting("UTF-16 code units", False, True),
    Counting("UTF-16 code units, a line break as two", True, True),
)
STANDARD = COUNTINGS[0]
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text with LF line breaks, as the export wrote it."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def same_words(a: str, b: str) -> bool:
    """Equal but for white space (tools collapse or trim it in a selection's name)."""
    return _SPACE.sub(" ", a).strip() == _SPACE.sub(" ", b).strip()


class Positions:
    """A tool's positions, counted one way, as offsets into the (LF) text."""

    def __init__(self, text: str, counting: Counting) -> None:
        self.text = text
        self.counting = counting
        # The characters that count two: each shifts every later position by one. Found with the
        # regular expression engine, not a loop over the characters: a study has a million of them.
        wide = ("\n" if counting.crlf else "") + ("\U00010000-\U0010ffff" if counting.utf16 else "")
        self._wide = [m.start() for m in re.finditer(f"[{wide}]", text)] if wide else []
        # Where each wide character's two units start.
        self._starts = [at + k for k, at in enumerate(self._wide)]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) as offsets into the text; None if it is not a span of the text."""
        s, e = self._offset(start, after=False), self._offset(end, after=True)
        if not 0 <= s < e <= len(self.text):
            return None
        return s, e

    def _offset(self, units: int, after: bool) -> int:
        # Wide characters wholly before this position: each adds a unit.
        k = bisect.bisect_right(self._starts, units - 2)
        if k < len(self._starts) and self._starts[k] < units:
            # Inside a wide character (between CR and LF): a start takes it in, an end takes it in too.
            return self._wide[k] + (1 if after else 0)
        return units - k


def locate(words: str, text: str, near: int) -> int | None:
    """Where `words` occur in `text`, the occurrence nearest `near`; white space may differ."""
    if not words.strip():
        return None
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    if not hits:
        pattern = r"\s+".join(re.escape(w) for w in words.split())
        hits = [m.start() for m in re.finditer(pattern, text)]
    return min(hits, key=lambda at: (abs(at - near), at), default=None)


def locate_span(words: str, text: str, near: int) -> tuple[int, int] | None:
    """The span of `words` in `text` nearest `near` (its length may differ where white space does)."""
    at = locate(words, text, near)
    if at is None:
        return None
    if text.startswith(words, at):
        return at, at + len(words)
    m = re.compile(r"\s+".join(re.escape(w) for w in words.split())).match(text, at)
    return (at, m.end()) if m else None
