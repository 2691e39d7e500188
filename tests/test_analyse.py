"""Analysis: evidence is the participant's exact words; the interviewer's never count."""

from __future__ import annotations

import random

import pytest
from conftest import SEEDS, WORKFORCE, needs_corpus

from generator.analyse import Analyser, summarise_interview
from generator.analyse.sentences import split_sentences
from generator.ingest import read_transcripts
from generator.ingest.turns import Labels, split_turns
from generator.models import InterviewSummary, Transcript


def transcript(text: str, tid: str = "work_9000") -> Transcript:
    from pathlib import Path

    return Transcript(tid, Path("inline.txt"), 1, split_turns(text, Labels()).turns)


@pytest.fixture(scope="module")
def analyser(config):
    return Analyser.for_config(config)


def all_quotes(s: InterviewSummary):
    yield from s.key_quotes
    for t in s.themes:
        yield from t.evidence
    for sec in s.sections:
        yield from sec.sentences
    if s.style_evidence:
        yield s.style_evidence
    if s.profile.occupation_evidence:
        yield s.profile.occupation_evidence


def assert_quotes_are_exact(s: InterviewSummary, transcript: Transcript) -> None:
    assert s.id == transcript.id
    turns = {t.number: t for t in transcript.turns}
    for q in all_quotes(s):
        turn = turns[q.turn]
        assert turn.speaker == "participant", (s.id, q)
        assert q.text in turn.text, (s.id, q)


def test_every_quote_of_the_seed_study_is_an_exact_substring_of_its_participant_turn(config, analyser):
    for t in read_transcripts([SEEDS], config.labels).transcripts:
        s = summarise_interview(t, analyser)
        assert_quotes_are_exact(s, t)
        assert 2 <= len(s.key_quotes) <= 4


@needs_corpus()
@pytest.mark.corpus
def test_every_quote_of_a_corpus_sample_is_exact(config, analyser):
    transcripts = read_transcripts([WORKFORCE], config.labels).transcripts
    for t in random.Random(7).sample(transcripts, 120):
        assert_quotes_are_exact(summarise_interview(t, analyser), t)


def test_the_interviewers_paraphrase_is_never_evidence(analyser):
    s = summarise_interview(
        transcript(
            "AI: It sounds like AI saves you a lot of time and you worry it could replace your job?\n\n"
            "User: Yes.\n\nAI: And you double-check everything because of hallucinations?\n\nUser: Right."
        ),
        analyser,
    )
    assert s.themes == ()


def test_negated_and_hypothetical_statements_are_not_coded(analyser):
    s = summarise_interview(
        transcript(
            "AI: Any worries about the future?\n\n"
            "User: I don't worry that AI will replace my job at all. "
            "If it ever started to hallucinate badly I would stop using it."
        ),
        analyser,
    )
    assert "job-security" not in s.theme_slugs
    assert "accuracy-trust" not in s.theme_slugs


def test_a_plain_statement_is_coded_with_its_sentence_and_turn(analyser):
    s = summarise_interview(
        transcript(
            "AI: How does AI fit into your workday?\n\n"
            "User: I'm a paralegal at a small firm. Honestly it saves me hours every week on first drafts.\n\n"
            "AI: Any concerns?\n\nUser: It once made up a case citation, so now I verify every reference myself."
        ),
        analyser,
    )
    evidence = {t.slug: [(q.turn, q.text) for q in t.evidence] for t in s.themes}
    assert evidence["saves-time"] == [(2, "Honestly it saves me hours every week on first drafts.")]
    assert (4, "It once made up a case citation, so now I verify every reference myself.") in evidence["accuracy-trust"]
    assert s.profile.occupation == "paralegal"
    assert s.profile.occupation_group == "legal"


def test_split_comes_from_the_id_prefix(analyser):
    text = "AI: How do you use it?\n\nUser: I draft lesson plans for my students with it."
    assert summarise_interview(transcript(text, "creativity_0001"), analyser).profile.split == "creatives"
    assert summarise_interview(transcript(text, "work_0001"), analyser).profile.split == "workforce"
    assert summarise_interview(transcript(text, "misc_1"), analyser).profile.split == "other"


