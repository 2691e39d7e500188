"""Apply located decisions to the analysis: reviewed codings become the codings of record (pure).

Input: the interview summaries as the coder made them and the located decisions, in file and line
order. Output: the summaries as reviewed, each coding carrying who reviewed it, and a Problem for a
decision that has nothing to act on (a whole coding accepted where the coder made none).

Decisions on one coding (theme per interview) are replayed in order, each the last of its key:
 - reject (no sentence): the theme is not coded, whatever the coder found;
 - accept (no sentence): the coding is confirmed as it is;
 - add / accept a sentence: the theme is coded, that sentence confirmed evidence (an added one first);
 - reject a sentence: it is not evidence; with no evidence left the theme is not coded.
Confirmed sentences lead the evidence with score 1.0 (a person read them); the coder's remaining
evidence follows, up to MAX_EVIDENCE in all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from generator.analyse.coding import MAX_EVIDENCE
from generator.errors import Problem
from generator.models import CodedTheme, InteractionStyle, InterviewSummary, Quote
from generator.review.match import Located


@dataclass
class _Coding:
    """One coding while its decisions are replayed."""

    coded: bool
    confirmed: list[Quote] = field(default_factory=list)
    coder: list[tuple[Quote, float]] = field(default_factory=list)

    def drop(self, quote: Quote) -> None:
        if quote in self.confirmed:
            self.confirmed.remove(quote)
        self.coder = [(q, p) for q, p in self.coder if q != quote]


def in_effect(located: Iterable[Located]) -> tuple[Located, ...]:
    """The decisions no later one replaces (same interview, theme or field, sentence), in their order."""
    ordered = list(located)
    last = {_key(x): i for i, x in enumerate(ordered)}
    return tuple(x for i, x in enumerate(ordered) if last[_key(x)] == i)


def _key(x: Located) -> tuple[str, str, str | None]:
    d = x.decision
    return (d.interview, x.theme or f"field:{d.field}", x.quote.text if x.quote else None)


def reviewers_by_coding(located: Iterable[Located]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Who decided anything about each coding or field, (interview, theme slug or `field:<name>`) ->
    sorted names. Every decision counts, a replaced one too: its reviewer did look."""
    names: dict[tuple[str, str], set[str]] = {}
    for x in located:
        names.setdefault((x.decision.interview, x.theme or f"field:{x.decision.field}"), set()).add(x.decision.reviewer)
    return {k: tuple(sorted(v)) for k, v in names.items()}


def apply_decisions(
    summaries: Sequence[InterviewSummary], located: Sequence[Located], codebook_order: Sequence[str]
) -> tuple[list[InterviewSummary], tuple[Problem, ...]]:
    """The summaries as reviewed, in the same order; and what could not be applied."""
    effective = in_effect(located)
    reviewers = reviewers_by_coding(located)
    by_interview: dict[str, list[Located]] = {}
    for x in effective:
        by_interview.setdefault(x.decision.interview, []).append(x)
    rank = {slug: i for i, slug in enumerate(codebook_order)}
    out, problems = [], []
    for s in summaries:
        mine = by_interview.get(s.id)
        if not mine:
            out.append(s)
            continue
        reviewed, found = _review_interview(s, mine, reviewers, rank)
        out.append(reviewed)
        problems += found
    return out, tuple(problems)


def _review_interview(
    s: InterviewSummary,
    decisions: list[Located],
    reviewers: dict[tuple[str, str], tuple[str, ...]],
    rank: dict[str, int],
) -> tuple[InterviewSummary, list[Problem]]:
    problems: list[Problem] = []
    themes = {t.slug: t for t in s.themes}
    touched: dict[str, list[Located]] = {}
    for x in decisions:
        if x.theme is not None:
            touched.setdefault(x.theme, []).append(x)
    for slug, mine in touched.items():
        coding, found = _replay(themes.get(slug), mine)
        problems += found
        if coding is None:
            themes.pop(slug, None)
        else:
            themes[slug] = replace(coding, reviewers=reviewers[(s.id, slug)])
    profile, style, style_evidence, fields = s.profile, s.interaction_style, s.style_evidence, []
    for x in decisions:
        d = x.decision
        if d.field is None or not isinstance(d.value, str):
            continue
        if d.field == "interaction_style":
            # A person's correction has no evidence sentence; the coder's was evidence for another style.
            style, style_evidence = cast(InteractionStyle, d.value), None  # match.py checked the value
        elif d.field == "occupation":
            profile = replace(profile, occupation=d.value, occupation_evidence=None)
        elif d.field == "occupation_group":
            profile = replace(profile, occupation_group=d.value)
        fields.append((d.field, reviewers[(s.id, f"field:{d.field}")]))
    reviewed = replace(
        s,
        profile=profile,
        interaction_style=style,
        style_evidence=style_evidence,
        themes=tuple(sorted(themes.values(), key=lambda t: (rank.get(t.slug, len(rank)), t.slug))),
        reviewed_fields=tuple(sorted(fields)),
    )
    return reviewed, problems


def _replay(theme: CodedTheme | None, decisions: list[Located]) -> tuple[CodedTheme | None, list[Problem]]:
    """One coding after its decisions; None where the theme is not coded."""
    coding = _Coding(theme is not None, coder=list(zip(theme.evidence, theme.scores, strict=True)) if theme else [])
    problems = []
    for x in decisions:
        d, quote = x.decision, x.quote
        if quote is None and d.decision == "reject":
            coding = _Coding(False)
        elif quote is None and d.decision == "accept":
            if not coding.coded:
                problems.append(
                    Problem(
                        d.source,
                        d.line,
                        f"theme {x.theme!r} is not coded in interview {d.interview}, so there is no coding to accept",
                        'add it with "decision": "add" and the sentence that shows it, or delete the line',
                    )
                )
        elif quote is not None and d.decision in ("accept", "add"):
            coding.drop(quote)
            coding.confirmed.insert(0 if d.decision == "add" else len(coding.confirmed), quote)
            coding.coded = True
        elif quote is not None:
            coding.drop(quote)
            coding.coded = bool(coding.confirmed or coding.coder)
    if not coding.coded:
        return None, problems
    rest = coding.coder[: max(0, MAX_EVIDENCE - len(coding.confirmed))]
    evidence = (*coding.confirmed, *(q for q, _ in rest))
    scores = (*(1.0 for _ in coding.confirmed), *(p for _, p in rest))
    return CodedTheme(decisions[0].theme or "", evidence, scores), problems
