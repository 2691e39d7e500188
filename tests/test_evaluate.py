"""The evaluation harness: agreement figures computed the way a methods section defines them."""

from __future__ import annotations

import json

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
