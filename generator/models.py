"""Typed, frozen data passed between the pipeline stages.

ingest -> Transcript; analyse -> InterviewSummary; synthesise -> Report.
Every stage after ingest trusts these types: validation happens once, at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Speaker = Literal["interviewer", "participant"]
InteractionStyle = Literal["collaborative", "delegating", "mixed", "unclear"]


@dataclass(frozen=True)
class Repair:
    """One encoding repair made by ftfy, kept so the report can account for it."""

    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Turn:
    """One speaker turn. `number` is 1-based and is the turn's permanent anchor (#turn-N)."""

    number: int
    speaker: Speaker
    label: str
    text: str
    line: int


@dataclass(frozen=True)
class Transcript:
    """One interview as read from disk, encoding repaired, turns split."""

    id: str
    source: Path
    line: int
    turns: tuple[Turn, ...]
    repairs: tuple[Repair, ...] = ()

    @property
    def participant_turns(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.speaker == "participant")


@dataclass(frozen=True)
class Quote:
    """An exact substring of one participant turn, with the turn it came from."""

    text: str
    turn: int


@dataclass(frozen=True)
class SectionSummary:
    """What the participant said in one section of the interview guide, in their own words."""

    slug: str
    title: str
    turns: tuple[int, ...]
    sentences: tuple[Quote, ...]


@dataclass(frozen=True)
class CodedTheme:
    """A codebook theme found in one interview, with the participant's sentences that show it."""

    slug: str
    # Most convincing first; `scores[i]` is the coder's probability that evidence[i] shows the theme.
    evidence: tuple[Quote, ...]
    scores: tuple[float, ...] = ()
    # Who reviewed this coding (generator/review/): empty where no person looked at it. A reviewed
    # coding is the coding of record; its confirmed sentences lead its evidence with score 1.0.
    reviewers: tuple[str, ...] = ()

    @property
    def probability(self) -> float:
        return max(self.scores, default=1.0)

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewers)


@dataclass(frozen=True)
class DimensionValue:
    """One value of a codebook dimension coded in one interview, with the participant's sentences that show it."""

    value: str
    # Most convincing first; `scores[i]` is the coder's probability that evidence[i] shows the value.
    evidence: tuple[Quote, ...] = ()
    scores: tuple[float, ...] = ()
    # The coder's probability for the value; None where no model gave one (the value came from the
    # definitions' nearest match, the dimension's default, or a person).
    probability: float | None = None


@dataclass(frozen=True)
class CodedDimension:
    """A codebook dimension's value (or values) for one interview: a plain value, so a review decision
    can replace it whole."""

    slug: str
    values: tuple[DimensionValue, ...]

    @property
    def value_slugs(self) -> tuple[str, ...]:
        return tuple(v.value for v in self.values)


@dataclass(frozen=True)
class Profile:
    id: str
    split: str
    occupation: str
    occupation_group: str
    occupation_evidence: Quote | None


@dataclass(frozen=True)
class InterviewSummary:
    """Everything the report says about one interview. Pure function of (Transcript, StudyConfig).

    The transcript itself is not part of it: the report holds the transcripts, by id, and what the
    site may show of them is the publication step's decision (generator/publication.py)."""

    profile: Profile
    sections: tuple[SectionSummary, ...]
    interaction_style: InteractionStyle
    style_evidence: Quote | None
    themes: tuple[CodedTheme, ...]
    key_quotes: tuple[Quote, ...]
    # The transcript's turns and encoding repairs, counted: the site states both even where it shows no transcript.
    turns: int
    repairs: int
    # Informative sentences no theme was coded from, outside the framing sections: what the
    # emerging themes are clustered from.
    statements: tuple[Quote, ...] = ()
    # The codebook's dimensions, in its order; one without a value (no participant sentence) is left out.
    dimensions: tuple[CodedDimension, ...] = ()
    # The profile fields a reviewer corrected ("interaction_style", "occupation", "occupation_group"),
    # each with who set it.
    reviewed_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def id(self) -> str:
        return self.profile.id

    def dimension(self, slug: str) -> CodedDimension | None:
        return next((d for d in self.dimensions if d.slug == slug), None)

    @property
    def theme_slugs(self) -> frozenset[str]:
        return frozenset(t.slug for t in self.themes)


@dataclass(frozen=True)
class ThemeQuote:
    """A representative quote for a theme, pointing back to its interview and turn."""

    interview_id: str
    text: str
    turn: int


@dataclass(frozen=True)
class Cooccurrence:
    slug: str
    label: str
    n: int


@dataclass(frozen=True)
class Share:
    """n of N with its 95% Wilson interval, for the whole study or one subgroup."""

    name: str
    n: int
    N: int
    low: float
    high: float
    # Under the minimum group size: shown, but marked as too small to compare.
    too_small: bool = False


@dataclass(frozen=True)
class ThemeFinding:
    """One codebook theme across the whole study: prevalence n of N and its evidence."""

    slug: str
    label: str
    definition: str
    n: int
    N: int
    interviews: tuple[str, ...]
    quotes: tuple[ThemeQuote, ...]
    cooccurs: tuple[Cooccurrence, ...]
    word_weights: tuple[tuple[str, float], ...]
    share: Share
    by_split: tuple[Share, ...] = ()
    by_group: tuple[Share, ...] = ()
    # Of the n codings, how many a person reviewed, and how many different people reviewed them.
    reviewed: int = 0
    reviewers: int = 0


@dataclass(frozen=True)
class ValueFinding:
    """One value of a dimension across the study: in how many interviews it was coded, and its evidence."""

    slug: str
    label: str
    definition: str
    n: int
    N: int
    share: Share
    interviews: tuple[str, ...]
    quotes: tuple[ThemeQuote, ...]
    by_split: tuple[Share, ...] = ()