def test_section_summaries_skip_filler_answers(config, analyser):
    t = next(t for t in read_transcripts([SEEDS], config.labels).transcripts if t.id == "work_0079")
    s = summarise_interview(t, analyser)
    intro = next(sec for sec in s.sections if sec.slug == "introduction")
    assert intro.sentences == ()  # "No, let's begin!" says nothing about the study's questions
    tasks = next(sec for sec in s.sections if sec.slug == "tasks")
    assert tasks.turns == (3, 4) and tasks.sentences


def test_sentences_are_split_without_breaking_abbreviations():
    text = "I use it for notes, e.g. pasting drafts in. It helps! Does it? Yes - etc. and more."
    assert list(split_sentences(text)) == [
        "I use it for notes, e.g. pasting drafts in.",
        "It helps!",
        "Does it?",
        "Yes - etc. and more.",
    ]


def _interview(tid: str, follow_up: str) -> Transcript:
    return transcript(
        "AI: Does that sound good? Any questions before we begin?\n\nUser: No, let's start.\n\n"
        "AI: Great. Which musical instruments do you practise with AI accompaniment?\n\n"
        "User: Mostly the cello, with generated backing tracks.\n\n"
        f"AI: {follow_up}\n\nUser: It depends on the piece.",
        tid,
    )


def test_a_recurring_question_the_guide_does_not_list_becomes_an_automatic_section(config):
    from dataclasses import replace

    from generator.analyse.guide import derive_guide

    study = replace(config, guide=config.guide[:1])
    transcripts = [
        _interview("x_1", "Why is that tempo hard?"),
        _interview("x_2", "Was the harmony surprising?"),
        _interview("x_3", "How do the dynamics feel?"),
    ]
    guide = derive_guide(transcripts, study.guide)
    assert [s.slug for s in guide] == ["introduction", "auto-musical-instruments-practise-accompaniment"]
    assert guide[1].automatic and guide[1].title == "Which musical instruments do you practise with AI accompaniment?"
    analyser = Analyser.for_study(study, transcripts)
    s = summarise_interview(transcripts[0], analyser)
    assert [(sec.slug, sec.turns) for sec in s.sections] == [
        ("introduction", (1, 2)),
        ("auto-musical-instruments-practise-accompaniment", (3, 4, 5, 6)),
    ]


def test_the_automatic_sections_are_remembered_for_the_same_questions_only(config, tmp_path, monkeypatch):
    from dataclasses import replace

    from generator.analyse import guide as guides
    from generator.memo import Memo

    study = replace(config, guide=config.guide[:1])
    transcripts = [_interview(f"x_{i}", q) for i, q in enumerate(("Why?", "Which key?", "How loud?"))]
    first = guides.derive_guide(transcripts, study.guide, Memo(tmp_path))
    assert len(first) == 2  # an automatic section was found, so there is something to remember

    def no_derivation(*args):
        raise AssertionError("derived again although no question changed")

    monkeypatch.setattr(guides, "_derive", no_derivation)
    assert guides.derive_guide(transcripts, study.guide, Memo(tmp_path)) == first
    with pytest.raises(AssertionError, match="derived again"):
        guides.derive_guide(transcripts[:2], study.guide, Memo(tmp_path))


def test_adding_an_interview_matches_only_its_own_questions_to_the_guide(config, tmp_path, monkeypatch):
    from dataclasses import replace

    from generator.analyse import guide as guides
    from generator.memo import Memo

    study = replace(config, guide=config.guide[:1])
    transcripts = [_interview(f"x_{i}", q) for i, q in enumerate(("Why?", "Which key?", "How loud?", "Which hall?"))]
    cold = guides.derive_guide(transcripts, study.guide)
    guides.derive_guide(transcripts[:3], study.guide, Memo(tmp_path))
    matched = []
    unlisted = guides._unlisted
    monkeypatch.setattr(guides, "_unlisted", lambda turn, *rest: matched.append(turn) or unlisted(turn, *rest))
    assert guides.derive_guide(transcripts, study.guide, Memo(tmp_path)) == cold
    assert matched and all(any(turn is own for own in transcripts[3].turns) for turn in matched)


