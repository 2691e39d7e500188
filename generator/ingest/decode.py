"""Bytes -> text: decode strictly, then repair mojibake with ftfy and record every repair."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy

from generator.models import Repair

# Participant words are evidence: repair only encoding damage, never restyle the text
# (ftfy would otherwise straighten curly quotes, expand ligatures and unescape HTML).
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    explain=False,
)


@dataclass(frozen=True)
class DecodeFailure:
    line: int | None
    what: str
    fix: str


def decode_bytes(data: bytes) -> str | DecodeFailure:
    """Decode UTF-8 (with or without BOM) or UTF-16 (with a BOM, or recognisably without); else a failure."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            return DecodeFailure(None, f"damaged UTF-16 text at byte {e.start}", "re-save the file as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul != -1 and (encoding := _bomless_utf16(data)):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: report the NUL bytes below
    if nul != -1:
        return nul_bytes(len(_BYTE_BREAK.findall(data, 0, nul)) + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        return not_utf8(len(_BYTE_BREAK.findall(data, 0, e.start)) + 1, data[e.start])


# A line ends at "\r\n", "\n" or a lone "\r" (old Mac files, and files whose "\n" was lost in a
# conversion): as Python's universal newlines, the csv module and most editors count them.
_LINE_BREAK = re.compile(r"\r\n?")
_ANY_BREAK = re.compile(r"\r\n?|\n")
_BYTE_BREAK = re.compile(rb"\r\n?|\n")


def normalise_line_breaks(text: str) -> str:
    """Every line break as a newline, so two carriage returns make a blank line and a label after them a turn."""
    return _LINE_BREAK.sub("\n", text) if "\r" in text else text


def line_breaks(text: str, end: int) -> int:
    """How many line breaks of any kind come before `end` in text that is not yet normalised."""
    return len(_ANY_BREAK.findall(text, 0, end))


def nul_bytes(line: int) -> DecodeFailure:
    return DecodeFailure(
        line,
        "contains NUL bytes, so it looks like a binary file, not a transcript",
        "export the transcript as plain text (UTF-8)",
    )


def not_utf8(line: int, byte: int) -> DecodeFailure:
    return DecodeFailure(
        line, f"byte 0x{byte:02x} is not valid UTF-8", "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"
    )


def stream_encoding(head: bytes, size: int) -> str:
    """The codec to stream a large file with, judged from its first bytes as decode_bytes judges a whole file.

    NUL bytes that are not UTF-16 are left for the reader to find, with their line.
    """
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in head and not size % 2 and (encoding := _bomless_utf16(head)):
        return encoding
    return "utf-8"


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: text in Latin script has a NUL in every other byte."""
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    # Nearly every high byte zero and nearly no low byte zero: little-endian; the mirror image: big-endian.
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def repair_text(text: str, first_line: int = 1) -> tuple[str, tuple[Repair, ...]]:
    """Fix mojibake line by line so each repair can be reported with its line number."""
    lines = text.split("\n")
    repairs: list[Repair] = []
    for i, line in enumerate(lines):
        # Pure-ASCII lines cannot hold mojibake; skipping them keeps ingest fast.
        if line.isascii():
            continue
        fixed = ftfy.fix_text(line, _FTFY)
        if fixed != line:
            before, after = _changed_part(line, fixed)
            repairs.append(Repair(line=first_line + i, before=before, after=after))
            lines[i] = fixed
    return "\n".join(lines), tuple(repairs)


def _changed_part(before: str, after: str, context: int = 12) -> tuple[str, str]:
    """The differing middle of two strings, with a little context either side."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo = max(0, start - context)
    return before[lo : len(before) - end + context], after[lo : len(after) - end + context]
