"""Draw a further round of candidate sentences (deterministic given the model it ranks with).

Round 1 (tools/draw_sentences.py) gave too few positives for most themes. Round 2 draws, per theme,
from the same pool and under the same exclusions: cue matches not drawn in round 1 (seeded sample),
and the sentences the coder trained on round 1 scores highest (active learning: the candidates it
is most sure of are where its false positives are). Annotators never see a score.

    .venv/bin/python tools/draw_round2.py --corpus ../shared/corpus/anthropic-interviewer \
        --reserved ../shared/reserved-ids.txt --batches /work/annot/r2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import SENTENCES, never_fitted, read_corpus, read_ids, write_theme_batches  # noqa: E402
from draw_sentences import MIN_WORDS, text_key  # noqa: E402

from generator.analyse.coding import compile_matchers  # noqa: E402
from generator.analyse.learned import MODEL_PATH, load_coder  # noqa: E402
from generator.analyse.sentences import participant_sentences  # noqa: E402
from generator.config import load_config  # noqa: E402

SEED = 20261206
CUE_MORE, TOP_MORE = 250, 250


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--reserved", type=Path, required=True)
    ap.add_argument("--batches", type=Path, required=True)
    ap.add_argument("--round", type=int, default=2)
    ap.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="the coder that ranks (eval/sentences/coder-round<N-1>.json)"
    )
    ap.add_argument("--drawn", type=Path, help="the items drawn before (default: --out)")
    ap.add_argument("--out", type=Path, default=SENTENCES / "candidates.jsonl", help="appended to")
    ap.add_argument("--themes", nargs="*", help="only these themes (default: all)")
    ap.add_argument("--cue", type=int, default=CUE_MORE, help="more cue matches per theme")
    ap.add_argument("--top", type=int, default=TOP_MORE, help="top-scored sentences per theme")
    ap.add_argument("--band", type=int, default=0, help="sentences scored just under the theme's threshold")
    args = ap.parse_args()
    config = load_config(ROOT / "content" / "study.toml")
    matchers = compile_matchers(config.codebook)
    transcripts = read_corpus(args.corpus, config)
    excluded = never_fitted(read_ids(args.reserved))
    drawn = {json.loads(x)["item"] for x in (args.drawn or args.out).read_text().splitlines()}

    coder = load_coder(args.model)
    assert coder is not None, "train the round-1 coder first (tools/train_coder.py)"
    pool = []
    probs = []
    for tid in sorted(transcripts):
        if tid in excluded:
            continue
        ss = tuple(s for s in participant_sentences(transcripts[tid].turns) if s.words >= MIN_WORDS)
        if not ss:
            continue
        pool.extend((tid, s) for s in ss)
        turns = {t.number: t.text for t in transcripts[tid].turns if t.speaker == "participant"}
        probs.append(coder.probabilities(ss, matchers, turns))
    p = np.vstack(probs)
    items = []
    for j, m in enumerate(matchers):
        slug = m.theme.slug
        if args.themes and slug not in args.themes:
            continue
        fresh = [k for k, (tid, s) in enumerate(pool) if f"{slug}:{tid}:{s.index}" not in drawn]
        norm = [pool[k][1].text.lower().replace("’", "'") for k in fresh]
        cue = [
            k
            for k, t in zip(fresh, norm, strict=True)
            if m.pattern.search(t) or (m.negated_cue is not None and m.negated_cue.search(t))
        ]
        rng = random.Random(f"{SEED}:{args.round}:{slug}" if args.round > 2 else f"{SEED}:{slug}")
        chosen_cue = set(rng.sample(cue, min(args.cue, len(cue))))
        ranked = sorted((k for k in fresh if k not in chosen_cue), key=lambda k: (-p[k, j], k))
        top = ranked[: args.top]
        # The uncertain band: scored a little under the threshold, where a new label moves it most.
        threshold = coder.models[slug].threshold
        band_pool = [k for k in ranked[args.top :] if threshold - 0.25 <= p[k, j] < threshold]
        band = sorted(rng.sample(band_pool, min(args.band, len(band_pool))))
        chosen = sorted(chosen_cue) + top + band
        for k in chosen:
            tid, s = pool[k]
            items.append(
                {
                    "item": f"{slug}:{tid}:{s.index}",
                    "theme": slug,
                    "transcript_id": tid,
                    "turn": s.turn,
                    "sentence": s.index,
                    "text_sha": text_key(s.text),
                    "source": f"cue{args.round}" if k in chosen_cue else "band" if k in band else "model",
                }
            )
        print(f"{slug}: {len(chosen_cue)} more cue matches, {len(top)} top-scored, {len(band)} in the band")
    with args.out.open("a") as f:
        for it in items:
            f.write(json.dumps(it) + "\n")
    write_theme_batches(args.batches, config, items, transcripts, f"order{args.round}")
    print(f"round {args.round}: {len(items)} candidates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
