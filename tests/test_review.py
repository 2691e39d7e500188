"""Review decisions (generator/review/): read and checked at file:line, found by sentence text, applied as the
codings of record, teaching the coder, and reported on the site."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, SEEDS, copy_study

from generator.analyse import Analyser, summarise_interview
from generator.config import load_config
from generator.errors import InvalidInputError
from generator.ingest import read_transcripts
from generator.memo import Memo
from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Transcript, Turn
from generator.pipeline import check_inputs
from generator.publication import publish
from generator.review.apply import apply_decisions
from generator.review.decisions import Decision, read_decisions
from generator.review.match import locate
from generator.review.stage import apply_reviews, prepare_reviews
from generator.synthesise import synthesise_report
from generator.write.views import build_pages

EPOCH = "1795392000"
# A participant sentence of the seed study (work_0487, turn 16) that shows job security, which the coder
# does not code there.
JOB_SENTENCE = (
    "I feel like social media management-as far as overseeing community groups, pages, etc. are pretty safe "
    "right now due to a lot of companies and organizations, specifically mine, wanting that human interaction "
    "and oversight."
)
REJECT = {"decision": "reject", "interview": "work_0085", "theme": "sycophancy", "reviewer": "Zebedee Quill"}
ADD = {
    "decision": "add",
    "interview": "work_0487",
    "theme": "job-security",
    "turn": 16,
    "sentence": JOB_SENTENCE,
    "reviewer": "Zebedee Quill",
}


def write(folder: Path, name: str, *lines: dict | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = "".join((x if isinstance(x, str) else json.dumps({"date": "2026-12-01", **x})) + "\n" for x in lines)
    path.write_text(text, encoding="utf-8")
    return path


# --- Reading: every malformed line a problem at its file and line, with the fix.


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes at column 2); write one "
         'object a line, e.g. {"decision": "reject", "interview": "work_0079", "theme": "saves-time", "turn": 12, '
         '"sentence": "...", "reviewer": "ana", "date": "2026-12-01"}'),
        ('{"decision": "accept", "interview": "w", "theme": "t", "reviewr": "ana", "date": "2026-12-01"}',
         "unknown field 'reviewr'; did you mean 'reviewer'?"),
        ('{"decision": "approve", "interview": "w", "theme": "t", "reviewer": "ana", "date": "2026-12-01"}',
         'decision "approve" is not one of accept, reject, add, set; write e.g. "decision": "accept"'),
        ('{"decision": "accept", "interview": "w", "theme": "t", "reviewer": "ana", "date": "1/12/2026"}',
         "date '1/12/2026' is not a date written YYYY-MM-DD; write e.g. \"date\": \"2026-12-01\""),
        ('{"decision": "accept", "interview": "w", "theme": "t", "reviewer": " ", "date": "2026-12-01"}',
         'reviewer " " is not text; write e.g. "reviewer": "ana"'),
        ('{"decision": "add", "interview": "w", "theme": "t", "reviewer": "ana", "date": "2026-12-01"}',
         "an add decision without a sentence; give the sentence that shows the theme (and its turn)"),
        ('{"decision": "reject", "interview": "w", "theme": "t", "turn": 3, "reviewer": "ana", "date": "2026-12-01"}',
         "a turn without a sentence; add the sentence the decision is about, or leave out the turn"),
        ('{"decision": "set", "interview": "w", "field": "style", "value": "x", "reviewer": "a", "date": "2026-12-01"}',
         "field 'style' cannot be set; use one of interaction_style, occupation, occupation_group or "
         "dimension:<slug>"),
    ],
    ids=["not-json", "misspelt-field", "unknown-decision", "bad-date", "blank-reviewer", "add-without-sentence",
         "turn-without-sentence", "unknown-field"],
)  # fmt: skip
def test_a_malformed_line_is_a_problem_at_its_file_and_line(tmp_path, line, message):
    path = write(tmp_path, "ana.jsonl", "# Ana's decisions", "", line)
    decisions, problems = read_decisions(tmp_path)
    assert decisions == ()
    assert [str(p) for p in problems] == [f"{path}:3: {message}"]


def test_files_are_read_in_sorted_order_and_comments_and_blank_lines_skipped(tmp_path):
    write(tmp_path, "bo.jsonl", {**REJECT, "reviewer": "bo"})
    write(tmp_path, "ana.jsonl", "# first", "", {**REJECT, "reviewer": "ana"})
    (tmp_path / "notes.txt").write_text("not decisions")
    decisions, problems = read_decisions(tmp_path)
    assert problems == ()
    assert [(d.reviewer, d.source.name, d.line) for d in decisions] == [("ana", "ana.jsonl", 3), ("bo", "bo.jsonl", 1)]


def test_a_study_without_a_reviews_folder_has_no_decisions(tmp_path):
    assert read_decisions(tmp_path / "reviews") == ((), ())


# --- Locating: by sentence text, surviving renumbered turns; what is not found is a problem.


def transcript(*turns: tuple[int, str]) -> Transcript:
    return Transcript(
        "int_1",
        Path("t.txt"),
        1,
        tuple(Turn(n, "participant" if n % 2 == 0 else "interviewer", "User", text, n) for n, text in turns),
    )


INTERVIEW = transcript(
    (1, "What do you use AI for?"),
    (2, "I draft my reports with it. It saves me hours every week."),
    (3, "Anything else?"),
    (4, "I never paste client data into it. It saves me hours every week."),
)


def decision(**fields) -> Decision:
    base = {"decision": "accept", "interview": "int_1", "reviewer": "ana", "date": "2026-12-01", "theme": "saves-time"}
    return Decision(Path("r.jsonl"), 7, **{**base, **fields})


def test_a_sentence_is_found_in_its_turn_or_in_the_one_turn_that_now_holds_it(config):
    found, problems = locate(
        [
            decision(turn=2, sentence="I draft my reports with it."),
            # The transcript's turns were renumbered since: the sentence is now in turn 4 only.
            decision(turn=6, sentence="I never paste client data into it."),
            # In two turns, but the decision names one of them.
            decision(turn=4, sentence="It saves me hours every week."),
        ],
        [INTERVIEW],
        config.codebook,
    )
    assert problems == ()
    assert [x.quote for x in found] == [
        Quote("I draft my reports with it.", 2),
        Quote("I never paste client data into it.", 4),
        Quote("It saves me hours every week.", 4),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"turn": 2, "sentence": "I use it every day."},
         'the sentence "I use it every day." is not in turn 2 of interview int_1, nor in any other participant '
         "turn; copy the sentence as the report shows it now, or delete the line if the interview changed"),
        ({"sentence": "What do you use AI for?"},
         'the sentence "What do you use AI for?" is not in interview int_1; copy the sentence as the report shows '
         "it now, or delete the line if the interview changed"),
        ({"turn": 6, "sentence": "It saves me hours every week."},
         'the sentence "It saves me hours every week." is not in turn 6 of interview int_1 but in its turns 2 and '
         "4; give the turn it is in"),
        ({"interview": "int_2"},
         "interview 'int_2' is not among the transcripts read; did you mean 'int_1'? check the id, or delete the "
         "line if the interview left the study"),
        ({"theme": "saves-tme"}, "theme 'saves-tme' is not in the codebook; did you mean 'saves-time'?"),
        ({"decision": "set", "theme": None, "field": "interaction_style", "value": "friendly"},
         "interaction_style 'friendly' is not a value the report knows; use one of collaborative, delegating, "
         "mixed, unclear"),
        ({"decision": "set", "theme": None, "field": "dimension:sentiment", "value": "positive"},
         "the study codes no dimension 'sentiment'; define it in the codebook, or delete the line"),
    ],
    ids=["stale-sentence", "interviewer-sentence", "ambiguous-sentence", "unknown-interview", "unknown-theme",
         "unknown-style", "unknown-dimension"],
)  # fmt: skip
def test_a_decision_that_does_not_fit_the_inputs_is_a_problem_at_its_line(config, fields, message):
    found, problems = locate([decision(**fields)], [INTERVIEW], config.codebook)
    assert found == ()
    assert [str(p) for p in problems] == [f"r.jsonl:7: {message}"]


# --- Applying: the codings of record.


def summary(*themes: CodedTheme) -> InterviewSummary:
    return InterviewSummary(Profile("int_1", "other", "nurse", "healthcare", None), (), "mixed", None, themes, (), 4, 0)


ORDER = ["saves-time", "privacy-confidentiality"]
DRAFT, CLIENT, HOURS = (
    Quote("I draft my reports with it.", 2),
    Quote("I never paste client data into it.", 4),
    Quote("It saves me hours every week.", 2),
)


def applied(s: InterviewSummary, *decisions: Decision) -> InterviewSummary:
    found, problems = locate(decisions, [INTERVIEW], load_config(CONFIG).codebook)
    assert problems == ()
    [out], problems = apply_decisions([s], found, ORDER)
    assert problems == ()
    return out


def test_an_added_sentence_codes_the_theme_with_it_first_and_marks_the_coding_reviewed():
    coded = CodedTheme("saves-time", (HOURS,), (0.91,))
    out = applied(
        summary(coded),
        decision(decision="add", theme="privacy-confidentiality", turn=4, sentence=CLIENT.text),
        decision(decision="add", turn=2, sentence=DRAFT.text, reviewer="bo"),
    )
    assert [(t.slug, t.evidence, t.scores, t.reviewers) for t in out.themes] == [
        ("saves-time", (DRAFT, HOURS), (1.0, 0.91), ("bo",)),
        ("privacy-confidentiality", (CLIENT,), (1.0,), ("ana",)),
    ]


def test_a_rejected_sentence_is_no_evidence_and_a_coding_left_without_any_is_gone():
    coded = CodedTheme("saves-time", (HOURS, DRAFT), (0.95, 0.91))
    one = applied(summary(coded), decision(decision="reject", turn=2, sentence=HOURS.text))
    assert [(t.evidence, t.scores) for t in one.themes] == [((DRAFT,), (0.91,))]
    both = applied(
        summary(coded),
        decision(decision="reject", turn=2, sentence=HOURS.text),
        decision(decision="reject", turn=2, sentence=DRAFT.text),
    )
    assert both.themes == ()


def test_decisions_on_one_coding_apply_in_order_and_a_later_one_on_the_same_sentence_wins():
    coded = CodedTheme("saves-time", (HOURS,), (0.95,))
    readded = applied(
        summary(coded), decision(decision="reject"), decision(decision="add", turn=2, sentence=DRAFT.text)
    )
    assert [t.evidence for t in readded.themes] == [(DRAFT,)]
    rejected = applied(
        summary(coded), decision(decision="add", turn=2, sentence=DRAFT.text), decision(decision="reject")
    )
    assert rejected.themes == ()
    changed_mind = applied(
        summary(coded),
        decision(decision="reject", turn=2, sentence=HOURS.text),
        decision(decision="accept", turn=2, sentence=HOURS.text, reviewer="bo"),
    )
    # Both looked at it; the later decision stands.
    assert [(t.evidence, t.reviewers) for t in changed_mind.themes] == [((HOURS,), ("ana", "bo"))]


def test_accepting_a_whole_coding_the_coder_did_not_make_is_a_problem():
    found, _ = locate([decision()], [INTERVIEW], load_config(CONFIG).codebook)
    _, problems = apply_decisions([summary()], found, ORDER)
    assert [str(p) for p in problems] == [
        "r.jsonl:7: theme 'saves-time' is not coded in interview int_1, so there is no coding to accept; add it "
        'with "decision": "add" and the sentence that shows it, or delete the line'
    ]


def test_a_set_decision_corrects_the_profile_without_evidence():
    s = replace(summary(), style_evidence=HOURS)
    out = applied(
        s,
        decision(decision="set", theme=None, field="interaction_style", value="delegating"),
        decision(decision="set", theme=None, field="occupation_group", value="education"),
    )
    assert (out.interaction_style, out.style_evidence, out.profile.occupation_group) == (
        "delegating",
        None,
        "education",
    )
    assert out.reviewed_fields == (("interaction_style", ("ana",)), ("occupation_group", ("ana",)))


# --- The build: decisions change figures and pages; stale ones stop it at file:line.


def seed_study(root: Path, *decisions: dict) -> Path:
    config = copy_study(root)
    if decisions:
        write(config.parent / "reviews", "zebedee.jsonl", *decisions)
    return config


def build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    args = ["build", "--input", str(SEEDS), "--output", str(out), "--config", str(config), "--executor", "serial"]
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env)


def findings(site: Path) -> dict[str, int]:
    return {t["slug"]: t["n"] for t in json.loads((site / "data" / "themes.json").read_text())["themes"]}


def digest(root: Path) -> dict[str, str]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def reviewed_sites(tmp_path_factory, built_site):
    """The seed study built without decisions, and twice (in two processes, cold) with one coding
    rejected and one added."""
    root = tmp_path_factory.mktemp("reviewed")
    config = seed_study(root / "study", REJECT, ADD)
    first, second = build(config, root / "a"), build(config, root / "b")
    for result in (first, second):
        assert result.returncode == 0, result.stderr
    return built_site, root / "a", root / "b"


def test_a_rejected_and_an_added_coding_change_the_findings_by_exactly_those(reviewed_sites):
    plain, site, _ = reviewed_sites
    before, after = findings(plain), findings(site)
    assert after == {**before, "sycophancy": before["sycophancy"] - 1, "job-security": before["job-security"] + 1}
    themes = {t["slug"]: t for t in json.loads((site / "data" / "themes.json").read_text())["themes"]}
    assert "work_0085" not in themes["sycophancy"]["interviews"]
    assert {"interview_id": "work_0487", "text": JOB_SENTENCE, "turn": 16} in themes["job-security"]["quotes"]


def test_the_added_sentence_is_evidence_and_the_finding_says_it_was_reviewed(reviewed_sites):
    _, site, _ = reviewed_sites
    page = (site / "themes" / "job-security" / "index.html").read_text()
    assert JOB_SENTENCE.replace("'", "&#39;") in page
    assert "1 of 1 coding reviewed, by 1 reviewer." in " ".join(page.split())
    home = " ".join((site / "index.html").read_text().split())
    assert "1 of 1 coding reviewed, by 1 reviewer." in home
    interview = " ".join((site / "interviews" / "work_0487" / "index.html").read_text().split())
    assert "Reviewed by 1 person." in interview and JOB_SENTENCE in interview


def test_a_themes_list_of_coded_interviews_follows_the_review(reviewed_sites):
    plain, site, _ = reviewed_sites

    def listed(root: Path, slug: str) -> str:
        """The theme's list of coded interviews as HTML, "" where it has none."""
        page = (root / "themes" / slug / "index.html").read_text()
        start = page.find('id="coded"')
        return "" if start < 0 else " ".join(page[start : page.index("</ul>", start)].split())

    # The rejected coding is gone from the list as from the count; the added one is there, its
    # reviewer's sentence as its evidence, linked to the turn it was added from.
    assert 'href="../../interviews/work_0085/"' in listed(plain, "sycophancy")
    assert "work_0085" not in listed(site, "sycophancy")
    assert listed(plain, "job-security") == ""
    said = JOB_SENTENCE.replace("'", "&#39;")
    assert (
        f'<q>{said}</q> <span><a href="../../interviews/work_0487/">work_0487</a>, '
        '<a href="../../interviews/work_0487/#turn-16">turn 16</a>'
    ) in listed(site, "job-security")


