"""The build's caches: a rebuild reuses what did not change, a changed codebook or analysis code is never
served stale, an entry cut short is made again, and each cache keeps only what the last build used."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys

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
    # A second edition to start from: the second is the one that adds "What changed" to every page's nav,
    # once; from then on an added interview re-renders only what it changes.
    held_back = sorted(inputs.iterdir())[-1]
    held_back.rename(tmp_path / held_back.name)
    build_site([inputs], out, study)
    (tmp_path / held_back.name).rename(held_back)
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
    # Every cache of ours is one folder of entries, each named by its key and the length it was
    # written with, and still that long (Jinja's and Pelican's own caches are theirs).
    ours = [p for p in caches.iterdir() if p.name not in ("pelican", "templates")]
    folders = [f for p in ours for f in ([p] if p.name != "study" else list(p.iterdir()))]
    assert sorted(f.name for f in folders) == [
        "analysis", "emerging", "figures", "guide", "project", "questions", "redaction", "render", "search",
        "search-pages",
    ]  # fmt: skip
    for folder in folders:
        for entry in folder.iterdir():
            named = re.fullmatch(r"[0-9a-f]{64}\.(\d+)\.(json|bin|html|index|qdpx)", entry.name)
            assert named, entry
            files = [f for f in entry.rglob("*") if f.is_file()] if entry.is_dir() else [entry]
            assert sum(f.stat().st_size for f in files) == int(named[1]), entry


# --- The primitive every cache above is built on.


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_an_entry_put_is_got_back_by_a_later_build(tmp_path):
    from generator.cache import Cache

    Cache(tmp_path, ".bin").put("ab12cd34", b"drawn once")
    later = Cache(tmp_path, ".bin")
    assert later.get("ab12cd34") == b"drawn once"
    assert later.get("ffff0000") is None
    Cache(tmp_path, ".json").put_json("ab12cd34", {"quote": "It saves me hours ✓"})
    assert Cache(tmp_path, ".json").get_json("ab12cd34") == {"quote": "It saves me hours ✓"}


@pytest.mark.parametrize("kept", [0.0, 0.5])
def test_an_entry_cut_short_is_a_miss_and_is_written_whole_again(tmp_path, kept):
    from generator.cache import Cache

    Cache(tmp_path, ".bin").put("ab12cd34", b"0123456789")
    (entry,) = tmp_path.iterdir()
    data = entry.read_bytes()
    entry.unlink()
    entry.write_bytes(data[: int(len(data) * kept)])
    again = Cache(tmp_path, ".bin")
    assert again.get("ab12cd34") is None
    assert again.find("ab12cd34") is None
    again.put("ab12cd34", b"0123456789")
    assert Cache(tmp_path, ".bin").get("ab12cd34") == b"0123456789"
    assert len(list(tmp_path.iterdir())) == 1


def test_an_entry_that_cannot_be_written_whole_leaves_the_old_one(tmp_path, monkeypatch):
    from pathlib import Path

    from generator.cache import Cache

    Cache(tmp_path, ".json").put_json("ab12cd34", {"old": True})
    before = _names(tmp_path)

    def disk_full(self, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "replace", disk_full)
    with pytest.raises(OSError):
        Cache(tmp_path, ".json").put_json("ab12cd34", {"new": "and longer"})
    monkeypatch.undo()
    assert _names(tmp_path) == before
    assert Cache(tmp_path, ".json").get_json("ab12cd34") == {"old": True}


def test_prune_keeps_exactly_what_this_build_used(tmp_path):
    from generator.cache import Cache

    first = Cache(tmp_path, ".json")
    for key in ("aaaa0001", "aaaa0002", "aaaa0003"):
        first.put_json(key, key)
    # A killed build's half-written entry, and an older layout's folder of entries.
    (tmp_path / "aaaa0004.4242.tmp").write_bytes(b"{")
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "ab01.json").write_text("{}")

    build = Cache(tmp_path, ".json")
    assert build.get_json("aaaa0001") == "aaaa0001"
    build.put_json("aaaa0005", "new")
    assert build.prune() == 4
    assert len(list(tmp_path.iterdir())) == 2
    after = Cache(tmp_path, ".json")
    assert [after.get_json(k) for k in ("aaaa0001", "aaaa0002", "aaaa0003", "aaaa0005")] == [
        "aaaa0001",
        None,
        None,
        "new",
    ]


def test_a_cache_without_a_folder_remembers_nothing(tmp_path):
    from generator.cache import Cache

    nothing = Cache(None, ".json")
    nothing.put_json("ab12cd34", 1)
    assert nothing.get_json("ab12cd34") is None
    assert nothing.prune() == 0


def test_a_file_adopted_and_a_folder_stored_are_found_whole_and_not_when_cut(tmp_path):
    from generator.cache import Cache

    page = tmp_path / "page.html"
    page.write_bytes(b"<p>rendered</p>")
    pages = Cache(tmp_path / "render", ".html")
    pages.adopt("ab12cd34", page)
    found = Cache(tmp_path / "render", ".html").find("ab12cd34")
    assert found is not None and found.read_bytes() == b"<p>rendered</p>"

    def index(folder):
        (folder / "fragment").mkdir(parents=True)
        (folder / "fragment" / "one.pf").write_bytes(b"12345")
        (folder / "entry.json").write_bytes(b"{}")

    Cache(tmp_path / "search", ".index").put_folder("ab12cd34", index)
    built = Cache(tmp_path / "search", ".index").find("ab12cd34")
    assert built is not None and (built / "fragment" / "one.pf").read_bytes() == b"12345"
    (built / "fragment" / "one.pf").write_bytes(b"12")
    assert Cache(tmp_path / "search", ".index").find("ab12cd34") is None


def test_a_key_that_is_not_a_digest_is_refused(tmp_path):
    from generator.cache import Cache

    with pytest.raises(ValueError, match="a cache key is a hex digest, not '../escape'"):
        Cache(tmp_path, ".json").get("../escape")


# --- Versions from the code, not a number to bump.


def _analysis_version(package):
    script = "from generator.analyse.cache import analysis_version; print(analysis_version())"
    env = {**os.environ, "PYTHONPATH": str(package)}
    # Run from the package's folder: `-c` puts the working directory first on the path.
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=package, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_editing_the_analysis_code_or_its_model_changes_the_analysis_version_and_editing_the_writer_does_not(
    tmp_path,
):
    from conftest import ROOT

    package = tmp_path / "copy"
    shutil.copytree(ROOT / "generator", package / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    first = _analysis_version(package)
    # Where the project lives is not part of it.
    assert _analysis_version(ROOT) == first
    render = package / "generator" / "write" / "render.py"
    render.write_text(render.read_text() + "\n# a comment\n")
    assert _analysis_version(package) == first
    quotes = package / "generator" / "analyse" / "quotes.py"
    quotes.write_text(quotes.read_text() + "\n# a comment\n")
    second = _analysis_version(package)
    assert second != first
    coder = package / "generator" / "analyse" / "model" / "coder" / "coder.json"
    coder.write_bytes(coder.read_bytes() + b"\n")
    assert _analysis_version(package) not in (first, second)


def test_every_module_the_analysis_imports_is_in_its_version_or_cannot_change_its_output():
    """A module the analysis starts to import decides what it finds: its source belongs in
    ANALYSIS_SOURCES (or here, with the reason it cannot change a summary)."""
    import ast

    from conftest import ROOT

    from generator.analyse.cache import ANALYSIS_SOURCES

    not_hashed = {
        "generator.config": "the values the analysis reads are in the key, as the configuration's fingerprint",
        "generator.memo": "keeps results, does not make them",
        "generator.cache": "keeps results and digests files; decides nothing a summary holds",
        "generator.redact": "only MARKER, whose pattern is in the version",
    }
    hashed = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".") for p in ANALYSIS_SOURCES}
    imported = set()
    for source in (ROOT / "generator" / "analyse").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names if a.name.startswith("generator.")}
    outside = {m for m in imported if not any(m == h or m.startswith(h + ".") for h in hashed)}
    assert outside <= set(not_hashed), sorted(outside - set(not_hashed))
