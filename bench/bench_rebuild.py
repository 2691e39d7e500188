"""Benchmark: building and rebuilding the report of the public corpus.

Run: .venv/bin/python bench/bench_rebuild.py
Measures, in one run: a cold build, a rebuild with nothing changed, a rebuild after
adding one transcript and after adding 100, and, as the reference, a plain Pelican
build (default theme, Markdown pages) of the same number of pages. Prints each as a
ratio to the reference. Needs ../shared/corpus/anthropic-interviewer.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
HELD_BACK = 101


def rows() -> list[tuple[str, str]]:
    out = []
    for name in ("workforce_transcripts.csv", "creatives_transcripts.csv"):
        with open(CORPUS / name, newline="", encoding="utf-8") as f:
            out += [(r["transcript_id"], r["text"]) for r in csv.DictReader(f)]
    return out


def write_jsonl(path: Path, records: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for tid, text in records:
            f.write(json.dumps({"transcript_id": tid, "text": text}) + "\n")


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def plain_pelican(pages: int, records: list[tuple[str, str]], tmp: Path, env: dict[str, str]) -> float:
    content = tmp / "plain-content"
    content.mkdir()
    for i in range(pages):
        tid, text = records[i % len(records)]
        body = text[:6000].replace("\n\n", "\n\n    ")
        (content / f"p{i:05d}.md").write_text(f"Title: Page {i} {tid}\nDate: 2026-01-01\n\n{body}\n", encoding="utf-8")
    settings = tmp / "plain.py"
    settings.write_text(
        "SITENAME='x'\nRELATIVE_URLS=True\nTIMEZONE='UTC'\nFEED_ALL_ATOM=None\nCATEGORY_FEED_ATOM=None\n"
    )
    args = [sys.executable, "-m", "pelican", str(content), "-o", str(tmp / "plain-out"), "-s", str(settings), "-q"]
    return timed(args, env)


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    records = rows()
    base, held = records[:-HELD_BACK], records[-HELD_BACK:]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        inputs = tmp / "inputs"
        inputs.mkdir()
        write_jsonl(inputs / "base.jsonl", base)
        out = tmp / "site"
        build = [sys.executable, "-m", "generator", "build", "--input", str(inputs), "--output", str(out)]
        build += ["--config", str(ROOT / "content" / "study.toml")]
        results = {"cold build": timed(build, env), "nothing changed": timed(build, env)}
        write_jsonl(inputs / "one.jsonl", held[:1])
        results["+1 transcript"] = timed(build, env)
        write_jsonl(inputs / "more.jsonl", held[1:])
        results["+100 transcripts"] = timed(build, env)
        pages = sum(1 for _ in out.rglob("*.html"))
        results[f"plain Pelican, {pages} pages (reference)"] = plain_pelican(pages, records, tmp, env)
        shutil.rmtree(out)
    ref = results[f"plain Pelican, {pages} pages (reference)"]
    cold = results["cold build"]
    print(f"interviews: {len(base)} + 1 + {HELD_BACK - 1}; pages: {pages}")
    print(f"{'build':<40}{'seconds':>9}{'x reference':>13}{'x cold':>9}")
    for label, seconds in results.items():
        print(f"{label:<40}{seconds:>9.2f}{seconds / ref:>13.2f}{seconds / cold:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
