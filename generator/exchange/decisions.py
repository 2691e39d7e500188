"""Review decisions, written in the study's shared format (one JSON object a line in `reviews/*.jsonl`).

The format is the one every part of the review reads (see the README, "Reviewing the coding"): a
theme decision names the interview, theme, turn and the sentence as the report shows it; a field
decision (`set`) names the field and its value; each names the reviewer and the date. This module
only writes it: reading, validating and applying decisions is the build's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Fields in the order a line is written, so the files diff well.
_ORDER = ("decision", "interview", "theme", "turn", "sentence", "field", "value", "reviewer", "date", "note")


@dataclass(frozen=True)
class Decision:
    decision: str  # "accept" | "reject" | "add" | "set"
    interview: str
    reviewer: str
    date: str  # YYYY-MM-DD
    theme: str | None = None
    turn: int | None = None
    sentence: str | None = None
    field: str | None = None
    value: str | None = None
    note: str | None = None

    def as_json(self) -> str:
        """The decision as one line of a decisions file."""
        fields = {name: getattr(self, name) for name in _ORDER if getattr(self, name) is not None}
        return json.dumps(fields, ensure_ascii=False)

    @property
    def key(self) -> tuple[object, ...]:
        """What the decision is about and what it decides, without who, when or why: two decisions
        with the same key say the same thing."""
        return (self.decision, self.interview, self.theme, self.turn, self.sentence, self.field, self.value)


def sort_key(d: Decision) -> tuple[object, ...]:
    return (d.interview, d.theme or "", d.field or "", d.turn or 0, d.sentence or "", d.decision, d.reviewer)


def file_for(reviewer: str, folder: Path) -> Path:
    """The conventional file of a reviewer's decisions: `reviews/<reviewer>.jsonl`."""
    stem = re.sub(r"[^a-z0-9]+", "-", reviewer.lower()).strip("-") or "reviewer"
    return folder / f"{stem}.jsonl"


def recorded(path: Path) -> set[tuple[object, ...]]:
    """The keys of the decisions a file already holds (lines it cannot read are the build's to report)."""
    if not path.exists():
        return set()
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
            turn = raw.get("turn")
            keys.add(
                Decision(
                    raw["decision"],
                    raw["interview"],
                    "",
                    "",
                    raw.get("theme"),
                    turn if isinstance(turn, int) else None,
                    raw.get("sentence"),
                    raw.get("field"),
                    raw.get("value"),
                ).key
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return keys


def append_decisions(path: Path, decisions: Sequence[Decision], heading: str) -> int:
    """Add to a decisions file the decisions it does not already hold, under a `#` heading line;
    returns how many were added. Appending keeps earlier decisions, and later lines win."""
    new = [d for d in sorted(decisions, key=sort_key) if d.key not in recorded(path)]
    new = list(_unique(new))
    if not new:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    starts_clean = not path.exists() or path.read_bytes().endswith(b"\n") or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        if not starts_clean:
            f.write("\n")
        f.write(f"# {heading}\n")
        for d in new:
            f.write(d.as_json() + "\n")
    return len(new)


def _unique(decisions: Iterable[Decision]) -> Iterable[Decision]:
    seen: set[tuple[object, ...]] = set()
    for d in decisions:
        if d.key not in seen:
            seen.add(d.key)
            yield d
