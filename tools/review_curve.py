"""How many reviewed sentences a new theme needs: the learning curve of the build's refit (eval/README.md,
"Reviews teach the coder").

A theme of the default codebook is treated as new: its shipped model is hidden, so the study codes it
with the rules until reviews teach the coder. k reviewed sentences are drawn from the sentence
judgements of that theme (tuning data: eval/sentences/judgements.jsonl, never the test set or a
reserved interview), shuffled once per draw with a fixed seed so that each k's sentences include the
smaller k's. The build's own refit (generator/review/refit.py: refit_themes) fits the theme from them,
the other sentences of their interviews and the theme's definition and examples; the interview-level
F1 is then measured on the held-out complete annotation (eval/sentences/complete.jsonl, the 60 ids of
test_ids.txt), which nothing here fits on. `--part tuning` measures on the complete tuning annotation
instead (eval/sentences/complete_tuning.jsonl): what the refit's constants were chosen on.

    .venv/bin/python tools/review_curve.py --corpus ../shared/corpus/anthropic-interviewer \\
        --reserved ../shared/reserved-ids.txt --theme privacy-confidentiality
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import SENTENCES, never_fitted, read_corpus, read_ids  # noqa: E402

from generator.analyse.coding import code_themes, compile_matchers  # noqa: E402
from generator.analyse.learned import SentenceCoder, ThemeModel, load_coder  # noqa: E402
from generator.analyse.quotes import informativeness  # noqa: E402
from generator.analyse.sentences import participant_sentences  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.models import Quote, Transcript  # noqa: E402
from generator.review.refit import refit_themes  # noqa: E402

KS = (10, 25, 50, 100, 200)
DRAWS = 5
SEED = 20261217


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--reserved", type=Path, required=True)
    ap.add_argument("--theme", action="append", help="theme(s) to treat as new (default: privacy-confidentiality)")
    ap.add_argument("--k", type=int, action="append", help=f"reviewed sentences (default: {KS})")
    ap.add_argument("--draws", type=int, default=DRAWS)
    ap.add_argument("--part", choices=("test", "tuning"), default="test")
    args = ap.parse_args()

    config = load_config(ROOT / "content" / "study.toml")
    transcripts = read_corpus(args.corpus, config)
    never = never_fitted(read_ids(args.reserved))
    truth = _truth(args.part, never)
    shipped = load_coder()
    assert shipped is not None
    for slug in args.theme or ["privacy-confidentiality"]:
        matcher = next(m for m in compile_matchers(config.codebook) if m.theme.slug == slug)
        hidden = SentenceCoder({s: m for s, m in shipped.models.items() if s != slug}, "hidden", shipped.context)
        pool = _judged(slug, transcripts, never)
        known = _f1(slug, truth, transcripts, shipped, matcher)
        rules = _f1(slug, truth, transcripts, hidden, matcher)
        positives = sum(1 for _, _, y in pool if y)
        print(
            f"{slug}: {len(pool)} judged sentences ({positives} positive) to draw from; {args.part} part, "
            f"{len(truth)} interviews, {sum(1 for t in truth.values() if slug in t)} with the theme"
        )
        print(f"  shipped model F1 {known:.2f}; hidden, coded by the rules: F1 {rules:.2f}")
        for k in args.k or KS:
            scores, seconds = [], []
            for draw in range(args.draws):
                drawn = pool[:]
                random.Random(f"{SEED}:{slug}:{draw}").shuffle(drawn)
                labelled = {slug: {(tid, q): y for tid, q, y in drawn[:k]}}
                reviewed = {tid: transcripts[tid] for tid, _, _ in drawn[:k]}
                start = time.perf_counter()
                raw = refit_themes(hidden, [matcher], labelled, reviewed)
                seconds.append(time.perf_counter() - start)
                m = raw["themes"][slug]
                model = ThemeModel(slug, np.asarray(m["weights"]), m["bias"], m["threshold"], m["evidence_threshold"])
                coder = SentenceCoder({slug: model}, "refit", shipped.context)
                scores.append(_f1(slug, truth, transcripts, coder, matcher))
            print(
                f"  k={k:4d}: F1 mean {statistics.mean(scores):.2f} (draws {min(scores):.2f}-{max(scores):.2f}),"
                f" refit {statistics.mean(seconds):.1f} s"
            )
    return 0


def _truth(part: str, never: set[str]) -> dict[str, set[str]]:
    """Interview id -> the themes the complete annotation finds in it."""
    name = "complete.jsonl" if part == "test" else "complete_tuning.jsonl"
    out = {}
    for line in (SENTENCES / name).read_text().splitlines():
        rec = json.loads(line)
        out[rec["transcript_id"]] = {slug for v in rec["sentences"].values() for slug in v}
    if part == "test":
        assert set(out) == set((SENTENCES / "test_ids.txt").read_text().split())
    else:
        assert not set(out) & never
    return out


def _judged(slug: str, transcripts: dict[str, Transcript], never: set[str]) -> list[tuple[str, Quote, int]]:
    """The theme's judged sentences as reviews would give them: interview, sentence, label; in item order."""
    candidates = {c["item"]: c for c in map(json.loads, (SENTENCES / "candidates.jsonl").read_text().splitlines())}
    out = []
    for line in (SENTENCES / "judgements.jsonl").read_text().splitlines():
        j = json.loads(line)
        c = candidates[j["item"]]
        if c["theme"] != slug:
            continue
        tid = c["transcript_id"]
        assert tid not in never, f"{tid} must never be fitted on"
        sentence = participant_sentences(transcripts[tid].turns)[c["sentence"]]
        out.append((tid, sentence.quote(), int(j["label"])))
    return sorted(out, key=lambda r: (r[0], r[1].turn, r[1].text))


def _f1(slug, truth, transcripts, coder, matcher) -> float:
    tp = fp = fn = 0
    for tid, themes in sorted(truth.items()):
        t = transcripts[tid]
        sentences = participant_sentences(t.turns)
        rank = {s.index: informativeness(s) for s in sentences}
        turns = {x.number: x.text for x in t.participant_turns}
        model = coder.models.get(slug)
        if model is None:
            coded = bool(code_themes(sentences, (matcher,), rank))
        else:
            p = coder.probabilities(sentences, (matcher,), turns)
            thresholds = {slug: (model.threshold, model.evidence_threshold)}
            coded = bool(code_themes(sentences, (matcher,), rank, p, thresholds))
        tp += coded and slug in themes
        fp += coded and slug not in themes
        fn += not coded and slug in themes
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


if __name__ == "__main__":
    sys.exit(main())
