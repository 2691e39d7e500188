"""Ids and file names: never published with an identifier in them, and skipped files named safely.

An interview's id is in its page's address, its data rows and the search index; a file's name is
in the list of skipped inputs on the methodology page. An id or a file name that holds an e-mail
address, a phone number or a person's name is refused as a problem at its file, with the fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.errors import Problem
from generator.ingest import IngestResult
from generator.models import SkippedInput, Transcript
from generator.redact.redactor import Redactor

__all__ = ["refuse_identifying_names", "skipped_inputs"]

# What an id or a file name is checked for. Not URLs or addresses: "transcript.de.txt" ends in a
# country's domain and "10_main_street.txt" names a street, and neither is published on its own.
_KINDS = frozenset({"email", "phone", "name", "organisation", "term"})
_WHAT = {
    "email": "an e-mail address",
    "phone": "a phone number",
    "name": "a person's name",
    "organisation": "an organisation listed in [privacy] organisations",
    "term": "a term listed in [privacy] terms",
}


def refuse_identifying_names(ingest: IngestResult, redactor: Redactor) -> IngestResult:
    """Move each transcript whose id or file name holds an identifier to the problems, at its file."""
    problems: list[Problem] = []
    refused: set[int] = set()
    files: dict[Path, Problem | None] = {}
    for index, t in enumerate(ingest.transcripts):
        if t.source not in files:
            files[t.source] = _file_name_problem(t.source, redactor)
            if files[t.source] is not None:
                problems.append(files[t.source])  # type: ignore[arg-type]
        if files[t.source] is not None:
            refused.add(index)
        elif (kind := _identifier_in(t.id, redactor)) is not None:
            refused.add(index)
            problems.append(_id_problem(t, kind))
    if not problems:
        return ingest
    kept = tuple(t for i, t in enumerate(ingest.transcripts) if i not in refused)
    return IngestResult(kept, (*ingest.problems, *problems))


def skipped_inputs(problems: Iterable[Problem], inputs: Sequence[Path], redactor: Redactor) -> tuple[SkippedInput, ...]:
    """The problems as published: each file named relative to the input it was found under, redacted."""
    return tuple(
        SkippedInput(
            redactor.clean(_relative(p.path, inputs) + (f":{p.line}" if p.line else ""), names_of_files=True),
            redactor.clean(_without_folders(f"{p.what}; {p.fix}", inputs), names_of_files=True),
        )
        for p in problems
    )


def _identifier_in(name: str, redactor: Redactor) -> str | None:
    spans = redactor.spans(name, _KINDS, names_of_files=True)
    return spans[0].kind if spans else None


def _file_name_problem(path: Path, redactor: Redactor) -> Problem | None:
    kind = _identifier_in(path.name, redactor)
    if kind is None:
        return None
    return Problem(
        path,
        None,
        f"the file name {path.name!r} contains {_WHAT[kind]}, and file names are published when a file is skipped",
        f"rename the file without it, e.g. 'interview-01{''.join(path.suffixes)}', and build again",
    )


def _id_problem(t: Transcript, kind: str) -> Problem:
    return Problem(
        t.source,
        t.line,
        f"the transcript id {t.id!r} contains {_WHAT[kind]}, and ids are published in page addresses and data files",
        "give the interview an id without it, e.g. 'interview-01', and build again",
    )


def _without_folders(message: str, inputs: Sequence[Path]) -> str:
    """A message naming another file ("first seen at /home/jane/study/a.txt:1") names it as the list does."""
    folders: set[str] = set()
    for path in inputs:
        folder = path.parent if path.is_file() else path
        folders |= {str(folder.absolute()), str(folder)}
    for name in sorted(folders, key=len, reverse=True):
        if name not in (".", "..", "/"):
            message = message.replace(f"{name}/", "")
    return message


def _relative(path: Path, inputs: Sequence[Path]) -> str:
    target = path.absolute()
    for root in inputs:
        root = root.absolute()
        if target == root:
            return root.name
        if root in target.parents:
            return target.relative_to(root).as_posix()
    return path.name
