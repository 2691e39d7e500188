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
    # A theme the learned coder was not trained on is coded by its cues.
    codebook.write_text(
        codebook.read_text()
        + '\n[[theme]]\nslug = "therapy"\nlabel = "Therapy"\ndefinition = "Talk therapy."\n'
        + 'cues = ["psychotherapist"]\n'
    )
    result = build_site([SEEDS], out, study)
    assert result.analysed_fresh == 5
    therapy = next(f for f in result.report.themes if f.slug == "therapy")
    assert therapy.interviews == ("work_0079",)


def _tree(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_adding_an_interview_re_renders_only_changed_pages_and_gives_the_same_site_as_rendering_all(
    tmp_path, study, monkeypatch
):
    from conftest import DATA

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    out = tmp_path / "a" / "out"
    build_site([inputs], out, study)
    render_cache = tmp_path / "a" / ".out-build" / "cache" / "render"
    before = set(render_cache.iterdir())
    # The same state twice: one keeps its caches, the other renders and indexes every page again.
    shutil.copytree(tmp_path / "a", tmp_path / "b", symlinks=True)
    shutil.rmtree(tmp_path / "b" / ".out-build" / "cache" / "render")
    shutil.rmtree(tmp_path / "b" / ".out-build" / "cache" / "search")
    shutil.rmtree(tmp_path / "b" / ".out-build" / "cache" / "search-pages")
    shutil.copy(DATA / "plain-turns" / "nurse_01.txt", inputs)

    incremental = build_site([inputs], out, study)
    everything = build_site([inputs], tmp_path / "b" / "out", study)

    assert _tree(incremental.output) == _tree(everything.output)
    rendered = set(render_cache.iterdir()) - before
    pages = list(incremental.output.rglob("index.html"))
    # nurse_01 sorts first: it and its one neighbour (work_0079) are rendered with every page that
    # shows N or the findings; the other four interview pages are copied from the cache.
    assert incremental.report.N == 6
    assert 1 <= len(rendered) <= len(pages) - 4
    # The caches hold what this build used and nothing older, so they do not grow with every rebuild.
    assert len(list(render_cache.iterdir())) == len(pages)
    build_site([inputs], tmp_path / "c" / "out", study)  # cold: a cache holding only what this input needs

    def figures(folder: str) -> set[str]:
        return {p.name for p in (tmp_path / folder / ".out-build" / "cache" / "figures").iterdir()}

    assert figures("a") == figures("c")


def test_a_build_that_fails_late_leaves_every_published_file_as_it_was(tmp_path, study, monkeypatch):
    # The published site shares files with the build's caches (hard links), so a rebuild must replace
    # a content file, never write into it: a failure after rendering must leave every byte published.
    from conftest import DATA

    import generator.pipeline as pipeline
    from generator.errors import BuildError

    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    out = tmp_path / "out"
    build_site([inputs], out, study)
    before = _tree(out)
    shutil.copy(DATA / "plain-turns" / "nurse_01.txt", inputs)

    def fail(site, cache):
        raise BuildError("the search index failed")

    monkeypatch.setattr(pipeline, "index_site", fail)
    with pytest.raises(BuildError):
        build_site([inputs], out, study)
    assert _tree(out) == before


def _entries(folder):
    return sorted(p.name for p in folder.rglob("*.json"))


def test_the_caches_keep_only_what_the_last_build_used(tmp_path, study):
    """Editing transcripts and the codebook over a study's life must not grow the work folder
    without bound: entries for an old version of a transcript or an old codebook are deleted."""
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    out = tmp_path / "out"
    caches = tmp_path / ".out-build" / "cache"
    build_site([inputs], out, study)
    first = {name: _entries(caches / name) for name in ("analysis", "redaction", "study")}
    assert len(first["analysis"]) == len(first["redaction"]) == 5

    removed = sorted(inputs.iterdir())[0]
    removed.unlink()
    edited = sorted(inputs.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUser: It saves me hours.\n", encoding="utf-8")
    codebook = study.parent / "codebook.toml"
    codebook.write_text(codebook.read_text().replace('"stigma*",', '"stigma*", "psychotherapist",'))
    result = build_site([inputs], out, study)

    assert result.analysed_fresh == 4
    analysis, redaction = _entries(caches / "analysis"), _entries(caches / "redaction")
    assert len(analysis) == len(redaction) == 4
    assert not set(analysis) & set(first["analysis"])
    # The redaction key does not depend on the codebook: three unchanged transcripts stay.
    assert len(set(redaction) & set(first["redaction"])) == 3
    # The whole-study steps read every transcript, so each keeps one new entry, not two.
    study_steps = _entries(caches / "study")
    assert len(study_steps) == len(first["study"]) and set(study_steps) != set(first["study"])
    assert not list(caches.rglob("*.tmp"))
    # And a rebuild with nothing changed reads every entry that is left, and deletes none.
    again = build_site([inputs], out, study)
    assert (again.analysed_fresh, again.analysed_cached) == (0, 4)
    assert _entries(caches / "analysis") == analysis
    assert _entries(caches / "study") == study_steps
