"""Benchmark: cold builds from the public corpus (1,125 interviews) up to 80,000 synthetic ones.

Run: .venv/bin/python bench/bench_scale.py [--sizes 1125,10000,80000] [--executor local]
For each size: wall time per stage (the build's own timings), the whole build's wall
time and time per interview, peak memory, and, as the reference, a plain Pelican build
(default theme, Markdown pages) of the same page count in the same run. Each build runs
in a child process, so its peak memory is its own: `build RSS` is the build process's
peak (from wait4), `tree RSS` the peak sum over it and its workers (sampled; shared
pages counted in each process, so an upper bound). Sizes other than 1,125 are synthetic
corpora from bench/synth.py. Needs ../shared/corpus/anthropic-interviewer; 80,000 takes
about an hour on two cores and 15 GB of disk.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_rebuild import plain_pelican, rows  # noqa: E402
from synth import CORPUS, write_corpus  # noqa: E402

REAL = 1125
EPOCH = "1795392000"
# The acceptance targets.
MAX_PEAK_GB = 8.0
MAX_PER_INTERVIEW_RATIO = 1.3
MAX_PELICAN_RATIO = 3.0


@dataclass
class Run:
    size: int
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)  # GB, the build process's RSS by stage
    pages: int = 0
    build_rss: float = 0.0  # GB
    tree_rss: float = 0.0  # GB
    reference: float = 0.0
    load: float = 0.0  # mean 1-minute load average during the build: above our own workers, the machine was shared

    @property
    def per_interview_ms(self) -> float:
        return 1000 * self.seconds / self.size


def child(inputs: Path, output: Path, executor: str) -> int:
    """In the child: build, then report the stage timings and each stage's peak RSS as JSON on stdout."""
    from generator.pipeline import build_site

    samples: list[tuple[float, int]] = []
    done = threading.Event()
    page = os.sysconf("SC_PAGE_SIZE")

    def sample() -> None:
        while not done.is_set():
            with open("/proc/self/statm") as f:
                samples.append((time.perf_counter(), int(f.read().split()[1]) * page))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    result = build_site([inputs], output, ROOT / "content" / "study.toml", executor=executor)  # type: ignore[arg-type]
    done.set()
    sampler.join()
    # The stages run back to back from `start`, in the order of the timings.
    peaks, begin = {}, start
    for stage, seconds in result.timings.items():
        inside = [rss for t, rss in samples if begin <= t <= begin + seconds]
        peaks[stage] = max(inside, default=0) / 1024**3
        begin += seconds
    print(json.dumps({"timings": result.timings, "peaks": peaks, "N": result.report.N}))
    return 0


