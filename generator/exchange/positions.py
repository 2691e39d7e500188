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
        self._units: list[int] | None = None
        if counting.crlf or counting.utf16:
            units, total = [], 0
            for ch in text:
                units.append(total)
                total += 1 + (counting.crlf and ch == "\n") + (counting.utf16 and ord(ch) > 0xFFFF)
            units.append(total)
            self._units = units

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) as offsets into the text; None if it is not a span of the text."""
        if self._units is None:
            s, e = start, end
        else:
            # A position inside a character's units (between CR and LF) belongs to that character.
            s = bisect.bisect_right(self._units, start) - 1
            e = bisect.bisect_left(self._units, end)
        if not 0 <= s < e <= len(self.text):
            return None
        return s, e


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
