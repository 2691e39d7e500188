"""Benchmark: redaction in linear time, and over the public corpus.

Run: .venv/bin/python bench/bench_redact.py [--repeat 3]
One answer of 10,000 numbers (1 2 3 ... 10000; random five-digit groups; pieces of phone
numbers among other numbers) must redact in under a second; each is printed beside an
ordinary answer of the same length, measured in the same run, as a ratio. (One answer of
3,000 numbers took 206 s before redaction became linear.) With the corpus beside the
project, also redacts the 1,125 public interviews, cold, against reading them.
Exits 1 when an answer of numbers takes a second or more.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import Privacy, load_config  # noqa: E402
from generator.ingest import read_transcripts  # noqa: E402
from generator.redact import Redactor  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
NUMBERS = 10_000
LIMIT = 1.0  # seconds for one answer of NUMBERS numbers


def answers() -> dict[str, str]:
    rnd = random.Random(1)
    pieces = ["415", "555", "0132", "020", "7946", "0958", "+1", "+44", "(212)", "07700", "900123"]
    return {
        "1 2 3 ... 10000": " ".join(str(i) for i in range(1, NUMBERS + 1)),
        "random 5-digit groups": " ".join(f"{rnd.randrange(100_000):05d}" for _ in range(NUMBERS)),
        "phone pieces among numbers": " ".join(
            rnd.choice(pieces) if rnd.random() < 0.5 else str(rnd.randrange(100_000)) for _ in range(NUMBERS)
        ),
    }


def ordinary(length: int) -> str:
    """Interview prose of the given length, for the reference."""
    seeds = sorted((ROOT / "content" / "transcripts").iterdir())
    text = " ".join(p.read_text(encoding="utf-8") for p in seeds)
    return (text * (length // len(text) + 1))[:length]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    redactor = Redactor(Privacy())
    redactor.clean("Dr. Jane Doe, Priya Raman")  # load the name data before timing anything
    slow = False
    print(f"{'one answer':<30}{'chars':>8}{'median s':>10}{'x ordinary':>12}")
    for name, text in answers().items():
        prose = ordinary(len(text))
        reference = statistics.median(timed(functools.partial(redactor.clean, prose)) for _ in range(args.repeat))
        took = statistics.median(timed(functools.partial(redactor.clean, text)) for _ in range(args.repeat))
        slow |= took >= LIMIT
        print(f"{name:<30}{len(text):>8}{took:>10.3f}{took / reference:>12.1f}")
        print(f"{'  ordinary prose, same length':<30}{len(prose):>8}{reference:>10.3f}{1:>12.1f}")
    if CORPUS.exists():
        config = load_config(ROOT / "content" / "study.toml")
        read = statistics.median(timed(lambda: read_transcripts([CORPUS], config.labels)) for _ in range(args.repeat))
        transcripts = read_transcripts([CORPUS], config.labels).transcripts
        study = Redactor(config.privacy)
        cold = statistics.median(timed(lambda: [study.redact(t) for t in transcripts]) for _ in range(args.repeat))
        print(f"public corpus, {len(transcripts)} interviews: read {read:.2f} s, redact {cold:.2f} s "
              f"({cold / read:.1f} x reading)")  # fmt: skip
    if slow:
        print(f"FAILED: an answer of {NUMBERS:,} numbers took {LIMIT:.0f} s or more")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
