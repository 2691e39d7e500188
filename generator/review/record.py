"""The reviewer's decisions file, `<study>/reviews/<reviewer>.jsonl`: one line per decision, on disk
before the screen says "saved", so an interrupted session (a closed tab, a killed server, a power
cut) loses nothing.

Written here: theme decisions on one sentence (`accept`, `reject`, `add`) and corrections of an
interview's profile (`set` of interaction_style, occupation or occupation_group); the format is the
shared one of the review decisions (README, "Reviewing the coding"). Writes from every tab of one
server, and from other servers on the same folder, are serialised by a lock on the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from generator.errors import ReportError

Verdict = Literal["accept", "reject", "add"]
VERDICTS: tuple[Verdict, ...] = ("accept", "reject", "add")
# The profile fields the screen corrects; `dimension:<slug>` is the format's too, but no study codes one yet.
FIELDS = ("interaction_style", "occupation", "occupation_group")


class ReviewFileError(ReportError):
    """The reviewer's decisions file cannot be read as decisions."""


@dataclass(frozen=True)
class Decision:
    decision: Verdict
    interview: str
    theme: str
    turn: int | None
    sentence: str | None
    reviewer: str
    date: str

    @property
    def key(self) -> tuple[str, str, str | None]:
        """The format's key: a later decision on the same interview, theme and sentence wins."""
        return (self.interview, self.theme, self.sentence)

    def as_json(self) -> dict[str, Any]:
        """The decision as one line of the decisions format, fields in a fixed order for readable diffs."""
        out: dict[str, Any] = {"decision": self.decision, "interview": self.interview, "theme": self.theme}
        if self.turn is not None:
            out["turn"] = self.turn
        if self.sentence is not None:
            out["sentence"] = self.sentence
        out["reviewer"] = self.reviewer
        out["date"] = self.date
        return out

    def line(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class SetDecision:
    """A correction of one field of an interview's profile: the field takes the value."""

    interview: str
    field: str
    value: str
    reviewer: str
    date: str

    def as_json(self) -> dict[str, Any]:
        """The decision as one line of the decisions format, fields in a fixed order for readable diffs."""
        return {
            "decision": "set",
            "interview": self.interview,
            "field": self.field,
            "value": self.value,
            "reviewer": self.reviewer,
            "date": self.date,
        }

    def line(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False) + "\n"


def set_decision_from_json(raw: object) -> SetDecision:
    """A profile correction from one parsed line."""
    if not isinstance(raw, dict) or raw.get("decision") != "set":
        raise ValueError("is not a set decision")
    for name in ("interview", "field", "value", "reviewer", "date"):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ValueError(f"has no {name}")
    return SetDecision(raw["interview"], raw["field"], raw["value"], raw["reviewer"], raw["date"])


def decision_from_json(raw: object) -> Decision | None:
    """A theme decision from one parsed line, or None for a line of another kind (a `set`)."""
    if not isinstance(raw, dict):
        raise ValueError("is not a JSON object")
    if raw.get("decision") == "set":
        return None
    verdict = raw.get("decision")
    if verdict not in VERDICTS:
        raise ValueError(f"has decision {verdict!r}, not one of accept, reject, add, set")
    turn, sentence = raw.get("turn"), raw.get("sentence")
    for name in ("interview", "theme", "reviewer", "date"):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ValueError(f"has no {name}")
    if turn is not None and (not isinstance(turn, int) or isinstance(turn, bool)):
        raise ValueError("has a turn that is not a whole number")
    if sentence is not None and not isinstance(sentence, str):
        raise ValueError("has a sentence that is not text")
    return Decision(verdict, raw["interview"], raw["theme"], turn, sentence, raw["reviewer"], raw["date"])


# A reviewer's name is free text; its file name keeps letters, digits, dots, dashes and underscores.
_UNSAFE = re.compile(r"[^\w.-]+")


def reviewer_file(reviews: Path, reviewer: str) -> Path:
    """Where a reviewer's decisions go: `reviews/<reviewer>.jsonl`, the name made safe for a file."""
    name = _UNSAFE.sub("-", reviewer.strip()).strip("-.")
    if not name:
        raise ReportError(
            f"--reviewer {reviewer!r}: has no letter or digit to name the decisions file after; "
            "give a name or handle, e.g. --reviewer ana"
        )
    return reviews / f"{name}.jsonl"


class DecisionLog:
    """One reviewer's decisions file: appended, synced, and read back in the format's order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def read(self) -> list[Decision]:
        """Every theme decision in the file, in order; a line that is not one is an error at its line."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        out = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                decision = decision_from_json(json.loads(line))
            except ValueError as e:
                # json's own message says where in the line; ours says what the line lacks.
                raise ReviewFileError(
                    f"{self.path}:{number}: the line {e}, so it is not a review decision; "
                    "correct or remove the line, then start the review again"
                ) from None
            if decision is not None:
                out.append(decision)
        return out

    def append(self, decision: Decision | SetDecision) -> None:
        """Add one decision at the end of the file, on disk before this returns."""
        with self._locked():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            created = not self.path.exists()
            with open(self.path, "ab") as f:
                # A hand-edited file may lack its last newline: the decision still gets a line of its own.
                if f.tell() and not _ends_with_newline(self.path):
                    f.write(b"\n")
                f.write(decision.line().encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            if created:
                _sync_folder(self.path.parent)

    def remove(self, decision: Decision | SetDecision) -> bool:
        """Take back a decision: drop the last line that records exactly it. False if none does."""
        with self._locked():
            try:
                lines = self.path.read_bytes().splitlines(keepends=True)
            except FileNotFoundError:
                return False
            wanted = decision.as_json()
            for i in range(len(lines) - 1, -1, -1):
                try:
                    if json.loads(lines[i]) == wanted:
                        break
                except ValueError:
                    continue
            else:
                return False
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                with open(tmp, "wb") as f:
                    f.writelines(lines[:i] + lines[i + 1 :])
                    f.flush()
                    os.fsync(f.fileno())
                # The old file or the new one, never half of either.
                tmp.replace(self.path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            _sync_folder(self.path.parent)
            return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """This server's tabs, by a thread lock; other processes on the same folder, by flock on it."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # closing drops the lock


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _sync_folder(folder: Path) -> None:
    """A new or renamed file survives a crash only once its folder's entry is on disk too."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
