"""Postal addresses: US, Canadian and UK street addresses (`pyap2`), PO boxes, UK postcodes.

pyap2 reads a street address with its city, state or county and ZIP or postcode; running it on
every window of the text would be slow, so it runs only where a house number, a few words and a
street type start one (about a hundred windows in a thousand interviews).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pyap.source_US.data as us_data
from pyap.address import Address
from pyap.parser import AddressParser

from generator.redact.spans import Span

__all__ = ["address_spans"]

# pyap2's street types ("Street", "Ave", "Parkway"); a few entries are patterns, and only words count.
_STREET_TYPES = frozenset(t.lower() for t in us_data.street_type_list if t.isalpha()) | {"bay"}
# A house number and up to five words: where a street address could start, if one of the words is a
# street type. pyap2 checks the rest; running it only on these windows keeps it fast. The pattern
# starts with its digit, not a look-behind, so the engine skips ahead to digits.
_NUMBER_AND_WORDS = re.compile(r"\d{1,6}[A-Za-z]?\s+[A-Za-z'-]+(?:\s+[A-Za-z'-]+){0,4}")
_ADDRESS_WINDOW = 120
_DIGIT = re.compile(r"\d")
_ADDRESS_COUNTRIES = ("US", "GB", "CA")
# "P.O. Box 123", "PO Box 4567, Springfield", "Post Office Box 9": a box is an address without a street.
_PO_BOX = re.compile(
    r"(?<!\w)(?:(?i:p\.?\s?o\.?\s?|post\s+office\s+)(?i:box)|POB)\s*#?\s*\d{1,8}(?![\w-])"
    r"(?:,\s*(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+(?:,?\s+[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?)?(?![\w-]))?"
)
# A full UK postcode narrows an address to a street or a building on its own (Royal Mail's format).
# It starts with a capital, not a look-behind, so the engine skips ahead to capitals.
_UK_POSTCODE = re.compile(r"[A-Z][A-Z]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")


@functools.cache
def _parser(country: str) -> AddressParser:
    return AddressParser(country=country)  # type: ignore[arg-type]


def address_spans(text: str) -> Iterator[Span]:
    """Every address found, its value the address with its spacing made regular."""
    if not _DIGIT.search(text):
        return  # every address here has a number: a house, a box or a postcode
    for start in _NUMBER_AND_WORDS.finditer(text):
        if _inside_word(text, start.start()) or not any(w.lower() in _STREET_TYPES for w in start.group(0).split()[1:]):
            continue
        window = text[start.start() : start.start() + _ADDRESS_WINDOW]
        for country in _ADDRESS_COUNTRIES:
            for address in _parser(country).parse(window):
                if not _plausible(address):
                    continue
                offset = window.find(address.full_address)
                if offset != -1:
                    yield _span(text, start.start() + offset, start.start() + offset + len(address.full_address))
    for m in _PO_BOX.finditer(text) if "box" in text.lower() or "POB" in text else ():
        yield _span(text, m.start(), m.end())
    for m in _UK_POSTCODE.finditer(text):
        if not _inside_word(text, m.start()):
            yield _span(text, m.start(), m.end())


def _plausible(address: Address) -> bool:
    """pyap2 reads "5 or more different ways to potentially go in" as a street, a city and Indiana:
    an address has a postcode, or a state and a city written with capitals."""
    region, city = address.region1 or "", address.city or ""
    return bool(address.postal_code) or (region[:1].isupper() and city[:1].isupper())


def _inside_word(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-")


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, "address", " ".join(text[start:end].lower().split()))
