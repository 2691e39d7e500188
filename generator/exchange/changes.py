"""What a person changed in a QDA tool -> review decisions (pure).

Input: the project as the tool wrote it back (ImportedProject) and the project the report exports
now (ProjectModel). Output: decisions in the study's review format, and every change that could
not be placed, with the reason.

- A coding by a user other than the tool, of a participant sentence, is an `add` (or an `accept`
  if the export had that sentence coded with that theme too), unless the export already gave that
  coding to that user (a person's earlier `add`): that is no change. A selection is about the
  participant sentence it overlaps most (positions read as the tool counted them: see positions.py).
- A coding of the export's (the tool's or a person's) that is no longer in the project is a `reject`
  of its sentence: a coding the export the project came from had (its record, exports.py; every
  recorded export that could be it) and the report still has. Without a record to go by, the
  project is compared with what an export would write now, and the import says so.
- A case variable a person changed (interaction_style, occupation, occupation_group) is a `set`.
Interviews missing from the project, and codings that cannot be placed, change nothing. So importing
the same project again, once its decisions are in the study, finds nothing new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import get_args

from generator.exchange.decisions import Decision, sort_key
from generator.exchange.exports import ExportRecord, coding_digest
from generator.exchange.layout import SourceText, Span
from generator.exchange.model import TOOL_USER, Coding, InterviewSource, ProjectModel
from generator.exchange.positions import COUNTINGS, STANDARD, Counting, Positions, locate_span, normalise, same_words
from generator.exchange.read import (
    ImportedCode,
    ImportedCoding,
    ImportedProject,
    ImportedSelection,
    ImportedSource,
    date_of,
)
from generator.models import InteractionStyle

SETTABLE = ("interaction_style", "occupation", "occupation_group")
STYLES = get_args(InteractionStyle)


@dataclass(frozen=True)
class ImportResult:
    decisions: tuple[Decision, ...]
    # One line per change that could not be placed: where it is, and why.
    unplaced: tuple[str, ...]
    # What the import noticed and adjusted for (the tool's way of counting positions, missing interviews).
    notes: tuple[str, ...] = ()


@dataclass
class _Run:
    """One import: its inputs, the lookups it makes for every coding, and what it has found so far."""

    project: ImportedProject
    model: ProjectModel
    reviewer: str | None
    today: str
    note: str
    decisions: list[Decision] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Changes whose person is named only once every source is read (see _sole_person): the export's
    # codings gone from each interview, and codings that name no user.
    removed: list[tuple[InterviewSource, list[Coding]]] = field(default_factory=list)
    unnamed: list[tuple[str, str, ImportedCoding, str, Span, ImportedSelection]] = field(default_factory=list)
    # The exports recorded for this study, and the digests of the project's codings of the tool's.
    records: tuple[ExportRecord, ...] = ()
    given: set[str] = field(default_factory=set)
    tool: str = ""
    by_guid: dict[str, InterviewSource] = field(default_factory=dict)  # by the GUID of its source or its case
    by_id: dict[str, InterviewSource] = field(default_factory=dict)
    slugs: dict[str, str | None] = field(default_factory=dict)  # an imported code's GUID -> its theme
    # Whether the tool kept who made each coding: some attribute every imported coding to whoever imported it.
    users_kept: bool = True

    def __post_init__(self) -> None:
        self.tool = self.model.guid("user", TOOL_USER)
        for s in self.model.sources:
            self.by_guid[self.model.guid("source", s.id)] = self.by_guid[self.model.guid("case", s.id)] = s
            self.by_id[s.id] = s
        self.slugs = {self.model.guid("code", t.slug): t.slug for t in self.model.codebook}
        for code in self.project.codes:
            self.slugs.setdefault(code.guid, _theme_of(code, self.model))
        codings = [c for s in self.project.sources for sel in s.selections for c in sel.codings]
        self.users_kept = any(_is_tool(self, c) for c in codings) or not any(s.codings for s in self.model.sources)


def review_decisions(
    project: ImportedProject,
    model: ProjectModel,
    reviewer: str | None,
    today: str,
    records: tuple[ExportRecord, ...] = (),
) -> ImportResult:
    """The decisions a person's changes in the QDA tool amount to; `reviewer` names whoever removed
    codings or changed a case (the tool records no user for a removal), where the project cannot;
    `records` are the study's recorded exports, one of which the project came from."""
    run = _Run(project, model, reviewer, today, f"from {project.path.name} ({project.origin})", records=records)
    matched = [(source, _interview(run, source)) for source in project.sources]
    scores = {
        source.guid: _scores(run, source, interview) for source, interview in matched if interview and source.text
    }
    if not run.users_kept:
        run.notes.append(
            f"the project has no coding by {TOOL_USER}: {project.origin} did not keep who made each coding, so "
            "codings that match the export's were taken as the tool's, and the others as a person's"
        )
    # A source with no evidence of its own (no names, no codings of the tool's left) is read as the rest were.
    overall = [sum(column) for column in zip(*scores.values(), strict=True)] or [0] * len(COUNTINGS)
    seen: set[str] = set()
    countings: Counter[str] = Counter()
    for source, interview in matched:
        if interview is None:
            people = sum(1 for s in source.selections for c in s.codings if not _is_tool(run, c))
            if people:
                run.unplaced.append(
                    f"{source.name or source.guid}: {people} coding(s) of a source that is not an interview of "
                    "this study (or not one this export showed); they were not imported"
                )
            continue
        if interview.id in seen:
            run.unplaced.append(f"{source.name}: a second copy of interview {interview.id}; only the first was read")
            continue
        seen.add(interview.id)
        own = scores.get(source.guid, [0])
        counting = _best(own if max(own) else overall)
        countings[counting.name] += counting is not STANDARD
        _compare_source(run, source, interview, counting)
    missing = [s.id for s in model.sources if s.id not in seen]
    if missing and seen:
        run.notes.append(
            f"{len(missing)} interview(s) of the report are not in the project ({', '.join(missing[:5])}"
            f"{', ...' if len(missing) > 5 else ''}); their codings were left as they are"
        )
    for name, n in sorted(countings.items()):
        if n:
            run.notes.append(f"{project.origin} counted positions in {name} in {n} interview(s); they were read so")
    _since_export(run)
    # Who made the changes the project does not attribute: known now that every new coding is read.
    run.reviewer = run.reviewer or _sole_person(run)
    for where, decision, coding, slug, span, selection in run.unnamed:
        _decide(run, where, decision, coding, slug, span, selection)
    for interview, removed in run.removed:
        _reject(run, interview, removed)
    _compare_cases(run)
    unique = {(d.key, d.reviewer): d for d in run.decisions}
    return ImportResult(tuple(sorted(unique.values(), key=sort_key)), tuple(run.unplaced), tuple(run.notes))


