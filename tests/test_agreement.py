"""The Agreement model: what `report eval --write` writes is what the study configuration reads back,
and a file that is not one is refused naming the file and the key."""

from __future__ import annotations

import json

import pytest
from conftest import copy_study

from generator.agreement import Agreement, CodingAgreement, Interval, ThemeAgreement, agreement_from
from generator.config import load_config
from generator.errors import ConfigError
from generator.evaluate import HandCode, compare, evaluate


def _write(agreement: Agreement, path) -> None:
    """As the CLI's `report eval --write` does."""
    from generator.agreement_json import agreement_to_json

    path.write_text(json.dumps(agreement_to_json(agreement), indent=1) + "\n", encoding="utf-8")


def _tool_and_coders() -> Agreement:
    from pathlib import Path

    from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Transcript, Turn

    slugs = ("saves-time", "sycophancy")
    tool = {
        tid: InterviewSummary(
            Profile(tid, "workforce", "", "legal", None),
            (),
            "mixed",
            None,
            tuple(CodedTheme(s, (Quote("Hello there.", 2),)) for s in themes),
            (),
            2,
            0,
        )
        for tid, themes in (("a", ("saves-time",)), ("b", ()), ("c", ("saves-time", "sycophancy")))
    }
    turns = (Turn(1, "interviewer", "AI", "Hi?", 1), Turn(2, "participant", "User", "Hello there.", 3))
    transcripts = {tid: Transcript(tid, Path("t.csv"), 1, turns) for tid in tool}
    codes = [
        HandCode("a", "heldout", "legal", "mixed", frozenset({"saves-time"})),
        HandCode("b", "heldout", "education", "mixed", frozenset({"sycophancy"})),
        HandCode("c", "heldout", "legal", "delegating", frozenset({"saves-time"})),
    ]
    second = [
        HandCode("a", "heldout", "legal", "mixed", frozenset()),
        HandCode("c", "heldout", "legal", "mixed", frozenset({"saves-time"})),
    ]
    return agreement_from(evaluate(codes, tool, transcripts, slugs, "heldout", second))


def test_what_eval_writes_the_study_reads_back_as_an_equal_agreement(tmp_path):
    study = copy_study(tmp_path)
    written = _tool_and_coders()
    _write(written, tmp_path / "eval" / "agreement.json")
    read = load_config(study).agreement
    assert read == written
    # Two of three interviews agree on the group; figures are published to two places.
    assert read is not None and read.tool.n == 3 and read.tool.group_accuracy == 0.67
    assert read.theme("saves-time") == ThemeAgreement(
        "saves-time", 1.0, read.tool.themes[0].f1_interval, 1.0, 1.0, 1.0, 66.67, 66.67
    )
    assert read.between_coders is not None and read.between_coders.n == 2


def test_the_published_agreement_file_reads_back_unchanged(config):
    from conftest import ROOT

    from generator.agreement_json import agreement_to_json

    text = (ROOT / "eval" / "agreement.json").read_text(encoding="utf-8")
    assert config.agreement is not None
    assert json.dumps(agreement_to_json(config.agreement), indent=1) + "\n" == text


def test_a_file_written_before_intervals_were_measured_still_reads():
    from generator.agreement_json import agreement_from_json

    old = {
        "part": "heldout", "n": 10, "occupation_group_accuracy": 0.8, "interaction_style_accuracy": 0.5,
        "macro_f1": 0.6, "pooled_kappa": 0.4,
        "themes": [{"slug": "saves-time", "precision": 0.5, "recall": 1, "f1": 0.67, "kappa": 0.5,
                    "human_prevalence": 20.0, "tool_prevalence": 40.0}],
    }  # fmt: skip
    a = agreement_from_json(old)
    assert a.tool == CodingAgreement(10, 0.8, None, 0.5, None, 0.6, None, None, 0.4, None, a.tool.themes)
    assert a.tool.themes == (ThemeAgreement("saves-time", 0.67, None, 0.5, 0.5, 1.0, 20.0, 40.0),)
    assert a.between_coders is None and a.evidence_correct is None


@pytest.mark.parametrize(
    "change, complaint",
    [
        (lambda raw: raw["themes"][1].update(f1="high"), "'themes[1].f1' must be a number, got 'high'"),
        (lambda raw: raw.pop("macro_f1"), "'macro_f1' is missing"),
        (lambda raw: raw.update(macro_f1_interval=[0.5]), "'macro_f1_interval' must be [low, high] or null, got [0.5]"),
        (lambda raw: raw["between_coders"]["themes"][0].pop("slug"), "'between_coders.themes[0].slug' is missing"),
        (lambda raw: raw.update(n=-3), "'n' must be a whole number, got -3"),
    ],
)
def test_a_malformed_agreement_file_is_refused_naming_the_file_and_the_key(tmp_path, change, complaint):
    study = copy_study(tmp_path)
    path = study.parent / "../eval/agreement.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{path}: not an agreement file written by `report eval --write` ({complaint}); "
        f"run `report eval --write {path}`, or remove 'agreement' from {study}"
    )


def test_intervals_are_published_to_two_places():
    reference = [HandCode(str(i), "heldout", "legal", "mixed", frozenset({"t"} if i % 3 else set())) for i in range(9)]
    other = {c.transcript_id: c for c in reference}
    figures = agreement_from_evaluation_of(compare(reference, other, ("t",)))
    assert figures.group_accuracy_interval is not None
    low, high = figures.group_accuracy_interval.low, figures.group_accuracy_interval.high
    assert (round(low, 2), round(high, 2)) == (low, high) and high == 1.0
    assert figures.macro_f1_interval == Interval(1.0, 1.0)


def agreement_from_evaluation_of(comparison) -> CodingAgreement:
    from generator.evaluate import Evaluation

    return agreement_from(Evaluation("heldout", comparison, 0, 0)).tool
