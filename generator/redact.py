"""Redact: Transcripts -> Transcripts with identifying details replaced, before anything else sees them.

Runs between ingest and analysis, so every later stage (quotes, summaries, word clouds,
search index, exports, share cards) only ever holds redacted text.

- Phone numbers: Google's libphonenumber (`phonenumbers`), valid numbers only.
- URLs and e-mail addresses: `urlextract`, over the few tokens that could be one.
- Postal addresses: `pyap`, over the few windows that start like a street address.
- Names, organisations and other terms the researcher lists: whole words, any case.

A value gets the same marker throughout one interview (`[NAME-1]` each time a listed
person is mentioned, by full name or by a part of it); existing `[REDACTED]`-style
markers are kept as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import phonenumbers
import pyap
import pyap.source_US.data as us_data
from urlextract import URLExtract

from generator.config import Privacy
from generator.memo import prune
from generator.models import RedactionSummary, Repair, Transcript, Turn

__all__ = ["Redactor", "RedactionSummary", "redact_transcripts", "MARKER"]

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

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_SCHEME_URL = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'()\[\]{}]+")
_TRAILING = ".,;:!?)]}>'\"’”"
# Tokens with an inner dot or an @: the only places a URL or address can be.
_URL_CANDIDATE = re.compile(r"(?<!\S)\S*?\w[.@][A-Za-z]\S*")
# `CLAUDE.md` and `script.py` are file names that happen to end in a country's domain.
_FILE_SUFFIXES = frozenset(
    "md py js ts rs go sh txt csv json yaml yml toml pdf doc docx xls xlsx ppt pptx png jpg jpeg gif svg "
    "html htm css xml zip ipynb r sql log ini cfg c h cpp java rb pl swift kt mp3 mp4 wav mov".split()
)
# A house number, a few words, then a street type from pyap's own list: where an address could
# start. pyap checks the rest; running it only on these windows keeps it fast.
_STREET_TYPES = sorted(us_data.street_type_list, key=lambda t: (-len(t), t))
_ADDRESS_START = re.compile(
    r"\b\d{1,6}[A-Za-z]?\s+(?:[A-Za-z'-]+\s+){0,4}(?:" + "|".join(map(re.escape, _STREET_TYPES)) + r")\b",
    re.IGNORECASE,
)
# Seven digits, perhaps with separators: the least a phone number has.
_PHONE_HINT = re.compile(r"\d(?:[\s().-]*\d){6}")
_PHONE_RUN = re.compile(r"\+?\(?\d[\d().-]*(?:[ \t]+\(?\d[\d().-]*)+")
_ADDRESS_WINDOW = 120
_ADDRESS_COUNTRIES = ("US", "GB", "CA")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str  # what identifies the thing, so one person gets one marker throughout an interview


class Redactor:
    """The study's detectors, compiled once."""

    def __init__(self, privacy: Privacy) -> None:
        self.privacy = privacy
        self._urls = URLExtract(extract_email=True) if {"url", "email"} & set(privacy.detect) else None
        listed: list[tuple[str, str, str]] = []  # (pattern text, kind, identity)
        for kind, entries in (("name", privacy.names), ("organisation", privacy.organisations)):
            for entry in entries:
                listed.append((entry, kind, entry.lower()))
                if kind == "name":
                    # "Jane Doe" is also "Jane" and "Doe" on their own; one person, one marker.
                    listed += [(part, kind, entry.lower()) for part in entry.split() if len(part) > 2]
        listed += [(term, "term", term.lower()) for term in self.privacy.terms]
        self._listed = {text.lower(): (kind, identity) for text, kind, identity in listed}
        alternatives = sorted({re.escape(text) for text, _, _ in listed}, key=lambda t: (-len(t), t))
        self._listed_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE) if alternatives else None
        )

    def spans(self, text: str) -> list[Span]:
        """Everything to replace in one text, left to right, without overlaps."""
        found: list[Span] = []
        detect = self.privacy.detect
        if self._listed_re is not None:
            for m in self._listed_re.finditer(text):
                kind, identity = self._listed[m.group(0).lower()]
                found.append(Span(m.start(), m.end(), kind, identity))
        if self._urls is not None:
            found += self._url_spans(text)
        if "phone" in detect and _PHONE_HINT.search(text):
            found += self._phone_spans(text)
        if "address" in detect:
            found += self._address_spans(text)
        return _without_overlaps(found, [(m.start(), m.end()) for m in MARKER.finditer(text)])

    def _phone_spans(self, text: str) -> list[Span]:
        spans = self._phone_matches(text, 0)
        # libphonenumber gives up on a number followed by more digits ("555-0132 07"); retry each
        # digit run it left alone without its trailing groups.
        for run in _PHONE_RUN.finditer(text):
            if any(s.start < run.end() and run.start() < s.end for s in spans):
                continue
            groups = run.group(0).split()
            for keep in range(len(groups) - 1, 0, -1):
                prefix = " ".join(groups[:keep])
                found = self._phone_matches(prefix, run.start()) if len(re.sub(r"\D", "", prefix)) >= 7 else []
                if found:
                    spans += found
                    break
        return spans

    def _phone_matches(self, text: str, offset: int) -> list[Span]:
        spans = []
        for region in self.privacy.phone_regions:
            for number in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                digits = re.sub(r"\D", "", number.raw_string)
                spans.append(Span(offset + number.start, offset + number.end, "phone", digits[-9:]))
        return spans

    def _url_spans(self, text: str) -> list[Span]:
        assert self._urls is not None
        spans = []
        # A scheme or "www." anywhere (inside a Markdown link, an HTML attribute) is enough.
        if "url" in self.privacy.detect:
            for m in _SCHEME_URL.finditer(text):
                url = m.group(0).rstrip(_TRAILING)
                spans.append(Span(m.start(), m.start() + len(url), "url", url.lower().rstrip("/")))
        for candidate in _URL_CANDIDATE.finditer(text):
            token = candidate.group(0).rstrip(_TRAILING)
            begin = candidate.start()
            if "://" in token or token.lower().startswith("www."):
                continue  # the scheme pass above has it
            # An e-mail's shape is enough; a bare "name.tld" must have a real TLD.
            if _EMAIL.fullmatch(token):
                found = [(token, (0, len(token)))]
            else:
                found = self._urls.find_urls(token, get_indices=True)
            for url, (start, end) in found:
                kind = "email" if _EMAIL.fullmatch(url) else "url"
                if kind not in self.privacy.detect or kind == "url" and _looks_like_file(url):
                    continue
                spans.append(Span(begin + start, begin + end, kind, url.lower().rstrip("/")))
        return spans

    def _address_spans(self, text: str) -> list[Span]:
        spans = []
        for start in _ADDRESS_START.finditer(text):
            window = text[start.start() : start.start() + _ADDRESS_WINDOW]
            for country in _ADDRESS_COUNTRIES:
                for address in pyap.parse(window, country=country):
                    offset = window.find(address.full_address)
                    if offset != -1:
                        begin = start.start() + offset
                        value = " ".join(address.full_address.lower().split())
                        spans.append(Span(begin, begin + len(address.full_address), "address", value))
        return spans

    def clean(self, text: str) -> str:
        """One text on its own, markers numbered within it."""
        return self._replace(text, _Markers(), Counter())

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

    def _replace(self, text: str, markers: _Markers, counts: Counter[str]) -> str:
        spans = self.spans(text)
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


