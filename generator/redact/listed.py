"""Names, organisations and terms the researcher lists in [privacy]: whole words, any case, any spelling
the normaliser folds together (soft hyphens, zero-width characters, full-width letters, accents)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.config import Privacy
from generator.redact.normalise import fold
from generator.redact.spans import Span

__all__ = ["ListedTerms", "MIN_PART"]

# A part of a listed name is redacted on its own ("Thornbury" for "Margaret Thornbury") from this
# length on: "Al" or "Jo" alone would eat ordinary words.
MIN_PART = 3


class ListedTerms:
    """One pattern for every listed entry and name part; each match knows whose it is."""

    def __init__(self, privacy: Privacy) -> None:
        entries: list[tuple[str, str, str]] = []  # (folded text, kind, identity)
        for kind, listed in (("name", privacy.names), ("organisation", privacy.organisations), ("term", privacy.terms)):
            for entry in listed:
                text = " ".join(fold(entry).split())
                if not text:
                    continue
                entries.append((text, kind, text.lower()))
                if kind == "name":
                    # "Jane Doe" is also "Jane" and "Doe" on their own; one person, one marker.
                    entries += [(part, kind, text.lower()) for part in name_parts(text)]
        self.identities: dict[str, tuple[str, str]] = {}
        for text, kind, identity in entries:
            # The first listing wins: a part shared by two people stays with the first one listed.
            self.identities.setdefault(_key(text), (kind, identity))
        # Longest first, so "Jane Doe" is one match rather than "Jane" and then "Doe".
        alternatives = sorted({_pattern(text) for text, _, _ in entries}, key=lambda p: (-len(p), p))
        self._re = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE) if alternatives else None
        )

    def spans(self, text: str) -> Iterator[Span]:
        if self._re is None:
            return
        for m in self._re.finditer(text):
            kind, identity = self.identities[_key(m.group(0))]
            yield Span(m.start(), m.end(), kind, identity)

    def identity_of(self, words: str) -> str | None:
        """The listed person a name found in the text belongs to, if any ("Dr. Jane Doe" is Jane Doe)."""
        found = self.identities.get(_key(words))
        return found[1] if found and found[0] == "name" else None


def name_parts(name: str) -> list[str]:
    """The parts of a listed name that identify on their own: long enough, not an initial, and not a
    particle ("de", "van": the lower-case words of a name written with capitals)."""
    capitalised = not name.islower()
    return [
        part
        for part in name.split()
        if len(part) >= MIN_PART
        and not (capitalised and part.islower())
        and not part.endswith(".")
        and part.lower() != name.lower()
    ]


def _key(text: str) -> str:
    return "".join(text.lower().split())


def _pattern(text: str) -> str:
    # Words of an entry may be run together or split by any space: "Margaret\u00adThornbury" reads as one word.
    return r"\s*".join(re.escape(word) for word in text.split())
