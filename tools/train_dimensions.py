"""Train the dimension coder from eval/dimensions/train.jsonl (`make coder`; deterministic).

Per value, a logistic model over [sentence embedding, turn embedding], fitted on every participant
sentence of the training interviews (positive: the annotators' evidence sentences for that value).
Thresholds and the single-valued interview models are fitted on out-of-fold sentence probabilities
(5 folds grouped by interview), so they see probabilities like those of unseen interviews. The
held-out test interviews (eval/dimensions/test_ids.txt) and the reserved ids are never read.
Writes generator/analyse/model/dimensions/dimensions.json and prints the cross-validated figures.

    .venv/bin/python tools/train_dimensions.py --corpus ../shared/corpus/anthropic-interviewer \
        --reserved ../shared/reserved-ids.txt
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import never_fitted, read_corpus, read_ids  # noqa: E402

from generator.analyse.dimensions import MODEL_PATH, interview_features  # noqa: E402
from generator.analyse.embed import embed  # noqa: E402
from generator.analyse.learned import turn_vectors  # noqa: E402
from generator.analyse.sentences import participant_sentences  # noqa: E402
from generator.config import StudyConfig, load_config  # noqa: E402

FOLDS = 5
C = 1.0
MIN_POSITIVES = 8
GRID = [round(x, 3) for x in np.arange(0.30, 0.96, 0.025)]
EVIDENCE_THRESHOLD = 0.5
# The annotation's key holding a single-valued dimension's evidence sentences (eval/dimensions-guide.md,
# section 5). The dimensions themselves, their values and how many an interview takes, are the
# codebook's (content/codebook.toml's [[dimension]] tables): one definition, read by the build and here.
EVIDENCE_KEYS = {"sentiment": "sentiment_sentences", "workplace_stance": "workplace_sentences",
                 "future_use": "future_sentences"}  # fmt: skip
# slug -> (multiple, max values, values, evidence key)
Spec = tuple[bool, int, tuple[str, ...], str]


def dimensions_of(config: StudyConfig) -> dict[str, Spec]:
    """The codebook's dimensions that the annotation codes (a single-valued one needs its evidence key)."""
    return {
        d.slug: (d.multiple, d.max_values, d.value_slugs, "" if d.multiple else EVIDENCE_KEYS[d.slug])
        for d in config.dimensions
        if d.multiple or d.slug in EVIDENCE_KEYS
    }


def fold_of(transcript_id: str) -> int:
    return int(hashlib.sha256(transcript_id.encode()).hexdigest(), 16) % FOLDS


def fit(x: np.ndarray, y: np.ndarray, weight: str | None = "balanced") -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, solver="lbfgs", class_weight=weight).fit(x, y)


def shows(label: dict, dim: str, value: str, spec: Spec) -> set[int]:
    """The sentence indices the annotator gave as showing `value` of `dim`."""
    multiple, _, _, key = spec
    if multiple:
        return set(label[dim].get(value, []))
    return set(label[key]) if label[dim] == value else set()