def measured(args: list[str], env: dict[str, str]) -> tuple[float, str, float, float, float]:
    """Run a child to completion: (seconds, stdout, its peak RSS in GB, peak RSS of it and its
    descendants in GB, mean load average)."""
    import psutil

    start = time.perf_counter()
    errors = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
    peak_tree = 0
    loads: list[float] = []
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        try:
            parent = psutil.Process(process.pid)
            while not done.is_set():
                total = 0
                for p in [parent, *parent.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak_tree = max(peak_tree, total)
                loads.append(os.getloadavg()[0])
                done.wait(0.5)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout = process.stdout.read()  # type: ignore[union-attr]
    # wait4, not wait: it also returns the child's resource usage, peak RSS included.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        errors.seek(0)
        raise SystemExit(f"{' '.join(args)} failed:\n{errors.read()[-3000:]}")
    errors.close()
    gb = 1024**2  # ru_maxrss is in KiB on Linux
    load = sum(loads) / len(loads) if loads else 0.0
    return seconds, stdout, usage.ru_maxrss / gb, max(peak_tree / 1024**3, usage.ru_maxrss / gb), load


def run_size(size: int, executor: str, tmp: Path, env: dict[str, str]) -> Run:
    work = tmp / str(size)
    work.mkdir()
    if size == REAL:
        inputs = CORPUS
    else:
        inputs = work / "synthetic.csv"
        write_corpus(inputs, size, seed=1)
    out = work / "site"
    build = [sys.executable, __file__, "--child", str(inputs), str(out), executor]
    seconds, stdout, build_rss, tree_rss, load = measured(build, env)
    data = json.loads(stdout.strip().splitlines()[-1])
    if data["N"] != size:
        raise SystemExit(f"built {data['N']} interviews, expected {size}")
    pages = sum(1 for _ in out.rglob("*.html"))
    run = Run(size, seconds, data["timings"], data["peaks"], pages, build_rss, tree_rss, load=load)
    # Free the disk before the reference: the larger sites take gigabytes.
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir()
    run.reference = plain_pelican(pages, rows(), work, env)
    subprocess.run(["rm", "-rf", str(work)], check=True)
    return run


def print_table(runs: list[Run]) -> None:
    base = next((r for r in runs if r.size == REAL), runs[0])
    stages = list(dict.fromkeys(s for r in runs for s in r.timings))
    head = f"{'interviews':>10}{'pages':>8}" + "".join(f"{s[:9]:>10}" for s in stages)
    head += f"{'total s':>10}{'ms/intvw':>10}{'x ms@' + str(base.size):>11}"
    head += f"{'build GB':>10}{'tree GB':>9}{'Pelican s':>11}{'x Pelican':>11}{'load':>6}"
    print(head)
    for r in runs:
        line = f"{r.size:>10}{r.pages:>8}" + "".join(f"{r.timings.get(s, 0.0):>10.1f}" for s in stages)
        line += f"{r.seconds:>10.1f}{r.per_interview_ms:>10.2f}{r.per_interview_ms / base.per_interview_ms:>11.2f}"
        line += f"{r.build_rss:>10.2f}{r.tree_rss:>9.2f}{r.reference:>11.1f}{r.seconds / r.reference:>11.2f}"
        line += f"{r.load:>6.1f}"
        print(line)
    print()
    print("peak RSS of the build process by stage, GB (sampled)")
    stages = list(dict.fromkeys(s for r in runs for s in r.peaks))
    print(f"{'interviews':>10}" + "".join(f"{s[:11]:>12}" for s in stages))
    for r in runs:
        print(f"{r.size:>10}" + "".join(f"{r.peaks.get(s, 0.0):>12.2f}" for s in stages))
    largest = runs[-1]
    print()
    print(f"targets at {largest.size} interviews:")
    checks = (
        (f"peak memory (tree) under {MAX_PEAK_GB:g} GB", f"{largest.tree_rss:.2f} GB", largest.tree_rss < MAX_PEAK_GB),
        (
            f"time per interview within {MAX_PER_INTERVIEW_RATIO:g}x of {base.size}",
            f"{largest.per_interview_ms / base.per_interview_ms:.2f}x",
            largest.per_interview_ms / base.per_interview_ms <= MAX_PER_INTERVIEW_RATIO,
        ),
        (
            f"whole build within {MAX_PELICAN_RATIO:g}x of plain Pelican",
            f"{largest.seconds / largest.reference:.2f}x",
            largest.seconds / largest.reference <= MAX_PELICAN_RATIO,
        ),
    )
    for what, value, met in checks:
        print(f"  {what:<48}{value:>10}  {'met' if met else 'NOT MET'}")


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        return child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=f"{REAL},10000,80000", help="comma-separated interview counts")
    parser.add_argument("--executor", default="local", choices=("local", "serial"))
    parser.add_argument("--tmp", type=Path, default=None, help="where to build (needs disk: ~15 GB at 80,000)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    runs = []
    with tempfile.TemporaryDirectory(dir=args.tmp) as name:
        for size in sizes:
            runs.append(run_size(size, args.executor, Path(name), env))
            print(f"built {size} interviews in {runs[-1].seconds:.1f}s", file=sys.stderr, flush=True)
    print(f"executor: {args.executor}, cores: {os.cpu_count()}")
    print_table(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
