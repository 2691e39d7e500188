"""Point each decision at what it is about in the current inputs: its interview, its theme, its sentence.

Input: decisions, the (redacted) transcripts and the codebook. Output: the decisions that were found,
each with the sentence as it stands now, and a Problem at file:line for every one that was not.
A sentence is found by its text within the decision's turn or, when the turn numbers changed, in
exactly one participant turn of the interview: decisions survive re-segmentation and re-numbering.
Nothing here needs the analysis, so `report check` and the build find stale decisions before it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import get_args

from generator.analyse.profile import OCCUPATION_GROUPS
from generator.config import CodebookTheme
from generator.errors import Problem
from generator.models import InteractionStyle, Quote, Transcript
from generator.review.decisions import DIMENSION, Decision

STYLES: tuple[str, ...] = get_args(InteractionStyle)
_DELETE = "or delete the line if the interview changed"


@dataclass(frozen=True)
class Located:
    """A decision found in the inputs. `theme` is the codebook's slug (an alias resolved); `quote` the
    decision's sentence in the turn it is in now (None for a decision on a whole coding or a field)."""

    decision: Decision
    theme: str | None = None
    quote: Quote | None = None


def locate(
    decisions: Iterable[Decision], transcripts: Sequence[Transcript], codebook: Sequence[CodebookTheme]
) -> tuple[tuple[Located, ...], tuple[Problem, ...]]:
    by_id = {t.id: t for t in transcripts}
    slugs = {name: t.slug for t in codebook for name in (t.slug, *t.aliases)}
    found: list[Located] = []
    problems: list[Problem] = []
    for d in decisions:
        try:
            found.append(_locate(d, by_id, slugs))
        except _Missing as e:
            problems.append(Problem(d.source, d.line, e.what, e.fix))
    return tuple(found), tuple(problems)


class _Missing(Exception):
    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what, self.fix = what, fix


def _locate(d: Decision, transcripts: Mapping[str, Transcript], slugs: Mapping[str, str]) -> Located:
    transcript = transcripts.get(d.interview)
    if transcript is None:
        close = difflib.get_close_matches(d.interview, sorted(transcripts), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise _Missing(
            f"interview {d.interview!r} is not among the transcripts read",
            f"{hint}check the id, or delete the line if the interview left the study",
        )
    if d.field is not None:
        _check_value(d)
        return Located(d)
    theme = slugs.get(d.theme or "")
    if theme is None:
        close = difflib.get_close_matches(d.theme or "", sorted(slugs), n=1)
        raise _Missing(
            f"theme {d.theme!r} is not in the codebook",
            f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(sorted(set(slugs.values())))}",
        )
    if d.sentence is None:
        return Located(d, theme)
    return Located(d, theme, _find(d, transcript))


def _find(d: Decision, transcript: Transcript) -> Quote:
    text = d.sentence or ""
    turns = transcript.participant_turns
    if d.turn is not None and any(t.number == d.turn and text in t.text for t in turns):
        return Quote(text, d.turn)
    holding = [t.number for t in turns if text in t.text]
    if len(holding) == 1:
        return Quote(text, holding[0])
    shown = _cut(text)
    where = f"turn {d.turn} of interview {d.interview}" if d.turn is not None else f"interview {d.interview}"
    if not holding:
        others = ", nor in any other participant turn" if d.turn is not None else ""
        raise _Missing(
            f"the sentence {shown} is not in {where}{others}",
            f"copy the sentence as the report shows it now, {_DELETE}",
        )
    listed = ", ".join(str(n) for n in holding[:-1]) + f" and {holding[-1]}"
    raise _Missing(
        f"the sentence {shown} is not in {where} but in its turns {listed}"
        if d.turn is not None
        else f"the sentence {shown} is in turns {listed} of interview {d.interview}",
        "give the turn it is in",
    )


def _check_value(d: Decision) -> None:
    field, value = d.field or "", d.value
    if field.startswith(DIMENSION):
        # Coded dimensions (issue 18) are not part of the analysis yet: a decision about one cannot be applied.
        raise _Missing(
            f"the study codes no dimension {field[len(DIMENSION) :]!r}",
            "define it in the codebook, or delete the line",
        )
    allowed = {"interaction_style": STYLES, "occupation_group": OCCUPATION_GROUPS}.get(field)
    if allowed is not None and value not in allowed:
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(allowed)}"
        raise _Missing(f"{field} {value!r} is not a value the report knows", hint)


def _cut(text: str, limit: int = 60) -> str:
    """A sentence in a message: quoted, and cut short so one problem stays one line."""
    return '"' + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + '"'
