"""Draw the sentence-level annotation samples (deterministic; see eval/README.md, "Sentence-level annotations").

Writes, for the annotators, one batch file per annotator under --batches (outside the repository: it
holds corpus text), and into eval/sentences/ the item keys only (ids, turn, sentence number, a hash
of the text), so the committed labels point at the corpus without copying it.

    .venv/bin/python tools/draw_sentences.py --corpus ../shared/corpus/anthropic-interviewer \
        --reserved ../shared/reserved-ids.txt --batches /work/annot
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import SENTENCES, read_corpus, read_ids, write_interview, write_theme_batches  # noqa: E402

from generator.analyse.coding import compile_matchers  # noqa: E402
from generator.analyse.embed import load_embedder  # noqa: E402
from generator.analyse.sentences import participant_sentences  # noqa: E402
from generator.config import load_config  # noqa: E402

TEST_SEED = 20261202
CANDIDATE_SEED = 20261203
TEST_WORKFORCE, TEST_CREATIVES = 45, 15
CUE_PER_THEME, NEAR_PER_THEME, NEAR_POOL = 250, 150, 900
MIN_WORDS = 4


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--reserved", type=Path, required=True)
    ap.add_argument("--batches", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=SENTENCES, help="where test_ids.txt and candidates.jsonl go")
    args = ap.parse_args()

    config = load_config(ROOT / "content" / "study.toml")
    transcripts = read_corpus(args.corpus, config)
    reserved = read_ids(args.reserved)
    hand = [json.loads(line) for line in (ROOT / "eval" / "hand_coding.jsonl").read_text().splitlines()]
    old_heldout = {h["transcript_id"] for h in hand if h["part"] == "heldout"}
    hand_ids = {h["transcript_id"] for h in hand}

    # The complete-annotation test set: fresh interviews (never hand-coded, never reserved).
    fresh = sorted(i for i in transcripts if i not in reserved and i not in hand_ids)
    rng = random.Random(TEST_SEED)
    test = sorted(rng.sample([i for i in fresh if i.startswith("work_")], TEST_WORKFORCE)) + sorted(
        rng.sample([i for i in fresh if i.startswith("creativity_")], TEST_CREATIVES)
    )
    # The candidate pool leaves out every interview used to evaluate: the test set, the old
    # held-out part and the reserved interviews.
    excluded = reserved | old_heldout | set(test)
    pool = []
    for tid in sorted(transcripts):
        if tid in excluded:
            continue
        t = transcripts[tid]
        for s in participant_sentences(t.turns):
            if s.words >= MIN_WORDS:
                pool.append((tid, s))

    embedder = load_embedder()
    vectors = embedder.encode([s.text for _, s in pool])
    matchers = compile_matchers(config.codebook)
    items = []
    for m in matchers:
        theme = m.theme
        cue_hits = [
            k
            for k, (_, s) in enumerate(pool)
            if m.pattern.search(s.text.lower().replace("’", "'"))
            or (m.negated_cue is not None and m.negated_cue.search(s.text.lower().replace("’", "'")))
        ]
        crng = random.Random(f"{CANDIDATE_SEED}:{theme.slug}")
        chosen_cue = sorted(crng.sample(cue_hits, min(CUE_PER_THEME, len(cue_hits))))
        proto_texts = [theme.definition, theme.include, *theme.examples]
        proto = embedder.encode(proto_texts).mean(axis=0)
        proto /= np.linalg.norm(proto)
        sims = vectors @ proto
        order = [k for k in np.argsort(-sims, kind="stable") if k not in set(cue_hits)][:NEAR_POOL]
        chosen_near = sorted(crng.sample([int(k) for k in order], min(NEAR_PER_THEME, len(order))))
        for source, chosen in (("cue", chosen_cue), ("near", chosen_near)):
            for k in chosen:
                tid, s = pool[k]
                items.append(
                    {
                        "item": f"{theme.slug}:{tid}:{s.index}",
                        "theme": theme.slug,
                        "transcript_id": tid,
                        "turn": s.turn,
                        "sentence": s.index,
                        "text_sha": text_key(s.text),
                        "source": source,
                    }
                )
        print(f"{theme.slug}: {len(cue_hits)} cue matches, {len(chosen_cue)} + {len(chosen_near)} drawn")

    out = args.out
    out.mkdir(exist_ok=True)
    (out / "test_ids.txt").write_text("\n".join(test) + "\n")
    with (out / "candidates.jsonl").open("w") as f:
        for it in items:
            f.write(json.dumps(it) + "\n")

    write_theme_batches(args.batches, config, items, transcripts, "order")
    for tid in test:
        write_interview(args.batches, transcripts[tid])
    print(f"test set: {len(test)} interviews; candidates: {len(items)}; pool: {len(pool)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
