"""What review decisions cost a build of the 1,125 public interviews: reading and locating them, the refit,
and the re-analysis the refitted coder causes (README, "Reviewing the coding"; eval/README.md).

Decisions are drawn from the sentence judgements (eval/sentences/judgements.jsonl): `--decisions N`
of them, deterministically across themes, each an `accept` (judged to show the theme) or a `reject`,
pointing at the sentence as the build sees it (redacted; a judgement whose sentence redaction changed
is left out). Prints the refit's time twice from cold in separate processes with the digest of what
it fitted (the same digest twice: the refit is deterministic), then three builds' stage timings:
without decisions, with them (every interview coded again), and again with them (all from cache).

    .venv/bin/python bench/bench_refit.py --corpus ../shared/corpus/anthropic-interviewer --decisions 300
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse.sentences import participant_sentences  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.ingest import read_transcripts  # noqa: E402
from generator.redact import Redactor, redact_transcripts  # noqa: E402

SENTENCES = ROOT / "eval" / "sentences"
SEED = 20261218


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--decisions", type=int, default=300)
    ap.add_argument("--refit-only", action="store_true", help="time the refit only (no builds)")
    ap.add_argument("--child-refit", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    inputs = [args.corpus / "workforce_transcripts.csv", args.corpus / "creatives_transcripts.csv"]
    if args.child_refit:
        return _child_refit(args.child_refit, inputs)

    work = Path(tempfile.mkdtemp(prefix="bench-refit-"))
    study = work / "content" / "study.toml"
    shutil.copytree(ROOT / "content", study.parent, ignore=shutil.ignore_patterns("transcripts", "reviews"))
    (work / "eval").mkdir()
    shutil.copy(ROOT / "eval" / "agreement.json", work / "eval" / "agreement.json")
    decisions = _decisions(study, inputs, args.decisions)
    (study.parent / "reviews").mkdir()
    (study.parent / "reviews" / "bench.jsonl").write_text("".join(json.dumps(d) + "\n" for d in decisions))
    themes = sorted({d["theme"] for d in decisions})
    accepted = sum(d["decision"] == "accept" for d in decisions)
    interviews = len({d["interview"] for d in decisions})
    print(f"{len(decisions)} decisions ({accepted} accept) on {len(themes)} themes, {interviews} interviews; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    for run in (1, 2):
        out = subprocess.run(
            [sys.executable, __file__, "--corpus", str(args.corpus), "--child-refit", str(study)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        print(f"refit from cold, process {run}: {out.stdout.strip()}")
    if not args.refit_only:
        from generator.pipeline import build_site

        for label, keep in (("without decisions", False), ("with decisions", True), ("again, from cache", True)):
            reviews = study.parent / "reviews"
            if not keep:
                reviews.rename(work / "reviews-aside")
            elif not reviews.exists():
                (work / "reviews-aside").rename(reviews)
            start = time.perf_counter()
            result = build_site(inputs, work / "site", study, executor="local")
            total = time.perf_counter() - start
            stages = "  ".join(f"{k} {v:.1f}" for k, v in result.timings.items())
            print(f"build {label}: {total:.1f} s ({result.analysed_fresh} analysed, {result.analysed_cached} cached); "
                  f"{stages}; load {os.getloadavg()[0]:.1f}")  # fmt: skip
    shutil.rmtree(work)
    return 0


def _decisions(study: Path, inputs: list[Path], n: int) -> list[dict[str, object]]:
    """n judgements as decisions on the redacted sentences, drawn across themes with a fixed seed."""
    config = load_config(study)
    read = read_transcripts(inputs, config.labels).transcripts
    raw = {t.id: t for t in read}
    redacted = {t.id: t for t in redact_transcripts(read, Redactor(config.privacy))[0]}
    candidates = {c["item"]: c for c in map(json.loads, (SENTENCES / "candidates.jsonl").read_text().splitlines())}
    judged = [json.loads(line) for line in (SENTENCES / "judgements.jsonl").read_text().splitlines()]
    random.Random(SEED).shuffle(judged)
    out = []
    for j in judged:
        c = candidates[j["item"]]
        tid, index = c["transcript_id"], c["sentence"]
        before, after = participant_sentences(raw[tid].turns), participant_sentences(redacted[tid].turns)
        if index >= len(after) or before[index].text != after[index].text:
            continue  # redaction changed the sentence
        s = after[index]
        out.append(
            {"decision": "accept" if j["label"] else "reject", "interview": tid, "theme": c["theme"], "turn": s.turn,
             "sentence": s.text, "reviewer": j["annotator"], "date": "2026-12-02"}
        )  # fmt: skip
        if len(out) == n:
            break
    return out


def _child_refit(study: Path, inputs: list[Path]) -> int:
    from generator.analyse import Analyser
    from generator.memo import Memo
    from generator.review.stage import prepare_reviews

    config = load_config(study)
    transcripts = redact_transcripts(read_transcripts(inputs, config.labels).transcripts, Redactor(config.privacy))[0]
    analyser = Analyser.for_config(config)
    start = time.perf_counter()
    reviews = prepare_reviews(analyser, transcripts, Memo(None))
    seconds = time.perf_counter() - start
    refit = reviews.refit
    assert refit is not None
    h = hashlib.sha256()
    for slug in refit.themes:
        m = refit.coder.models[slug]
        h.update(f"{slug} {m.bias} {m.threshold} ".encode() + m.weights.tobytes())
    print(f"{seconds:.1f} s to read, locate and refit {len(refit.themes)} themes; models digest {h.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
