"""Page view-models (write/views/): from a report of four interviews, what the home, theme and search
pages state, with the numbers and denominators a reader would count by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import Limits, Privacy
from generator.models import (
    CodedDimension,
    CodedTheme,
    DimensionFinding,
    DimensionValue,
    EmergingTheme,
    InterviewSummary,
    Profile,
    Quote,
    Report,
    Share,
    ThemeFinding,
    ThemeQuote,
    Transcript,
    Turn,
    ValueFinding,
)
from generator.publication import publish
from generator.write.views.home import home_page
from generator.write.views.interviews import interviews_page
from generator.write.views.search import search_page
from generator.write.views.theme import theme_page

DATE = "2026-11-23"


def interview(tid: str, split: str, occupation: str, group: str = "education", *themes: CodedTheme) -> InterviewSummary:
    return InterviewSummary(Profile(tid, split, occupation, group, None), (), "mixed", None, themes, (), 4, 0)


SAID = ThemeQuote("work_0001", "It saves me hours.", 2)


def transcript(s: InterviewSummary) -> Transcript:
    """The interviewer's greeting, then each evidence sentence as the participant's turn it is quoted from."""
    said = {q.turn: q.text for t in s.themes for q in t.evidence}
    turns = (Turn(n, "participant", "User", said[n], n) for n in sorted(said))
    return Transcript(s.id, Path(f"{s.id}.txt"), 1, (Turn(1, "interviewer", "AI", "Hi.", 1), *turns))


def report() -> Report:
    interviews = (
        interview("creativity_0001", "creatives", "painter", "arts_design_media_writing",
                  CodedTheme("saves-time", (Quote("I paint faster now.", 2),), (0.9,))),
        interview("work_0001", "workforce", "teacher", "education",
                  CodedTheme("job-security", (Quote("I worry about my job.", 6),), (0.7,)),
                  CodedTheme("saves-time", (Quote("It saves me hours.", 2), Quote("Less marking.", 4)), (0.95, 0.6))),
        interview("work_0002", "workforce", "nurse", "healthcare",
                  CodedTheme("saves-time", (Quote("Hours back every week.", 4),), (0.8,))),
        interview("work_0003", "workforce", "lawyer"),
    )  # fmt: skip
    saves_time = ThemeFinding(
        "saves-time", "AI saves time", "", 3, 4, ("creativity_0001", "work_0001", "work_0002"),
        (SAID, ThemeQuote("work_0002", "Hours back every week.", 4)), (), (), Share("all", 3, 4, 30.06, 95.44),
        by_split=(Share("workforce", 2, 3, 20.77, 93.85, too_small=True), Share("creatives", 1, 1, 20.65, 100.0, True)),
        by_group=(Share("education", 3, 4, 30.06, 95.44, too_small=True),),
    )  # fmt: skip
    # Its best quote leads saves-time, which ranks higher: job-security leads with its next one.
    job_security = ThemeFinding(
        "job-security", "Job security", "", 1, 4, ("work_0001",),
        (SAID, ThemeQuote("work_0001", "I worry about my job.", 6)), (), (), Share("all", 1, 4, 4.56, 69.94),
    )  # fmt: skip
    said = {s.id: transcript(s) for s in interviews}
    return Report(interviews=interviews, themes=(job_security, saves_time), transcripts=said)


@pytest.fixture
def study(config):
    return replace(config, privacy=Privacy(publish="full"), limits=Limits(None, 2))


def test_home_ranks_the_findings_and_states_each_as_n_of_n_with_its_interval(study):
    data = home_page(report(), study, {}, DATE).data
    assert data["N"] == 4
    assert data["splits"] == [{"name": "creatives", "n": 1}, {"name": "workforce", "n": 3}]
    first, second = data["findings"]
    assert [first["slug"], second["slug"]] == ["saves-time", "job-security"]
    assert (first["n"], first["N"], first["percent_label"], first["interval"]) == (3, 4, "75%", "95% CI 30–95%")
    assert (second["n"], second["N"], second["percent_label"], second["interval"]) == (1, 4, "25%", "95% CI 5–70%")
    assert first["headline"] == f"3 of 4 interviews (75%): {study.theme('saves-time').definition}"
    assert first["anchor"] == "finding-saves-time" and first["url"] == "themes/saves-time/"


def test_home_leads_each_finding_with_a_quote_no_higher_finding_shows(study):
    first, second = home_page(report(), study, {}, DATE).data["findings"]
    assert first["quote"] == {
        "text": "It saves me hours.",
        "interview_id": "work_0001",
        "turn": 2,
        "url": "interviews/work_0001/#turn-2",
    }
    assert second["quote"]["text"] == "I worry about my job."


def test_home_has_no_beyond_the_codebook_section_when_nothing_clustered_beyond_it(study):
    assert home_page(report(), study, {}, DATE).data["emerging"] is None
    cluster = EmergingTheme("marking", ("marking", "hours"), 2, 3, (SAID,))
    with_one = home_page(replace(report(), emerging=(cluster,)), study, {}, DATE).data["emerging"]
    assert with_one == {"url": "themes/emerging/", "count": 1}


def test_a_theme_page_states_its_figure_subgroups_and_who_said_its_quotes(study):
    publication = publish(report(), study)
    data = theme_page(publication.report.themes[1], publication, study, {}, DATE).data
    assert (data["n"], data["N"], data["percent"], data["percent_label"]) == (3, 4, 75, "75%")
    assert [(s["name"], s["n"], s["N"], s["percent_label"], s["too_small"]) for s in data["by_split"]] == [
        ("workforce", 2, 3, "67%", True),
        ("creatives", 1, 1, "100%", True),
    ]
    assert [(g["name"], g["n"], g["N"]) for g in data["by_group"]] == [("Education", 3, 4)]
    assert [(q["text"], q["occupation"]) for q in data["quotes"]] == [
        ("It saves me hours.", "teacher"),
        ("Hours back every week.", "nurse"),
    ]
    assert [(i["id"], i["occupation"]) for i in data["interviews"]] == [
        ("creativity_0001", "painter"),
        ("work_0001", "teacher"),
        ("work_0002", "nurse"),
    ]


def test_a_theme_page_lists_each_coded_interview_with_its_best_sentence_split_and_group(study):
    publication = publish(report(), study)
    data = theme_page(publication.report.themes[1], publication, study, {}, DATE).data
    assert [(i["id"], i["url"], i["split"], i["group_label"], i["evidence"]) for i in data["interviews"]] == [
        ("creativity_0001", "interviews/creativity_0001/", "creatives", "Arts, design, media and writing",
         {"text": "I paint faster now.", "turn": 2, "url": "interviews/creativity_0001/#turn-2"}),
        # The coding's first sentence, not its others: the one its interview's page shows first.
        ("work_0001", "interviews/work_0001/", "workforce", "Education",
         {"text": "It saves me hours.", "turn": 2, "url": "interviews/work_0001/#turn-2"}),
        ("work_0002", "interviews/work_0002/", "workforce", "Healthcare",
         {"text": "Hours back every week.", "turn": 4, "url": "interviews/work_0002/#turn-4"}),
    ]  # fmt: skip
    # The filters offer what is in the list, each with how many it holds; groups in the order of their words.
    assert data["interview_filters"] == {
        "splits": [
            {"value": "creatives", "label": "creatives", "n": 1},
            {"value": "workforce", "label": "workforce", "n": 2},
        ],
        "groups": [
            {"value": "arts_design_media_writing", "label": "Arts, design, media and writing", "n": 1},
            {"value": "education", "label": "Education", "n": 1},
            {"value": "healthcare", "label": "Healthcare", "n": 1},
        ],
    }  # fmt: skip
    other = theme_page(publication.report.themes[0], publication, study, {}, DATE).data
    assert [(i["id"], i["evidence"]["text"]) for i in other["interviews"]] == [("work_0001", "I worry about my job.")]


def test_an_interview_whose_coding_was_removed_is_not_listed(study):
    # What a reviewer's rejection leaves: the interview without the coding (generator/review/apply.py).
    r = report()
    work_0002 = replace(r.interviews[2], themes=())
    r = replace(r, interviews=(*r.interviews[:2], work_0002, r.interviews[3]))
    publication = publish(r, study)
    data = theme_page(publication.report.themes[1], publication, study, {}, DATE).data
    assert [i["id"] for i in data["interviews"]] == ["creativity_0001", "work_0001"]
    assert [g["value"] for g in data["interview_filters"]["groups"]] == ["arts_design_media_writing", "education"]


def test_at_the_summaries_level_each_listed_sentence_is_in_what_its_interview_page_shows(study):
    summaries = replace(study, privacy=Privacy(publish="summaries"))
    publication = publish(report(), summaries)
    assert publication.report.transcripts == {}  # no transcript in full: the interview pages show excerpts
    for f in publication.report.themes:
        for i in theme_page(f, publication, summaries, {}, DATE).data["interviews"]:
            shown = {(e.turn, text) for e in publication.excerpts[i["id"]] for text in e.sentences}
            assert (i["evidence"]["turn"], i["evidence"]["text"]) in shown


def test_at_the_aggregates_level_a_theme_page_keeps_its_figures_and_names_no_interview(study):
    aggregates = replace(study, privacy=Privacy(publish="aggregates"))
    publication = publish(report(), aggregates)
    data = theme_page(publication.report.themes[1], publication, aggregates, {}, DATE).data
    assert (data["n"], data["N"], data["percent_label"]) == (3, 4, "75%")
    assert data["quotes"] == [] and data["interviews"] == []
    assert data["interview_filters"] == {"splits": [], "groups": []}
    assert "hours" not in str(data).lower() and "work_0001" not in str(data)


def test_the_search_page_says_how_many_interviews_the_index_holds(study):
    data = search_page(publish(report(), study)).data
    assert (data["interviews_indexed"], data["N"], data["quotes"]) == (2, 4, True)


def _value(slug: str, label: str, n: int) -> ValueFinding:
    return ValueFinding(slug, label, "", n, 4, Share("all", n, 4, 0.0, 100.0), (), ())


def _coded(interview: InterviewSummary, themes: tuple[str, ...], **dimensions: tuple[str, ...]) -> InterviewSummary:
    return replace(
        interview,
        themes=tuple(CodedTheme(slug, ()) for slug in themes),
        dimensions=tuple(CodedDimension(d, tuple(DimensionValue(v) for v in vs)) for d, vs in dimensions.items()),
    )


def test_the_interviews_index_has_every_interview_with_what_its_filters_and_sorting_read():
    base = report()
    first, second, third, fourth = base.interviews
    feeling = DimensionFinding(
        "sentiment", "Overall feeling", "", False, 4, 3,
        (_value("positive", "Positive", 1), _value("mixed", "Mixed", 0), _value("negative", "Negative", 2)),
    )  # fmt: skip
    uses = DimensionFinding(
        "ai_uses", "What AI is used for", "", True, 4, 2,
        (_value("writing", "Writing", 2), _value("coding", "Coding", 1)),
    )  # fmt: skip
    interviews = (
        _coded(first, ("saves-time", "job-security"), sentiment=("negative",), ai_uses=("coding", "writing")),
        _coded(second, ("saves-time",), sentiment=("positive",), ai_uses=("writing",)),
        _coded(third, (), sentiment=("negative",)),
        _coded(fourth, ()),
    )
    labels = {"saves-time": "AI saves time", "job-security": "Job security"}
    data = interviews_page(replace(base, interviews=interviews, dimensions=(feeling, uses)), labels).data

    rows = data["interviews"]
    assert [r["id"] for r in rows] == ["creativity_0001", "work_0001", "work_0002", "work_0003"]
    assert [(d["slug"], d["label"], d["multiple"]) for d in data["dimensions"]] == [
        ("sentiment", "Overall feeling", False),
        ("ai_uses", "What AI is used for", True),
    ]
    assert data["dimensions"][0]["value_labels"] == {"positive": "Positive", "mixed": "Mixed", "negative": "Negative"}
    assert [r["dimensions"] for r in rows] == [[["negative"], ["coding", "writing"]], [["positive"], ["writing"]],
                                              [["negative"], []], [[], []]]  # fmt: skip
    # A single value sorts in the codebook's order (positive, mixed, negative), nothing coded last;
    # a list of values does not sort.
    assert [r["ranks"] for r in rows] == [[2, None], [0, None], [2, None], [3, None]]
    assert [(r["themes"], r["themes_n"]) for r in rows] == [
        (["saves-time", "job-security"], 2),
        (["saves-time"], 1),
        ([], 0),
        ([], 0),
    ]
    assert data["themes"]["job-security"] == {"label": "Job security", "url": "themes/job-security/"}
    assert (rows[0]["split"], rows[0]["group"], rows[0]["style"]) == ("creatives", "arts_design_media_writing", "mixed")
    assert (data["groups"]["education"], data["styles"]["mixed"]) == ("Education", "mixed")

    def offered(group: str) -> dict[str, list[str]]:
        return {f["name"]: [o["value"] for o in f["options"]] for f in data["filters"][group]}

    # Groups in the order of their names: "Arts, design, media and writing", "Education", "Healthcare".
    assert offered("profile") == {
        "split": ["creatives", "workforce"],
        "group": ["arts_design_media_writing", "education", "healthcare"],
    }
    # Only values some interview has: no interview was coded "mixed"; themes ranked as the report ranks them.
    assert offered("coded") == {
        "style": ["mixed"],
        "theme": ["saves-time", "job-security"],
        "dim-sentiment": ["positive", "negative"],
        "dim-ai_uses": ["writing", "coding"],
    }
    assert [f["tokens"] for f in data["filters"]["coded"]] == [False, True, False, True]


def test_the_interviews_index_marks_a_dimension_its_coder_cannot_tell_as_not_reliable():
    """A column whose coder agreed with careful coding little better than chance says so, as its page does."""
    base = report()
    feeling = DimensionFinding("sentiment", "Overall feeling", "", False, 4, 3, (_value("positive", "Positive", 3),))
    uses = DimensionFinding("ai_uses", "What AI is used for", "", True, 4, 2, (_value("writing", "Writing", 2),))
    labels = {"saves-time": "AI saves time", "job-security": "Job security"}
    data = interviews_page(replace(base, dimensions=(feeling, uses)), labels, frozenset({"sentiment"})).data
    assert [(d["slug"], d["reliable"]) for d in data["dimensions"]] == [("sentiment", False), ("ai_uses", True)]