def redact_transcripts(
    transcripts: Sequence[Transcript], redactor: Redactor, cache: Path | None = None
) -> tuple[tuple[Transcript, ...], RedactionSummary]:
    """Every transcript redacted. With a cache folder, a transcript redacted before under the same
    privacy settings is not scanned again (the detectors cost about a millisecond per interview),
    and the folder keeps only these transcripts' entries."""
    settings = hashlib.sha256(f"{REDACTION_VERSION}\0{redactor.privacy!r}".encode()).hexdigest()
    total: Counter[str] = Counter()
    out = []
    touched = 0
    used: set[Path] = set()
    for transcript in transcripts:
        entry = cache / f"{_key(transcript, settings)}.json" if cache else None
        if entry is not None:
            used.add(entry)
        cached = _load(entry, transcript) if entry and entry.exists() else None
        if cached is None:
            cached = redactor.redact(transcript)
            if entry is not None:
                _store(entry, *cached)
        redacted, counts = cached
        out.append(redacted)
        total += counts
        touched += bool(counts)
    if cache is not None:
        prune(cache, used)
    return tuple(out), RedactionSummary(tuple((kind, total[kind]) for kind in LABELS), touched)


# Bump when the detectors change what they find.
REDACTION_VERSION = "2"


def _key(transcript: Transcript, settings: str) -> str:
    h = hashlib.sha256(f"{settings}\0{transcript.id}\0".encode())
    for t in transcript.turns:
        h.update(f"{t.number}\0{t.text}\0".encode())
    for r in transcript.repairs:
        h.update(f"{r.line}\0{r.before}\0{r.after}\0".encode())
    return h.hexdigest()


def _store(entry: Path, redacted: Transcript, counts: Counter[str]) -> None:
    data = {
        "turns": [t.text for t in redacted.turns],
        "repairs": [[r.before, r.after] for r in redacted.repairs],
        "counts": dict(sorted(counts.items())),
    }
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(entry)  # never a half-written entry, even if the build is killed


def _load(entry: Path, transcript: Transcript) -> tuple[Transcript, Counter[str]] | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        turns = tuple(_with_text(t, text) for t, text in zip(transcript.turns, data["turns"], strict=True))
        pairs = zip(transcript.repairs, data["repairs"], strict=True)
        repairs = tuple(Repair(r.line, before, after) for r, (before, after) in pairs)
        counts = Counter({str(k): int(v) for k, v in data["counts"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable: redact again
    if not counts:
        return transcript, counts
    return replace(transcript, turns=turns, repairs=repairs), counts


def _with_text(turn: Turn, text: str) -> Turn:
    return turn if text == turn.text else replace(turn, text=text)


def _looks_like_file(url: str) -> bool:
    if "://" in url or url.lower().startswith("www.") or "/" in url:
        return False
    return url.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES


def _without_overlaps(spans: Iterable[Span], keep: list[tuple[int, int]]) -> list[Span]:
    """Earliest span first, the longest of those starting together; never inside an existing marker."""
    chosen: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.kind)):
        if span.start < end or any(a < span.end and span.start < b for a, b in keep):
            continue
        chosen.append(span)
        end = span.end
    return chosen
