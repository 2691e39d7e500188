"""The `report` command: exit codes, messages, --skip-invalid, and reproducible output."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONFIG, DATA, SEEDS, WORKFORCE, needs_corpus


def report(*args: str, env_epoch: str = "1795392000") -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "SOURCE_DATE_EPOCH": env_epoch, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env, timeout=900
    )


@pytest.fixture
def mixed_inputs(tmp_path):
    folder = tmp_path / "inputs"
    shutil.copytree(SEEDS, folder)
    shutil.copy(DATA / "latin1-bytes" / "latin1.txt", folder / "latin1.txt")
    shutil.copy(DATA / "unknown-labels" / "other_labels.txt", folder / "other_labels.txt")
    return folder


def test_build_fails_by_default_and_names_every_bad_file(mixed_inputs, tmp_path):
    result = report("build", "--input", str(mixed_inputs), "--output", str(tmp_path / "out"), "--config", str(CONFIG))
    assert result.returncode == 2
    assert result.stderr.startswith("error: 2 invalid inputs:\n")
    assert f"  {mixed_inputs / 'latin1.txt'}:3: byte 0xe9 is not valid UTF-8;" in result.stderr
    assert f"  {mixed_inputs / 'other_labels.txt'}:1: no speaker turns found;" in result.stderr
    assert "pass --skip-invalid to build the report without them." in result.stderr
    assert not (tmp_path / "out").exists()


def test_skip_invalid_builds_the_rest_and_lists_what_it_skipped(mixed_inputs, tmp_path):
    out = tmp_path / "out"
    result = report(
        "build", "--input", str(mixed_inputs), "--output", str(out), "--config", str(CONFIG), "--skip-invalid"
    )
    assert result.returncode == 0, result.stderr
    assert "Skipped 2 invalid input(s):" in result.stderr
    assert f"{mixed_inputs / 'latin1.txt'}:3: byte 0xe9" in result.stderr
    assert len([p for p in (out / "interviews").iterdir() if p.is_dir()]) == 5
    # The skipped files are also published on the methodology page, so readers know.
    assert "latin1.txt" in (out / "methodology" / "index.html").read_text()


def test_check_lists_problems_without_building(mixed_inputs):
    result = report("check", "--input", str(mixed_inputs), "--config", str(CONFIG))
    assert result.returncode == 2
    assert result.stdout.strip() == "5 transcript(s) OK, 2 problem(s)."


def test_build_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    result = report("build", "--input", str(SEEDS), "--output", str(precious), "--config", str(CONFIG))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {precious}: exists and was not written by `report build`; "
        "choose an empty or new folder with --output, or remove it yourself"
    )
    assert (precious / "thesis.tex").read_text() == "years of work"


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG))
        assert result.returncode == 0, result.stderr
    assert digest(first) == digest(second)


def test_a_rebuild_replaces_the_previous_site(tmp_path):
    out = tmp_path / "out"
    assert report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG)).returncode == 0
    (out / "stale.html").write_text("from an older build")
    assert report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG)).returncode == 0
    assert not (out / "stale.html").exists()
    assert (out / "index.html").exists()


@needs_corpus()
@pytest.mark.corpus
@pytest.mark.slow
def test_the_1000_interview_workforce_report_builds(tmp_path):
    out = tmp_path / "workforce"
    result = report("build", "--input", str(WORKFORCE), "--output", str(out), "--config", str(CONFIG))
    assert result.returncode == 0, result.stderr
    assert len([p for p in (out / "interviews").iterdir() if p.is_dir()]) == 1000
    assert "Interviews  1000" in result.stdout or "Interviews 1000" in " ".join(result.stdout.split())


def test_a_rebuild_with_nothing_changed_touches_no_file_under_output(tmp_path):
    out = tmp_path / "out"
    assert report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG)).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    result = report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG))
    assert result.returncode == 0, result.stderr
    assert "Nothing changed" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


@pytest.mark.parametrize("delay", [0.5, 1.5, 2.5, 3.5])
def test_killing_a_build_at_any_stage_leaves_the_previous_site_intact(tmp_path, delay):
    import os
    import signal
    import time

    out = tmp_path / "out"
    assert report("build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG)).returncode == 0
    before = digest(out)
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(DATA / "plain-turns" / "nurse_01.txt", inputs)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}
    args = [sys.executable, "-m", "generator", "build", "--input", str(inputs), "--output", str(out)]
    proc = subprocess.Popen(
        [*args, "--config", str(CONFIG)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Either the build had finished (a complete new site) or the old site is untouched.
    after = digest(out) if out.exists() else {}
    new_site = "interviews/nurse_01/index.html" in after
    assert after == before or (new_site and "index.html" in after and len(after) > len(before))
    # The next build recovers and succeeds whatever state the kill left.
    assert report("build", "--input", str(inputs), "--output", str(out), "--config", str(CONFIG)).returncode == 0
    assert (out / "interviews" / "nurse_01" / "index.html").exists()


def test_serve_previews_the_site_and_rebuilds_when_an_input_changes(tmp_path):
    import os
    import socket
    import time
    import urllib.request

    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}
    args = [sys.executable, "-m", "generator", "serve", "--input", str(inputs), "--output", str(tmp_path / "out")]
    proc = subprocess.Popen(
        [*args, "--config", str(CONFIG), "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )

    def fetch(path: str, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as r:
                    return r.status
            except OSError:
                time.sleep(0.5)
        return 0

    # Generous waits: the first build runs in a fresh process and CI machines are busy.
    try:
        first = fetch("", 180)
        added = 0
        if first == 200:
            assert fetch("interviews/nurse_01/", 1) == 0
            shutil.copy(DATA / "plain-turns" / "nurse_01.txt", inputs / "nurse_01.txt")
            added = fetch("interviews/nurse_01/", 180)
    finally:
        proc.terminate()
        log = proc.communicate(timeout=20)[0].decode(errors="replace")
    assert first == 200, f"the preview never answered; report serve said:\n{log}"
    assert added == 200, f"the added interview was never served; report serve said:\n{log}"


def test_a_lone_surrogate_or_deep_nesting_in_json_lines_is_a_problem_for_check_and_skipped_by_build(tmp_path):
    # Before: the surrogate passed `check` and crashed `build --skip-invalid` when the page was written;
    # the nesting crashed both.
    records = DATA / "jsonl-broken-records" / "records.jsonl"
    check = report("check", "--input", str(records), "--config", str(CONFIG))
    assert check.returncode == 2, check.stderr
    assert check.stdout.strip() == "2 transcript(s) OK, 2 problem(s)."
    assert f"{records}:2: text holds \\ud83d, half of a character" in check.stderr
    assert f"{records}:3: JSON is nested too deeply to read;" in check.stderr
    out = tmp_path / "out"
    build = report("build", "--input", str(records), "--output", str(out), "--config", str(CONFIG), "--skip-invalid")
    assert build.returncode == 0, build.stderr
    assert "Skipped 2 invalid input(s):" in build.stderr
    assert sorted(p.name for p in (out / "interviews").iterdir() if p.is_dir()) == ["jr_1", "jr_4"]
