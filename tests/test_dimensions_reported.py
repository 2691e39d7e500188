"""Coded dimensions report only what the coder can tell: a value is coded only with a participant sentence
that shows it (else the annotation guide's "nothing said" value), and a dimension or value whose coder
agreed with careful coding little better than chance is not presented as a finding anywhere."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from generator.agreement import Agreement, DimensionAgreement, Interval, ValueAgreement
from generator.analyse.dimensions import DimensionCoder, DimensionModel, ValueModel
from generator.analyse.embed import load_embedder
from generator.analyse.sentences import participant_sentences
from generator.models import CodedDimension, DimensionValue, InterviewSummary, Profile, Quote, Transcript, Turn
from generator.publication import publish
from generator.synthesise import synthesise_report
from generator.write import start_content
from generator.write.views import build_pages

# --- The coder: no value without a sentence that shows it.

SAID = ("My manager never talks about it.", "I use it every day for e-mails.", "It saves me an hour.")


def _transcript(tid: str, *said: str) -> Transcript:
    turns = []
    for i, text in enumerate(said):
        turns += [
            Turn(2 * i + 1, "interviewer", "AI", "Tell me more?", 2 * i + 1),
            Turn(2 * i + 2, "participant", "User", text, 2 * i + 2),
        ]
    return Transcript(tid, Path(f"{tid}.txt"), 1, tuple(turns))


def _flat(bias: float, threshold: float = 0.5) -> ValueModel:
    """A sentence model giving every sentence the same probability: 0.99 at bias 5 (shows the value), 0.01 at -5."""
    return ValueModel(np.zeros(2 * load_embedder().dim), bias, threshold)


def _code(model: DimensionModel) -> tuple:
    transcript = _transcript("a", *SAID)
    sentences = participant_sentences(transcript.turns)
    turns = {t.number: t.text for t in transcript.turns if t.speaker == "participant"}
    return DimensionCoder({model.slug: model}, "test").code(sentences, turns)[model.slug]


STANCE = ("supportive", "permissive_or_silent", "discouraging", "not_mentioned")


def _stance(discouraging_bias: float) -> DimensionModel:
    # The interview model all but always picks "discouraging": only evidence can stop it.
    classes = ("discouraging", "not_mentioned", "permissive_or_silent", "supportive")
    return DimensionModel(
        "workplace_stance", False, 1, STANCE,
        {"supportive": _flat(-5), "permissive_or_silent": _flat(-5), "discouraging": _flat(discouraging_bias)},
        default="not_mentioned", decision="multinomial", classes=classes,
        coef=np.zeros((4, 6)), intercept=np.array([10.0, 0.0, 0.0, 0.0]),
    )  # fmt: skip


def test_a_value_no_sentence_shows_gives_way_to_the_guides_no_statement_value():
    (coded,) = _code(_stance(-5))
    # No sentence reaches "discouraging"'s threshold: "not mentioned", with nothing quoted.
    assert (coded.value, coded.evidence) == ("not_mentioned", ())
    (coded,) = _code(_stance(5))
    # With sentences that show it, the value the interview model prefers, quoting them.
    assert coded.value == "discouraging"
    assert len(coded.evidence) == len(SAID)


FUTURE = ("more", "same", "less", "uncertain")


def test_a_value_too_rare_to_model_is_never_coded_and_no_evidence_means_not_said():
    # "less" has no sentence model (too few annotated examples), so nothing can show it.
    model = DimensionModel(
        "future_use", False, 1, FUTURE, {"more": _flat(-5), "same": _flat(-5), "uncertain": _flat(-5)},
        default="uncertain", decision="evidence",
    )  # fmt: skip
    assert [(c.value, c.probability, c.evidence) for c in _code(model)] == [("uncertain", None, ())]
    stronger = replace(model, sentence_models={**model.sentence_models, "same": _flat(5)})
    assert [c.value for c in _code(stronger)] == ["same"]


def test_without_a_no_statement_value_an_interview_no_sentence_decides_is_left_uncoded():
    sentiment = DimensionModel(
        "sentiment", False, 1, ("positive", "mixed", "negative"),
        {"positive": _flat(-5), "mixed": _flat(-5), "negative": _flat(-5)}, decision="evidence",
    )  # fmt: skip
    assert _code(sentiment) == ()
    # Several values: none is forced on an interview in which no sentence shows one.
    uses = DimensionModel(
        "ai_uses", True, 4, ("writing_communication", "other"),
        {"writing_communication": _flat(-5, 0.8), "other": _flat(-5, 0.8)},
    )  # fmt: skip
    assert _code(uses) == ()


# --- Reporting: a coder little better than chance gives no finding.


def _summary(tid: str, split: str, sentiment: str, said: str, score: float = 0.9) -> InterviewSummary:
    stance = DimensionValue("permissive_or_silent", (Quote("Nobody minds.", 4),), (0.8,), 0.7)
    return InterviewSummary(
        Profile(tid, split, "teacher", "education", None), (), "mixed", None, (), (), 4, 0,
        dimensions=(
            CodedDimension("sentiment", (DimensionValue(sentiment, (Quote(said, 2),), (score,), 0.8),)),
            CodedDimension("workplace_stance", (stance,)),
        ),
    )  # fmt: skip


def _five() -> list[InterviewSummary]:
    return [
        _summary("w1", "workforce", "positive", "I love it.", 0.95),
        _summary("w2", "workforce", "positive", "It is great.", 0.6),
        _summary("w3", "workforce", "mixed", "I am of two minds."),
        _summary("c1", "creatives", "positive", "It helps me a lot."),
        _summary("c2", "creatives", "negative", "I dislike it."),
    ]


def _transcripts() -> list[Transcript]:
    return [_transcript(s.id, s.dimensions[0].values[0].evidence[0].text, "Nobody minds.") for s in _five()]


def _value(value: str, precision: float, recall: float, reference: float, tool: float) -> ValueAgreement:
    return ValueAgreement(value, precision, recall, None, None, reference, tool)


# Careful coding of 60 held-out interviews: sentiment 44 positive, 14 mixed, 2 negative; stance 17
# supportive (the tool none of them), 14 permissive (the tool 21, 9 of them the same interviews).
SENTIMENT_VALUES = (
    _value("positive", 0.76, 0.7, 73.33, 68.33),
    _value("mixed", 0.32, 0.43, 23.33, 31.67),
    _value("negative", 0.0, 0.0, 3.33, 0.0),
)
# The same counts, with the tool agreeing on nearly all of them.
SENTIMENT_AGREED = (
    _value("positive", 0.95, 0.95, 73.33, 73.33),
    _value("mixed", 0.85, 0.85, 23.33, 23.33),
    _value("negative", 1.0, 1.0, 3.33, 3.33),
)
STANCE_VALUES = (
    _value("supportive", 0.0, 0.0, 28.33, 0.0),
    _value("permissive_or_silent", 0.43, 0.64, 23.33, 35.0),
    _value("discouraging", 0.0, 0.0, 8.33, 5.0),
    _value("not_mentioned", 0.61, 0.92, 40.0, 60.0),
)


def _agreement(config, sentiment_kappa: float) -> Agreement:
    return Agreement(
        part="test",
        tool=config.agreement.tool,
        dimensions=(
            DimensionAgreement("sentiment", False, 60, 0.62, Interval(0.5, 0.73), None, None, sentiment_kappa,
                               Interval(0.0, 0.3), SENTIMENT_VALUES if sentiment_kappa < 0.5 else SENTIMENT_AGREED),
            DimensionAgreement("workplace_stance", False, 60, 0.52, Interval(0.38, 0.63), None, None, 0.28,
                               Interval(0.15, 0.42), STANCE_VALUES),
        ),
    )  # fmt: skip


def _pages(config, agreement: Agreement) -> dict:
    config = replace(config, agreement=agreement)
    publication = publish(synthesise_report(_five(), _transcripts(), config), config)
    return {p.url: p for p in build_pages(publication, config, {}, "2026-12-01-abcdef12")}


def test_a_dimension_near_chance_leads_with_the_careful_human_coding_and_shows_no_coder_finding(config):
    page = _pages(config, _agreement(config, 0.1))["dimensions/sentiment/"].data
    assert page["reliable"] is False
    assert page["headline"] == (
        "In careful human coding of 60 held-out interviews, the most common value was Positive: 44 of 60 (73%)."
    )
    # n of N with 95% Wilson intervals, counted and worked out by hand; counts only, no interview named.
    assert [(r["label"], r["n"], r["N"], r["percent_label"], r["interval"]) for r in page["human"]["rows"]] == [
        ("Positive", 44, 60, "73%", "95% CI 61–83%"),
        ("Mixed", 14, 60, "23%", "95% CI 14–35%"),
        ("Negative", 2, 60, "3%", "95% CI 1–11%"),
    ]
    assert "interview_id" not in json.dumps(page["human"])
    # The coder's own counts stay (marked on the page), but nothing presents them as a finding.
    assert [v["n"] for v in page["value_rows"]] == [3, 1, 1]
    assert all(v["quotes"] == [] and not v["reliable"] for v in page["value_rows"])
    assert (page["chart"], page["by_split"]) == (None, None)


def test_the_same_dimension_above_chance_reports_the_coders_counts_with_their_quotes(config):
    page = _pages(config, _agreement(config, 0.7))["dimensions/sentiment/"].data
    assert (page["reliable"], page["human"]) == (True, None)
    assert page["headline"] == "Most often coded: Positive, in 3 of 5 interviews (60%)."
    positive = page["value_rows"][0]
    assert (positive["n"], positive["N"], positive["reliable"]) == (3, 5, True)
    assert [q["url"] for q in positive["quotes"]] == [
        "interviews/w1/#turn-2", "interviews/c1/#turn-2", "interviews/w2/#turn-2",
    ]  # fmt: skip
    assert page["by_split"]["splits"] == ["workforce", "creatives"]


def test_a_value_told_near_chance_shows_the_human_count_and_stays_out_of_the_headline(config):
    pages = _pages(config, _agreement(config, 0.1))
    stance = pages["dimensions/workplace_stance/"].data
    rows = {v["slug"]: v for v in stance["value_rows"]}
    # Supportive: the tool gave it in none of the 17 held-out interviews careful coding did (kappa 0).
    assert rows["supportive"]["reliable"] is False and rows["supportive"]["quotes"] == []
    assert (rows["supportive"]["human"]["n"], rows["supportive"]["human"]["interval"]) == (17, "95% CI 19–41%")
    assert rows["supportive"]["agreement"]["kappa"] == "0.00"
    # Permissive: kappa (43/60 - 0.58) / 0.42 = 0.33 by hand, so it is reported with its quote.
    assert rows["permissive_or_silent"]["reliable"] is True and rows["permissive_or_silent"]["human"] is None
    assert rows["permissive_or_silent"]["agreement"]["kappa"] == "0.33"
    assert [q["text"] for q in rows["permissive_or_silent"]["quotes"]] == ["Nobody minds."] * 3
    assert stance["headline"] == (
        "Of the values the coder tells reliably, most often coded: Permissive or silent, in 5 of 5 interviews (100%)."
    )
    assert [r["label"] for r in stance["by_split"]["rows"]] == ["Permissive or silent", "Not mentioned"]
    # The interview page keeps the value, marked: the sentences are the participant's own words.
    interview = pages["interviews/w1/"].data
    sentiment = next(d for d in interview["dimensions"] if d["label"] == "Overall feeling about AI at work")
    assert sentiment["reliable"] is False and sentiment["coded"][0]["label"] == "Positive"
    assert sentiment["coded"][0]["evidence"][0]["text"] == "I love it."


def test_home_and_summary_cite_no_dimension_near_chance(config):
    pages = _pages(config, _agreement(config, 0.1))
    home = pages[""].data
    listed = {d["label"]: d for d in home["dimensions"]}
    assert listed["Overall feeling about AI at work"]["reliable"] is False
    assert listed["Overall feeling about AI at work"]["headline"] is None
    assert listed["How the workplace treats AI use"]["headline"].startswith("Of the values the coder tells reliably")
    said = " ".join(s["text"] for s in home["summary"])
    assert not any(word in said for word in ("Positive", "feeling", "Mixed", "Negative"))
    # Above chance, the home page names its most common value.
    listed = {d["label"]: d for d in _pages(config, _agreement(config, 0.7))[""].data["dimensions"]}
    assert listed["Overall feeling about AI at work"]["headline"] == (
        "Most often coded: Positive, in 3 of 5 interviews (60%)."
    )


def test_the_data_export_keeps_every_dimension_field_whatever_its_reliability(config, tmp_path):
    config = replace(config, agreement=_agreement(config, 0.1))
    publication = publish(synthesise_report(_five(), _transcripts(), config), config)
    with start_content(publication, config, tmp_path, "2026-12-01-abcdef12") as writing:
        writing.finish()
    records = {r["id"]: r for r in json.loads((tmp_path / "data" / "interviews.json").read_text())["interviews"]}
    assert {k: records["w3"][k] for k in ("ai_uses", "sentiment", "workplace_stance", "future_use")} == {
        "ai_uses": [], "sentiment": "mixed", "workplace_stance": "permissive_or_silent", "future_use": None,
    }  # fmt: skip
    # No chart of a coder little better than chance; another's leaves out the values it cannot tell.
    assert not (tmp_path / "figures" / "dimensions" / "sentiment.csv").exists()
    chart = (tmp_path / "figures" / "dimensions" / "workplace_stance.csv").read_text().splitlines()
    assert [line.split(",")[0] for line in chart[1:]] == ["Permissive or silent", "Not mentioned"]


def test_the_shipped_coder_never_codes_a_value_it_had_too_few_examples_to_learn(config):
    report = synthesise_report(_five(), _transcripts(), config)
    uncodable = {d.slug: d.uncodable for d in report.dimensions}
    # eval/dimensions/train.jsonl: 3 interviews expect to use AI less, 2 use it for translation.
    assert uncodable["future_use"] == ("less",) and uncodable["ai_uses"] == ("translation",)
    assert uncodable["workplace_stance"] == ()
