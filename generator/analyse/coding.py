"""Code codebook themes and interaction style from the participant's own sentences.

A cue match is evidence only when the participant states it as their own, current view:
a negation just before the cue ("I don't worry about my job"), a hypothetical
("if it ever ..."), or a report of other people's views ("some people say ...")
disqualifies the match. Interviewer turns are never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from generator.analyse.sentences import Sentence
from generator.analyse.text import cue_alternation, normalise
from generator.config import CodebookTheme
from generator.models import CodedTheme

# How many words before a cue a negation, hypothetical or reported view can reach.
WINDOW = 6
MIN_WORDS = 4
MAX_EVIDENCE = 3

_NEGATIONS = frozenset(
    "not no never n't don't doesn't didn't won't wouldn't isn't aren't wasn't weren't haven't hasn't "
    "can't cannot couldn't shouldn't neither nor without hardly barely rarely".split()
)
_HYPOTHETICAL = frozenset("if unless whether imagine suppose hypothetically".split())
# Discourse openers carry no stance: "Well, if it ever ..." opens as a hypothetical too.
_OPENERS = frozenset("well so and but also oh yes yeah honestly ok okay now then".split())
# "I can imagine ...", "I could see ..." open a possibility, not a report.
_IMAGINING = (["i", "can", "imagine"], ["i", "could", "imagine"], ["i", "could", "see"])
# Other people as the subject: "many people will lose their writing skills". For most
# themes that is not the participant's own experience; for themes whose definition covers
# other people (the codebook's others_as_subject) it is their own view about others, unless reported.
_OTHER_SUBJECT = re.compile(
    r"\b(?:some|other|many|most|a lot of|lots of) (?:people|folks|colleagues|coworkers|co-workers|others|artists"
    r"|writers|creatives)\b"
)
# Other people's views reported: "people say", "I've heard", "told me".
_OTHERS = re.compile(
    r"\b(?:there are|i know|i've heard|i have heard) (?:many|some|a lot of|lots of|plenty of|those|people)\b"
    r"|\b(?:many|some|those|people) who (?:fear|worry|think|believe|say|feel)\b"
    r"|\b(?:others|people|they|colleagues|coworkers|co-workers|my (?:colleagues|coworkers|co-workers|peers|friends"
    r"|team|boss|manager)) (?:say|said|think|thought|feel|felt|fear|feared|worry|worried|believe|claim|are worried"
    r"|are afraid|are scared|are concerned)\b"
    r"|\b(?:told me|tells me|telling me)\b"
)
_AIM = re.compile(
    r"\b(?:(?:don't|do not|wouldn't|would not|didn't|did not) want|(?:try|trying|careful|make sure|choose) not to"
    r"|so (?:that )?(?:\w+ ){0,2}(?:don't|do not|won't|doesn't|wouldn't|can't))\b"
)
# A joke is not a position: "At least until AI takes my job! lol".
_JOKE = re.compile(r"\b(?:lol|haha\w*|lmao|jk|just kidding)\b|😂|🤣")
_WORDS = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class ThemeMatcher:
    theme: CodebookTheme
    pattern: re.Pattern[str]
    # Cues that carry their own negation ("don't trust") skip the negation test.
    negated_cue: re.Pattern[str] | None
    # Exclusion cues (written with a leading "-"): a sentence matching one is not evidence.
    excluded: re.Pattern[str] | None = None


def compile_matchers(codebook: tuple[CodebookTheme, ...]) -> tuple[ThemeMatcher, ...]:
    out = []
    for theme in codebook:
        excluded = tuple(c[1:].strip() for c in theme.cues if c.startswith("-"))
        cues = [c for c in theme.cues if not c.startswith("-")]
        plain = [c for c in cues if not _has_negation(c)]
        negated = [c for c in cues if _has_negation(c)]
        out.append(
            ThemeMatcher(
                theme,
                cue_alternation(tuple(plain)),
                cue_alternation(tuple(negated)) if negated else None,
                cue_alternation(excluded) if excluded else None,
            )
        )
    return tuple(out)


def _has_negation(cue: str) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in cue.lower().split())


# "I would say", "I'd describe it as" introduce a report, not a possibility.
_MODAL = re.compile(r"\b(?:would|could|might|may|hope|hopefully|i'd|wish)\b(?! have| say| describe| call)")


def is_experienced(norm: str, start: int) -> bool:
    """Whether a cue is stated as experience rather than a hope or a possibility."""
    clause_start = max(norm.rfind(sep, 0, start) for sep in (",", ";", ":", "(", " but ", " - ", " – "))
    return not _MODAL.search(norm[max(0, clause_start) : start])


def is_own_statement(
    norm: str, start: int, others_count: bool = False, predictions_count: bool = False, subjects_count: bool = False
) -> bool:
    """Whether a cue at `start` is the participant's own, affirmed, actual view."""
    clause_start = max(norm.rfind(sep, 0, start) for sep in (",", ";", ":", " but ", " though ", " - ", " – "))
    before = norm[clause_start + 1 if clause_start >= 0 else 0 : start]
    # "I don't want to become reliant", "so they don't become dependent", "I try not to":
    # a negation that states an aim or a worry affirms the theme.
    before = _AIM.sub(" ", before)
    words = _WORDS.findall(before)[-WINDOW:]
    if any(w in _NEGATIONS or w.endswith("n't") for w in words):
        return False
    # A sentence that opens as a hypothetical ("If it ever ...") is not a report; an
    # "if" later on usually states the condition of a real worry ("I fear that, if ...").
    head = _WORDS.findall(norm[:start])
    while head and head[0] in _OPENERS:
        head = head[1:]
    if any(w in _HYPOTHETICAL for w in head[:2]) or (head[:3] in _IMAGINING and not predictions_count):
        return False
    if others_count:
        return True
    return not _OTHERS.search(norm[:start]) and (subjects_count or not _OTHER_SUBJECT.search(norm[:start]))


