"""The participant's profile: occupation as they state it, its group, and the study split."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.analyse.sentences import Sentence
from generator.analyse.text import cue_alternation, normalise

OCCUPATION_GROUPS = (
    "education", "healthcare", "community_social_service", "business_finance", "management",
    "computer_it_data", "engineering_architecture", "science_research", "arts_design_media_writing",
    "marketing_sales", "customer_service", "office_admin", "legal", "trades_manufacturing_logistics",
    "other", "unknown",
)  # fmt: skip
NOT_STATED = "not stated"

# "I'm a nurse", "I work as a data analyst", "As an attorney, ...", "I'm in real estate".
_SELF_DESCRIPTION = re.compile(
    r"\b(?:i am|i'm|im|i work as|i worked as|i've been|i have been|working as|my (?:job|role|position) (?:is|as)|as)"
    r"\s+(?:an?|the)\s+(?P<role>[^.,;:!?()\n\"]{2,80})"
    r"|\bi work in (?P<field>[^.,;:!?()\n\"]{2,60})"
    r"|\bi (?:own|run) (?:an?|my own) (?P<business>[^.,;:!?()\n\"]{2,60})"
)
_CUT = re.compile(
    r"\s(?:and|who|that|so|which|where|but|for|at|with|in|on|because|since|to|by|from|of my|i|it|we|my|our|,)\s.*$"
)
_MAX_WORDS = 6


@dataclass(frozen=True)
class OccupationLexicon:
    groups: tuple[tuple[str, re.Pattern[str]], ...]

    def group_of(self, text: str) -> str | None:
        norm = normalise(text)
        for group, pattern in self.groups:
            if pattern.search(norm):
                return group
        return None

    def votes(self, text: str) -> Counter[str]:
        norm = normalise(text)
        return Counter({g: len(p.findall(norm)) for g, p in self.groups if p.search(norm)})


@lru_cache(maxsize=1)
def default_lexicon() -> OccupationLexicon:
    with open(Path(__file__).with_name("occupations.toml"), "rb") as f:
        raw = tomllib.load(f)["groups"]
    return OccupationLexicon(tuple((g, cue_alternation(tuple(words))) for g, words in raw.items()))


@dataclass(frozen=True)
class Occupation:
    stated: str
    group: str
    evidence: Sentence | None


def find_occupation(sentences: tuple[Sentence, ...], lexicon: OccupationLexicon) -> Occupation:
    """The first self-description that names a known occupation; else a vote over early answers."""
    for s in sentences:
        norm = normalise(s.text)
        for m in _SELF_DESCRIPTION.finditer(norm):
            phrase = next(g for g in m.groups() if g)
            phrase = _CUT.sub("", phrase.strip())
            phrase = " ".join(phrase.split()[:_MAX_WORDS]).strip(" -'")
            group = lexicon.group_of(phrase)
            if group:
                start = m.start(next(k for k in ("role", "field", "business") if m.group(k)))
                stated = s.text[start : start + len(phrase)]
                return Occupation(stated, group, s)
    # No self-description: let the vocabulary of the first answers vote.
    votes: Counter[str] = Counter()
    for s in sentences[:12]:
        votes.update(lexicon.votes(s.text))
    if votes:
        # Highest count; ties go to the group listed first, so the result is stable.
        order = {g: i for i, g in enumerate(OCCUPATION_GROUPS)}
        group = min(votes, key=lambda g: (-votes[g], order.get(g, len(order))))
        return Occupation(NOT_STATED, group, None)
    return Occupation(NOT_STATED, "unknown", None)
