"""The public Anthropic Interviewer CSVs: every interview read, nothing dropped, lines exact."""

from __future__ import annotations

import csv

import pytest
from conftest import CREATIVES, WORKFORCE, needs_corpus

from generator.ingest import Labels, read_transcripts

pytestmark = [needs_corpus(), pytest.mark.corpus]


@pytest.fixture(scope="module")
def corpus():
    return read_transcripts([WORKFORCE, CREATIVES], Labels())


def test_every_public_transcript_is_read_without_problems(corpus):
    with open(WORKFORCE, newline="", encoding="utf-8") as f:
        workforce = sum(1 for _ in csv.reader(f)) - 1
    assert workforce == 1000
    assert corpus.problems == ()
    ids = [t.id for t in corpus.transcripts]
    assert len(ids) == 1125 == len(set(ids))
    # Inputs keep the order they were given in, records the order of the file.
    assert ids[0] == "work_0000" and ids[-1] == "creativity_0124"


def test_turn_counts_and_first_speaker_match_the_dataset_description(corpus):
    for t in corpus.transcripts:
        assert 15 <= len(t.turns) <= 55, t.id
        assert t.turns[0].label == "Assistant"
        assert t.participant_turns


def test_empty_interviewer_turns_are_kept(corpus):
    empty = [(t.id, turn.number) for t in corpus.transcripts for turn in t.turns if not turn.text]
    assert len(empty) >= 16
    assert all(
        next(x for x in t.turns if x.number == n).speaker == "interviewer"
        for t in corpus.transcripts
        for i, n in empty
        if i == t.id
    )


def test_turn_lines_point_at_the_label_in_the_csv_file(corpus):
    lines = {p: p.read_text(encoding="utf-8").split("\n") for p in (WORKFORCE, CREATIVES)}
    for t in corpus.transcripts[::37]:
        for turn in t.turns[1:]:
            assert lines[t.source][turn.line - 1].startswith(f"{turn.label}:"), (t.id, turn.number)
