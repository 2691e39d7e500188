"""The text the detectors read: one look for every way of writing the same identifier.

Detection runs on a normalised copy, never on the text itself: NFKC (full-width letters,
ligatures, the full-width @), format characters dropped (soft hyphen, zero-width space and
joiner, BOM: category Cf), accents dropped, and the commonest Cyrillic and Greek look-alikes
read as the Latin letter they imitate. A map from each normalised character back to the
character it came from lets a replacement cover the original span, invisible characters included.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalised", "normalise", "fold"]

# Letters that render like Latin ones in common fonts and are used to slip an address or a
# name past a filter. Not Unicode's whole confusables table: these are the ones that matter
# for e-mail addresses, URLs and names written in Latin script.
_LOOK_ALIKES = dict(
    zip(
        "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅοαινκρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlqwABEKMHOPCTXIJSoaivkptuxABEZHIKMNOPTYX",
        strict=True,
    )
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if unicodedata.category(c) == "Cf":
        return ""
    if c in _LOOK_ALIKES:
        return _LOOK_ALIKES[c]
    folded = unicodedata.normalize("NFKC", c)
    # "é" and "e" + U+0301 both become "e": a name is found however its accents were typed.
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(_LOOK_ALIKES.get(d, d) for d in decomposed if not unicodedata.combining(d))


@dataclass(frozen=True)
class Normalised:
    """A text as the detectors read it, and where each of its characters came from."""

    text: str
    # Offset in the original text of each character of `text`; None when the two are the same.
    origins: tuple[int, ...] | None
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span that a span of the normalised text was read from."""
        if self.origins is None:
            return start, end
        # Out to the characters kept on either side: dropped ones at the edges (a BOM before a name, a
        # zero-width joiner after it, an accent's combining mark) go with the identifier.
        origins, n = self.origins, len(self.origins)
        first = 0 if start <= 0 else self.original_length if start >= n else min(origins[start], origins[start - 1] + 1)
        last = self.original_length if end >= n else 0 if end <= 0 else max(origins[end - 1] + 1, origins[end])
        return first, max(first, last)


def normalise(text: str) -> Normalised:
    """The normalised copy of one text, in time linear in its length."""
    if text.isascii():
        return Normalised(text, None, len(text))
    pieces: list[str] = []
    origins: list[int] = []
    last = 0
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        folded = _fold_char(text[i])
        if folded == text[i]:
            continue
        pieces.append(text[last:i])
        origins.extend(range(last, i))
        pieces.append(folded)
        origins.extend([i] * len(folded))
        last = i + 1
    if last == 0:
        return Normalised(text, None, len(text))
    pieces.append(text[last:])
    origins.extend(range(last, len(text)))
    return Normalised("".join(pieces), tuple(origins), len(text))


def fold(text: str) -> str:
    """Just the normalised text: for configured names and name data, read the way the text is."""
    return normalise(text).text
