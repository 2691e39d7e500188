"""The analysis cache: a rebuild reuses unchanged interviews, and a changed codebook is never served stale."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS, copy_study

from generator.pipeline import build_site


@pytest.fixture
def study(tmp_path):
    return copy_study(tmp_path / "study")


def test_rebuild_reads_unchanged_interviews_from_the_cache(tmp_path, study):
    out = tmp_path / "out"
    first = build_site([SEEDS], out, study)
    assert (first.analysed_fresh, first.analysed_cached) == (5, 0)
    second = build_site([SEEDS], out, study)
    assert (second.analysed_fresh, second.analysed_cached) == (0, 5)
    assert second.report == first.report


def test_a_changed_transcript_is_analysed_again_and_only_it(tmp_path, study):
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    out = tmp_path / "out"
    build_site([inputs], out, study)
    one = sorted(inputs.iterdir())[0]
    one.write_text(one.read_text(encoding="utf-8") + "\nUser: One more thing: it saves me hours.\n", encoding="utf-8")
    result = build_site([inputs], out, study)
    assert (result.analysed_fresh, result.analysed_cached) == (1, 4)


def test_a_codebook_change_invalidates_the_cached_coding(tmp_path, study):
    out = tmp_path / "out"
    build_site([SEEDS], out, study)
    codebook = study.parent / "codebook.toml"
    codebook.write_text(codebook.read_text().replace('"stigma*",', '"stigma*", "psychotherapist",'))
    result = build_site([SEEDS], out, study)
    assert result.analysed_fresh == 5
    stigma = next(f for f in result.report.themes if f.slug == "social-stigma")
    assert "work_0079" in stigma.interviews