@dataclass(frozen=True)
class DimensionFinding:
    """One codebook dimension across the study: each value's n of N, in the codebook's order."""

    slug: str
    label: str
    definition: str
    multiple: bool
    N: int
    # Interviews with at least one value coded (an interview with no participant sentence has none).
    coded: int
    values: tuple[ValueFinding, ...]
    # How the values were coded: "trained" (the shipped model) or "definitions" (nearest value definition).
    coder: str = "trained"
    # Values the coder can never code: too few annotated sentences to learn them from (their count says
    # nothing about the participants).
    uncodable: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmergingTheme:
    """A cluster of participant statements no codebook theme covers; a candidate code, never a finding."""

    key: str
    keywords: tuple[str, ...]
    interviews: int
    sentences: int
    # Other members' statements, each from an interview the name and the other quotes are not from.
    quotes: tuple[ThemeQuote, ...]
    # Its most representative statement, which the site shows as its name; None where the
    # publication quotes no participant ("aggregates"), and the keywords name it instead.
    name: ThemeQuote | None = None


@dataclass(frozen=True)
class SkippedInput:
    """A transcript that was not published, and why. Shown in the build summary and methodology."""

    source: str
    message: str


@dataclass(frozen=True)
class RedactionSummary:
    """What redaction replaced across the study, for the build summary and the methodology page."""

    counts: tuple[tuple[str, int], ...]  # (kind, replacements) for every detector kind, in a fixed order
    interviews: int  # interviews with at least one replacement

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class SplitTest:
    """Whether one finding's share differs between two study splits: a pooled two-proportion z-test,
    two-sided. `z` and `p` are None where the test cannot be computed (neither split, or both, all
    coded), which is never called a difference."""

    first: Share
    second: Share
    z: float | None
    p: float | None
    significant: bool

    @property
    def points(self) -> float:
        """The difference in percentage points, first minus second."""
        return 100.0 * (self.first.n / self.first.N - self.second.n / self.second.N)


@dataclass(frozen=True)
class StyleFinding:
    """Interaction style across the study: each style's share of all interviews and of each split,
    and per style the tests between splits."""

    shares: tuple[Share, ...]  # one per style, named by the style, in InteractionStyle's order
    by_split: tuple[tuple[str, tuple[Share, ...]], ...]  # (split, its styles' shares), largest split first
    tests: tuple[tuple[str, tuple[SplitTest, ...]], ...]  # (style, its tests between splits)


@dataclass(frozen=True)
class Overview:
    """What the report says across themes: who was interviewed, how they work with AI, and where the
    splits differ."""

    splits: tuple[Share, ...]  # interviews per split of all interviews, largest first
    groups: tuple[Share, ...]  # interviews per occupation group of all interviews, largest first
    groups_by_split: tuple[tuple[str, tuple[Share, ...]], ...]
    styles: StyleFinding
    tests: tuple[tuple[str, tuple[SplitTest, ...]], ...]  # (theme slug, its tests between splits)

    def theme_tests(self, slug: str) -> tuple[SplitTest, ...]:
        return next((t for s, t in self.tests if s == slug), ())


@dataclass(frozen=True)
class ReviewSummary:
    """What people checked of the coding (generator/review/), for the methodology page and the build summary.

    Agreement is measured on the codings reviewers accepted or rejected (theme per interview): of
    those the coder as shipped had made, how many the reviewers kept. The coder as shipped, not the
    one refitted on these same decisions, which would be judged on what it was taught."""

    decisions: int  # decisions in effect (a later decision on the same sentence replaces an earlier one)
    interviews: int  # interviews with at least one decision
    # Reviewer names, sorted; the publication step replaces them unless the study publishes them.
    reviewers: tuple[str, ...]
    decisions_by_reviewer: tuple[int, ...]  # in the order of `reviewers`
    looked_at: int  # codings (theme per interview) reviewers accepted or rejected
    precision: Share  # of those the coder had made, how many reviewers kept, with its Wilson interval
    added: int  # codings reviewers made that the coder had not
    fields: int  # profile fields corrected
    # `precision` per theme (the Share's name is the theme's slug), for the themes reviewers judged.
    by_theme: tuple[Share, ...] = ()
    refitted: tuple[str, ...] = ()  # themes whose coder was refitted on the decisions


@dataclass(frozen=True)
class Report:
    """The whole study, ready to write."""

    interviews: tuple[InterviewSummary, ...]
    themes: tuple[ThemeFinding, ...]
    skipped: tuple[SkippedInput, ...] = field(default=())
    emerging: tuple[EmergingTheme, ...] = field(default=())
    redactions: RedactionSummary | None = None
    # Every interview's (redacted) transcript, by id. After the publication step, only those the site
    # shows in full.
    transcripts: Mapping[str, Transcript] = field(default_factory=dict)
    # The codebook's dimensions, in its order.
    dimensions: tuple[DimensionFinding, ...] = field(default=())
    # Who was interviewed, interaction styles, split tests: synthesise fills it; a report made by hand
    # leaves it out and synthesise.report_level.overview computes it.
    overview: Overview | None = None
    # What reviewers checked; None where the study has no review decisions.
    review: ReviewSummary | None = None

    @property
    def N(self) -> int:
        return len(self.interviews)

    @property
    def findings(self) -> tuple[ThemeFinding, ...]:
        """Themes ranked by prevalence; ties broken by slug so the order is stable."""
        return tuple(sorted(self.themes, key=lambda t: (-t.n, t.slug)))
