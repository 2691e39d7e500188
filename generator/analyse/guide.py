"""Extend the interview guide with the protocol questions it does not list.

An AI interviewer asks the same protocol questions in every interview, in slightly
different words; follow-ups are specific to one answer. So interviewer questions that
match no configured section are clustered across the study, and a cluster asked in a
good share of interviews becomes an automatic section, named after its most typical
question. Runs once per study, before the per-interview analysis; deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from generator.analyse.sections import MATCH_THRESHOLD, GuideIndex, best_section, index_guide, question_of
from generator.analyse.text import STOPWORDS
from generator.config import GuideSection
from generator.memo import Memo, digest
from generator.models import Transcript, Turn

# A question cluster asked in at least this share of interviews (and 3) is protocol.
MIN_SHARE = 0.25
SIMILARITY = 0.45
# Enough interviews to see the protocol; more only costs time.
SAMPLE = 2000
# Bump when the derivation changes what it finds.
GUIDE_VERSION = "1"
_WORD = re.compile(r"[a-z]+")


def derive_guide(
    transcripts: Sequence[Transcript], configured: tuple[GuideSection, ...], memo: Memo | None = None
) -> tuple[GuideSection, ...]:
    """The configured sections followed by automatic ones for recurring unlisted questions."""
    sample = sorted(transcripts, key=lambda t: t.id)[:SAMPLE]
    memo = memo or Memo(None)
    key = digest(
        GUIDE_VERSION,
        [repr(configured), *(f"{t.id}\x1f{turn.number}\x1f{turn.text}" for t in sample for turn in t.turns
                             if turn.speaker == "interviewer")],
    )  # fmt: skip
    remembered = memo.get("guide", key)
    if remembered is not None:
        auto = (GuideSection(slug, title, tuple(qs), automatic=True) for slug, title, qs in remembered)
        return configured + tuple(auto)
    guide = _derive(_unlisted_questions(sample, configured, memo), configured, len(sample))
    memo.put("guide", key, [[g.slug, g.title, list(g.questions)] for g in guide[len(configured) :]])
    return guide


def _unlisted_questions(
    sample: Sequence[Transcript], configured: tuple[GuideSection, ...], memo: Memo
) -> list[tuple[str, str, int]]:
    """(interview id, question, turn number) of every question no configured section lists.

    Matching questions to sections is most of the work, and one new interview changes none of
    the others' answers: each interview's are remembered (one file per configured guide).
    """
    listed = digest(GUIDE_VERSION, [repr(configured)])
    known = memo.get("questions", listed) or {}
    index = index_guide(configured)
    seen: dict[str, list[Any]] = {}
    questions: list[tuple[str, str, int]] = []
    for t in sample:
        asked = [turn for turn in t.turns if turn.speaker == "interviewer"]
        key = digest(t.id, [f"{turn.number}\x1f{turn.text}" for turn in asked])
        found = known.get(key)
        if found is None:
            found = [[question, turn.number] for turn in asked if (question := _unlisted(turn, index, configured))]
        seen[key] = found
        questions += [(t.id, question, number) for question, number in found]
    if seen != known:
        memo.put("questions", listed, seen)
    return questions


def _unlisted(turn: Turn, index: GuideIndex, configured: tuple[GuideSection, ...]) -> str | None:
    """The question a turn asks, if it asks one that no configured section lists."""
    if "?" not in turn.text or turn.number == 1:
        return None
    question = question_of(turn)
    if configured and best_section(index, question)[1] >= MATCH_THRESHOLD:
        return None
    return question


def _derive(
    questions: list[tuple[str, str, int]], configured: tuple[GuideSection, ...], sampled: int
) -> tuple[GuideSection, ...]:
    # Imported here: a rebuild that finds the guide remembered never needs scikit-learn (a second to import).
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(questions) < 3:
        return configured
    vectorizer = TfidfVectorizer(stop_words=sorted(STOPWORDS), token_pattern=r"(?u)\b[a-zA-Z]{3,}\b")
    try:
        matrix = vectorizer.fit_transform([q for _, q, _ in questions])
    except ValueError:
        return configured
    # Greedy leader clustering: each question joins the first cluster it is close to.
    leaders: list[int] = []
    members: list[list[int]] = []
    for i in range(matrix.shape[0]):
        if leaders:
            sims = (matrix[leaders] @ matrix[i].T).toarray().ravel()
            best = int(np.argmax(sims))
            if sims[best] >= SIMILARITY:
                members[best].append(i)
                continue
        leaders.append(i)
        members.append([i])
    needed = max(3, MIN_SHARE * sampled)
    auto: list[tuple[float, GuideSection]] = []
    taken = {s.slug for s in configured}
    for group in members:
        interviews = {questions[i][0] for i in group}
        if len(interviews) < needed:
            continue
        # The most typical question: closest to the cluster's mean.
        centre = np.asarray(matrix[group].mean(axis=0)).ravel()
        scores = matrix[group] @ centre
        typical = [questions[group[j]][1] for j in np.argsort(-scores, kind="stable")[:3]]
        slug = _slug(typical[0], taken)
        taken.add(slug)
        position = float(np.median([questions[i][2] for i in group]))
        auto.append((position, GuideSection(slug, _title(typical[0]), tuple(typical), automatic=True)))
    # In the order the interviews ask them.
    return configured + tuple(section for _, section in sorted(auto, key=lambda a: (a[0], a[1].slug)))


def _asked(question: str) -> str:
    """The first sentence that asks something, without the acknowledgement before it."""
    sentences = re.split(r"(?<=[.!?])\s+", question.strip())
    return next((s for s in sentences if s.endswith("?")), sentences[0])


def _title(question: str) -> str:
    asked = _asked(question)
    return asked if len(asked) <= 90 else asked[:87].rsplit(" ", 1)[0] + "…"


def _slug(question: str, taken: set[str]) -> str:
    words = [w for w in _WORD.findall(_asked(question).lower()) if w not in STOPWORDS and len(w) > 2][:4]
    base = "auto-" + ("-".join(words) or "section")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
