"""Synthesis: prevalence with honest intervals, subgroup splits, and stable ordering."""

from __future__ import annotations

import pytest

from generator.models import ThemeQuote
from generator.synthesise import MIN_GROUP, wilson


@pytest.mark.parametrize(
    ("n", "N", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, table I: Wilson score intervals.
        (81, 263, 25.53, 36.62),
        (15, 148, 6.24, 16.05),
        (0, 20, 0.0, 16.11),
        (1, 29, 0.61, 17.18),
    ],
)
def test_wilson_interval_matches_published_values(n, N, low, high):
    share = wilson("all", n, N)
    assert share.low == pytest.approx(low, abs=0.01)
    assert share.high == pytest.approx(high, abs=0.01)


def test_small_groups_are_marked_too_small_to_compare():
    assert wilson("g", 1, MIN_GROUP - 1).too_small
    assert not wilson("g", 1, MIN_GROUP).too_small


def test_emerging_themes_are_uncoded_participant_words_and_deterministic(config):
    from conftest import SEEDS

    from generator.analyse import Analyser, summarise_interview
    from generator.ingest import read_transcripts
    from generator.synthesise.emerging import find_emerging

    analyser = Analyser.for_config(config)
    summaries = [summarise_interview(t, analyser) for t in read_transcripts([SEEDS], config.labels).transcripts]
    first, second = find_emerging(summaries), find_emerging(list(reversed(summaries)))
    assert first and first == second
    by_id = {s.id: s for s in summaries}
    transcripts = {t.id: t for t in read_transcripts([SEEDS], config.labels).transcripts}
    for cluster in first:
        assert cluster.interviews <= len(summaries) and len(cluster.keywords) >= 3
        # Named by one of its statements: a participant's exact words, from the turn it links to.
        assert cluster.name and cluster.name.text in {q.text for q in by_id[cluster.name.interview_id].statements}
        assert cluster.name.interview_id not in {q.interview_id for q in cluster.quotes}
        for q in (cluster.name, *cluster.quotes):
            s = by_id[q.interview_id]
            turn = next(t for t in transcripts[s.id].turns if t.number == q.turn)
            assert turn.speaker == "participant" and q.text in turn.text
            assert all(q.text not in {e.text for e in t.evidence} for t in s.themes)


def test_emerging_themes_fitted_on_a_sample_still_count_every_statement_in_any_input_order(config, monkeypatch):
    # A study too large to cluster whole: k-means sees a sample, every statement still lands in a cluster.
    from conftest import SEEDS

    from generator.analyse import Analyser, summarise_interview
    from generator.ingest import read_transcripts
    from generator.synthesise import emerging

    analyser = Analyser.for_config(config)
    summaries = [summarise_interview(t, analyser) for t in read_transcripts([SEEDS], config.labels).transcripts]
    # Keep every cluster, so every statement is counted.
    monkeypatch.setattr(emerging, "CATCH_ALL", 1.0)
    monkeypatch.setattr(emerging, "SHARED", 0.0)
    whole = emerging.find_emerging(summaries, clusters=3)
    statements = sum(e.sentences for e in whole)
    monkeypatch.setattr(emerging, "MAX_FITTED", statements // 2)
    sampled = emerging.find_emerging(summaries, clusters=3)
    assert sampled == emerging.find_emerging(list(reversed(summaries)), clusters=3)
    assert sum(e.sentences for e in sampled) == statements


def test_a_rebuild_with_the_same_statements_reads_the_emerging_themes_back_unchanged(config, tmp_path, monkeypatch):
    from conftest import SEEDS

    from generator.analyse import Analyser, summarise_interview
    from generator.ingest import read_transcripts
    from generator.memo import Memo
    from generator.synthesise import emerging

    analyser = Analyser.for_config(config)
    summaries = [summarise_interview(t, analyser) for t in read_transcripts([SEEDS], config.labels).transcripts]
    first = emerging.find_emerging(summaries, memo=Memo(tmp_path))

    def no_clustering(*args):
        raise AssertionError("clustered again although nothing changed")

    monkeypatch.setattr(emerging, "_cluster", no_clustering)
    assert first and emerging.find_emerging(list(reversed(summaries)), memo=Memo(tmp_path)) == first
    # One interview fewer is different input: clustered again, never served a stale answer.
    with pytest.raises(AssertionError, match="clustered again"):
        emerging.find_emerging(summaries[1:], memo=Memo(tmp_path))


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("I use it to develop lesson plans and routines for my students.", True),
        ("“I just want to say X, but I don't want to sound rude.”", True),
        ("Do the tomatoes and the basil in my garden beds need compost?", False),  # a question
        ("and then I paste the lesson plan back into the school's own template.", False),  # a fragment
        ("I use it for lesson plans.", False),  # too short to say what the cluster is about
        ("I use it to plan " + "lessons and routines and " * 5 + "schedules.", False),  # too long for a heading
        ("I send the lesson plans to [NAME-1] before every single class.", False),  # not words anyone said
    ],
)
def test_a_cluster_is_named_only_by_a_whole_sentence_of_a_headings_length(text, reads):
    from generator.synthesise.emerging import reads_as_name

    assert reads_as_name(text) is reads


