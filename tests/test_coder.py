"""The learned sentence coder: evidence is the participant's exact sentence, the most probable first."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analyse import Analyser, summarise_interview
from generator.analyse.learned import is_conditional, load_coder
from generator.analyse.profile import default_lexicon, find_occupation
from generator.analyse.sentences import Sentence, participant_sentences
from generator.analyse.style import classify_style
from generator.config import load_config
from generator.ingest.turns import Labels, split_turns
from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Transcript
from generator.synthesise import synthesise_report

ROOT = Path(__file__).resolve().parent.parent


def transcript(text: str, tid: str = "work_9000") -> Transcript:
    return Transcript(tid, Path("inline.txt"), 1, split_turns(text, Labels()).turns)


@pytest.fixture(scope="module")
def analyser():
    return Analyser.for_config(load_config(ROOT / "content" / "study.toml"))


def test_the_shipped_model_knows_every_default_theme_and_loads_without_torch(analyser):
    import sys

    coder = load_coder()
    assert coder is not None
    assert set(coder.models) == {t.slug for t in analyser.config.codebook}
    assert "torch" not in sys.modules


def test_a_plain_statement_of_the_theme_is_coded_with_that_sentence_as_evidence(analyser):
    s = summarise_interview(
        transcript(
            "AI: How does AI fit into your work?\n\n"
            "User: I write grant reports for a food bank. AI saves me hours every week on those reports, "
            "what used to take a day now takes an hour."
        ),
        analyser,
    )
    theme = next(t for t in s.themes if t.slug == "saves-time")
    assert theme.evidence[0] == Quote(
        "AI saves me hours every week on those reports, what used to take a day now takes an hour.", 2
    )
    assert theme.scores[0] == max(theme.scores) and 0.5 < theme.scores[0] <= 1.0


def test_the_interviewers_paraphrase_is_never_evidence(analyser):
    s = summarise_interview(
        transcript(
            "AI: So it sounds like AI saves you hours every week and you worry it will take your job.\n\n"
            "User: Mm, I see.\n\n"
            "AI: And you feel colleagues judge you for using it?\n\n"
            "User: Not really."
        ),
        analyser,
    )
    assert s.themes == ()


def test_evidence_is_ranked_by_probability_and_every_quote_is_an_exact_participant_sentence(analyser):
    said = transcript(
        "AI: Tell me about checking its output.\n\n"
        "User: I use it for emails. It once invented three citations that did not exist, so now I verify "
        "every reference it gives me. Sometimes it is fine."
    )
    s = summarise_interview(said, analyser)
    participant = {x.text for x in participant_sentences(said.turns)}
    for theme in s.themes:
        assert list(theme.scores) == sorted(theme.scores, reverse=True)
        assert all(q.text in participant for q in theme.evidence)
    assert "accuracy-trust" in s.theme_slugs


@pytest.mark.parametrize(
    "text, conditional",
    [
        ("If it ever started to hallucinate badly I would stop using it.", True),
        ("Well, if I could, I would use it more.", True),
        ("If it's client data I never put it in.", False),  # a practice, not a possibility
        ("It would be nice if it were faster.", False),
    ],
)
def test_a_condition_that_states_only_what_would_follow_is_never_evidence(text, conditional):
    assert is_conditional(text) is conditional


def test_no_description_of_how_they_work_with_ai_is_unclear_not_a_silent_default():
    sentences = (Sentence("I teach history at a high school and coach the debate team.", 2, 0, 11),)
    assert classify_style(sentences, frozenset()) == ("unclear", None)


@pytest.mark.parametrize(
    "said, stated, group",
    [
        ("I am a home inspector who checks houses for buyers.", "home inspector", "trades_manufacturing_logistics"),
        ("I teach middle school science.", "teacher", "education"),
        ("I'm a high school chemistry teacher and coach.", "high school chemistry teacher", "education"),
    ],
)
def test_an_occupation_is_as_stated_and_ends_at_its_role_word(said, stated, group):
    found = find_occupation((Sentence(said, 2, 0, len(said.split())),), default_lexicon())
    assert (found.stated, found.group) == (stated, group)


def test_a_fragment_of_running_text_is_never_an_occupation():
    said = "I work in a whole then some artists maybe worried about it."
    found = find_occupation((Sentence(said, 2, 0, 12),), default_lexicon())
    assert found.stated == "not stated"


def _summary(tid: str, split: str, probability: float) -> InterviewSummary:
    quote = Quote(f"Statement of {tid}.", 2)
    return InterviewSummary(
        profile=Profile(tid, split, "teacher", "education", None),
        sections=(),
        interaction_style="mixed",
        style_evidence=None,
        themes=(CodedTheme("saves-time", (quote,), (probability,)),),
        key_quotes=(),
        turns=2,
        repairs=0,
    )


def test_lead_quotes_are_the_most_probable_spread_over_splits_in_proportion_not_the_lowest_ids():
    config = load_config(ROOT / "content" / "study.toml")
    # 30 workforce and 10 creatives interviews; the creatives sort first by id and all tie.
    members = [_summary(f"creativity_{i:04d}", "creatives", 0.9) for i in range(10)]
    members += [_summary(f"work_{i:04d}", "workforce", 0.9) for i in range(29)]
    members.append(_summary("work_0999", "workforce", 0.99))
    said = [transcript(f"AI: Hi\n\nUser: Statement of {s.id}.", s.id) for s in members]
    report = synthesise_report(members, said, config)
    quotes = next(t for t in report.themes if t.slug == "saves-time").quotes
    assert quotes[0].interview_id == "work_0999"  # the most probable leads, whatever its id
    first_eight = [q.interview_id for q in quotes[:8]]
    assert sum(i.startswith("creativity_") for i in first_eight) == 2  # a quarter, as in the study
    ties = [q.interview_id for q in quotes if q.interview_id.startswith("work_") and q.interview_id != "work_0999"]
    assert ties != sorted(ties)  # equal probabilities are not broken by id