def _compare_source(run: _Run, source: ImportedSource, interview: InterviewSource, counting: Counting) -> None:
    where = interview.id
    if source.text is None:
        run.unplaced.append(f"{where}: {source.problem}; none of its codings were read")
        return
    exported = interview.text
    text = normalise(source.text)
    same = text.rstrip() == exported.text.rstrip()
    positions = Positions(text, counting)
    # Every coding the export made, by who made it: the tool, or the person whose decision added it.
    exported_by = {c.key: c.user for c in interview.codings}
    present: set[tuple[str, int, str]] = set()
    uncertain: set[str] = set()  # themes whose tool codings could not all be placed: nothing removed is assumed
    for selection in source.selections:
        for coding in selection.codings:
            slug = run.slugs.get(coding.code)
            tool = _is_tool(run, coding)
            placed = _place(selection, positions, exported, same)
            if isinstance(placed, Span) and slug is not None:
                key = (slug, placed.turn, placed.text)
                present.add(key)
                unknown_user = coding.user is None or not run.users_kept
                if tool or unknown_user:
                    run.given.add(coding_digest(where, *key))
                if tool or (unknown_user and key in exported_by):
                    continue
                person = run.project.users.get(coding.user or "")
                if person is not None and exported_by.get(key) == person:
                    continue  # the export gave it to this person already: their decision is in the study
                decision = "accept" if key in exported_by else "add"
                if person or run.reviewer:
                    _decide(run, where, decision, coding, slug, placed, selection)
                else:
                    run.unnamed.append((where, decision, coding, slug, placed, selection))
                continue
            if tool:
                uncertain.add(slug or "")
                continue
            why = placed if isinstance(placed, str) else _unknown_code(run, coding.code)
            run.unplaced.append(f"{where}: {_describe(run, selection, coding)}: {why}")
    for coding in source.whole:
        if not _is_tool(run, coding):
            run.unplaced.append(
                f"{where}: coded {_code_name(run, coding.code)!r} on the whole interview; code the sentence that "
                "shows it instead"
            )
    removed = []
    for c in interview.codings:
        if c.key in present or c.slug in uncertain:
            continue
        if not same and c.sentence.text not in text:
            run.notes.append(
                f"{interview.id}: the sentence {_short(c.sentence.text)!r} is not in the project's text, so its coding "
                f"as {c.slug} was left as it is"
            )
            continue
        removed.append(c)
    if removed:
        run.removed.append((interview, removed))