def rounded(a: np.ndarray) -> list:
    return np.round(np.asarray(a, dtype=np.float64), 6).tolist()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--reserved", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()

    config = load_config(ROOT / "content" / "study.toml")
    dimensions = dimensions_of(config)
    transcripts = read_corpus(args.corpus, config)
    never = never_fitted(read_ids(args.reserved)) | set(
        (ROOT / "eval" / "dimensions" / "test_ids.txt").read_text().split()
    )
    labels = {
        r["transcript_id"]: r
        for r in map(json.loads, (ROOT / "eval" / "dimensions" / "train.jsonl").read_text().splitlines())
    }
    ids = sorted(labels)
    assert not set(ids) & never, "a held-out or reserved interview is in the training labels"
    sentences = {tid: participant_sentences(transcripts[tid].turns) for tid in ids}
    vectors = {}
    for tid in ids:
        turns = {t.number: t.text for t in transcripts[tid].turns if t.speaker == "participant"}
        vectors[tid] = np.hstack([embed([s.text for s in sentences[tid]]), turn_vectors(sentences[tid], turns)])
    folds = np.asarray([fold_of(tid) for tid in ids])
    x_all = np.vstack([vectors[tid] for tid in ids])
    row_fold = np.concatenate([[fold_of(tid)] * len(sentences[tid]) for tid in ids])
    bounds = np.cumsum([0] + [len(sentences[tid]) for tid in ids])

    out: dict[str, object] = {}
    for dim, spec in dimensions.items():
        multiple, max_values, values, _ = spec
        truth = [labels[tid][dim] for tid in ids]
        ys = {
            v: np.concatenate(
                [[int(s.index in shows(labels[tid], dim, v, spec)) for s in sentences[tid]] for tid in ids]
            )
            for v in values
        }
        modelled = [v for v in values if ys[v].sum() >= MIN_POSITIVES]
        # Out-of-fold sentence probabilities, then per interview.
        oof = {v: np.zeros(len(x_all)) for v in modelled}
        for v in modelled:
            for f in range(FOLDS):
                train, test = row_fold != f, row_fold == f
                oof[v][test] = fit(x_all[train], ys[v][train]).predict_proba(x_all[test])[:, 1]
        per = [{v: oof[v][bounds[k] : bounds[k + 1]] for v in modelled} for k in range(len(ids))]
        finals = {v: fit(x_all, ys[v]) for v in modelled}
        sentence_models: dict[str, dict] = {}
        if multiple:
            predicted: list[set[str]] = [set() for _ in ids]
            for v in modelled:
                best = np.asarray([p[v].max() for p in per])
                has = np.asarray([v in t for t in truth])

                def f1(t: float, best: np.ndarray = best, has: np.ndarray = has) -> float:
                    return float(f1_score(has, best >= t, zero_division=0))

                threshold = max(GRID, key=lambda t: (round(f1(t), 6), t))
                sentence_models[v] = {"threshold": threshold}
            for k, p in enumerate(per):
                best = {v: float(p[v].max()) for v in modelled}
                ranked = sorted(best, key=lambda v: (-best[v], values.index(v)))
                chosen = [v for v in ranked if best[v] >= sentence_models[v]["threshold"]][:max_values] or ranked[:1]
                predicted[k] = set(chosen)
            tp = sum(len(p & set(t)) for p, t in zip(predicted, truth, strict=True))
            fp = sum(len(p - set(t)) for p, t in zip(predicted, truth, strict=True))
            fn = sum(len(set(t) - p) for p, t in zip(predicted, truth, strict=True))
            print(
                f"{dim}: cross-validated micro F1 {2 * tp / (2 * tp + fp + fn):.3f} (thresholds fitted on these folds)"
            )
            interview = None
        else:
            feats = np.asarray([interview_features(p, modelled) for p in per])
            y = np.asarray(truth)
            results = {}
            for weight in (None, "balanced"):
                pred = np.empty(len(ids), dtype=object)
                for f in range(FOLDS):
                    pred[folds == f] = fit(feats[folds != f], y[folds != f], weight).predict(feats[folds == f])
                macro = f1_score(y, pred.astype(str), average="macro", zero_division=0)
                results[weight] = (macro, float((pred == y).mean()))
                print(f"{dim} ({weight or 'unweighted'}): CV accuracy {results[weight][1]:.3f}, macro F1 {macro:.3f}")
            # Macro F1, not accuracy, picks the weighting: accuracy alone rewards calling every
            # interview the majority value, which would misstate every other value's share.
            weight = max(results, key=lambda w: (round(results[w][0], 6), w is None))
            model = fit(feats, y, weight)
            interview = {
                "classes": [str(c) for c in model.classes_],
                "coef": rounded(model.coef_)
                if len(model.classes_) > 2
                else rounded(np.vstack([-model.coef_[0], model.coef_[0]]) / 2),
                "intercept": rounded(model.intercept_)
                if len(model.classes_) > 2
                else rounded(np.asarray([-model.intercept_[0], model.intercept_[0]]) / 2),
                "weighting": weight or "none",
            }
            for v in modelled:
                sentence_models[v] = {"threshold": EVIDENCE_THRESHOLD}
        for v in modelled:
            sentence_models[v]["weights"] = rounded(finals[v].coef_[0])
            sentence_models[v]["bias"] = round(float(finals[v].intercept_[0]), 6)
            sentence_models[v]["positives"] = int(ys[v].sum())
        entry: dict[str, object] = {
            "multiple": multiple,
            "max_values": max_values,
            "values": list(values),
            "sentence_models": sentence_models,
        }
        if interview:
            entry["interview"] = interview
        out[dim] = entry
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"trained_on": f"eval/dimensions/train.jsonl ({len(ids)} interviews)", "dimensions": out}
    args.out.write_text(json.dumps(payload, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
