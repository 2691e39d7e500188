"""The `report` command: exit codes, messages, --skip-invalid, and reproducible output.

Commands run in this process (`cli.main` with capsys); a few run as a user runs them, in a process of
their own: the console entry's exit code and stderr, two builds in two processes, and Ctrl-C.
"""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import CONFIG, DATA, ROOT, SEEDS, copy_study, needs_corpus

from generator import cli, faults


def report(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`report ARGS` as a user runs it, from the worktree under test."""
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **env}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env, timeout=900
    )


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`report ARGS` in this process: its exit code, stdout and stderr."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mixed_inputs(tmp_path):
    folder = tmp_path / "inputs"
    shutil.copytree(SEEDS, folder)
    shutil.copy(DATA / "latin1-bytes" / "latin1.txt", folder / "latin1.txt")
    shutil.copy(DATA / "unknown-labels" / "other_labels.txt", folder / "other_labels.txt")
    return folder


def test_build_fails_by_default_and_names_every_bad_file(mixed_inputs, tmp_path):
    # The console entry (python -m generator), in a process of its own: exit code and stderr as a script sees them.
    result = report("build", "--input", str(mixed_inputs), "--output", str(tmp_path / "out"), "--config", str(CONFIG))
    assert result.returncode == 2
    assert result.stderr.startswith("error: 2 invalid inputs:\n")
    assert f"  {mixed_inputs / 'latin1.txt'}:3: byte 0xe9 is not valid UTF-8;" in result.stderr
    assert f"  {mixed_inputs / 'other_labels.txt'}:1: no speaker turns found;" in result.stderr
    assert "pass --skip-invalid to build the report without them." in result.stderr
    assert not (tmp_path / "out").exists()


def test_skip_invalid_builds_the_rest_and_lists_what_it_skipped(seed_copy, capsys):
    inputs, out = seed_copy.inputs, seed_copy.output
    shutil.copy(DATA / "latin1-bytes" / "latin1.txt", inputs / "latin1.txt")
    shutil.copy(DATA / "unknown-labels" / "other_labels.txt", inputs / "other_labels.txt")
    args = ("--input", str(inputs), "--output", str(out), "--config", str(seed_copy.config), "--skip-invalid")
    code, _, stderr = run(capsys, "build", *args)
    assert code == 0, stderr
    assert "Skipped 2 invalid input(s):" in stderr
    assert f"{inputs / 'latin1.txt'}:3: byte 0xe9" in stderr
    assert len([p for p in (out / "interviews").iterdir() if p.is_dir()]) == 5
    # The skipped files are also published on the methodology page, so readers know.
    assert "latin1.txt" in (out / "methodology" / "index.html").read_text()


def test_check_lists_problems_without_building(mixed_inputs, capsys):
    code, stdout, stderr = run(capsys, "check", "--input", str(mixed_inputs), "--config", str(CONFIG))
    assert (code, stdout) == (2, "5 transcript(s) OK, 2 problem(s).\n")
    assert stderr.count("\n") == 2 and f"{mixed_inputs / 'latin1.txt'}:3: byte 0xe9 is not valid UTF-8;" in stderr


def test_build_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path, capsys):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    code, _, stderr = run(capsys, "build", "--input", str(SEEDS), "--output", str(precious), "--config", str(CONFIG))
    assert code == 1
    assert stderr.strip() == (
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


def test_two_builds_of_the_same_input_in_two_processes_are_byte_identical(seed_site, tmp_path):
    """The one determinism test that builds: `report build` in a process of its own, with no caches (a new
    work folder) and a pool drawing the figures, against the seed site this process built serially.
    Nothing kept in memory or on disk between builds may change the output."""
    out = tmp_path / "site"
    result = report("build", "--input", str(seed_site.inputs), "--output", str(out), "--config", str(seed_site.config))
    assert result.returncode == 0, result.stderr
    assert "0 from cache" in " ".join(result.stdout.split())
    assert digest(out) == digest(seed_site.output)


def build_args(study) -> tuple[str, ...]:
    return ("build", "--input", str(study.inputs), "--output", str(study.output), "--config", str(study.config))


def test_a_rebuild_replaces_the_previous_site(seed_copy, capsys):
    out = seed_copy.output
    (out / "stale.html").write_text("from an older build")
    assert run(capsys, *build_args(seed_copy))[0] == 0
    assert not (out / "stale.html").exists()
    assert (out / "index.html").exists()


@needs_corpus()
@pytest.mark.corpus
@pytest.mark.slow
def test_the_1000_interview_workforce_report_builds(workforce_build):
    assert len([p for p in (workforce_build.output / "interviews").iterdir() if p.is_dir()]) == 1000
    assert "Interviews 1000" in " ".join(workforce_build.stdout.split())


def test_a_rebuild_with_nothing_changed_touches_no_file_under_output(seed_copy, capsys):
    out = seed_copy.output
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    code, stdout, stderr = run(capsys, *build_args(seed_copy))
    assert code == 0, stderr
    assert "Nothing changed" in stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_serve_previews_the_site_and_rebuilds_when_an_input_changes(seed_copy, monkeypatch, capsys):
    import socket
    import urllib.error
    import urllib.request

    import watchfiles

    study = seed_copy
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    served = {}

    def watch(*paths):
        # Called once the first build is done and the preview is being served.
        served["first"], served["before"] = status(""), status("interviews/nurse_01/")
        added = shutil.copy(DATA / "plain-turns" / "nurse_01.txt", study.inputs)
        yield {(watchfiles.Change.added, str(added))}
        # The rebuild is done: the next change would be waited for. Look, then stop as ^C would.
        served["added"] = status("interviews/nurse_01/")

    monkeypatch.setattr(watchfiles, "watch", watch)
    args = ("--input", str(study.inputs), "--output", str(study.output), "--config", str(study.config))
    code, stdout, stderr = run(capsys, "serve", *args, "--port", str(port))
    assert code == 0, stderr
    assert served == {"first": 200, "before": 404, "added": 200}
    assert f"Serving {study.output} on http://localhost:{port}/" in stdout
    assert "Changed: nurse_01.txt; rebuilding" in stdout


def test_a_lone_surrogate_or_deep_nesting_in_json_lines_is_a_problem_for_check_and_skipped_by_build(tmp_path, capsys):
    # Before: the surrogate passed `check` and crashed `build --skip-invalid` when the page was written;
    # the nesting crashed both.
    records = DATA / "jsonl-broken-records" / "records.jsonl"
    code, stdout, stderr = run(capsys, "check", "--input", str(records), "--config", str(CONFIG))
    assert code == 2, stderr
    assert stdout.strip() == "2 transcript(s) OK, 2 problem(s)."
    assert f"{records}:2: text holds \\ud83d, half of a character" in stderr
    assert f"{records}:3: JSON is nested too deeply to read;" in stderr
    out = tmp_path / "out"
    args = ("build", "--input", str(records), "--output", str(out), "--config", str(CONFIG), "--skip-invalid")
    code, _, stderr = run(capsys, *args)
    assert code == 0, stderr
    assert "Skipped 2 invalid input(s):" in stderr
    assert sorted(p.name for p in (out / "interviews").iterdir() if p.is_dir()) == ["jr_1", "jr_4"]


# --- One error boundary: every command ends a user's mistake in one line that says how to fix it, and a bug
# of ours in one line that says where its traceback was written; never a traceback on screen.


def test_an_output_folder_under_a_file_is_one_line_naming_the_file(tmp_path, capsys):
    (tmp_path / "notes").write_text("a file, not a folder")
    out = tmp_path / "notes" / "site"
    code, _, stderr = run(capsys, "build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG))
    assert (code, stderr) == (
        1,
        f"error: {tmp_path / 'notes'}: a file is where the build needs a folder (File exists); "
        "choose another --output, or move the file away\n",
    )


def test_a_folder_given_as_the_hand_coding_file_is_one_line(tmp_path, capsys):
    code, _, stderr = run(capsys, "eval", "--coding", str(tmp_path), "--config", str(CONFIG))
    assert (code, stderr) == (
        1,
        f"error: {tmp_path}: is a folder where a file belongs; give the path of a file\n",
    )


def test_a_malformed_configuration_is_one_line_from_every_command(tmp_path, capsys):
    study = copy_study(tmp_path)
    study.write_text(study.read_text(encoding="utf-8").replace('agreement = "../eval/agreement.json"', "agreement = 5"))
    fix = 'write it in double quotes, e.g. agreement = "../eval/agreement.json"'
    message = f"error: {study}: agreement = 5: must be text; {fix}\n"
    out = str(tmp_path / "out")
    for command in (["check"], ["build", "--output", out], ["serve", "--no-watch", "--output", out], ["eval"]):
        code, _, stderr = run(capsys, *command, "--input", str(SEEDS), "--config", str(study))
        assert (code, stderr) == (1, message), command
    latin1 = study.read_text(encoding="utf-8").replace("How professionals", "Café professionals")
    study.write_bytes(latin1.encode("latin-1"))
    code, _, stderr = run(capsys, "check", "--input", str(SEEDS), "--config", str(study))
    assert (code, stderr) == (
        1,
        f"error: {study}:2: byte 0xe9 is not valid UTF-8; "
        "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)\n",
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied", "/srv/site/index.html"),
            "/srv/site/index.html: permission denied; check that you may read and write it, or choose another path",
        ),
        (
            IsADirectoryError(errno.EISDIR, "Is a directory", "/srv/site/data"),
            "/srv/site/data: is a folder where a file belongs; give the path of a file",
        ),
        # A full disk is reported by a write that names no file: the folder being built is named instead.
        (
            OSError(errno.ENOSPC, "No space left on device"),
            "{out}: no space left on the disk; free some space, or choose a folder on another disk",
        ),
        (
            OSError(errno.EROFS, "Read-only file system", "/mnt/cd/site"),
            "/mnt/cd/site: the disk is read-only; choose a folder on a writable disk",
        ),
    ],
    ids=["permission", "is-a-directory", "no-space", "read-only"],
)
def test_a_file_system_error_during_a_build_is_one_line_naming_the_path_and_the_fix(
    tmp_path, monkeypatch, capsys, error, message
):
    def build_site(*args, **kwargs):
        raise error

    monkeypatch.setattr(cli.build, "build_site", build_site)
    out = tmp_path / "out"
    assert cli.main(["build", "--input", str(SEEDS), "--output", str(out), "--config", str(CONFIG)]) == 1
    assert capsys.readouterr().err == f"error: {message.format(out=out)}\n"


def test_a_bug_is_one_line_naming_the_file_that_holds_its_traceback(tmp_path, monkeypatch, capsys):
    def check_inputs(*args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli.build, "check_inputs", check_inputs)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cli.main(["check", "--input", str(SEEDS)]) == cli.EXIT_BUG == 70
    err = capsys.readouterr().err
    written = re.fullmatch(
        r"error: a bug in interview-report, not a problem with your files \(ZeroDivisionError: division by zero\); "
        r"the full traceback is written to (\S+); please report it with that traceback\n",
        err,
    )
    assert written, err
    trace = Path(written[1])
    assert trace.parent == tmp_path and trace.name.startswith("interview-report-bug-")
    text = trace.read_text(encoding="utf-8")
    assert text.startswith("interview-report ") and f"report check --input {SEEDS}\n" in text
    assert "in check_inputs\n" in text and text.endswith("ZeroDivisionError: division by zero\n")


def test_a_bug_is_one_line_from_every_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cli.build, "build_site", lambda *a, **k: [][1])
    assert cli.main(["build", "--input", str(SEEDS), "--output", str(tmp_path / "out")]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "(IndexError: list index out of range)" in err, err


def test_ctrl_c_says_interrupted_and_exits_130(monkeypatch, capsys):
    def check_inputs(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.build, "check_inputs", check_inputs)
    assert cli.main(["check", "--input", str(SEEDS)]) == 130
    # click closes the terminal's ^C line first.
    assert capsys.readouterr().err == "\ninterrupted\n"


def test_ctrl_c_during_a_build_says_interrupted_and_exits_130(seed_copy):
    # SIGINT while worker processes draw the figures (their cache emptied): an interrupted pool once turned
    # exit code 130 into death by SIGINT, so this runs as a user runs it, in a process of its own.
    shutil.rmtree(seed_copy.work / "cache" / "figures")
    result = report(*build_args(seed_copy), **{faults.ENVIRONMENT: "build:content-written=INT"})
    assert (result.returncode, result.stderr.strip()) == (130, "interrupted")


def test_usage_errors_help_and_version_keep_clicks_exit_codes(tmp_path, capsys):
    assert cli.main(["--version"]) == 0
    assert cli.main(["build", "--output", str(tmp_path / "site"), "--executor", "dask"]) == 2
    assert capsys.readouterr().err.endswith(
        "Error: --executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)\n"
    )
    assert not (tmp_path / "site").exists()
    assert cli.main(["check", "--input", str(DATA / "latin1-bytes")]) == 2


def test_serve_on_a_port_in_use_is_one_line(tmp_path, capsys):
    import socket

    (tmp_path / "site").mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        code = cli.main(["serve", "--no-watch", "--output", str(tmp_path / "site"), "--port", str(port)])
    assert (code, capsys.readouterr().err) == (
        1,
        f"error: localhost:{port}: cannot serve there (Address already in use); "
        "pass another --port, or stop what is using it\n",
    )


def test_selecting_dask_without_the_dask_extra_names_the_extra(monkeypatch, capsys):
    # As if `pip install interview-report` had left the extra out: importing distributed fails.
    monkeypatch.setitem(sys.modules, "distributed", None)
    args = ("build", "--input", str(SEEDS), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:8786")
    assert run(capsys, *args) == (
        1,
        "",
        "error: --executor dask needs the dask extra: pip install 'interview-report[dask]'\n",
    )


def test_text_that_will_not_decode_outside_our_readers_is_one_line(monkeypatch, capsys):
    def check_inputs(*args):
        return b"caf\xe9".decode("utf-8")

    monkeypatch.setattr(cli.build, "check_inputs", check_inputs)
    assert run(capsys, "check", "--input", str(SEEDS)) == (
        1,
        "",
        "error: a file read here is not valid utf-8 (byte 0xe9: unexpected end of data); "
        "re-save it as UTF-8 (it may be Latin-1 or Windows-1252)\n",
    )


def test_a_failed_rebuild_under_serve_is_one_line_and_serving_goes_on(tmp_path, monkeypatch, capsys):
    import watchfiles

    from generator.cli import serve

    failures = iter([OSError(errno.ENOSPC, "No space left on device"), ZeroDivisionError("division by zero")])

    def build_site(*args, **kwargs):
        raise next(failures)

    monkeypatch.setattr(serve, "build_site", build_site)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # One change seen, then the watch ends (as it does when ^C stops it).
    monkeypatch.setattr(watchfiles, "watch", lambda *paths: iter([{(1, str(SEEDS / "a.txt"))}]))
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "serve", "--input", str(SEEDS), "--output", str(out), "--port", "0")
    assert code == 0
    assert "Changed: a.txt; rebuilding" in stdout
    first, second = stderr.splitlines()
    assert first == f"error: {out}: no space left on the disk; free some space, or choose a folder on another disk"
    assert second.startswith("error: a bug in interview-report, not a problem with your files (ZeroDivisionError")
