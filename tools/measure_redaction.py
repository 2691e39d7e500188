"""What redaction replaces in the public corpus, for reading every hit by eye (eval/README.md,
"Redaction: person names").

Run: .venv/bin/python tools/measure_redaction.py [--corpus ../shared/corpus/anthropic-interviewer]
     [--reserved ../shared/reserved-ids.txt] [--kind name]
Reads the corpus with the generator's own ingest and redacts it with the default study's
[privacy] settings, as `report build` does; leaves out the reserved interviews. Prints one line
per replaced span (interview, turn, kind, the text replaced, 40 characters either side), then
the counts. Where a kind has more than 300 hits it prints a sample of 100 drawn with
random.Random(SEED) from the hits sorted by interview, turn and offset.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import load_config  # noqa: E402
from generator.ingest import read_transcripts  # noqa: E402
from generator.redact import Redactor  # noqa: E402

SEED = 20261215
READ_ALL = 300
SAMPLE = 100


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "anthropic-interviewer")
    parser.add_argument("--reserved", type=Path, default=ROOT.parent / "shared" / "reserved-ids.txt")
    parser.add_argument("--kind", help="only this kind (name, email, url, phone, address, ...)")
    args = parser.parse_args()
    config = load_config(ROOT / "content" / "study.toml")
    reserved = {line.strip() for line in args.reserved.read_text().splitlines() if line.strip()[:1] not in ("", "#")}
    transcripts = [t for t in read_transcripts([args.corpus], config.labels).transcripts if t.id not in reserved]
    redactor = Redactor(config.privacy)
    hits: dict[str, list[str]] = {}
    for t in transcripts:
        for turn in t.turns:
            for span in redactor.spans(turn.text):
                if args.kind and span.kind != args.kind:
                    continue
                before = turn.text[max(0, span.start - 40) : span.start].replace("\n", " ")
                after = turn.text[span.end : span.end + 40].replace("\n", " ")
                found = turn.text[span.start : span.end]
                hits.setdefault(span.kind, []).append(
                    f"{t.id}\t{turn.number}\t{span.kind}\t{found}\t…{before}[{found}]{after}…"
                )
    print(f"{len(transcripts)} interviews ({len(reserved)} reserved ids left out)")
    for kind, lines in sorted(hits.items()):
        shown = lines if len(lines) <= READ_ALL else sorted(random.Random(SEED).sample(lines, SAMPLE))
        print(f"\n## {kind}: {len(lines)} hits" + ("" if shown is lines else f", a sample of {SAMPLE}"))
        print("\n".join(shown))
        print(
            "distinct:",
            ", ".join(f"{v} ({n})" for v, n in Counter(line.split("\t")[3] for line in lines).most_common()),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
