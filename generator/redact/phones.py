"""Phone numbers, also where one sits inside a run of other numbers.

libphonenumber (`phonenumbers`) decides what is a valid number; this module decides which
substrings to ask it about. A run is a sequence of digit groups joined by spaces, dots or
dashes ("12 34 +1 415 555 0132 78"). Each group starts at most one candidate per length a
number can have (at most 15 digits, so a handful per group), each candidate is first checked
against the region's own pattern of valid numbers (a compiled regular expression), and only
the few that pass are parsed: time linear in the text, however long the run.

A number that is the whole run may be grouped any way ("0207 946 0958"); one with other
numbers around it must be grouped the way its region writes it ("020 7946 0958"), or every
run of ten digits in a table would read as a phone number.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat

from generator.redact.spans import Span

__all__ = ["PhoneFinder", "PHONE_HINT"]

# Seven digits, perhaps with separators: the least a phone number has.
PHONE_HINT = re.compile(r"\d(?:[\s().-]*\d){6}")
_GROUP = re.compile(r"(?<![A-Za-z_])\+?\(?\d+\)?(?![A-Za-z_])")
_GAP = re.compile(r"[ \t.\-–]{0,3}")
_MAX_DIGITS = 15  # E.164


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    digits: str
    plus: bool


@dataclass(frozen=True)
class _Region:
    code: str
    pattern: re.Pattern[str]
    lengths: frozenset[int]
    prefix: str
    # Digit-group sizes the region's formats produce: written nationally with the national prefix
    # ("020 7946 0958"), nationally where no prefix is written ("(415) 555-0132"), and bare, as after
    # "+44" or after a prefix standing alone ("1 800 555 0199").
    prefixed: frozenset[tuple[int, ...]]
    unprefixed: frozenset[tuple[int, ...]]
    bare: frozenset[tuple[int, ...]]


@functools.cache
def _region(code: str) -> _Region:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(code)
    desc = meta.general_desc if meta is not None else None
    pattern = desc.national_number_pattern if desc is not None else None
    if meta is None or desc is None or pattern is None:
        return _Region(code, re.compile(r"(?!)"), frozenset(), "", frozenset(), frozenset(), frozenset())
    prefixed: set[tuple[int, ...]] = set()
    unprefixed: set[tuple[int, ...]] = set()
    bare: set[tuple[int, ...]] = set()
    for nf in [*meta.number_format, *meta.intl_number_format]:
        extra = len(re.sub(r"\D", "", (nf.national_prefix_formatting_rule or "").replace("\\1", "")))
        for sizes in _format_sizes(nf.pattern or "", nf.format or ""):
            bare.add(sizes)
            (prefixed if extra else unprefixed).add((sizes[0] + extra, *sizes[1:]))
    return _Region(
        code,
        re.compile(pattern),
        frozenset(desc.possible_length),
        meta.national_prefix or "",
        frozenset(prefixed),
        frozenset(unprefixed),
        frozenset(bare),
    )


def _format_sizes(pattern: str, layout: str) -> Iterator[tuple[int, ...]]:
    """Every digit-group size tuple a format writes: "(\\d{5})(\\d{4,5})" laid out "\\1 \\2" gives (5, 4), (5, 5)."""
    ranges = []
    for low, high in re.findall(r"\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)", pattern):
        a = int(low or 1)
        ranges.append(range(a, int(high or a) + 1))
    # Groups the layout writes with nothing between them read as one group.
    runs = [[int(n) - 1 for n in re.findall(r"\\(\d)", run)] for run in re.split(r"[^\\\d]+", layout) if run]
    for sizes in itertools.product(*ranges):
        yield tuple(sum(sizes[i] for i in run if i < len(sizes)) for run in runs)


@functools.lru_cache(maxsize=65536)
def _parse(text: str, region: str) -> tuple[str, tuple[int, ...], str] | None:
    """The number's digits, how it is written where it belongs, and that place's national prefix,
    if `text` is a valid number read as written in `region`."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    style = PhoneNumberFormat.INTERNATIONAL if text.lstrip("(").startswith("+") else PhoneNumberFormat.NATIONAL
    grouping = tuple(len(g) for g in re.findall(r"\d+", phonenumbers.format_number(number, style)))
    home = phonenumbers.PhoneMetadata.metadata_for_region(phonenumbers.region_code_for_number(number) or region)
    prefix = (home.national_prefix if home is not None else None) or ""
    return f"{number.country_code}{number.national_number}", grouping, prefix


class PhoneFinder:
    """Valid phone numbers for the study's regions (any region's, written with + and a country code)."""

    def __init__(self, regions: Sequence[str]) -> None:
        self.regions = tuple(_region(r) for r in regions)
        self.parses = 0  # how many candidates reached libphonenumber: the work the linear-time test counts

    def spans(self, text: str) -> Iterator[Span]:
        if not PHONE_HINT.search(text):
            return
        for run in _runs(text):
            yield from self._run_spans(text, run)

    def _run_spans(self, text: str, run: list[_Group]) -> Iterator[Span]:
        i = 0
        while i < len(run):
            found = self._longest_at(text, run, i)
            if found is None:
                i += 1
                continue
            j, digits = found
            yield Span(run[i].start, run[j].end, "phone", digits[-9:])
            i = j + 1

    def _longest_at(self, text: str, run: list[_Group], i: int) -> tuple[int, str] | None:
        windows = []
        digits = ""
        for j in range(i, len(run)):
            digits += run[j].digits
            if len(digits) > _MAX_DIGITS:
                break
            if len(digits) >= 7:
                windows.append((j, digits))
        for j, digits in reversed(windows):
            whole = i == 0 and j == len(run) - 1
            sizes = tuple(len(g.digits) for g in run[i : j + 1])
            if (valid := self._valid(text[run[i].start : run[j].end], digits, run[i].plus, sizes, whole)) is not None:
                return j, valid
        return None

    def _valid(self, raw: str, digits: str, plus: bool, sizes: tuple[int, ...], whole: bool) -> str | None:
        # Alone, a number may be grouped any way; among other numbers, only as its region writes it.
        free = whole or len(sizes) == 1
        if plus:
            if not free and not _international_grouping(sizes, digits):
                return None
            return self._parsed(raw, self.regions[0].code if self.regions else "ZZ", sizes, free)
        for region in self.regions:
            if _could_be(region, digits) and (free or _national_grouping(region, digits, sizes)):
                if (number := self._parsed(raw, region.code, sizes, free)) is not None:
                    return number
        return None

    def _parsed(self, raw: str, region: str, sizes: tuple[int, ...], free: bool) -> str | None:
        self.parses += 1
        parsed = _parse(raw, region)
        if parsed is None:
            return None
        number, grouping, prefix = parsed
        if free or sizes == grouping or (sizes[0] == len(prefix) and sizes[1:] == grouping):
            return number
        return None


def _could_be(region: _Region, digits: str) -> bool:
    """Cheap test before parsing: the digits, less a national prefix, fit the region's pattern."""
    if region.prefix and digits.startswith(region.prefix):
        rest = digits[len(region.prefix) :]
        if len(rest) in region.lengths and region.pattern.fullmatch(rest):
            return True
    return len(digits) in region.lengths and region.pattern.fullmatch(digits) is not None


def _national_grouping(region: _Region, digits: str, sizes: tuple[int, ...]) -> bool:
    """Whether one of the region's formats could group the digits so: "020 7946 0958", "1 800 555 0199"."""
    if sizes in region.unprefixed:
        return True
    if region.prefix and digits.startswith(region.prefix):
        return sizes in region.prefixed or (sizes[0] == len(region.prefix) and sizes[1:] in region.bare)
    return False


def _international_grouping(sizes: tuple[int, ...], digits: str) -> bool:
    """Whether "+44 20 7946 0958" is grouped as the country writes it after its code."""
    code = digits[: sizes[0]]
    regions = phonenumbers.region_codes_for_country_code(int(code)) if code else ()
    return any(sizes[1:] in _region(r).bare for r in regions)


def _runs(text: str) -> Iterator[list[_Group]]:
    run: list[_Group] = []
    for m in _GROUP.finditer(text):
        token = m.group(0)
        group = _Group(m.start(), m.end(), re.sub(r"\D", "", token), token.startswith("+") or token.startswith("(+"))
        if run and not _GAP.fullmatch(text, run[-1].end, m.start()):
            yield run
            run = []
        run.append(group)
    if run:
        yield run
