"""The data exports (write/exports.py) on a report of two interviews: the fields the README documents,
with the values a reader would work out by hand, and CSV cells a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
import json

from generator.models import (
    CodedTheme,
    Cooccurrence,
    EmergingTheme,
    InterviewSummary,
    Profile,
    Quote,
    Report,
    SectionSummary,
    Share,
    ThemeFinding,
    ThemeQuote,
)
from generator.write.exports import emerging_export, interviews_csv, interviews_export, themes_csv, themes_export

EDITION = "2026-11-23-0123abcd"


def report(occupation: str = "nurse", split: str = "workforce") -> Report:
    nurse = InterviewSummary(
        Profile("work_0001", split, occupation, "healthcare", Quote("I am a nurse.", 2)),
        (SectionSummary("tasks", "Tasks", (2, 4), (Quote("I chart with it.", 4),)),),
        "delegating",
        Quote("I hand it the notes.", 4),
        (CodedTheme("saves-time", (Quote("It saves me an hour.", 4), Quote("I chart with it.", 4)), (0.9, 0.6)),),
        (Quote("It saves me an hour.", 4), Quote("I am a nurse.", 2)),
        6,
        1,
    )
    teacher = InterviewSummary(
        Profile("work_0002", "workforce", "teacher", "education", None), (), "unclear", None, (), (), 4, 0
    )
    saves_time = ThemeFinding(
        "saves-time", "Saves time", "The participant says AI saves them time.", 1, 2, ("work_0001",),
        (ThemeQuote("work_0001", "It saves me an hour.", 4),), (Cooccurrence("job-security", "Job security", 1),),
        (("hour", 1.0),), Share("all", 1, 2, 9.45, 90.55),
        by_split=(Share("workforce", 1, 2, 9.45, 90.55, too_small=True),),
    )  # fmt: skip
    # One interview: its name is its only voice, and no other statement is quoted.
    charting = ThemeQuote("work_0001", "I chart.", 4)
    emerging = EmergingTheme("charting", ("charting", "notes", "shift"), 1, 2, (), name=charting)
    return Report(interviews=(nurse, teacher), themes=(saves_time,), emerging=(emerging,))


def test_interviews_json_holds_every_documented_field_of_each_interview():
    document = json.loads("".join(interviews_export(report(), EDITION)))
    assert {k: document[k] for k in ("schema_version", "edition", "N")} == {
        "schema_version": 1,
        "edition": EDITION,
        "N": 2,
    }
    assert document["interviews"][0] == {
        "id": "work_0001",
        "url": "interviews/work_0001/",
        "split": "workforce",
        "occupation": "nurse",
        "occupation_group": "healthcare",
        "interaction_style": "delegating",
        "interaction_evidence": {"text": "I hand it the notes.", "turn": 4},
        "themes": [
            {
                "slug": "saves-time",
                "evidence": [{"text": "It saves me an hour.", "turn": 4}, {"text": "I chart with it.", "turn": 4}],
                "probability": [0.9, 0.6],
            }
        ],
        "key_quotes": [{"text": "It saves me an hour.", "turn": 4}, {"text": "I am a nurse.", "turn": 2}],
        "sections": [{"slug": "tasks", "turns": [2, 4], "summary": [{"text": "I chart with it.", "turn": 4}]}],
        "turns": 6,
        "encoding_repairs": 1,
    }
    # The interview no style was described for says so; it has no evidence and no themes.
    teacher = document["interviews"][1]
    assert (teacher["interaction_style"], teacher["interaction_evidence"], teacher["themes"]) == ("unclear", None, [])


def test_interviews_json_written_a_record_at_a_time_is_the_document_json_would_write():
    text = "".join(interviews_export(report(), EDITION))
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    empty = "".join(interviews_export(Report((), ()), EDITION))
    assert json.loads(empty) == {"schema_version": 1, "edition": EDITION, "N": 0, "interviews": []}


def test_a_theme_rule_decided_without_a_probability_exports_one_per_quote():
    ruled = CodedTheme("saves-time", (Quote("It saves me an hour.", 4), Quote("I chart with it.", 4)))
    summary = report().interviews[0]
    r = Report(interviews=(InterviewSummary(summary.profile, (), "mixed", None, (ruled,), (), 6, 0),), themes=())
    [record] = json.loads("".join(interviews_export(r, EDITION)))["interviews"]
    assert record["themes"][0]["probability"] == [1.0, 1.0]


def test_themes_json_states_each_finding_with_its_denominator_interval_and_subgroups():
    document = themes_export(report(), EDITION)
    assert (document["schema_version"], document["edition"], document["N"]) == (1, EDITION, 2)
    assert document["themes"] == [
        {
            "slug": "saves-time",
            "label": "Saves time",
            "definition": "The participant says AI saves them time.",
            "url": "themes/saves-time/",
            "n": 1,
            "N": 2,
            "percent": 50.0,
            "ci95": [9.45, 90.55],
            "by_split": [{"name": "workforce", "n": 1, "N": 2, "ci95": [9.45, 90.55], "too_small": True}],
            "by_occupation_group": [],
            "interviews": ["work_0001"],
            "quotes": [{"interview_id": "work_0001", "text": "It saves me an hour.", "turn": 4}],
            "cooccurs": [{"slug": "job-security", "n": 1}],
        }
    ]


def test_emerging_json_lists_each_cluster_with_its_name_counts_and_quotes():
    assert emerging_export(report(), EDITION) == {
        "schema_version": 1,
        "edition": EDITION,
        "N": 2,
        "clusters": [
            {
                "key": "charting",
                "name": {"interview_id": "work_0001", "text": "I chart.", "turn": 4},
                "keywords": ["charting", "notes", "shift"],
                "interviews": 1,
                "sentences": 2,
                "quotes": [],
            }
        ],
    }


def test_the_csv_exports_have_the_documented_columns_and_percent_to_two_places():
    assert interviews_csv(report()) == (
        "id,split,occupation,occupation_group,interaction_style,themes,turns\n"
        "work_0001,workforce,nurse,healthcare,delegating,saves-time,6\n"
        "work_0002,workforce,teacher,education,unclear,,4\n"
    )
    thirds = ThemeFinding("x", "X", "", 1, 3, ("a",), (), (), (), Share("all", 1, 3, 6.15, 79.23))
    assert themes_csv(Report((), (thirds,))) == "slug,label,n,N,percent,interviews\nx,X,1,3,33.33,a\n"


def test_a_cell_that_would_start_a_formula_is_exported_as_text():
    rows = list(csv.reader(io.StringIO(interviews_csv(report(occupation='=HYPERLINK("http://x")', split="+1")))))
    assert rows[1][1:3] == ["'+1", '\'=HYPERLINK("http://x")']
    for occupation in ("-2+3", "@SUM(1)"):
        assert list(csv.reader(io.StringIO(interviews_csv(report(occupation)))))[1][2] == "'" + occupation
    # Numbers are numbers, not text: the turn count is not quoted.
    assert rows[1][6] == "6"
