"""Faults around the build rather than in the inputs: a build stopped at any point, two builds of one
output at once, an output the build cannot write, a full disk, cache entries cut short, and
work-folder state a failed build left.

A build is stopped at a named point (generator/faults.py) rather than killed after a guessed delay:
each point is reached every time, and the state it leaves is the state a kill there leaves, because
no code on the way out of a build touches the published site. One test kills a build for real, for
what only a kill shows.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONFIG, DATA, ROOT, SEEDS, Study, build, seed_study

from generator import faults, pipeline
from generator import output as output_folder
from generator.errors import ReportError
from generator.pipeline import MARKER, build_lock

PYTHON = sys.executable
NEW_INTERVIEW = DATA / "plain-turns" / "nurse_01.txt"


def _env() -> dict[str, str]:
    # The worktree under test first, whatever the caller's PYTHONPATH.
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _report_build(study: Study, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, "-m", "generator", "build", "--input", str(study.inputs), "--output", str(study.output),
         "--config", str(study.config), "--executor", "serial"],
        env=env or _env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def transcript_of(study: Study, interview_id: str) -> Path:
    return next(p for p in study.inputs.iterdir() if f"**Transcript ID:** {interview_id}\n" in p.read_text())


@pytest.fixture(scope="module")
def from_scratch(seed_site, tmp_path_factory) -> Callable[[str, Callable[[Study], None]], dict[str, bytes]]:
    """What a build with no work folder publishes, after the seed site, for the seed inputs changed by
    `change`: each built once per module, under its name."""
    built: dict[str, dict[str, bytes]] = {}

    def site(name: str, change: Callable[[Study], None]) -> dict[str, bytes]:
        if name not in built:
            study = seed_study(tmp_path_factory.mktemp("scratch"))
            change(study)
            # The published edition history is an input of every build: the reference starts from it and nothing else.
            for rel in (MARKER, "data/editions.json"):
                (study.output / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(seed_site.output / rel, study.output / rel)
            build(study)
            built[name] = tree(study.output)
        return built[name]

    return site


def add_interview(study: Study) -> None:
    shutil.copy(NEW_INTERVIEW, study.inputs)


# Every point a build passes on its way to publishing, in order.
POINTS = [
    "build:read", "cache:store", "build:analysed", "build:content-written", "build:rendered", "build:indexed",
    "publish:between-renames", "publish:after-renames",
]  # fmt: skip


def test_a_point_does_nothing_unless_armed_and_fires_once_where_armed():
    faults.point("build:read")
    with faults.armed("build:read"):
        faults.point("build:rendered")
        with pytest.raises(faults.Fault, match="build:read"):
            faults.point("build:read")
        faults.point("build:read")


def test_the_points_are_the_ones_the_faults_module_documents():
    documented = [line.split()[0] for line in (faults.__doc__ or "").splitlines() if line.startswith("  ")]
    assert documented == POINTS


@pytest.mark.parametrize("point", POINTS)
def test_a_build_stopped_at_any_point_leaves_a_whole_site_and_the_next_build_publishes_as_from_scratch(
    seed_copy, from_scratch, point
):
    study = seed_copy
    before = tree(study.output)
    add_interview(study)
    with faults.armed(point), pytest.raises(faults.Fault):
        build(study)
    if point == "publish:after-renames":
        # The new site is in place, whole; the old one waits beside it to be removed.
        assert "interviews/nurse_01/index.html" in tree(study.output)
    elif point == "publish:between-renames":
        # For an instant no site has the output's name: the old one is whole beside it, and put back first thing.
        assert not study.output.exists()
        assert tree(study.output.parent / ".site-old") == before
    else:
        assert tree(study.output) == before
    build(study)
    assert tree(study.output) == from_scratch("with nurse_01", add_interview)
    assert not (study.output.parent / ".site-old").exists()


def test_a_build_killed_while_storing_a_cache_entry_leaves_the_site_and_the_next_build_cleans_up(
    seed_copy, from_scratch
):
    """A real SIGKILL, which no handler of ours sees: the entry being written stays behind under its
    temporary name, and the kernel, not our code, drops the build lock."""
    study = seed_copy
    before = tree(study.output)
    add_interview(study)
    killed = _report_build(study, {**_env(), faults.ENVIRONMENT: "cache:store=KILL"})
    _, stderr = killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL, stderr
    assert tree(study.output) == before
    assert len(list((study.work / "cache").rglob("*.tmp"))) == 1
    build(study)
    assert tree(study.output) == from_scratch("with nurse_01", add_interview)
    assert list(study.work.rglob("*.tmp")) == []


def test_two_builds_of_one_output_at_once_both_publish_a_whole_site(seed_copy, from_scratch):
    study = seed_copy
    add_interview(study)
    first, second = _report_build(study), _report_build(study)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    assert [rc for _, _, rc in results] == [0, 0], results
    assert tree(study.output) == from_scratch("with nurse_01", add_interview)
    assert build(study).published is False  # and the work folder they shared serves the next build


def test_a_build_while_another_holds_the_output_says_so_and_names_the_output(tmp_path, monkeypatch):
    output = tmp_path / "site"
    monkeypatch.setattr(output_folder, "LOCK_WAIT", 0.5)
    with build_lock(output):
        assert _message(output) == (
            f"{output}: another build of this site is running (waited 0.5 s for it); "
            "wait for it to finish (stop `report serve` if it is rebuilding), then build again"
        )
        assert not output.exists()
    # The lock goes with its holder: the next build takes it at once (and a killed holder's, see above).
    with build_lock(output, wait=0):
        pass


def test_a_relative_output_is_built_from_the_working_directory(seed_copy, monkeypatch):
    # Pelican resolves a relative path against its settings file, so from any folder but the project's
    # the build failed with "You need to specify a path containing the content".
    study = seed_copy
    add_interview(study)
    monkeypatch.chdir(study.root)
    pipeline.build_site([Path("inputs")], Path("published/site"), Path("study/content/study.toml"), executor="serial")
    assert (study.output / "interviews" / "nurse_01" / "index.html").is_file()


def _message(output: Path) -> str:
    with pytest.raises(ReportError) as caught:
        pipeline.build_site([SEEDS], output, CONFIG, executor="serial")
    return str(caught.value)


def test_an_output_that_is_a_symbolic_link_is_refused_naming_the_folder_it_points_to(seed_copy):
    real = seed_copy.output
    link = seed_copy.root / "site"
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


def test_a_full_disk_stops_the_build_in_one_line_naming_the_file_and_keeps_the_site(seed_copy, monkeypatch):
    from generator.write.folder import ContentFolder

    study = seed_copy
    before = tree(study.output)
    full = study.work / "content" / "data" / "themes.json"

    def disk_full(self, relative, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(full))

    monkeypatch.setattr(ContentFolder, "put", disk_full)
    with pytest.raises(ReportError) as caught:
        build(study)
    assert str(caught.value) == (
        f"{full}: the disk is full (No space left on device); free some space and build again "
        "(the published site was left as it was)"
    )
    assert tree(study.output) == before


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


def withdraw_work_0079(study: Study) -> None:
    transcript_of(study, "work_0079").unlink()


@pytest.mark.parametrize(("cache", "cut"), [(c, 0.0) for c in CACHES] + [("figures", 0.5), ("render", 0.5)])
def test_a_cache_entry_cut_short_is_never_reused_and_the_site_is_as_from_scratch(
    seed_site, seed_copy, from_scratch, cache, cut
):
    study = seed_copy
    folder, suffixes, withdraw = CACHES[cache]
    entries = [p for p in (study.work / folder).rglob("*") if p.suffix in suffixes]
    assert entries, f"the first build left no {cache} cache entry to cut"
    cut_short = {}
    for entry in entries:
        data = entry.read_bytes()
        cut_short[entry] = data[: int(len(data) * cut)]
        # A new file, not truncated in place: a cached page is a hard link to a published one.
        entry.unlink()
        entry.write_bytes(cut_short[entry])
    if withdraw:
        withdraw_work_0079(study)
    build(study)
    # The seed site was built from scratch, and a rebuild of the same inputs keeps its edition.
    expected = from_scratch("without work_0079", withdraw_work_0079) if withdraw else tree(seed_site.output)
    assert tree(study.output) == expected
    # Each was rewritten whole or dropped, so the next build does not meet it either.
    assert [str(p) for p in entries if p.exists() and p.read_bytes() == cut_short[p]] == []


def test_an_interview_id_index_html_is_refused_at_its_line_and_the_build_after_removing_it_succeeds(seed_copy):
    from generator.errors import InvalidInputError

    study = seed_copy
    clash = study.inputs / "zz-index.txt"
    clash.write_text(transcript_of(study, "work_0079").read_text().replace("work_0079", "index.html"))
    with pytest.raises(InvalidInputError) as caught:
        build(study)
    assert str(caught.value) == (
        "1 invalid input:\n"
        f"  {clash}:6: the transcript id 'index.html' is the name of interviews/index.html, the list of "
        "interviews, so its page cannot be written; give the interview another id\n"
        "Fix the files above, or pass --skip-invalid to build the report without them."
    )
    built = build(study, skip_invalid=True)
    assert [str(p) for p in built.skipped] == [str(caught.value.problems[0])]
    assert (study.output / "interviews" / "index.html").is_file()
    clash.unlink()
    build(study)
    assert (study.output / "interviews" / "work_0079" / "index.html").is_file()


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
