"""Align interviewer turns to the sections of the interview guide.

Each interviewer turn is compared with every guide question (cosine over content-word
stems, weighted by how rare a stem is across the guide). A turn that matches a section
well enough opens it; a turn that matches nothing is a follow-up and stays in the
current section. Participant turns belong to the section of the question they answer.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from generator.analyse.text import content_stems
from generator.config import GuideSection
from generator.models import Turn

MATCH_THRESHOLD = 0.30
# Interviews follow the guide forwards; going back to an earlier section takes a much
# closer match, so a follow-up that happens to share words with an early question stays put.
BACKWARD_THRESHOLD = 0.75


@dataclass(frozen=True)
class GuideIndex:
    sections: tuple[GuideSection, ...]
    vectors: tuple[tuple[int, dict[str, float]], ...]  # (section index, question vector)
    idf: dict[str, float]


def index_guide(sections: tuple[GuideSection, ...]) -> GuideIndex:
    docs = [(i, Counter(content_stems(q))) for i, s in enumerate(sections) for q in s.questions]
    df: Counter[str] = Counter()
    for _, bag in docs:
        df.update(set(bag))
    n = max(len(docs), 1)
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    vectors = tuple((i, _normalised({w: c * idf[w] for w, c in bag.items()})) for i, bag in docs)
    return GuideIndex(sections, vectors, idf)


def _normalised(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def best_section(index: GuideIndex, text: str) -> tuple[int, float]:
    """The guide section a question is closest to, and how close (0..1)."""
    bag = Counter(w for w in content_stems(text) if w in index.idf)
    if not bag:
        return -1, 0.0
    vec = _normalised({w: c * index.idf[w] for w, c in bag.items()})
    best, score = -1, 0.0
    for i, qvec in index.vectors:
        s = sum(v * qvec.get(w, 0.0) for w, v in vec.items())
        if s > score:
            best, score = i, s
    return best, score


def question_of(turn: Turn) -> str:
    """The question in an interviewer turn: its last paragraph, after any acknowledgement."""
    return turn.text.split("\n\n")[-1] if turn.number > 1 else turn.text


def assign_sections(turns: tuple[Turn, ...], index: GuideIndex) -> tuple[int, ...]:
    """The section index of every turn, in turn order."""
    current = 0
    out = []
    for turn in turns:
        if turn.speaker == "interviewer" and turn.text:
            # The question is usually the turn's last paragraph, after an acknowledgement.
            found, score = best_section(index, question_of(turn))
            if found >= 0 and score >= (MATCH_THRESHOLD if found >= current else BACKWARD_THRESHOLD):
                current = found
        out.append(current)
    return tuple(out)
