"""Benchmark: analysis of the public corpus, cold and from the cache.

Run: .venv/bin/python bench/bench_analysis.py [--repeat 3]
Prints wall times and each as a ratio to a reference measured in the same run
(reading and parsing the same transcripts), since absolute seconds vary by machine.
Needs ../shared/corpus/anthropic-interviewer.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse import Analyser, summarise_interview  # noqa: E402
from generator.analyse.cache import AnalysisCache, cache_key  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.ingest import read_transcripts  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    config = load_config(ROOT / "content" / "study.toml")
    transcripts = read_transcripts([CORPUS], config.labels).transcripts
    analyser = Analyser.for_config(config)

    def cold(cache_dir: Path) -> None:
        cache = AnalysisCache(cache_dir)
        for t in transcripts:
            key = cache_key(t, analyser.fingerprint_of(t))
            if cache.get(key, t) is None:
                cache.put(key, summarise_interview(t, analyser))

    # The learned coder's load (embeddings and weights) in a fresh process, as a cold build pays it.
    load = [
        timed(
            lambda: subprocess.run(
                [sys.executable, "-c", "from generator.analyse.learned import load_coder; load_coder()"],
                check=True,
                cwd=ROOT,
            )
        )
        for _ in range(args.repeat)
    ]
    python = [timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)) for _ in range(args.repeat)]
    reference, cold_times, warm_times = [], [], []
    for _ in range(args.repeat):
        reference.append(timed(lambda: read_transcripts([CORPUS], config.labels)))
        with tempfile.TemporaryDirectory() as tmp:
            cold_times.append(timed(lambda: cold(Path(tmp))))
            warm_times.append(timed(lambda: cold(Path(tmp))))
    ref = statistics.median(reference)
    n = len(transcripts)
    print(f"interviews: {n}")
    print(f"{'stage':<28}{'median s':>10}{'ms/interview':>14}{'x reference':>13}")
    for name, times in (
        ("read (reference)", reference),
        ("analyse, cold", cold_times),
        ("analyse, cached", warm_times),
        ("coder load, new process", load),
        ("python start (for scale)", python),
    ):
        m = statistics.median(times)
        print(f"{name:<28}{m:>10.2f}{1000 * m / n:>14.2f}{m / ref:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
