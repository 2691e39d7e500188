"""Files -> raw records: one (id, text, line) per interview, whatever the file format.

Formats: Dialog Markdown (`# Dialog N`, `**Transcript ID:** id`, `---`, turns), plain
turn files (id from the file name), CSV with `transcript_id,text` (RFC 4180), and JSON
Lines with the same two fields.
"""

from __future__ import annotations

import collections
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.ingest.decode import (
    DecodeFailure,
    decode_bytes,
    line_breaks,
    normalise_line_breaks,
    not_utf8,
    nul_bytes,
    stream_encoding,
)

SUFFIXES = {".txt": "text", ".md": "text", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ID_FIELD, TEXT_FIELD = "transcript_id", "text"
# The longest interview in the public corpus is under 30,000 characters; a transcript 30 times
# longer than any seen is a wrong file (a log, a book, several interviews run together).
MAX_TRANSCRIPT_CHARS = 1_000_000

_DIALOG_HEADING = re.compile(r"^#\s*Dialog\b")
_DIALOG_ID = re.compile(r"^\*\*Transcript ID:\*\*\s*(\S.*?)\s*$")


@dataclass(frozen=True)
class RawRecord:
    id: str
    path: Path
    line: int
    text: str
    # Whether line offsets inside `text` are file lines (false for JSON Lines, where
    # a whole transcript sits on one line).
    lines_map: bool = True


def list_input_files(inputs: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their transcript files, sorted, and flag anything unusable."""
    files: list[Path] = []
    problems: list[Problem] = []
    for given in inputs:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in path.relative_to(given).parts):
                    continue  # hidden files (.DS_Store, editor swap files) are not inputs
                if path.suffix.lower() in SUFFIXES:
                    files.append(path)
                else:
                    problems.append(_unsupported(path))
        elif given.is_file():
            if given.suffix.lower() in SUFFIXES:
                files.append(given)
            else:
                problems.append(_unsupported(given))
        else:
            problems.append(Problem(given, None, "no such file or folder", "check the --input path"))
    return files, problems


def _unsupported(path: Path) -> Problem:
    return Problem(
        path,
        None,
        f"unsupported file type '{path.suffix or '(none)'}'",
        "use .txt or .md for one transcript, .csv or .jsonl for many, or move the file out of the input folder",
    )


def read_records(path: Path) -> Iterator[RawRecord | Problem]:
    """Every interview in one file, or the problems that kept them from being read."""
    kind = SUFFIXES[path.suffix.lower()]
    if kind != "text":
        # A CSV of 80,000 interviews is most of a gigabyte: read it a record at a time.
        yield from _streamed_records(path, kind)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield _unreadable(path, e)
        return
    if not data.strip():
        yield _empty(path)
        return
    text = decode_bytes(data)
    if isinstance(text, DecodeFailure):
        yield Problem(path, text.line, text.what, text.fix)
        return
    yield _text_record(path, normalise_line_breaks(text))


def _text_record(path: Path, text: str) -> RawRecord | Problem:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if not _DIALOG_HEADING.match(lines[first]):
        return RawRecord(id=path.stem, path=path, line=1, text=text)
    # Dialog Markdown: heading, an id line, a `---` rule, then the turns.
    found_id = None
    for i in range(first + 1, len(lines)):
        stripped = lines[i].strip()
        m = _DIALOG_ID.match(stripped)
        if m:
            found_id = m.group(1)
        elif stripped == "---":
            if found_id is None:
                return Problem(
                    path,
                    i + 1,
                    "Dialog header has no '**Transcript ID:** ...' line before '---'",
                    "add the transcript's id under the '# Dialog' heading",
                )
            return RawRecord(id=found_id, path=path, line=i + 2, text="\n".join(lines[i + 1 :]))
    return Problem(
        path,
        first + 1,
        "Dialog header is not closed by a '---' line",
        "put a line with '---' between the header and the first turn",
    )


def _streamed_records(path: Path, kind: str) -> Iterator[RawRecord | Problem]:
    try:
        file = path.open("rb")
    except OSError as e:
        yield _unreadable(path, e)
        return
    with file:
        head = file.read(_HEAD)
        size = path.stat().st_size
        if size <= _HEAD and not head.strip():
            yield _empty(path)
            return
        file.seek(0)
        encoding = stream_encoding(head, size)
        utf8 = encoding.startswith("utf-8")
        # csv wants newline="" (it handles line ends inside quoted fields); a JSON Lines record ends at any
        # line break (JSON never holds a raw "\r" or "\n" inside a string, so no record is cut in two).
        # A bad UTF-8 byte is kept as a lone surrogate so the one record holding it is reported, not the file.
        text = io.TextIOWrapper(
            file,
            encoding=encoding,
            errors="surrogateescape" if utf8 else "strict",
            newline="" if kind == "csv" else None,
        )
        records = _csv_records(path, text) if kind == "csv" else _jsonl_records(path, text)
        line = 1
        try:
            for record in records:
                line = record.line or line
                yield _undecodable(record) if isinstance(record, RawRecord) and utf8 else record
        except UnicodeDecodeError:
            yield Problem(
                path, line, f"damaged UTF-16 text after the record at line {line}", "re-save the file as UTF-8"
            )


def _undecodable(record: RawRecord) -> RawRecord | Problem:
    """The record itself, or a Problem at the line of its first byte that is not UTF-8 or is NUL."""
    bad = _NOT_TEXT.search(record.text)
    if bad is None:
        return record
    line = record.line + (line_breaks(record.text, bad.start()) if record.lines_map else 0)
    char = bad.group()
    # surrogateescape keeps byte b as the code point U+DC00 + b.
    failure = nul_bytes(line) if char == "\x00" else not_utf8(line, ord(char) - 0xDC00)
    return Problem(record.path, failure.line, failure.what, failure.fix)


def _unreadable(path: Path, e: OSError) -> Problem:
    return Problem(path, None, f"cannot be read ({e.strerror})", "check the file's permissions")


def _empty(path: Path) -> Problem:
    return Problem(path, None, "is empty", "remove the file or export the transcript again")


# NUL, or a byte that surrogateescape kept because it is not UTF-8.
_NOT_TEXT = re.compile("[\x00\udc80-\udcff]")
# Enough to see a byte-order mark or the NUL pattern of UTF-16 saved without one.
_HEAD = 4096


class _Lines:
    """The file's lines as the csv reader takes them, with a shadow copy of the record being read.

    The shadow (itertools.tee, so the per-line work stays in C) lets a record the reader gave up on
    be looked at again; lines read past without the reader are counted so line numbers stay true.
    """

    def __init__(self, text: Iterable[str]) -> None:
        self.feed, self._shadow = itertools.tee(text)
        self.reader = csv.reader(self.feed, strict=True)
        self.skipped = 0
        self._behind = 0

    @property
    def number(self) -> int:
        """The last line read, by the reader or past it."""
        return self.reader.line_num + self.skipped

    def record_done(self) -> None:
        """Forget the lines of the record just read: the shadow holds one record at most."""
        collections.deque(itertools.islice(self._shadow, self.number - self._behind), maxlen=0)
        self._behind = self.number

    def skip_open_field(self) -> bool:
        """Read past the rest of a quoted field the reader gave up in; False if the file ends first."""
        # The record's lines so far hold an odd number of '"' exactly when a quoted field is still open
        # (a '"' inside one is doubled).
        quotes = sum(line.count('"') for line in itertools.islice(self._shadow, self.number - self._behind))
        self._behind = self.number
        while quotes % 2:
            line = next(self.feed, None)
            if line is None:
                return False
            self.skipped += 1
            quotes += line.count('"')
        self.record_done()
        return True


# The csv module's own limit is 131,072 characters a field, well under the transcript limit; a field
# over the transcript limit is stopped at it, so a runaway field never holds more than that in memory.
_FIELD_LIMIT = MAX_TRANSCRIPT_CHARS
_FIELD_LIMIT_ERROR = "field larger than field limit"


def _csv_records(path: Path, text: Iterable[str]) -> Iterator[RawRecord | Problem]:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    lines = _Lines(text)
    reader = lines.reader
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield Problem(path, 1, "has no CSV header", f"the first line must be '{ID_FIELD},{TEXT_FIELD}'")
        return
    columns = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in (ID_FIELD, TEXT_FIELD) if c not in columns]
    if missing:
        yield Problem(
            path,
            1,
            f"CSV header has no {' or '.join(repr(m) for m in missing)} column (found {', '.join(map(repr, columns))})",
            f"name the columns '{ID_FIELD}' and '{TEXT_FIELD}'",
        )
        return
    id_col, text_col = columns.index(ID_FIELD), columns.index(TEXT_FIELD)
    lines.record_done()
    start = lines.number + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if _FIELD_LIMIT_ERROR not in str(e):
                yield Problem(
                    path,
                    start,
                    f"CSV record starting here is malformed ({e})",
                    "close the quoted field with '\"' and double any '\"' inside it",
                )
                return
            yield Problem(
                path,
                start,
                f"CSV record starting here has a field over {_FIELD_LIMIT:,} characters, far longer than one interview",
                "check that the record holds one interview transcript and that its quoted field ends with '\"'",
            )
            if not lines.skip_open_field():
                return
            start = lines.number + 1
            continue
        lines.record_done()
        if not any(cell.strip() for cell in row):
            start = lines.number + 1
            continue
        if len(row) != len(columns):
            yield Problem(
                path,
                start,
                f"CSV record has {len(row)} fields, the header has {len(columns)}",
                "quote the text field so commas and line breaks inside it stay in one field",
            )
        else:
            yield RawRecord(id=row[id_col].strip(), path=path, line=start, text=row[text_col])
        start = lines.number + 1


# Half of a UTF-16 pair: JSON may spell one as \ud800, but no page, file or terminal can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_records(path: Path, text: Iterable[str]) -> Iterator[RawRecord | Problem]:
    one_object = f'write each line as {{"{ID_FIELD}": "...", "{TEXT_FIELD}": "..."}}'
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(path, number, f"is not valid JSON ({e.msg})", "write one JSON object per line")
            continue
        except RecursionError:
            # json parses nested arrays and objects by recursion; a transcript needs no nesting at all.
            yield Problem(path, number, "JSON is nested too deeply to read", one_object)
            continue
        if (
            not isinstance(obj, dict)
            or not isinstance(obj.get(ID_FIELD), str)
            or not isinstance(obj.get(TEXT_FIELD), str)
        ):
            yield Problem(path, number, f"JSON object needs string fields '{ID_FIELD}' and '{TEXT_FIELD}'", one_object)
            continue
        # A surrogate in the line itself is a byte that is not UTF-8, reported as such with the record.
        raw = set(_SURROGATE.findall(line))
        half = next((m for m in _SURROGATE.finditer(obj[TEXT_FIELD]) if m.group() not in raw), None)
        if half:
            yield Problem(
                path,
                number,
                f"text holds \\u{ord(half.group()):04x}, half of a character (an unpaired UTF-16 surrogate)",
                "export the file again from its source, or remove the escape",
            )
            continue
        yield RawRecord(id=obj[ID_FIELD].strip(), path=path, line=number, text=obj[TEXT_FIELD], lines_map=False)
