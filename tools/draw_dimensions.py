"""Draw the interviews annotated for the coded dimensions (deterministic; see eval/README.md, "Dimensions").

The held-out test part is the complete-annotation test set (`eval/sentences/test_ids.txt`). The
training part is the complete-annotation tuning interviews plus a fresh draw from interviews never
evaluated on. Writes the id lists into eval/dimensions/ and, for the annotators, one numbered
interview file per id under --batches (outside the repository: it holds corpus text).

    .venv/bin/python tools/draw_dimensions.py --corpus ../shared/corpus/anthropic-interviewer \
        --reserved ../shared/reserved-ids.txt --batches /work/annot/dims
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import SENTENCES, never_fitted, read_corpus, read_ids, write_interview  # noqa: E402

from generator.config import load_config  # noqa: E402

SEED = 20261210
FRESH_WORKFORCE, FRESH_CREATIVES = 80, 20
OUT = ROOT / "eval" / "dimensions"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--reserved", type=Path, required=True)
    ap.add_argument("--batches", type=Path, required=True)
    args = ap.parse_args()

    config = load_config(ROOT / "content" / "study.toml")
    transcripts = read_corpus(args.corpus, config)
    reserved = read_ids(args.reserved)
    excluded = never_fitted(reserved)
    test = sorted((SENTENCES / "test_ids.txt").read_text().split())
    assert not set(test) & reserved
    tuning = sorted(
        {json.loads(line)["transcript_id"] for line in (SENTENCES / "complete_tuning.jsonl").read_text().splitlines()}
        - excluded
    )
    hand = {
        json.loads(line)["transcript_id"] for line in (ROOT / "eval" / "hand_coding.jsonl").read_text().splitlines()
    }
    fresh = sorted(i for i in transcripts if i not in excluded and i not in hand and i not in tuning)
    rng = random.Random(SEED)
    drawn = sorted(rng.sample([i for i in fresh if i.startswith("work_")], FRESH_WORKFORCE)) + sorted(
        rng.sample([i for i in fresh if i.startswith("creativity_")], FRESH_CREATIVES)
    )
    train = tuning + drawn
    assert not set(train) & excluded

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "test_ids.txt").write_text("\n".join(test) + "\n")
    (OUT / "train_ids.txt").write_text("\n".join(train) + "\n")
    args.batches.mkdir(parents=True, exist_ok=True)
    for tid in test + train:
        write_interview(args.batches, transcripts[tid])
    print(f"test {len(test)}, train {len(train)} ({len(tuning)} tuning + {len(drawn)} fresh)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
