"""Faults around the build rather than in the inputs: two builds of one output at once, an output the
build cannot write, a full disk, cache entries cut short, and work-folder state a failed build left."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, SEEDS
from test_publication import EPOCH, build_seed_copy, rebuild_as_from_scratch, seed_study, transcript_of

PYTHON = sys.executable


def _env() -> dict[str, str]:
    # The worktree under test first, whatever the caller's PYTHONPATH.
    return {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795392000"}


def _cli_build(output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, "-m", "generator", "build", "--input", str(SEEDS), "--output", str(output),
         "--config", str(CONFIG), "--executor", "serial"],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_two_builds_of_one_output_at_once_both_publish_a_whole_site(tmp_path):
    output = tmp_path / "site"
    first, second = _cli_build(output), _cli_build(output)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    assert [rc for _, _, rc in results] == [0, 0], results
    assert (output / "index.html").is_file()
    assert (output / "interviews" / "work_0079" / "index.html").is_file()
    assert (output / "search" / "index.html").is_file()
    third = _cli_build(output)
    out, err = third.communicate(timeout=300)
    assert third.returncode == 0, err


def test_a_build_while_another_holds_the_output_says_so_and_names_the_output(tmp_path):
    output = tmp_path / "site"
    holder = subprocess.Popen(
        [PYTHON, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from generator.pipeline import build_lock
            with build_lock(Path({str(output)!r})):
                print("locked", flush=True)
                sys.stdin.read()
        """)],
        env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        waiting = subprocess.run(
            [PYTHON, "-c", textwrap.dedent(f"""
                from pathlib import Path
                from generator import pipeline
                from generator.errors import ReportError
                pipeline.LOCK_WAIT = 0.5
                try:
                    pipeline.build_site([Path({str(SEEDS)!r})], Path({str(output)!r}), Path({str(CONFIG)!r}),
                                        executor="serial")
                except ReportError as e:
                    print(e)
            """)],
            env=_env(), capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert waiting.stdout == (
            f"{output}: another build of this site is running (waited 0.5 s for it); "
            "wait for it to finish (stop `report serve` if it is rebuilding), then build again\n"
        ), waiting.stderr
        assert not output.exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    # The lock goes with its holder: the next build runs.
    build = _cli_build(output)
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err


def test_a_relative_output_is_built_from_the_working_directory(tmp_path, monkeypatch):
    # Pelican resolves a relative path against its settings file, so from any folder but the project's
    # the build failed with "You need to specify a path containing the content".
    from generator.pipeline import build_site

    monkeypatch.chdir(tmp_path)
    build_site([SEEDS], Path("site"), CONFIG, executor="serial")
    assert (tmp_path / "site" / "index.html").is_file()


def _build(output: Path) -> None:
    from generator.pipeline import build_site

    build_site([SEEDS], output, CONFIG, executor="serial")


def _message(output: Path) -> str:
    from generator.errors import ReportError

    with pytest.raises(ReportError) as caught:
        _build(output)
    return str(caught.value)


def test_an_output_that_is_a_symbolic_link_is_refused_naming_the_folder_it_points_to(tmp_path):
    real = tmp_path / "real"
    _build(real)
    link = tmp_path / "site"
    link.symlink_to(real)
    assert _message(link) == (
        f"{link}: is a symbolic link, and a build replaces the output folder whole; "
        f"pass the folder it points to instead (--output {real})"
    )
    assert link.is_symlink() and (real / "index.html").is_file()


def test_an_output_under_a_file_is_refused_naming_the_path(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder\n")
    output = tmp_path / "notes.txt" / "site"
    assert _message(output) == (
        f"{output.parent}: a file is where the build needs a folder (File exists); "
        "choose another --output, or move the file away"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway; the tests run as root here")
def test_an_output_in_a_folder_without_write_permission_is_refused_naming_it(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        message = _message(locked / "site")
    finally:
        locked.chmod(0o755)
    assert message == (
        f"{locked / '.site.lock'}: cannot write here (Permission denied); "
        "choose an --output in a folder you can write to, or make this one writable"
    )


def test_a_full_disk_stops_the_build_in_one_line_naming_the_file_and_keeps_the_site(tmp_path, monkeypatch):
    from generator.write.folder import ContentFolder

    output = tmp_path / "site"
    _build(output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    full = tmp_path / ".site-build" / "content" / "data" / "themes.json"

    def disk_full(self, relative, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(full))

    monkeypatch.setattr(ContentFolder, "put", disk_full)
    assert _message(output) == (
        f"{full}: the disk is full (No space left on device); free some space and build again "
        "(the published site was left as it was)"
    )
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


# Each cache of the work folder, and whether the rebuild must change the inputs for the build to read
# it: the search index is reused whole while no searchable page changed, and only a new index is built
# from the staged copies; withdrawing an interview leaves the other interviews' copies to be reused.
CACHES = {
    "analysis": ("cache/analysis", (".json",), False),
    "study": ("cache/study", (".json",), False),
    "redaction": ("cache/redaction", (".json",), False),
    "figures": ("cache/figures", (".bin",), False),
    "render": ("cache/render", (".html",), False),
    "search-pages": ("cache/search-pages", (".html",), True),
}


@pytest.fixture(scope="module")
def built_with_caches(tmp_path_factory):
    return build_seed_copy(tmp_path_factory.mktemp("caches"))


@pytest.mark.parametrize(("cache", "cut"), [(c, 0.0) for c in CACHES] + [("figures", 0.5), ("render", 0.5)])
def test_a_cache_entry_cut_short_is_never_reused_and_the_site_is_as_from_scratch(
    tmp_path, monkeypatch, built_with_caches, cache, cut
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shutil.copytree(built_with_caches, tmp_path, dirs_exist_ok=True)
    study = seed_study(tmp_path)
    folder, suffixes, withdraw = CACHES[cache]
    entries = [p for p in (study.output.parent / ".site-build" / folder).rglob("*") if p.suffix in suffixes]
    assert entries, f"the first build left no {cache} cache entry to cut"
    cut_short = {}
    for entry in entries:
        data = entry.read_bytes()
        cut_short[entry] = data[: int(len(data) * cut)]
        # A new file, not truncated in place: a cached page is a hard link to a published one.
        entry.unlink()
        entry.write_bytes(cut_short[entry])
    if withdraw:
        transcript_of(study, "work_0079").unlink()
    rebuild_as_from_scratch(study, tmp_path / "scratch")
    # Each was rewritten whole or dropped, so the next build does not meet it either.
    assert [str(p) for p in entries if p.exists() and p.read_bytes() == cut_short[p]] == []


def test_an_interview_id_index_html_is_refused_at_its_line_and_the_build_after_removing_it_succeeds(tmp_path):
    from generator.errors import InvalidInputError

    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    first = sorted(inputs.iterdir())[0]
    clash = inputs / "zz-index.txt"
    clash.write_text(first.read_text(encoding="utf-8").replace("work_0079", "index.html"), encoding="utf-8")
    output = tmp_path / "site"
    from generator.pipeline import build_site

    with pytest.raises(InvalidInputError) as caught:
        build_site([inputs], output, CONFIG, executor="serial")
    assert str(caught.value) == (
        "1 invalid input:\n"
        f"  {clash}:6: the transcript id 'index.html' is the name of interviews/index.html, the list of "
        "interviews, so its page cannot be written; give the interview another id\n"
        "Fix the files above, or pass --skip-invalid to build the report without them."
    )
    built = build_site([inputs], output, CONFIG, skip_invalid=True, executor="serial")
    assert [str(p) for p in built.skipped] == [str(caught.value.problems[0])]
    assert (output / "interviews" / "index.html").is_file()
    clash.unlink()
    build_site([inputs], output, CONFIG, executor="serial")
    assert (output / "interviews" / "work_0079" / "index.html").is_file()


def test_a_folder_staged_where_a_searchable_page_now_is_gives_way(tmp_path):
    from generator.cache import Cache
    from generator.write.search import _stage

    site, stage = tmp_path / "site", tmp_path / "stage"
    (site / "interviews").mkdir(parents=True)
    (site / "interviews" / "index.html").write_bytes(b"<main data-pagefind-body>list</main>")
    # What a site with an interview "index.html" staged.
    (stage / "interviews" / "index.html").mkdir(parents=True)
    (stage / "interviews" / "index.html" / "index.html").write_bytes(b"an earlier site's page")
    _stage(site, {"interviews/index.html": "d1gest"}, Cache(tmp_path / "copies", ".html"), stage)
    assert (stage / "interviews" / "index.html").read_bytes() == b"<main data-pagefind-body>list</main>"
