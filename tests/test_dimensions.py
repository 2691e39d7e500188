"""Coded dimensions beyond themes: the codebook defines them, the analysis codes each interview with the
participant's own sentences as evidence, the report counts each value with its interval, every dimension
gets a page, the exports carry the exact field names and values, and `report eval` measures them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, copy_study

from generator.agreement import Agreement, DimensionAgreement, Interval, ValueAgreement
from generator.agreement_json import agreement_to_json
from generator.analyse import Analyser, summarise_interview
from generator.analyse.cache import AnalysisCache, cache_key
from generator.analyse.dimension_coding import plan_warnings
from generator.config import Privacy, load_config
from generator.errors import ConfigError, ReportError
from generator.evaluate_dimensions import DimensionCode, compare_dimensions, load_dimension_coding
from generator.ingest import read_transcripts
from generator.models import (
    CodedDimension,
    DimensionValue,
    InterviewSummary,
    Profile,
    Quote,
    Transcript,
    Turn,
)
from generator.publication import publish
from generator.synthesise import synthesise_report
from generator.write import start_content
from generator.write.views import build_pages

# Issue 18, item 2: the field names and values data/interviews.json must carry, exactly.
DIMENSIONS = {
    "ai_uses": [
        "writing_communication", "research_information", "coding_technical", "data_analysis",
        "ideation_brainstorming", "summarising", "planning_organising", "learning_explaining", "creative_content",
        "customer_support_responses", "translation", "other",
    ],
    "sentiment": ["positive", "mixed", "negative"],
    "workplace_stance": ["supportive", "permissive_or_silent", "discouraging", "not_mentioned"],
    "future_use": ["more", "same", "less", "uncertain"],
}  # fmt: skip


def test_the_default_codebook_defines_the_four_dimensions_with_their_exact_values(config):
    assert {d.slug: list(d.value_slugs) for d in config.dimensions} == DIMENSIONS
    uses = config.dimension("ai_uses")
    assert (uses.multiple, uses.max_values) == (True, 4)
    assert [d.multiple for d in config.dimensions[1:]] == [False, False, False]
    for d in config.dimensions:
        assert d.definition and all(v.definition for v in d.values)


# --- The codebook's [[dimension]] tables: mistakes are refused naming the dimension and the fix.

THEME = '[[theme]]\nslug = "saves-time"\ndefinition = "Saves time."\ncues = ["faster"]\n'


def _codebook(study: Path, dimensions: str) -> Path:
    # The study's published figures name themes this one-theme codebook does not have.
    text = study.read_text(encoding="utf-8")
    study.write_text(text.split("[[reference]]", 1)[0], encoding="utf-8")
    codebook = study.parent / "codebook.toml"
    codebook.write_text(THEME + dimensions, encoding="utf-8")
    return codebook


def _values(*slugs: str) -> str:
    return "".join(f'[[dimension.value]]\nslug = "{s}"\ndefinition = "{s}."\n' for s in slugs)


@pytest.fixture
def study(tmp_path):
    return copy_study(tmp_path)


@pytest.mark.parametrize(
    ("dimension", "message"),
    [
        (
            '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\ndefault = "calm"\n' + _values("happy", "sad"),
            "[[dimension]] number 1 ('mood'): default 'calm' is not one of its values (happy, sad); use one of them",
        ),
        (
            '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\nmax_values = 2\n' + _values("happy", "sad"),
            "[[dimension]] number 1 ('mood'): max_values applies only to a dimension with multiple = true; "
            "remove it or set both",
        ),
        (
            '[[dimension]]\nslug = "mood-now"\ndefinition = "Mood."\n' + _values("happy", "sad"),
            "[[dimension]] number 1: slug 'mood-now' must be up to 100 lowercase letters and digits, words joined "
            "by single underscores, e.g. 'ai_uses'",
        ),
        (
            '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\n' + _values("happy"),
            "[[dimension]] number 1 ('mood') has 1 value(s); define at least two, each as a [[dimension.value]] "
            "table",
        ),
        (
            '[[dimension]]\nslug = "mood"\n' + _values("happy", "sad"),
            "[[dimension]] number 1 ('mood') has no definition; every dimension needs one, it is published on its "
            "page",
        ),
        (
            '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\n' + _values("happy", "happy"),
            "[[dimension]] number 1 ('mood'): value 'happy' is defined twice; each value needs its own slug",
        ),
    ],
    ids=["default-not-a-value", "max-values-without-multiple", "hyphen-in-slug", "one-value", "no-definition",
         "value-twice"],
)  # fmt: skip
def test_a_mistaken_dimension_is_refused_naming_it_and_the_fix(study, dimension, message):
    codebook = _codebook(study, dimension)
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{codebook}: {message}"


def test_a_mistyped_value_key_gets_did_you_mean_with_what_the_key_does(study):
    codebook = _codebook(
        study, '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\n' + _values("happy", "sad") + 'exampels = ["x"]\n'
    )
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{codebook}: unknown key 'exampels' in [[dimension]] number 1 ('mood'), [[dimension.value]] number 2 "
        "('sad'); did you mean 'examples' (example participant sentences that show the value)?"
    )


def test_max_values_must_be_a_whole_number_from_one(study):
    codebook = _codebook(
        study,
        '[[dimension]]\nslug = "mood"\ndefinition = "Mood."\nmultiple = true\nmax_values = 0\n' + _values("a", "b"),
    )
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{codebook}: [[dimension]] number 1 ('mood'): max_values = 0: must be a whole number from 1; "
        "write a whole number from 1, without quotes, e.g. max_values = 4"
    )


# --- Analysis: the trained model codes the default study's dimensions from the participant's own sentences.


@pytest.fixture(scope="module")
def seed():
    from conftest import CONFIG

    config = load_config(CONFIG)
    transcripts = read_transcripts([SEEDS], config.labels).transcripts
    analyser = Analyser.for_study(config, transcripts)
    return config, transcripts, [summarise_interview(t, analyser) for t in transcripts]


def test_every_seed_interview_is_coded_on_each_dimension_with_evidence_said_in_its_turn(seed):
    _, transcripts, summaries = seed
    for transcript, s in zip(transcripts, summaries, strict=True):
        assert [d.slug for d in s.dimensions] == list(DIMENSIONS)
        for d in s.dimensions:
            assert set(d.value_slugs) <= set(DIMENSIONS[d.slug]), d
            assert 1 <= len(d.values) <= (4 if d.slug == "ai_uses" else 1)
            for v in d.values:
                assert len(v.evidence) == len(v.scores) <= 3
                for q in v.evidence:
                    turn = next(t for t in transcript.turns if t.number == q.turn)
                    assert turn.speaker == "participant" and q.text in turn.text


def test_the_analysis_cache_keeps_the_dimensions_and_its_key_follows_the_dimension_model(seed, tmp_path):
    config, transcripts, summaries = seed
    cache = AnalysisCache(tmp_path)
    key = cache_key(transcripts[0], config.analysis_fingerprint(config.split_of(transcripts[0].id)))
    cache.put(key, summaries[0])
    assert AnalysisCache(tmp_path).get(key, transcripts[0]) == summaries[0]

    # The key follows the dimension model because the analysis version hashes its file
    # (tests/test_cache.py shows an edited hashed file changes the version).
    from generator.analyse.cache import ANALYSIS_SOURCES
    from generator.analyse.dimensions import MODEL_PATH

    assert any(MODEL_PATH.resolve().is_relative_to(source) for source in ANALYSIS_SOURCES)


SPREADSHEETS = "I use it to write Excel formulas."
UNKNOWN = """
[[dimension]]
slug = "tasks_named"
definition = "Tasks the participant names."
multiple = true
max_values = 2
default = "none_named"

  [[dimension.value]]
  slug = "spreadsheets"
  definition = "Working in spreadsheets: formulas, pivot tables, Excel or Google Sheets."
  examples = ["I use it to write Excel formulas."]

  [[dimension.value]]
  slug = "meetings"
  definition = "Preparing for or following up on meetings: agendas, minutes, action items."
  examples = ["It writes up the minutes of our meetings."]

  [[dimension.value]]
  slug = "none_named"
  definition = "No task named."