def test_the_methodology_page_gives_the_coders_precision_as_reviewers_judged_it(reviewed_sites):
    _, site, _ = reviewed_sites
    text = " ".join((site / "methodology" / "index.html").read_text().split())
    assert "2 decisions by 1 reviewer, on 2 interviews" in text
    # Reviewers looked at one coding the coder made (sycophancy in work_0085) and kept none of it.
    assert (
        "Reviewers accepted or rejected 1 coding (a theme in an interview). "
        "Of the 1 the coder had made, they kept 0 (0%" in text
    )
    assert "Reviewers also coded a theme in 1 interview where the coder had not." in text


def test_reviewer_names_are_not_published_by_default(reviewed_sites):
    _, site, _ = reviewed_sites
    assert not [p for p in site.rglob("*") if p.is_file() and b"Zebedee" in p.read_bytes()]


def test_the_refit_is_deterministic_two_cold_builds_are_byte_identical(reviewed_sites):
    _, first, second = reviewed_sites
    assert digest(first) == digest(second)


def test_a_stale_decision_stops_the_build_at_its_file_and_line(tmp_path, capsys):
    config = seed_study(tmp_path, REJECT, {**ADD, "sentence": "I use it every day."})
    out = tmp_path / "site"
    from generator import cli

    code = cli.main(["build", "--input", str(SEEDS), "--output", str(out), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        f'{config.parent / "reviews" / "zebedee.jsonl"}:2: the sentence "I use it every day." is not in turn 16 '
        "of interview work_0487, nor in any other participant turn; copy the sentence as the report shows it now, "
        "or delete the line if the interview changed"
    ) in " ".join(err.split())
    assert not out.exists()
    # `report check` finds it too, without analysing anything.
    good, problems = check_inputs([SEEDS], config)
    assert good == 5 and [p.line for p in problems] == [2]


def test_with_skip_invalid_a_stale_decision_is_left_out_and_listed(tmp_path, capsys):
    config = seed_study(tmp_path, {**ADD, "interview": "work_9999"}, REJECT)
    from generator import cli

    out = tmp_path / "site"
    code = cli.main(["build", "--input", str(SEEDS), "--output", str(out), "--config", str(config), "--skip-invalid"])
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert code == 0
    assert "Reviews 1 decision(s) by 1 reviewer(s) on 1 interview(s)" in " ".join(captured.out.split())
    assert "Skipped 1 invalid input(s):" in err
    assert "zebedee.jsonl:1: interview 'work_9999' is not among the transcripts read" in err
    themes = {t["slug"]: t for t in json.loads((out / "data" / "themes.json").read_text())["themes"]}
    assert "work_0085" not in themes["sycophancy"]["interviews"]


# --- Publication: names only where the study publishes them; notes never.


def seed_pages(tmp_path: Path, publish_reviewers: bool, *decisions: dict) -> dict[str, dict]:
    """Every page's data for the seed study with these decisions, through the build's own stages."""
    study = seed_study(tmp_path, *decisions)
    config = replace(load_config(study), publish_reviewers=publish_reviewers)
    transcripts = read_transcripts([SEEDS], config.labels).transcripts
    analyser = Analyser.for_study(config, transcripts)
    reviews = prepare_reviews(analyser, transcripts, Memo(None))
    reviewed = apply_reviews(reviews, [summarise_interview(t, reviews.analyser) for t in transcripts])
    report = replace(synthesise_report(reviewed.summaries, transcripts, config), review=reviewed.summary)
    return {page.url: page.data for page in build_pages(publish(report, config), config, {})}


NOTE = {**REJECT, "note": "Quill-note: she jokes here"}
STYLE = {"decision": "set", "interview": "work_0803", "field": "interaction_style", "value": "collaborative",
         "reviewer": "Ana Ortiz"}  # fmt: skip


def test_published_names_say_who_reviewed_each_coding(tmp_path):
    pages = seed_pages(tmp_path, True, NOTE, ADD, STYLE)
    interview = pages["interviews/work_0487/"]
    assert next(t for t in interview["themes"] if t["slug"] == "job-security")["review"] == {
        "reviewers": 1,
        "names": ["Zebedee Quill"],
    }
    assert pages["interviews/work_0803/"]["corrected"] == {"interaction_style": ["Ana Ortiz"]}
    assert pages["interviews/work_0803/"]["interaction_style"] == "collaborative"
    assert pages["methodology/"]["review"]["by_reviewer"] == [
        {"name": "Ana Ortiz", "decisions": 1},
        {"name": "Zebedee Quill", "decisions": 2},
    ]
    assert "Quill-note" not in json.dumps(pages)


def test_unpublished_names_leave_only_counts(tmp_path):
    pages = seed_pages(tmp_path, False, NOTE, ADD, STYLE)
    text = json.dumps(pages)
    assert "Zebedee" not in text and "Ortiz" not in text and "Quill-note" not in text
    interview = pages["interviews/work_0487/"]
    assert next(t for t in interview["themes"] if t["slug"] == "job-security")["review"] == {
        "reviewers": 1,
        "names": [],
    }
    assert pages["methodology/"]["review"]["reviewers"] == 2


def keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in keys(v)}
    return set()


def test_a_study_without_decisions_has_pages_as_before(tmp_path):
    pages = seed_pages(tmp_path, False)
    assert not keys(pages) & {"review", "corrected"}


def test_invalid_decisions_raise_every_problem_at_once(tmp_path, config):
    study = seed_study(tmp_path, {**REJECT, "theme": "nope"}, {**ADD, "turn": 2, "sentence": "Gone."})
    transcripts = read_transcripts([SEEDS], config.labels).transcripts
    analyser = Analyser.for_study(load_config(study), transcripts)
    with pytest.raises(InvalidInputError) as e:
        prepare_reviews(analyser, transcripts, Memo(None))
    assert [p.line for p in e.value.problems] == [1, 2]
