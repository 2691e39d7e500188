"""The evaluation harness: agreement figures computed the way a methods section defines them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import ReportError
from generator.evaluate import cohen_kappa, load_hand_coding


def test_cohen_kappa_matches_a_worked_example():
    # 50 items: both yes 20, both no 15, rater A only 5, rater B only 10.
    # p_o = 0.70; p_e = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.40.
    pairs = [(True, True)] * 20 + [(False, False)] * 15 + [(True, False)] * 5 + [(False, True)] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.40)
    assert cohen_kappa([(True, True), (False, False)]) == 1.0


def test_a_hand_coding_record_missing_a_theme_names_its_line(tmp_path):
    path = tmp_path / "hand.jsonl"
    good = {
        "transcript_id": "work_0001",
        "part": "tuning",
        "occupation_group": "legal",
        "interaction_style": "mixed",
        "themes": {"saves-time": True, "job-security": False},
    }
    bad = {**good, "themes": {"saves-time": True}}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(ReportError) as e:
        load_hand_coding(path, ("saves-time", "job-security"))
    assert str(e.value) == f"{path}:2: not a valid hand-coding record ('themes.job-security'); see eval/README.md"


def test_a_theme_nobody_coded_is_not_measured_and_stays_out_of_the_macro_f1():
    from generator.evaluate import HandCode, evaluate
    from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Transcript, Turn

    def summary(tid: str, slugs: tuple[str, ...]) -> InterviewSummary:
        themes = tuple(CodedTheme(s, (Quote("Hello there.", 2),)) for s in slugs)
        return InterviewSummary(Profile(tid, "workforce", "", "legal", None), (), "mixed", None, themes, (), 2, 0)

    def transcript(tid: str) -> Transcript:
        turns = (Turn(1, "interviewer", "AI", "Hi?", 1), Turn(2, "participant", "User", "Hello there.", 3))
        return Transcript(tid, Path("t.csv"), 1, turns, ())

    codes = [
        HandCode("a", "heldout", "legal", "mixed", frozenset({"saves-time"})),
        HandCode("b", "heldout", "legal", "mixed", frozenset()),
    ]
    result = evaluate(
        codes,
        {"a": summary("a", ("saves-time",)), "b": summary("b", ())},
        {"a": transcript("a"), "b": transcript("b")},
        ("saves-time", "sycophancy"),
        "heldout",
    )
    by_slug = {t.slug: t for t in result.tool.themes}
    assert by_slug["saves-time"].f1 == 1.0
    # Agreeing that nobody mentioned it measures nothing: no 1.00 to lift the average.
    assert (by_slug["sycophancy"].precision, by_slug["sycophancy"].f1, by_slug["sycophancy"].kappa) == (
        None,
        None,
        None,
    )
    assert result.tool.macro_f1 == 1.0 and len(result.tool.measured) == 1
    assert result.coders is None


def test_a_second_coder_is_compared_with_the_first_on_the_interviews_both_coded():
    from generator.evaluate import HandCode, compare

    first = [
        HandCode("a", "tuning", "legal", "mixed", frozenset({"saves-time", "job-security"})),
        HandCode("b", "tuning", "education", "delegating", frozenset({"saves-time"})),
        HandCode("c", "heldout", "healthcare", "collaborative", frozenset()),
    ]
    # The second coder agrees on a's group and style, differs on b's group, misses one theme.
    second = {
        "a": HandCode("a", "tuning", "legal", "mixed", frozenset({"saves-time"})),
        "b": HandCode("b", "tuning", "other", "delegating", frozenset({"saves-time"})),
    }
    c = compare(first[:2], second, ("saves-time", "job-security"))
    assert c.n == 2
    assert c.group_accuracy == 0.5 and c.style_accuracy == 1.0
    by_slug = {t.slug: t for t in c.themes}
    assert (by_slug["saves-time"].f1, by_slug["job-security"].recall, by_slug["job-security"].f1) == (1.0, 0.0, 0.0)
    assert (by_slug["job-security"].reference_prevalence, by_slug["job-security"].other_prevalence) == (50.0, 0.0)


def _codes(tid_prefix: str, n: int, themed: int, style_ok: int) -> tuple[list, dict]:
    """n interviews, the first `themed` coded saves-time by the human; the other coder codes
    saves-time everywhere and agrees on style in the first `style_ok`."""
    from generator.evaluate import HandCode

    human, other = [], {}
    for i in range(n):
        tid = f"{tid_prefix}{i}"
        human.append(HandCode(tid, "heldout", "legal", "mixed", frozenset({"saves-time"} if i < themed else ())))
        style = "mixed" if i < style_ok else "delegating"
        other[tid] = HandCode(tid, "heldout", "legal", style, frozenset({"saves-time"}))
    return human, other


def test_accuracies_carry_the_published_wilson_interval():
    from generator.evaluate import compare

    human, other = _codes("i", 10, themed=5, style_ok=8)
    c = compare(human, other, ("saves-time",))
    assert c.style_accuracy == 0.8
    # Wilson 95% interval for 8 of 10, worked by hand from the formula: centre 0.7167 ± 0.2266.
    assert (round(c.style_interval.low, 3), round(c.style_interval.high, 3)) == (0.490, 0.943)
    assert (round(c.group_interval.low, 3), round(c.group_interval.high, 3)) == (0.722, 1.0)  # 10 of 10


def test_f1_and_kappa_intervals_hold_the_figure_and_narrow_with_more_interviews():
    from generator.evaluate import compare

    slugs = ("saves-time", "sycophancy")
    # Perfect agreement on 20 interviews: no resample can disagree.
    human, _ = _codes("p", 20, themed=10, style_ok=20)
    perfect = compare(human, {c.transcript_id: c for c in human}, slugs)
    assert (perfect.macro_f1_interval.low, perfect.macro_f1_interval.high) == (1.0, 1.0)
    assert (perfect.kappa_interval.low, perfect.kappa_interval.high) == (1.0, 1.0)
    # Nobody codes sycophancy: no interval, as no F1.
    assert next(t for t in perfect.themes if t.slug == "sycophancy").f1_interval is None

    # The other coder codes saves-time everywhere: precision 1/2, recall 1, F1 2/3.
    small = compare(*_codes("s", 20, themed=10, style_ok=20), slugs)
    large = compare(*_codes("l", 80, themed=40, style_ok=80), slugs)
    for c in (small, large):
        f1 = next(t for t in c.themes if t.slug == "saves-time")
        assert abs(f1.f1 - 2 / 3) < 1e-9
        assert f1.f1_interval.low < f1.f1 < f1.f1_interval.high
        assert c.kappa_interval.low <= c.pooled_kappa <= c.kappa_interval.high
    width = lambda c: c.macro_f1_interval.high - c.macro_f1_interval.low  # noqa: E731
    assert width(large) < 0.7 * width(small)
    # Seeded: the same codes give the same published interval.
    assert compare(*_codes("s", 20, themed=10, style_ok=20), slugs) == small


def test_shown_evidence_counts_as_correct_only_where_the_complete_annotation_marks_that_theme(tmp_path):
    from generator.evaluate import check_evidence, load_complete
    from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Transcript, Turn

    text = "It saves me hours. My boss would frown on it."
    turns = (Turn(1, "interviewer", "AI", "Hi?", 1), Turn(2, "participant", "User", text, 3))
    summary = InterviewSummary(
        Profile("a", "workforce", "", "legal", None),
        (),
        "mixed",
        None,
        (
            CodedTheme("saves-time", (Quote("It saves me hours.", 2),), (0.9,)),
            # The second sentence is shown for stigma, but also (wrongly) for saves-time second.
            CodedTheme(
                "social-stigma", (Quote("It saves me hours.", 2), Quote("My boss would frown on it.", 2)), (0.8, 0.7)
            ),
        ),
        (),
        2,
        0,
    )
    path = tmp_path / "complete.jsonl"
    record = {
        "transcript_id": "a",
        "occupation": "lawyer",
        "occupation_group": "legal",
        "interaction_style": "mixed",
        "sentences": {"0": ["saves-time"], "1": ["social-stigma"]},
    }
    path.write_text(json.dumps(record) + "\n")
    complete = load_complete(path, ("saves-time", "social-stigma"))
    assert complete[0].code.themes == frozenset({"saves-time", "social-stigma"})
    check = check_evidence(complete, {"a": summary}, {"a": Transcript("a", Path("t.csv"), 1, turns, ())})
    # Three quotes shown, two right; of the two lead quotes, one right (stigma's lead is a time sentence).
    assert (check.correct, check.shown, check.lead_correct, check.lead) == (2, 3, 1, 2)
    assert check.wrong == (("a", "social-stigma", "It saves me hours."),)


def test_a_complete_annotation_with_an_unknown_theme_names_its_line(tmp_path):
    from generator.evaluate import load_complete

    path = tmp_path / "complete.jsonl"
    record = {
        "transcript_id": "a",
        "occupation_group": "legal",
        "interaction_style": "mixed",
        "sentences": {"3": ["saves-tme"]},
    }
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(ReportError) as e:
        load_complete(path, ("saves-time",))
    assert str(e.value) == (
        f"{path}:1: not a valid complete-annotation record (unknown theme 'saves-tme'); see eval/README.md"
    )
