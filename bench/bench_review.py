"""The review screen on the 1,125-interview corpus: start-up (cold and from the build's cache), the
number of suggestions, and what one page and one decision cost. Not a test; prints figures.

    python bench/bench_review.py [--corpus ../shared/corpus/anthropic-interviewer] [--work /tmp/review-bench]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from generator.review.server import ReviewServer
from generator.review.suggestions import load_study

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "anthropic-interviewer")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="review-bench-"))
    inputs = sorted(args.corpus.glob("*.csv"))
    site = work / "site"
    shutil.rmtree(work / ".site-build", ignore_errors=True)
    timings = {}
    for run in ("cold", "warm"):
        start = time.perf_counter()
        study = load_study(inputs, site, ROOT / "content" / "study.toml")
        timings[run] = time.perf_counter() - start
    print(f"interviews {len(study.transcripts)}, suggestions {len(study.suggestions)}")
    print(f"start-up: cold {timings['cold']:.1f} s, from the cache {timings['warm']:.1f} s")

    server = ReviewServer(study, work / "reviews", "bench")
    server.start()
    base = f"http://127.0.0.1:{server.port}"
    headers = {"X-Review-Token": server.token, "X-Review-Client": "bench-tab-1"}

    def call(path: str, body: dict | None = None) -> tuple[float, int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        extra = {"Content-Type": "application/json"} if body is not None else {}
        request = urllib.request.Request(base + path, data=data, headers={**headers, **extra})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            raw = response.read()
        return time.perf_counter() - start, len(raw), json.loads(raw)

    pages = [call("/api/items") for _ in range(30)]
    first = pages[-1][2]["items"][0]["id"]
    decisions = [call("/api/decisions", {"item": first + 0, "decision": "accept"})]
    for _ in range(29):
        item = decisions[-1][2]["page"]["items"][0]["id"]
        decisions.append(call("/api/decisions", {"item": item, "decision": "reject"}))
    server.shutdown()
    print(
        f"a page of {len(pages[0][2]['items'])} items: {statistics.median(t for t, _, _ in pages) * 1000:.1f} ms "
        f"median, {pages[0][1] / 1024:.1f} KiB"
    )
    decision = statistics.median(t for t, _, _ in decisions) * 1000
    print(f"a decision (synced to disk, next page included): {decision:.1f} ms median")
    print(f"peak memory of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
