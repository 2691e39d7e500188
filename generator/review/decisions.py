"""Review decisions as data: `<study>/reviews/*.jsonl` -> Decision records, every malformed line a Problem.

The format (README, "Reviewing the coding"): files read in sorted order, one JSON object a line,
blank lines and lines starting with `#` ignored. This module checks each line on its own (fields,
types, dates); whether its interview, theme or sentence exists is match.py's question.
Which decisions a later one replaces is apply.py's question, once each is located (an alias and a
theme's slug are one theme there).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from generator.errors import Problem

Kind = Literal["accept", "reject", "add", "set"]
KINDS: tuple[str, ...] = get_args(Kind)
# The profile fields a `set` decision corrects; `dimension:<slug>` names a coded dimension (issue 18).
FIELDS = ("interaction_style", "occupation", "occupation_group")
DIMENSION = "dimension:"
KEYS = ("decision", "interview", "reviewer", "date", "theme", "turn", "sentence", "field", "value", "note")
EXAMPLE = (
    '{"decision": "reject", "interview": "work_0079", "theme": "saves-time", "turn": 12, '
    '"sentence": "...", "reviewer": "ana", "date": "2026-12-01"}'
)


@dataclass(frozen=True)
class Decision:
    """One line of a decisions file: what a reviewer decided about one coding or one profile field."""

    source: Path
    line: int
    decision: Kind
    interview: str
    reviewer: str
    date: str
    theme: str | None = None
    turn: int | None = None
    sentence: str | None = None
    field: str | None = None
    value: str | tuple[str, ...] | None = None
    note: str = ""


def read_decisions(folder: Path) -> tuple[tuple[Decision, ...], tuple[Problem, ...]]:
    """Every decision in the folder's `*.jsonl` files in sorted file and line order, and a problem for
    each line that is not one. A study without the folder has no decisions."""
    if not folder.is_dir():
        return (), ()
    decisions: list[Decision] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.jsonl")):
        found, bad = _read_file(path)
        decisions += found
        problems += bad
    return tuple(decisions), tuple(problems)


def _read_file(path: Path) -> tuple[list[Decision], list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [], [Problem(path, None, f"byte {e.start} is not valid UTF-8", "save the file as UTF-8")]
    except OSError as e:
        return [], [Problem(path, None, f"cannot be read ({e.strerror})", "make it readable, or remove it")]
    decisions, problems = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            decisions.append(_parse(json.loads(line), path, number))
        except json.JSONDecodeError as e:
            problems.append(
                Problem(
                    path,
                    number,
                    f"not valid JSON ({e.msg} at column {e.colno})",
                    f"write one object a line, e.g. {EXAMPLE}",
                )
            )
        except _Bad as e:
            problems.append(Problem(path, number, e.what, e.fix))
    return decisions, problems


class _Bad(Exception):
    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what, self.fix = what, fix


def _parse(raw: Any, path: Path, line: int) -> Decision:
    if not isinstance(raw, dict):
        raise _Bad("is not a JSON object", f"write one object a line, e.g. {EXAMPLE}")
    for key in raw:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            raise _Bad(
                f"unknown field {key!r}",
                f"did you mean {close[0]!r}?" if close else f"use only {', '.join(KEYS)}",
            )
    kind = raw.get("decision")
    if kind not in KINDS:
        raise _Bad(f"decision {_shown(kind)} is not one of {', '.join(KINDS)}", 'write e.g. "decision": "accept"')
    interview = _text(raw, "interview", '"interview": "work_0079"')
    reviewer = _text(raw, "reviewer", '"reviewer": "ana"').strip()
    date = _text(raw, "date", '"date": "2026-12-01"')
    try:
        dt.date.fromisoformat(date)
        if len(date) != 10:
            raise ValueError(date)
    except ValueError:
        raise _Bad(f"date {date!r} is not a date written YYYY-MM-DD", 'write e.g. "date": "2026-12-01"') from None
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise _Bad("note is not text", "write the note in double quotes, or leave it out")
    if kind == "set":
        return _field_decision(raw, path, line, interview, reviewer, date, note)
    if "field" in raw or "value" in raw:
        raise _Bad(
            f"a {kind} decision is about a theme, and has no field or value", 'use "decision": "set" to correct a field'
        )
    theme = _text(raw, "theme", '"theme": "saves-time"')
    turn = raw.get("turn")
    if turn is not None and (not isinstance(turn, int) or isinstance(turn, bool) or turn < 1):
        raise _Bad(f"turn {_shown(turn)} is not a turn number", 'write the number the report shows, e.g. "turn": 12')
    sentence = raw.get("sentence")
    if sentence is not None and (not isinstance(sentence, str) or not sentence.strip()):
        raise _Bad("sentence is not text", "copy the sentence exactly as the report shows it")
    if turn is not None and sentence is None:
        raise _Bad("a turn without a sentence", "add the sentence the decision is about, or leave out the turn")
    if kind == "add" and sentence is None:
        raise _Bad("an add decision without a sentence", "give the sentence that shows the theme (and its turn)")
    return Decision(path, line, kind, interview, reviewer, date, theme=theme, turn=turn, sentence=sentence, note=note)


def _field_decision(
    raw: dict[str, Any], path: Path, line: int, interview: str, reviewer: str, date: str, note: str
) -> Decision:
    if "theme" in raw or "sentence" in raw or "turn" in raw:
        raise _Bad(
            "a set decision corrects a field, and has no theme, turn or sentence",
            "use accept, reject or add for a theme",
        )
    field = _text(raw, "field", '"field": "occupation_group"')
    if field not in FIELDS and not (field.startswith(DIMENSION) and len(field) > len(DIMENSION)):
        close = difflib.get_close_matches(field, FIELDS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(FIELDS)} or dimension:<slug>"
        raise _Bad(f"field {field!r} cannot be set", hint)
    value = raw.get("value")
    if isinstance(value, list) and field.startswith(DIMENSION) and value and all(isinstance(v, str) for v in value):
        return Decision(path, line, "set", interview, reviewer, date, field=field, value=tuple(value), note=note)
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"value {_shown(value)} is not text", 'write the corrected value, e.g. "value": "education"')
    return Decision(path, line, "set", interview, reviewer, date, field=field, value=value, note=note)


def _text(raw: dict[str, Any], key: str, example: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        what = f"no {key}" if value is None else f"{key} {_shown(value)} is not text"
        raise _Bad(what, f"write e.g. {example}")
    return value


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