@needs_corpus()
@pytest.mark.corpus
def test_the_creatives_protocol_is_recovered_from_a_guide_that_lists_none_of_it(config):
    from dataclasses import replace

    from conftest import CREATIVES

    from generator.analyse.guide import derive_guide

    transcripts = read_transcripts([CREATIVES], config.labels).transcripts
    guide = derive_guide(transcripts, replace(config, guide=config.guide[:1]).guide)
    titles = " | ".join(s.title.lower() for s in guide[1:])
    for topic in ("creative work", "concerns", "looking ahead", "changed the most"):
        assert topic in titles


@needs_corpus()
@pytest.mark.corpus
def test_the_creatives_study_with_its_own_guide_fills_every_section():
    from collections import Counter

    from conftest import CREATIVES, ROOT

    from generator.config import load_config

    study = load_config(ROOT / "examples" / "creatives" / "study.toml")
    transcripts = read_transcripts([CREATIVES], study.labels).transcripts
    analyser = Analyser.for_study(study, transcripts)
    counts = Counter(sec.slug for t in transcripts for sec in summarise_interview(t, analyser).sections)
    # Every protocol section is found in at least 90% of the 125 interviews.
    assert {s.slug for s in study.guide} <= {slug for slug, n in counts.items() if n >= 0.9 * len(transcripts)}


@pytest.mark.parametrize(
    ("statement", "group"),
    [
        # Titles from the general taxonomy: the longest matching words decide.
        ("I'm a pharmacy technician at a chain store.", "healthcare"),
        ("I'm a physical therapist in a rehab clinic.", "healthcare"),
        ("I'm a therapist in private practice.", "community_social_service"),
        ("I currently work as a software engineer.", "computer_it_data"),
        ("I'm an engineering manager.", "management"),
        ("I work as a marketing manager.", "marketing_sales"),
        ("I'm an office manager at a dental practice.", "office_admin"),
        ("I'm a chemistry teacher.", "education"),
        ("I'm a house painter.", "trades_manufacturing_logistics"),
        ("I'm a claims adjuster.", "business_finance"),
        ("I'm a flight attendant.", "trades_manufacturing_logistics"),
        ("I'm a landscaper.", "other"),
        # Self-descriptions in the middle of a sentence.
        ("Honestly, I, as a social worker, keep case notes by hand.", "community_social_service"),
        ("But as a mediator, I draft agreements every week.", "legal"),
        # "As a" anywhere, when nothing more explicit is said.
        ("It helps in lots of ways as a mental health therapist, mostly with notes.", "community_social_service"),
    ],
)
def test_a_stated_occupation_is_grouped_by_the_coding_guide(analyser, statement, group):
    s = summarise_interview(transcript(f"AI: Tell me about your work.\n\nUser: {statement}"), analyser)
    assert s.profile.occupation_group == group


def test_a_metaphorical_driver_is_no_occupation(analyser):
    text = "AI: Tell me about your work.\n\nUser: I am still the driver of the development process."
    assert summarise_interview(transcript(text), analyser).profile.occupation == "not stated"


def test_a_tool_used_as_an_assistant_is_no_occupation(analyser):
    text = "AI: Tell me about your work.\n\nUser: Mostly I treat it as an assistant that drafts my emails for me."
    assert summarise_interview(transcript(text), analyser).profile.occupation == "not stated"


def test_worry_about_other_peoples_skills_is_skill_erosion_but_reported_worry_is_not(analyser):
    # The definition covers "their own or others' skills": other people as the subject is the
    # participant's own worry; other people's views reported are not.
    own = "AI: Any concerns?\n\nUser: I think many people will lose their writing skills because of these tools."
    reported = "AI: Any concerns?\n\nUser: Some colleagues say people will lose their writing skills, I disagree."
    assert "skill-erosion" in summarise_interview(transcript(own), analyser).theme_slugs
    assert "skill-erosion" not in summarise_interview(transcript(reported), analyser).theme_slugs
