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

# "I'm a nurse", "I'm also a tutor", "I currently work as a data analyst", "As an attorney, ...",
# "But as a teacher, ...", "I, as a nurse, ...", "My official role is a ...".
# "as a" counts only at the start of a sentence or after "I,": "I think of it as an assistant" is no job.
_SELF_DESCRIPTION = re.compile(
    r"\b(?:(?:i am|i'm|im)(?: currently| also| now| actually| primarily| mainly)?"
    r"|i (?:currently |now |also )?work as|i worked as|i(?: am|'m) employed as|i've been|i have been|working as"
    r"|my (?:official |current |day |main |primary |actual )?(?:job|role|position|title|profession|occupation)"
    r" (?:is|as)(?: as)?|^(?:but |and |so |well |now )?as|i, as)"
    r"\s+(?:an?|the)\s+(?P<role>[^.,;:!?()\n\"]{2,80})"
    r"|\bi work (?:in|at) (?:an? |the )?(?P<field>[^.,;:!?()\n\"]{2,60})"
    r"|\b(?:most of |the bulk of )?my (?:work|job) is (?:mostly |mainly |largely )?(?P<work>[^.,;:!?()\n\"]{2,60})"
    r"|\bi (?:own|run) (?:an?|my own|my) (?P<business>[^.,;:!?()\n\"]{2,60})"
    r"|\bi (?P<verb>teach|tutor|nurse|practi[cs]e law|write code|program|design|illustrate|compose)\b"
)
# A looser second pass: "as a" anywhere ("useful in lots of ways as a mental health
# therapist"), but not after the thing being used ("I treat it as an assistant").
_AS_ROLE = re.compile(
    r"(?<!\bit )(?<!\bthem )(?<!\bthis )(?<!\bthat )(?<!\bai )(?<!\bone )(?<!\bchatgpt )(?<!\bclaude )"
    r"(?<!\bmodel )(?<!\btool )(?<!\bsuch )(?<!\bsame )\bas an? (?P<role>[^.,;:!?()\n\"]{2,80})"
)
_CUT = re.compile(
    r"\s(?:and|or|who|that|so|which|where|but|for|at|with|in|on|because|since|to|by|from|of my|i|it|we|my|our|,)\s.*$"
)
# "I'm an ok writer", "I'm a pretty bad coder": a skill they rate, not the job they do.
_SKILL = re.compile(
    r"^(?:pretty |very |really |fairly |quite |decent |terrible |great |good |bad |poor |better |worse |ok |okay "
    r"|average |competent |strong |weak |mediocre |amateur |confident |natural |bit of )+"
)
# A role named after a possessive in running text is usually someone else's ("our
# marketing manager left", "my doctor"); quoted text is a prompt or someone else's words
# ("act as an 'expert sales person'"). Neither votes.
_OTHERS_ROLE = re.compile(r"\b(?:my|our|your|his|her|their)\s+(?:\w+\s+)?$")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_MAX_WORDS = 6
# "I teach", "I practise law": the job the verb names, not the verb itself.
_VERB_ROLES = {
    "teach": "teacher", "tutor": "tutor", "nurse": "nurse", "practice law": "lawyer", "practise law": "lawyer",
    "write code": "programmer", "program": "programmer", "design": "designer", "illustrate": "illustrator",
    "compose": "composer",
}  # fmt: skip
# Words that make a role phrase a fragment of a sentence ("then some artists maybe worried").
_FRAGMENT = frozenset(
    "then some many most all other others these those maybe whole just very really also when while if because "
    "not no lot lots kind sort like".split()
)
EARLY_SENTENCES = 15


@dataclass(frozen=True)
class OccupationLexicon:
    groups: tuple[tuple[str, re.Pattern[str]], ...]
    domains: tuple[tuple[str, re.Pattern[str]], ...]

    def group_of(self, text: str) -> str | None:
        """The group of the longest occupation words in `text`; ties go to the group listed first."""
        norm = normalise(text)
        best, length = None, 0
        for group, pattern in self.groups:
            for m in pattern.finditer(norm):
                if len(m.group(0)) > length:
                    best, length = group, len(m.group(0))
        return best

    def role_end(self, text: str) -> int:
        """Where the last occupation word in `text` ends (the whole text when none is found)."""
        norm = normalise(text)
        ends = [m.end() for _, pattern in self.groups for m in pattern.finditer(norm)]
        return max(ends, default=len(text))

    def votes(self, text: str) -> Counter[str]:
        """How often each group's role words and work vocabulary occur in the text."""
        norm = _QUOTED.sub(" ", normalise(text))
        counts: Counter[str] = Counter()
        for g, p in self.groups:
            # A role word says more than a work word, when it is not someone else's role.
            counts[g] += 2 * sum(
                1 for m in p.finditer(norm) if not _OTHERS_ROLE.search(norm[max(0, m.start() - 40) : m.start()])
            )
        for g, p in self.domains:
            counts[g] += len(p.findall(norm))
        return +counts


@lru_cache(maxsize=1)
def default_lexicon() -> OccupationLexicon:
    with open(Path(__file__).with_name("occupations.toml"), "rb") as f:
        raw = tomllib.load(f)
    return OccupationLexicon(
        tuple((g, cue_alternation(tuple(words))) for g, words in raw["groups"].items()),
        tuple((g, cue_alternation(tuple(words))) for g, words in raw["domains"].items()),
    )


@dataclass(frozen=True)
class Occupation:
    stated: str
    group: str
    evidence: Sentence | None


def find_occupation(sentences: tuple[Sentence, ...], lexicon: OccupationLexicon) -> Occupation:
    """The first self-description that names a known occupation; else a vote over early answers."""
    for pattern in (_SELF_DESCRIPTION, _AS_ROLE):
        for s in sentences:
            norm = normalise(s.text)
            for m in pattern.finditer(norm):
                found = _stated_role(m, s, lexicon)
                if found:
                    return found
    # No self-description: the vocabulary of everything they say votes; the first
    # answers, where the interview asks about their work, count double.
    votes: Counter[str] = Counter()
    for i, s in enumerate(sentences):
        for group, n in lexicon.votes(s.text).items():
            votes[group] += n * (2 if i < EARLY_SENTENCES else 1)
    if votes:
        # Highest count; ties go to the group listed first, so the result is stable.
        order = {g: i for i, g in enumerate(OCCUPATION_GROUPS)}
        group = min(votes, key=lambda g: (-votes[g], order.get(g, len(order))))
        return Occupation(NOT_STATED, group, None)
    return Occupation(NOT_STATED, "unknown", None)


def _stated_role(m: re.Match[str], s: Sentence, lexicon: OccupationLexicon) -> Occupation | None:
    """The occupation a self-description names, if the lexicon knows it."""
    key = next(k for k, v in m.groupdict().items() if v)
    phrase = m.group(key)
    if key == "role" and _SKILL.match(phrase):
        return None
    phrase = _CUT.sub("", phrase.strip())
    phrase = " ".join(phrase.split()[:_MAX_WORDS]).strip(" -'")
    group = lexicon.group_of(phrase)
    if not group:
        return None
    if key == "verb":
        return Occupation(_VERB_ROLES.get(phrase, phrase), group, s)
    start = m.start(key)
    # The occupation ends at its role word ("home inspector who ..." -> "home inspector") and
    # starts after any word that marks a fragment of running text.
    end = lexicon.role_end(phrase)
    words = phrase[:end].split()
    if not words or any(w.strip("'") in _FRAGMENT for w in words):
        return None  # a fragment of running text, not a self-description
    kept = " ".join(words)
    return Occupation(s.text[start : start + len(kept)], group, s)
