"""Interaction style (analyse/style.py) on answers of a sentence or two: each outcome, and the rules of
the coding guide that decide between them."""

from __future__ import annotations

import pytest

from generator.analyse.sentences import Sentence
from generator.analyse.style import classify_style, direct_answers
from generator.models import Quote, Turn

ASKED = "Do you tend to collaborate with AI back and forth, or delegate whole tasks to it?"


def said(*sentences: str, turn: int = 2) -> tuple[Sentence, ...]:
    return tuple(Sentence(text, turn, i, len(text.split())) for i, text in enumerate(sentences))


def answered(*sentences: str) -> tuple[tuple[Sentence, ...], tuple[Turn, ...]]:
    """The sentences as the answer (turn 2) to the direct question (turn 1)."""
    turns = (Turn(1, "interviewer", "AI", ASKED, 1), Turn(2, "participant", "User", " ".join(sentences), 3))
    return said(*sentences), turns


@pytest.mark.parametrize(
    ("sentences", "style", "evidence"),
    [
        (
            ("I usually go back and forth with it, refining the draft over several rounds.",),
            "collaborative",
            "I usually go back and forth with it, refining the draft over several rounds.",
        ),
        (
            ("I mostly hand the whole task off and take the output as is.",),
            "delegating",
            "I mostly hand the whole task off and take the output as is.",
        ),
        (
            ("A little of both, really.", "For essays I brainstorm with it."),
            "mixed",
            "For essays I brainstorm with it.",
        ),
        (("I use it for lesson plans and grading rubrics.",), "unclear", None),
    ],
    ids=["collaborative", "delegating", "mixed", "unclear"],
)
def test_each_style_with_the_sentence_that_shows_it(sentences, style, evidence):
    spoken, turns = answered(*sentences)
    assert classify_style(spoken, frozenset(), turns) == (style, Quote(evidence, 2) if evidence else None)


def test_the_direct_answer_outweighs_the_rest_of_the_interview():
    direct = said("I delegate whole tasks to it.", turn=2)
    rest = said("We brainstorm a lot.", "I refine drafts with it.", turn=6)
    assert classify_style(direct + rest, frozenset({2}))[0] == "delegating"
    # With nothing said either way in the direct answer, the rest of the interview decides.
    silent = said("Good question.", turn=2)
    assert classify_style(silent + rest, frozenset({2}))[0] == "collaborative"


def test_what_they_usually_do_outweighs_what_they_sometimes_do():
    spoken = said("I usually delegate whole tasks.", "Sometimes I brainstorm with it.")
    assert classify_style(spoken, frozenset({2}))[0] == "delegating"


def test_a_denied_mode_counts_for_the_other_side():
    assert classify_style(said("I never delegate whole tasks to it."), frozenset({2}))[0] == "collaborative"


@pytest.mark.parametrize(
    "sentence",
    [
        "My students use it to brainstorm essays.",  # someone else's practice
        "I would love to delegate more of my paperwork someday.",  # a wish
        "I collaborate with my colleagues on lesson plans.",  # working with people, not with AI
    ],
    ids=["someone-else", "wish", "with-people"],
)
def test_what_is_not_their_own_practice_with_ai_counts_for_neither_side(sentence):
    assert classify_style(said(sentence), frozenset({2})) == ("unclear", None)


def test_the_direct_question_is_found_wherever_it_falls_in_the_interview():
    turns = (
        Turn(1, "interviewer", "AI", "What do you do?", 1),
        Turn(2, "participant", "User", "I teach.", 3),
        Turn(3, "interviewer", "AI", ASKED, 5),
        Turn(4, "participant", "User", "Mostly the second.", 7),
        Turn(5, "interviewer", "AI", "Do you collaborate with colleagues?", 9),
        Turn(6, "participant", "User", "Yes.", 11),
    )
    assert direct_answers(turns) == frozenset({4})