def _since_export(run: _Run) -> None:
    """Keep as removed only the codings the project was given: those every recorded export it may have
    come from (each holding every coding of the tool's it has) had."""
    gone = sum(len(removed) for _, removed in run.removed)
    known = frozenset().union(*(r.codings for r in run.records))
    given = run.given & known
    candidates = [r.codings for r in run.records if given <= r.codings]
    if not candidates:
        if gone:
            run.notes.append(
                "no recorded export of this study holds every coding of the tool's this project has (report export "
                "records each in reviews/exports/), so it was compared with what report export writes now: "
                f"{gone} coding(s) it would write that the project lacks were taken as removed"
            )
        return
    had = frozenset.intersection(*candidates)
    run.removed = [
        (interview, kept)
        for interview, removed in run.removed
        if (kept := [c for c in removed if coding_digest(interview.id, *c.key) in had])
    ]


def _reject(run: _Run, interview: InterviewSource, removed: list[Coding]) -> None:
    """The export's codings gone from an interview: a `reject` of each sentence, by the project's person."""
    if run.reviewer is None:
        names = sorted({n for g, n in run.project.users.items() if n != TOOL_USER and g != run.tool})
        run.unplaced.append(
            f"{interview.id}: {len(removed)} of the tool's codings were removed, and the project does not say by whom "
            f"(its users: {', '.join(names) or 'none but the tool'}); pass --reviewer NAME"
        )
        return
    date = date_of(run.project.modified) or run.today
    for c in removed:
        run.decisions.append(
            Decision(
                "reject", interview.id, run.reviewer, date, c.slug, c.sentence.turn, c.sentence.text, note=run.note
            )
        )


def _compare_cases(run: _Run) -> None:
    """A case variable a person changed: a `set` decision (the tool records no user for it)."""
    for case in run.project.cases:
        interview = run.by_id.get(case.name) or run.by_guid.get(case.guid)
        if interview is None:
            continue
        exported = dict(interview.values)
        for name, value in case.values:
            value = value.strip()
            if name not in exported or value == exported[name]:
                continue
            where = f"{interview.id}: case variable {name} = {value!r}"
            if name not in SETTABLE:
                run.unplaced.append(f"{where}: {name} follows from the interview id and cannot be changed")
            elif name == "interaction_style" and value not in STYLES:
                run.unplaced.append(f"{where}: not a style the report knows; use one of {', '.join(STYLES)}")
            elif run.reviewer is None:
                run.unplaced.append(f"{where}: the project does not say who changed it; pass --reviewer NAME")
            else:
                date = date_of(run.project.modified) or run.today
                run.decisions.append(
                    Decision("set", interview.id, run.reviewer, date, field=name, value=value, note=run.note)
                )


def _decide(
    run: _Run, where: str, decision: str, coding: ImportedCoding, slug: str, span: Span, selection: ImportedSelection
) -> None:
    reviewer = run.project.users.get(coding.user or "") or run.reviewer
    if not reviewer:
        run.unplaced.append(
            f"{where}: {_describe(run, selection, coding)}: the coding names no user; pass --reviewer NAME"
        )
        return
    date = date_of(coding.created) or run.today
    run.decisions.append(Decision(decision, where, reviewer, date, slug, span.turn, span.text, note=run.note))


