"""The report as a REFI-QDA project, before it is XML: what an export writes and what an import compares with.

Input: the report, the study configuration, the turns an export may show, the reviewers' names and
who added each coding a person added. Output: ProjectModel, whose every object carries a GUID derived
(uuid5) from the study's title and the object's identity (a user's from their name), so that two
exports of the same inputs are identical and an import recognises the objects it exported.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.config import CodebookTheme, StudyConfig
from generator.errors import BuildError
from generator.exchange.layout import ShownTurn, SourceText, Span, lay_out
from generator.models import Report

# The user the tool's own codings belong to. Codings by any other user are a person's.
TOOL_USER = "interview-report"
# Case variables, named as the fields a review decision sets (`split` is not one: it comes from the id).
VARIABLES = ("interaction_style", "occupation", "occupation_group", "split")
VARIABLE_HELP = {
    "interaction_style": "How the participant works with AI, as the report classifies it.",
    "occupation": "The participant's occupation, in their words.",
    "occupation_group": "The occupation group the report counts the participant in.",
    "split": "The study split, from the interview id.",
}
# Fixed: changing it changes every GUID, and imports of earlier exports would match by name only.
_NAMESPACE = uuid.UUID("5b84cafb-5eac-4c40-8f40-ea6f7f731e91")


@dataclass(frozen=True)
class Coding:
    """One evidence sentence of one theme in one interview, and who coded it: the tool, or the person
    whose review decision added it."""

    slug: str
    sentence: Span
    user: str = TOOL_USER

    @property
    def key(self) -> tuple[str, int, str]:
        """What the coding is, whoever made it: theme, turn and sentence."""
        return (self.slug, self.sentence.turn, self.sentence.text)


@dataclass(frozen=True)
class InterviewSource:
    id: str
    text: SourceText
    codings: tuple[Coding, ...]
    # (variable, value) in VARIABLES order.
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ProjectModel:
    name: str
    namespace: uuid.UUID
    codebook: tuple[CodebookTheme, ...]
    sources: tuple[InterviewSource, ...]
    # Every reviewer with a decision in the study's reviews folder, and everyone a coding is by, sorted;
    # the tool is not one.
    reviewers: tuple[str, ...] = ()

    def guid(self, kind: str, *identity: object) -> str:
        """The GUID of one object: the same inputs give the same GUID in every export."""
        return str(uuid.uuid5(self.namespace, "\0".join((kind, *map(str, identity)))))

    def source(self, interview: str) -> InterviewSource | None:
        return next((s for s in self.sources if s.id == interview), None)


def project_model(
    report: Report,
    config: StudyConfig,
    shown: Mapping[str, Sequence[ShownTurn]],
    reviewers: Sequence[str] = (),
    added_by: Mapping[tuple[str, str, int, str], str] | None = None,
) -> ProjectModel:
    """Every interview's shown text, with a coding for each evidence sentence of each coded theme: by the
    person who added it (`added_by`, by interview, theme, turn and sentence), else by the tool."""
    added_by = added_by or {}
    sources = []
    for summary in report.interviews:
        text = lay_out(shown[summary.id])
        codings = []
        for theme in summary.themes:
            for quote in theme.evidence:
                span = text.sentence(quote.turn, quote.text)
                if span is None:
                    raise BuildError(
                        f"{summary.id}: the evidence sentence {quote.text!r} (turn {quote.turn}) is not in the "
                        "exported text; this is a bug in interview-report, please report it"
                    )
                user = added_by.get((summary.id, theme.slug, quote.turn, quote.text), TOOL_USER)
                codings.append(Coding(theme.slug, span, user))
        profile = summary.profile
        values = (
            ("interaction_style", summary.interaction_style),
            ("occupation", profile.occupation),
            ("occupation_group", profile.occupation_group),
            ("split", profile.split),
        )
        sources.append(InterviewSource(summary.id, text, tuple(codings), values))
    people = {c.user for s in sources for c in s.codings}
    reviewers = tuple(sorted({r for r in (*reviewers, *people) if r and r != TOOL_USER}))
    namespace = uuid.uuid5(_NAMESPACE, config.title)
    return ProjectModel(config.title, namespace, config.codebook, tuple(sources), reviewers)


def codebook_model(config: StudyConfig) -> ProjectModel:
    """The codebook alone, as a project with no sources: what a .qdc holds and is compared with."""
    return ProjectModel(config.title, uuid.uuid5(_NAMESPACE, config.title), config.codebook, ())


def code_description(theme: CodebookTheme) -> str:
    """A code's description in a QDA tool: the codebook's definition and its limits."""
    lines = [theme.definition]
    if theme.include:
        lines.append(f"Include: {theme.include}")
    if theme.exclude:
        lines.append(f"Exclude: {theme.exclude}")
    # Lets an import recognise a code renamed in the QDA tool, whose GUID the tool may also have replaced.
    lines.append(f"Codebook slug: {theme.slug}")
    return "\n".join(lines)
