"""The study's detectors together: one text or one transcript in, the same with markers out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.config import Privacy
from generator.models import Repair, Transcript, Turn
from generator.redact.addresses import address_spans
from generator.redact.contacts import email_spans, url_spans
from generator.redact.listed import ListedTerms
from generator.redact.normalise import normalise
from generator.redact.people import PersonNames
from generator.redact.phones import PhoneFinder
from generator.redact.spans import Span, without_overlaps

__all__ = ["Redactor", "LABELS", "MARKER"]

LABELS = {
    "email": "EMAIL",
    "url": "URL",
    "phone": "PHONE",
    "address": "ADDRESS",
    "name": "NAME",
    "organisation": "ORG",
    "term": "REDACTED",
}
# Markers already in the text (the source's own, or ours): never redacted again.
MARKER = re.compile(r"\[(?:[A-Z]+(?:-\d+)?|REDACTED|redacted)\]")
_FILE_NAME_SEPARATORS = re.compile(r"[_.+-]")


class Redactor:
    """The study's detectors, compiled once."""

    def __init__(self, privacy: Privacy) -> None:
        self.privacy = privacy
        self.listed = ListedTerms(privacy)
        self.phones = PhoneFinder(privacy.phone_regions)
        self.people = PersonNames() if "name" in privacy.detect else None

    def spans(self, text: str, kinds: frozenset[str] | None = None, names_of_files: bool = False) -> list[Span]:
        """Everything to replace in one text, left to right, without overlaps, in the text's own offsets.

        `names_of_files`: also read '_', '.', '+' and '-' as spaces, as in "interview_Priya_Raman.txt".
        """
        normal = normalise(text)
        found = self.normalised_spans(normal.text, kinds)
        if names_of_files:
            # One character for one: the spans of the spaced copy are spans of the text.
            spaced = _FILE_NAME_SEPARATORS.sub(" ", normal.text)
            found = without_overlaps(found + self.normalised_spans(spaced, kinds), [])
        spans = []
        for span in found:
            start, end = normal.original_span(span.start, span.end)
            spans.append(replace(span, start=start, end=end))
        return spans

    def normalised_spans(self, text: str, kinds: frozenset[str] | None = None) -> list[Span]:
        """Spans of an already normalised text; `kinds` limits the detectors that run."""
        detect = set(self.privacy.detect) if kinds is None else set(self.privacy.detect) & kinds
        found: list[Span] = []
        if kinds is None or {"name", "organisation", "term"} & kinds:
            found += self.listed.spans(text)
        if "email" in detect:
            found += email_spans(text)
        if "url" in detect:
            found += url_spans(text)
        if "phone" in detect:
            found += self.phones.spans(text)
        if "address" in detect:
            found += address_spans(text)
        if "name" in detect and self.people is not None:
            found += (self._as_listed(s) for s in self.people.spans(text))
        return without_overlaps(found, [(m.start(), m.end()) for m in MARKER.finditer(text)])

    def _as_listed(self, span: Span) -> Span:
        # "Dr. Jane Doe" with "Jane Doe" listed: the listed person's marker, not a new one.
        identity = self.listed.identity_of(span.value)
        return span if identity is None else replace(span, value=identity)

    def clean(self, text: str, names_of_files: bool = False) -> str:
        """One text on its own, markers numbered within it."""
        return self._replace(text, _Markers(), Counter(), names_of_files)

    def redact(self, transcript: Transcript) -> tuple[Transcript, Counter[str]]:
        """The transcript with every span replaced; markers numbered per interview and kind."""
        markers, counts = _Markers(), Counter[str]()
        turns = tuple(_with_text(t, self._replace(t.text, markers, counts)) for t in transcript.turns)
        if not counts:
            return transcript, counts
        # Repair records quote the text around each repair, so they are redacted too.
        repairs = tuple(
            Repair(r.line, self._replace(r.before, markers, Counter()), self._replace(r.after, markers, Counter()))
            for r in transcript.repairs
        )
        return replace(transcript, turns=turns, repairs=repairs), counts

    def _replace(self, text: str, markers: _Markers, counts: Counter[str], names_of_files: bool = False) -> str:
        spans = self.spans(text, names_of_files=names_of_files)
        if not spans:
            return text
        out, last = [], 0
        for span in spans:
            out += [text[last : span.start], markers.marker(span)]
            counts[span.kind] += 1
            last = span.end
        out.append(text[last:])
        return "".join(out)


class _Markers:
    """Numbers each distinct value once per kind: the same person is [NAME-1] all through an interview."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], int] = {}
        self.per_kind: Counter[str] = Counter()

    def marker(self, span: Span) -> str:
        label = LABELS[span.kind]
        if span.kind == "term":
            return f"[{label}]"
        key = (span.kind, span.value)
        if key not in self.numbers:
            self.per_kind[span.kind] += 1
            self.numbers[key] = self.per_kind[span.kind]
        return f"[{label}-{self.numbers[key]}]"


def _with_text(turn: Turn, text: str) -> Turn:
    return turn if text == turn.text else replace(turn, text=text)