def evidence_for(matcher: ThemeMatcher, sentence: Sentence) -> bool:
    if sentence.words < MIN_WORDS:
        return False
    norm = normalise(sentence.text)
    if _JOKE.search(norm) or (matcher.excluded is not None and matcher.excluded.search(norm)):
        return False
    if matcher.negated_cue is not None and matcher.negated_cue.search(norm):
        return True
    # Study knowledge lives in the codebook (about_others, about_future, others_as_subject).
    others = matcher.theme.about_others
    future = matcher.theme.about_future
    subjects = matcher.theme.others_as_subject
    return any(
        is_own_statement(norm, m.start(), others, future, subjects)
        and (not matcher.theme.experienced_only or is_experienced(norm, m.start()))
        for m in matcher.pattern.finditer(norm)
    )


def code_themes(
    sentences: tuple[Sentence, ...],
    matchers: tuple[ThemeMatcher, ...],
    rank: dict[int, float],
    probabilities: np.ndarray | None = None,
    thresholds: dict[str, tuple[float, float]] | None = None,
) -> tuple[CodedTheme, ...]:
    """Themes present in an interview, in codebook order, each with its evidence sentences, most
    probable first.

    Where the learned coder scored a theme (a column of `probabilities` without NaN) it decides:
    the theme is present when its best sentence reaches the theme's threshold, and further
    sentences are evidence only over the (stricter) evidence threshold. Otherwise the rules
    decide, each hit counting as certain and ranked by informativeness."""
    coded = []
    for j, matcher in enumerate(matchers):
        slug = matcher.theme.slug
        if probabilities is not None and thresholds and slug in thresholds and len(sentences):
            column = probabilities[:, j]
            threshold, shown = thresholds[slug]
            # Highest probability first; ties by position, so the order is stable.
            ranked = sorted(range(len(sentences)), key=lambda k: (-column[k], k))
            best = [k for i, k in enumerate(ranked[:MAX_EVIDENCE]) if column[k] >= (threshold if i == 0 else shown)]
            best = best if best and best[0] == ranked[0] else []
            if best:
                coded.append(
                    CodedTheme(
                        slug,
                        tuple(sentences[k].quote() for k in best),
                        tuple(round(float(column[k]), 4) for k in best),
                    )
                )
            continue
        hits = [s for s in sentences if evidence_for(matcher, s)]
        if not hits:
            continue
        chosen = sorted(hits, key=lambda s: (-rank[s.index], s.index))[:MAX_EVIDENCE]
        coded.append(CodedTheme(slug, tuple(s.quote() for s in chosen), tuple(1.0 for _ in chosen)))
    return tuple(coded)