[[dimension]]
slug = "mood"
definition = "How they feel."
""" + _values("happy", "sad")


def _transcript(tid: str, *said: str) -> Transcript:
    turns = []
    for i, text in enumerate(said):
        turns += [
            Turn(2 * i + 1, "interviewer", "AI", "Tell me more?", 2 * i + 1),
            Turn(2 * i + 2, "participant", "User", text, 2 * i + 2),
        ]
    return Transcript(tid, Path(f"{tid}.txt"), 1, tuple(turns))


def test_a_dimension_the_model_does_not_know_is_coded_from_its_definitions_or_left_uncoded_with_a_warning(study):
    _codebook(study, UNKNOWN)
    config = load_config(study)
    analyser = Analyser.for_config(config)
    spreadsheets = summarise_interview(_transcript("a", "The weather was nice.", SPREADSHEETS), analyser)
    unrelated = summarise_interview(_transcript("b", "I walk my dog every morning."), analyser)
    # The sentence nearest a value's example, at turn 4; the single-valued "mood" is not coded at all.
    (coded,) = spreadsheets.dimensions
    assert (coded.slug, coded.value_slugs) == ("tasks_named", ("spreadsheets",))
    assert coded.values[0].evidence == (Quote(SPREADSHEETS, 4),)
    assert coded.values[0].scores == (pytest.approx(1.0, abs=1e-3),)
    # Nothing near any definition: the dimension's default, with no evidence.
    assert unrelated.dimensions == (CodedDimension("tasks_named", (DimensionValue("none_named"),)),)
    assert analyser.dimensions is not None
    warnings = plan_warnings(analyser.dimensions, "codebook.toml")
    assert len(warnings) == 2
    assert warnings[0].startswith("codebook.toml: dimension 'tasks_named' is not one the trained dimension model")
    assert "coded from its values' definitions and examples" in warnings[0]
    assert warnings[1].startswith("codebook.toml: dimension 'mood' is not one the trained dimension model knows")
    assert "left uncoded" in warnings[1]
    said = [_transcript("a", "The weather was nice.", SPREADSHEETS), _transcript("b", "I walk my dog every morning.")]
    report = synthesise_report([spreadsheets, unrelated], said, config)
    assert [(d.slug, d.coder) for d in report.dimensions] == [("tasks_named", "definitions")]


# --- Synthesis: each value's n of N with its Wilson interval, per split, and evidence quotes.


def _summary(tid: str, split: str, sentiment: str, said: str | None, score: float = 0.9) -> InterviewSummary:
    evidence = (Quote(said, 2),) if said else ()
    value = DimensionValue(sentiment, evidence, (score,) if said else (), 0.8)
    return InterviewSummary(
        Profile(tid, split, "teacher", "education", None), (), "mixed", None, (), (), 4, 0,
        dimensions=(CodedDimension("sentiment", (value,)),),
    )  # fmt: skip


def _five():
    return [
        _summary("w1", "workforce", "positive", "I love it.", 0.95),
        _summary("w2", "workforce", "positive", "It is great.", 0.6),
        _summary("w3", "workforce", "mixed", "I am of two minds."),
        _summary("c1", "creatives", "positive", "It helps me a lot.", 0.8),
        _summary("c2", "creatives", "negative", None),
    ]


def test_each_value_is_counted_with_its_interval_per_split_and_quoted_most_probable_first(config):
    report = synthesise_report(_five(), [_transcript(s.id, "x") for s in _five()], config)
    sentiment = next(d for d in report.dimensions if d.slug == "sentiment")
    positive, mixed, negative = sentiment.values
    assert (sentiment.N, sentiment.coded, sentiment.multiple) == (5, 5, False)
    # 3 of 5 and 1 of 5, 95% Wilson intervals in percent.
    assert (positive.n, positive.N, positive.share.low, positive.share.high) == (3, 5, 23.07, 88.24)
    assert (mixed.n, mixed.share.low, mixed.share.high) == (1, 3.62, 62.45)
    assert [(s.name, s.n, s.N, s.too_small) for s in positive.by_split] == [
        ("workforce", 2, 3, True),
        ("creatives", 1, 2, True),
    ]
    # The most probable evidence first, whichever split it comes from.
    assert [(q.interview_id, q.text, q.turn) for q in positive.quotes] == [
        ("w1", "I love it.", 2),
        ("c1", "It helps me a lot.", 2),
        ("w2", "It is great.", 2),
    ]
    # A value coded without a sentence (judged from the whole interview) is counted but has no quote.
    assert (negative.n, negative.interviews, negative.quotes) == (1, ("c2",), ())
    # The other dimensions were not coded in these interviews: zero of five each, never left out.
    uses = next(d for d in report.dimensions if d.slug == "ai_uses")
    assert uses.coded == 0 and all(v.n == 0 and v.N == 5 for v in uses.values)


# --- Publication: what the privacy level allows of the dimensions' evidence.


def test_aggregates_publish_the_dimension_counts_without_a_participant_sentence(config):
    transcripts = [_transcript(s.id, "I love it.") for s in _five()]
    report = synthesise_report(_five(), transcripts, config)
    published = publish(report, replace(config, privacy=Privacy(publish="aggregates"))).report
    sentiment = next(d for d in published.dimensions if d.slug == "sentiment")
    assert [v.n for v in sentiment.values] == [3, 1, 1]
    assert all(v.quotes == () for v in sentiment.values)
    assert all(v.evidence == () for s in published.interviews for d in s.dimensions for v in d.values)
    # In id order (c1, c2, w1, w2, w3): the values stay, only the sentences go.
    assert [s.dimension("sentiment").value_slugs for s in published.interviews] == [  # type: ignore[union-attr]
        ("positive",), ("negative",), ("positive",), ("positive",), ("mixed",),
    ]  # fmt: skip


def test_a_withheld_transcript_keeps_the_turns_its_dimension_evidence_quotes(config):
    transcripts = [
        _transcript(s.id, s.dimensions[0].values[0].evidence[0].text if s.id != "c2" else "Hm.") for s in _five()
    ]
    report = synthesise_report(_five(), transcripts, config)
    publication = publish(report, replace(config, privacy=Privacy(publish="summaries")))
    assert publication.excerpts["w3"][0].sentences == ("I am of two minds.",)
    assert publication.excerpts["c2"] == ()


# --- Write: the dimension page, its figure and the exports.

AGREEMENT = Agreement(
    part="test",
    tool=load_config(Path(__file__).resolve().parent.parent / "content" / "study.toml").agreement.tool,  # type: ignore[union-attr]
    dimensions=(
        DimensionAgreement("sentiment", False, 60, 0.62, Interval(0.5, 0.73), None, None, 0.21, Interval(0.0, 0.4),
                           tuple(ValueAgreement(v, None, None, None, None, 0.0, 0.0) for v in DIMENSIONS["sentiment"])),
        DimensionAgreement("future_use", False, 60, 0.85, Interval(0.75, 0.93), None, None, 0.7, Interval(0.5, 0.8),
                           ()),
        DimensionAgreement("ai_uses", True, 60, None, None, 0.68, Interval(0.6, 0.75), 0.6, Interval(0.5, 0.7),
                           (ValueAgreement("translation", 1.0, 0.5, 0.67, Interval(0.0, 1.0), 3.33, 1.67),
                            ValueAgreement("summarising", 0.5, 0.2, 0.29, Interval(0.0, 0.6), 8.33, 3.33))),
    ),
    dimensions_between_coders=(
        DimensionAgreement("sentiment", False, 28, 0.86, Interval(0.71, 0.96), None, None, 0.46, Interval(0.0, 0.87),
                           ()),
    ),
)  # fmt: skip


def _pages(config, summaries, transcripts, agreement=AGREEMENT):
    config = replace(config, agreement=agreement)
    report = synthesise_report(summaries, transcripts, config)
    publication = publish(report, config)
    return {p.url: p for p in build_pages(publication, config, {}, "2026-12-01-abcdef12")}


def test_a_dimension_below_the_target_is_marked_indicative_with_its_measured_agreement(config):
    pages = _pages(config, _five(), [_transcript(s.id, "x") for s in _five()])
    sentiment = pages["dimensions/sentiment/"].data
    assert sentiment["agreement"] == {
        "measure": "accuracy", "figure": "0.62", "interval": "0.50–0.73", "kappa": "0.21",
        "kappa_interval": "0.00–0.40", "n": 60, "indicative": True, "near_chance": False, "target": "0.80",
        "url": "methodology/#agreement",
        "between_coders": {"measure": "accuracy", "figure": "0.86", "interval": "0.71–0.96", "kappa": "0.46",
                           "kappa_interval": "0.00–0.87", "n": 28},
    }  # fmt: skip
    assert pages["dimensions/future_use/"].data["agreement"]["indicative"] is False
    uses = pages["dimensions/ai_uses/"].data
    assert (uses["agreement"]["measure"], uses["agreement"]["figure"], uses["agreement"]["indicative"]) == (
        "micro F1", "0.68", True,
    )  # fmt: skip
    by_value = {v["slug"]: v["agreement"] for v in uses["value_rows"]}
    assert by_value["translation"]["weak"] is False and by_value["summarising"]["weak"] is True
    # Without a measured agreement for the dimension, no note (as for a theme).
    assert pages["dimensions/workplace_stance/"].data["agreement"] is None
    rows = {v["slug"]: v for v in sentiment["value_rows"]}
    assert (rows["positive"]["n"], rows["positive"]["N"], rows["positive"]["percent_label"]) == (3, 5, "60%")
    assert rows["positive"]["interval"] == "95% CI 23–88%"
    assert [q["url"] for q in rows["positive"]["quotes"]] == [
        "interviews/w1/#turn-2", "interviews/c1/#turn-2", "interviews/w2/#turn-2",
    ]  # fmt: skip
    assert sentiment["by_split"]["splits"] == ["workforce", "creatives"]
    assert sentiment["headline"] == "Most often coded: Positive, in 3 of 5 interviews (60%)."


def test_every_dimension_has_a_page_a_chart_and_data_with_the_exact_fields_and_values(config, tmp_path):
    # Without a measured agreement every value is charted (tests/test_dimensions_reported.py: with one).
    config = replace(config, agreement=None)
    report = synthesise_report(_five(), [_transcript(s.id, "x") for s in _five()], config)
    with start_content(publish(report, config), config, tmp_path, "2026-12-01-abcdef12") as writing:
        writing.finish()
    for slug in DIMENSIONS:
        assert (tmp_path / "pagedata" / "dimensions" / f"{slug}.json").exists()
        for suffix in ("svg", "png", "csv"):
            assert (tmp_path / "figures" / "dimensions" / f"{slug}.{suffix}").stat().st_size > 0
    chart = (tmp_path / "figures" / "dimensions" / "sentiment.csv").read_text()
    assert chart.splitlines()[:2] == ["value,n,N,percent,ci95_low,ci95_high", "Positive,3,5,60.0,23.1,88.2"]
    records = {r["id"]: r for r in json.loads((tmp_path / "data" / "interviews.json").read_text())["interviews"]}
    assert records["w3"]["sentiment"] == "mixed"
    assert records["w3"]["ai_uses"] == [] and records["w3"]["future_use"] is None
    assert records["w3"]["dimension_evidence"]["sentiment"] == [
        {"value": "mixed", "probability": 0.8, "evidence": [{"text": "I am of two minds.", "turn": 2}],
         "evidence_probability": [0.9]},
    ]  # fmt: skip
    csv_lines = (tmp_path / "data" / "interviews.csv").read_text().splitlines()
    assert csv_lines[0].endswith(",turns,ai_uses,sentiment,workplace_stance,future_use")
    exported = json.loads((tmp_path / "data" / "dimensions.json").read_text())["dimensions"]
    assert {d["slug"]: [v["slug"] for v in d["values"]] for d in exported} == DIMENSIONS
    rows = (tmp_path / "data" / "dimensions.csv").read_text().splitlines()
    assert "sentiment,positive,Positive,study,,3,5,60.00,23.07,88.24" in rows
    assert "sentiment,positive,Positive,split,workforce,2,3,66.67,20.77,93.85" in rows


# --- Evaluation: the figures `report eval` publishes, on codes small enough to count by hand.


def _codes(**by_id: dict[str, set[str]]) -> list[DimensionCode]:
    return [DimensionCode(tid, {k: frozenset(v) for k, v in values.items()}) for tid, values in by_id.items()]


def test_accuracy_kappa_and_micro_f1_are_those_counted_by_hand(config):
    reference = _codes(
        a={"sentiment": {"positive"}, "ai_uses": {"translation"}},
        b={"sentiment": {"positive"}, "ai_uses": {"translation", "summarising"}},
        c={"sentiment": {"mixed"}, "ai_uses": {"summarising"}},
        d={"sentiment": {"mixed"}, "ai_uses": {"other"}},
    )
    tool = _codes(
        a={"sentiment": {"positive"}, "ai_uses": {"translation"}},
        b={"sentiment": {"mixed"}, "ai_uses": {"translation"}},
        c={"sentiment": {"mixed"}, "ai_uses": {"summarising", "other"}},
        d={"sentiment": {"mixed"}, "ai_uses": {"other"}},
    )
    scores = {s.slug: s for s in compare_dimensions(reference, {c.transcript_id: c for c in tool}, config.dimensions)}
    assert list(scores) == ["ai_uses", "sentiment"]
    sentiment, uses = scores["sentiment"], scores["ai_uses"]
    # 3 of 4 agree; chance agreement 0.5 x 0.25 + 0.5 x 0.75 = 0.5, so kappa (0.75 - 0.5) / 0.5 = 0.5.
    assert (sentiment.accuracy, sentiment.micro_f1) == (0.75, None)
    assert sentiment.kappa == pytest.approx(0.5)
    # 4 codes agreed, 1 extra, 1 missed: micro F1 8 / 10.
    assert (uses.accuracy, uses.micro_f1) == (None, pytest.approx(0.8))
    translation = next(v for v in uses.values if v.value == "translation")
    assert (translation.precision, translation.recall, translation.f1) == (1.0, 1.0, 1.0)
    assert next(v for v in uses.values if v.value == "data_analysis").f1 is None
    assert sentiment.accuracy_interval is not None and sentiment.accuracy_interval.low <= 0.75


def test_an_annotation_with_a_value_the_codebook_does_not_define_is_refused_at_its_line(config, tmp_path):
    path = tmp_path / "test.jsonl"
    good = {"transcript_id": "a", "ai_uses": {"other": [1]}, "sentiment": "positive",
            "workplace_stance": "supportive", "future_use": "more"}  # fmt: skip
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "transcript_id": "b", "sentiment": "glad"}) + "\n")
    with pytest.raises(ReportError) as e:
        load_dimension_coding(path, config.dimensions)
    assert str(e.value) == (
        f"{path}:2: not a valid dimension annotation (sentiment: 'glad' is not one of its values in the codebook); "
        "see eval/dimensions-guide.md"
    )


def test_the_dimension_agreement_written_is_the_agreement_the_study_reads_back(study):
    (study.parent.parent / "eval" / "agreement.json").write_text(json.dumps(agreement_to_json(AGREEMENT)))
    assert load_config(study).agreement == AGREEMENT


# --- The built site: every dimension's page, as a reader meets it.


def test_each_dimension_page_shows_its_chart_quotes_linked_to_their_turn_and_its_measured_agreement(built_site):
    from conftest import ROOT

    raw = json.loads((ROOT / "eval" / "agreement.json").read_text(encoding="utf-8"))
    measured = {d["slug"]: d for d in raw.get("dimensions", [])}
    exported = json.loads((built_site / "data" / "dimensions.json").read_text(encoding="utf-8"))["dimensions"]
    assert [d["slug"] for d in exported] == list(DIMENSIONS)
    for d in exported:
        html = (built_site / "dimensions" / d["slug"] / "index.html").read_text(encoding="utf-8")
        m = measured.get(d["slug"])
        if m and m["kappa"] < 0.2:
            # Little better than chance: the careful human coding leads; no chart, quote or figure of the coder's.
            assert f"Careful human coding of {m['n']} held-out interviews</h2>" in html
            assert f'src="../../figures/dimensions/{d["slug"]}.svg"' not in html
            assert "#turn-" not in html
            for v in m["values"]:
                n = round(v["reference_prevalence"] * m["n"] / 100)
                assert f"{n} of {m['n']} held-out interviews, careful human coding · 95% CI" in html
            continue
        assert f'src="../../figures/dimensions/{d["slug"]}.svg"' in html
        for v in d["values"]:
            for q in v["quotes"][:3]:
                if f'href="../../interviews/{q["interview_id"]}/#turn-{q["turn"]}"' not in html:
                    continue  # a value the coder does not tell reliably shows no quote
                interview = (built_site / "interviews" / q["interview_id"] / "index.html").read_text(encoding="utf-8")
                assert f'id="turn-{q["turn"]}"' in interview
        header = html[: html.index('<section aria-labelledby="chart-title">')]
        if m:
            figure, interval = (
                (m["micro_f1"], m["micro_f1_interval"]) if m["multiple"] else (m["accuracy"], m["accuracy_interval"])
            )
            assert f"{figure:.2f} ({interval[0]:.2f}–{interval[1]:.2f})" in header
            assert ("Indicative" in header) == (figure < 0.8), d["slug"]
