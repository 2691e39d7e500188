"""Ingest: input paths -> validated Transcripts, plus every problem found.

Contract: each interview is either a Transcript or at least one Problem naming its
file and line; nothing is dropped without a Problem. Order is the sorted file order,
then the order of records inside a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.ingest.decode import normalise_line_breaks, repair_text
from generator.ingest.formats import MAX_TRANSCRIPT_CHARS, RawRecord, list_input_files, read_records
from generator.ingest.turns import Labels, label_like, split_turns
from generator.models import Transcript

__all__ = ["IngestResult", "Labels", "MAX_TRANSCRIPT_CHARS", "read_transcripts", "parse_record"]

# Ids become URLs and file names: keep them to characters that are safe in both.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True)
class IngestResult:
    transcripts: tuple[Transcript, ...]
    problems: tuple[Problem, ...]


def read_transcripts(inputs: Iterable[Path], labels: Labels) -> IngestResult:
    """Read every transcript under the given files and folders."""
    files, problems = list_input_files(list(inputs))
    transcripts: list[Transcript] = []
    seen: dict[str, Transcript] = {}
    for path in files:
        for record in read_records(path):
            if isinstance(record, Problem):
                problems.append(record)
                continue
            parsed = parse_record(record, labels)
            if isinstance(parsed, Problem):
                problems.append(parsed)
                continue
            first = seen.get(parsed.id)
            if first is not None:
                problems.append(
                    Problem(
                        record.path,
                        record.line,
                        f"duplicate transcript id '{parsed.id}' (first seen at {first.source}:{first.line})",
                        "give each interview a unique id, or remove the duplicate",
                    )
                )
                continue
            seen[parsed.id] = parsed
            transcripts.append(parsed)
    return IngestResult(tuple(transcripts), tuple(problems))


def parse_record(record: RawRecord, labels: Labels) -> Transcript | Problem:
    """One raw record -> a Transcript with repaired text and numbered turns."""
    if not _SAFE_ID.fullmatch(record.id):
        return Problem(
            record.path,
            record.line,
            f"transcript id {record.id!r} cannot be used in a URL",
            "use up to 100 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    if len(record.text) > MAX_TRANSCRIPT_CHARS:
        return Problem(
            record.path,
            record.line,
            f"transcript '{record.id}' is {len(record.text):,} characters long, far longer than one interview "
            f"(limit {MAX_TRANSCRIPT_CHARS:,})",
            "check that the file holds one interview transcript; split a file that holds several",
        )
    text, repairs = repair_text(normalise_line_breaks(record.text), record.line if record.lines_map else 1)
    if not record.lines_map:
        repairs = tuple(type(r)(line=record.line, before=r.before, after=r.after) for r in repairs)
    split = split_turns(text, labels, record.line)
    turns = split.turns
    if not record.lines_map:
        turns = tuple(type(t)(t.number, t.speaker, t.label, t.text, record.line) for t in turns)
    known = ", ".join(f"'{n}:'" for n in labels.interviewer + labels.participant)
    if not turns:
        seen_label = label_like(split.preamble) if split.preamble else None
        if seen_label:
            return Problem(
                record.path,
                split.preamble_line,
                f"no speaker turns found; '{seen_label}:' is not a configured speaker label (known: {known})",
                f"add '{seen_label}' to [labels] in the study configuration, or relabel the turns",
            )
        return Problem(
            record.path,
            record.line,
            f"no speaker turns found (known labels: {known})",
            "start each turn with a label such as 'User:' at the start of a line after a blank line",
        )
    if split.preamble_line is not None:
        return Problem(
            record.path,
            split.preamble_line,
            f"text before the first speaker turn: {split.preamble[:60]!r}",
            "start the transcript with a speaker label, or remove the stray text",
        )
    if not any(t.speaker == "participant" and t.text for t in turns):
        names = ", ".join(f"'{n}:'" for n in labels.participant)
        return Problem(
            record.path,
            record.line,
            f"transcript '{record.id}' has no participant turns (labels {names})",
            "check the participant's speaker label in [labels] of the study configuration",
        )
    return Transcript(id=record.id, source=record.path, line=record.line, turns=turns, repairs=repairs)