def _place(selection: ImportedSelection, positions: Positions, exported: SourceText, same: bool) -> Span | str:
    """The participant sentence a selection is about, or why there is none."""
    span = positions.span(selection.start, selection.end)
    if span is None:
        return f"its positions {selection.start}-{selection.end} are not a span of the text"
    start, end = span
    if not same:
        found = locate_span(positions.text[start:end], exported.text, start)
        if found is None and selection.name:
            found = locate_span(selection.name, exported.text, start)
        if found is None:
            return "its words are not in the text the report exports now (was the transcript changed since?)"
        start, end = found
    elif selection.name and not _agrees(exported.text[start:end], selection.name):
        # The positions disagree with the words the tool says it selected: trust the words, near the positions.
        found = locate_span(selection.name, exported.text, start)
        if found is not None:
            start, end = found
    return exported.place(start, end)


def _agrees(selected: str, name: str) -> bool:
    # Tools shorten long names ("The first words…"): a name that begins the selection agrees with it.
    return same_words(selected, name) or same_words(selected[: len(name.rstrip("…. "))], name.rstrip("…. "))


def _scores(run: _Run, source: ImportedSource, interview: InterviewSource) -> list[int]:
    """For each way of counting positions: how many selections it reads as their names say, and how
    many of the tool's own codings it finds where the export put them."""
    text = normalise(source.text or "")
    same = text.rstrip() == interview.text.text.rstrip()
    exported = {(c.sentence.start, c.sentence.end) for c in interview.codings}
    scores = []
    for counting in COUNTINGS:
        positions = Positions(text, counting)
        points = 0
        for selection in source.selections:
            span = positions.span(selection.start, selection.end)
            if span is None:
                continue
            if selection.name and same_words(text[span[0] : span[1]], selection.name):
                points += 1
            if same and span in exported and any(_is_tool(run, c) for c in selection.codings):
                points += 1
        scores.append(points)
    return scores


def _best(scores: list[int]) -> Counting:
    """The way of counting with the most evidence; the standard's way on a tie."""
    return COUNTINGS[scores.index(max(scores))]


def _interview(run: _Run, source: ImportedSource) -> InterviewSource | None:
    """The interview a source is: by the GUID the export gave it, else by its name (tools replace GUIDs)."""
    name = source.name.strip()
    return run.by_guid.get(source.guid) or run.by_id.get(name) or run.by_id.get(name.rsplit(".", 1)[0])


def _is_tool(run: _Run, coding: ImportedCoding) -> bool:
    return coding.user is not None and (coding.user == run.tool or run.project.users.get(coding.user) == TOOL_USER)


def _sole_person(run: _Run) -> str | None:
    """The one person who worked on the project, if the project shows exactly one: the coder of every
    new coding (one the export did not already give them), else its last modifier, else its only user
    besides the tool."""
    project, tool = run.project, run.tool
    coders = {d.reviewer for d in run.decisions}
    if len(coders) == 1:
        return coders.pop()
    if not coders and project.modifying_user and project.users.get(project.modifying_user) not in (None, "", TOOL_USER):
        return project.users[project.modifying_user]
    people = {n for g, n in project.users.items() if g != tool and n and n != TOOL_USER}
    return people.pop() if len(people) == 1 and not coders else None


def _theme_of(code: ImportedCode, model: ProjectModel) -> str | None:
    """The codebook theme an imported code is: by label or slug, or by the slug its description keeps."""
    name = code.name.strip().casefold()
    lines = code.description.split("\n")
    for theme in model.codebook:
        if name in (theme.label.casefold(), theme.slug) or f"Codebook slug: {theme.slug}" in lines:
            return theme.slug
    return None


def _code_name(run: _Run, code: str) -> str:
    return next((c.name for c in run.project.codes if c.guid == code), code)


def _unknown_code(run: _Run, code: str) -> str:
    name = _code_name(run, code)
    return (
        f"the codebook has no code {name!r}; add it to codebook.toml (or rename it to a theme's label) and import again"
    )


def _describe(run: _Run, selection: ImportedSelection, coding: ImportedCoding) -> str:
    who = run.project.users.get(coding.user or "") or "no named user"
    words = f" ({_short(selection.name)!r})" if selection.name else ""
    return f"characters {selection.start}-{selection.end}{words} coded {_code_name(run, coding.code)!r} by {who}"


def _short(text: str | None, width: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
