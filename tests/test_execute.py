"""Parallel analysis: a local process pool and a real Dask cluster build the same site as one process."""

from __future__ import annotations

import csv
import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, SEEDS, WORKFORCE, copy_study, needs_corpus

from generator import cli, execute
from generator.analyse import Analyser
from generator.analyse.cache import AnalysisCache
from generator.config import load_config
from generator.errors import BuildError
from generator.ingest import read_transcripts
from generator.pipeline import build_site

# Enough for every worker to get several chunks of the analysis and for the larger occupation groups
# to get charts of their own (groups of 10 or more): what a pool could get wrong.
FROM_CSV = 60


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_study(tmp_path_factory.mktemp("study"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed interviews and some more from the public corpus, as CSV."""
    if not WORKFORCE.exists():
        pytest.skip(f"the public corpus is not at {WORKFORCE.parent} (it sits beside the project in ../shared)")
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SEEDS, folder, dirs_exist_ok=True)
    seed_ids = {t.id for t in read_transcripts([SEEDS], load_config(CONFIG).labels).transcripts}
    with open(WORKFORCE, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["transcript_id"] not in seed_ids][:FROM_CSV]
    with open(folder / "more.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["transcript_id", "text"])
        writer.writerows([r["transcript_id"], r["text"]] for r in rows)
    return folder


@pytest.fixture(scope="module")
def serial_site(tmp_path_factory: pytest.TempPathFactory, inputs: Path, study: Path) -> Path:
    out = tmp_path_factory.mktemp("serial") / "site"
    result = build_site([inputs], out, study, executor="serial")
    assert result.analysed_fresh == 5 + FROM_CSV
    return out


def differences(a: Path, b: Path) -> list[str]:
    """Files that are missing from one site or differ byte for byte."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(f) for f in files_a & files_b if not filecmp.cmp(a / f, b / f, shallow=False))
    return sorted(str(f) for f in files_a ^ files_b) + differ


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Dask scheduler and two single-threaded worker processes on localhost, as a user would start them."""
    folder = tmp_path_factory.mktemp("dask")
    file = folder / "scheduler.json"
    # The workers are separate interpreters: they import the analysis from this checkout.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    common = ["--no-dashboard", "--scheduler-file", str(file)]
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", *common],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "scheduler.log", "w"),  # noqa: SIM115 - closed with the process
        )
    ]
    try:
        deadline = time.monotonic() + 30
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        started.append(
            subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", "--nworkers", "2", "--nthreads", "1", *common]
                + ["--host", "127.0.0.1", "--local-directory", str(folder)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(folder / "worker.log", "w"),  # noqa: SIM115 - closed with the process
            )
        )
        from distributed import Client

        with Client(scheduler_file=str(file), timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            address = client.scheduler.address
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def chunks_run_on(address: str) -> int:
    """How many analysis tasks the cluster's workers have completed."""
    from distributed import Client

    def count(dask_scheduler) -> int:  # type: ignore[no-untyped-def]
        # Dask names a task group after its function, less the leading underscore.
        prefix = dask_scheduler.task_prefixes.get("analyse_chunk_with")
        return 0 if prefix is None else prefix.state_counts["memory"]

    with Client(address, timeout=30) as client:
        return int(client.run_on_scheduler(count))


@needs_corpus()
def test_a_local_process_pool_builds_the_same_site_as_one_process(tmp_path, monkeypatch, inputs, study, serial_site):
    # So few interviews would run in-process by default: too few to pay for a pool.
    monkeypatch.setattr(execute, "MIN_POOL_MISSES", 1)
    result = build_site([inputs], tmp_path / "site", study, executor="local", workers=2)
    assert result.analysed_fresh == 5 + FROM_CSV
    assert differences(serial_site, tmp_path / "site") == []


@needs_corpus()
def test_a_dask_cluster_builds_the_same_site_and_keeps_the_cache(
    tmp_path, capsys, inputs, study, serial_site, scheduler
):
    out = tmp_path / "site"
    build = ["build", "--input", str(inputs), "--output", str(out), "--config", str(study)]

    def report_build() -> str:
        """`report build` on the cluster, in this process (the workers are processes of their own)."""
        code = cli.main([*build, "--executor", "dask", "--scheduler", scheduler])
        printed = capsys.readouterr()
        assert code == 0, printed.err
        return " ".join(printed.out.split())

    assert f"{5 + FROM_CSV} new or changed, 0 from cache" in report_build()
    assert chunks_run_on(scheduler) >= 2
    assert differences(serial_site, out) == []

    # A rebuild finds every interview in the cache and so never needs the cluster.
    second = report_build()
    assert f"0 new or changed, {5 + FROM_CSV} from cache" in second
    assert "Nothing changed" in second


def test_an_unreachable_scheduler_is_an_error_that_says_how_to_start_one(monkeypatch, tmp_path):
    monkeypatch.setattr(execute, "DASK_TIMEOUT", 1.0)
    config = load_config(CONFIG)
    transcripts = read_transcripts([SEEDS], config.labels).transcripts
    with pytest.raises(BuildError) as e:
        execute.analyse_all(
            transcripts, Analyser.for_config(config), AnalysisCache(tmp_path), "dask", scheduler="tcp://127.0.0.1:9"
        )
    message = str(e.value)
    assert message.startswith("could not reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert message.endswith(
        "check the address, or start one with `dask scheduler` and workers with `dask worker tcp://127.0.0.1:9`"
    )
