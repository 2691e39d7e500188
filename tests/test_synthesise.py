"""Synthesis: prevalence with honest intervals, subgroup splits, and stable ordering."""

from __future__ import annotations

import pytest

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
        for q in cluster.quotes:
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