TOPICS = {
    "garden": ("tomatoes", "basil", "compost", "garden", "beds", "seedlings"),
    "accounts": ("invoices", "ledger", "receipts", "spreadsheet", "payroll", "audit"),
    "music": ("chords", "melody", "rehearsal", "guitar", "lyrics", "tempo"),
    "travel": ("flights", "hotel", "itinerary", "passport", "luggage", "airport"),
}
# Both use all six garden words; only the second reads as a name. It also uses words of no topic
# (said once more, in a travel statement), so nearer the garden cluster's centre than it are the
# question and a sentence that uses five garden words and nothing else.
GARDEN_QUESTION = "Do the tomatoes, basil, compost, garden beds and seedlings all matter?"
GARDEN_NAME = "My tomatoes, basil and seedlings grow in garden beds with compost, sunshine, rainwater and patience."
GARDEN_NEARER = "The tomatoes, basil, compost and seedlings in the garden did well."
ASIDE = "The sunshine, rainwater and patience of the flights mattered."


def _four_topics() -> list:
    from generator.models import InterviewSummary, Profile, Quote

    summaries = []
    for i in range(20):
        said = []
        for t, words in enumerate(TOPICS.values()):
            a, b, c = words[i % 6], words[(i + 1) % 6], words[(i + 3) % 6]
            said.append(Quote(f"The {a} and the {b} were on my mind with {c} again.", 2 * t + 2))
        if i < 3:
            said[0] = Quote((GARDEN_QUESTION, GARDEN_NAME, GARDEN_NEARER)[i], 2)
        if i == 3:
            said[3] = Quote(ASIDE, 8)
        profile = Profile(f"t{i:02d}", "workforce", "not stated", "unclear", None)
        summaries.append(InterviewSummary(profile, (), "unclear", None, (), (), 8, 0, statements=tuple(said)))
    return summaries


def test_a_cluster_is_named_by_the_sentence_using_most_of_its_words_never_a_question():
    from generator.synthesise.emerging import find_emerging

    found = find_emerging(_four_topics(), clusters=4)
    garden = next(e for e in found if "garden" in e.keywords)
    assert garden.name == ThemeQuote("t01", GARDEN_NAME, 2)
    # More voices than the name's: one statement an interview, none from the name's interview.
    quoted = [q.interview_id for q in garden.quotes]
    assert garden.quotes and "t01" not in quoted and len(set(quoted)) == len(quoted)
    # Every topic is a cluster of its own, named in its own words.
    topics = [{t for t, words in TOPICS.items() if set(e.keywords) & set(words)} for e in found]
    assert sorted(t for (t,) in topics) == sorted(TOPICS)
    assert all(e.name and any(w in e.name.text for w in e.keywords) for e in found)
    # The same study in another order: the same names.
    assert find_emerging(list(reversed(_four_topics())), clusters=4) == found
