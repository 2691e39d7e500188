"""Train the dimension coder from eval/dimensions/train.jsonl (`make coder`; deterministic).

Per value, a logistic model over [sentence embedding, turn embedding], fitted on every participant
sentence of the training interviews (positive: the annotators' evidence sentences for that value).
Thresholds and the single-valued interview models are fitted on out-of-fold sentence probabilities
(5 folds grouped by interview), so they see probabilities like those of unseen interviews. The
held-out test interviews (eval/dimensions/test_ids.txt) and the reserved ids are never read.
Writes generator/analyse/model/dimensions/dimensions.json and prints the cross-validated figures.

As the annotation guide codes (eval/dimensions-guide.md), a value is coded only with a sentence that
shows it: an interview's best sentence for the value must reach the value's threshold, else the value
is not coded and a single-valued dimension takes its codebook `default` (the "nothing said" value) or,
without one, no value. A single-valued dimension's design (CANDIDATES) is chosen by cross-validation,
every fold coded with thresholds and interview model fitted on the other folds.

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
from threadpoolctl import threadpool_limits

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


def best_threshold(best: np.ndarray, has: np.ndarray) -> float:
    """The threshold on an interview's best sentence probability that best tells the interviews with a
    value from those without it (F1; the higher of equals)."""

    def f1(t: float) -> float:
        return float(f1_score(has, best >= t, zero_division=0))

    return max(GRID, key=lambda t: (round(f1(t), 6), t))


def choose_several(
    p: dict[str, np.ndarray],
    modelled: list[str],
    values: tuple[str, ...],
    thresholds: dict[str, float],
    max_values: int,
    at_least_one: bool = False,
) -> list[str]:
    """A several-valued dimension's values for one interview, as generator/analyse/dimensions.py codes them."""
    best = {v: float(p[v].max()) for v in modelled}
    ranked = sorted(best, key=lambda v: (-best[v], values.index(v)))
    chosen = [v for v in ranked if best[v] >= thresholds[v]][:max_values]
    return chosen or (ranked[:1] if at_least_one else [])


def micro_f1(predicted: list[set[str]], truth: list) -> float:
    tp = sum(len(p & set(t)) for p, t in zip(predicted, truth, strict=True))
    fp = sum(len(p - set(t)) for p, t in zip(predicted, truth, strict=True))
    fn = sum(len(set(t) - p) for p, t in zip(predicted, truth, strict=True))
    return 2 * tp / (2 * tp + fp + fn)


def choose_one(
    p: dict[str, np.ndarray],
    modelled: list[str],
    values: tuple[str, ...],
    default: str | None,
    thresholds: dict[str, float],
    decision: str,
    model: LogisticRegression | None,
) -> str | None:
    """A single-valued dimension's value for one interview, as generator/analyse/dimensions.py codes it:
    only a value with an evidence sentence at its threshold, or the default (else none)."""
    best = {v: float(p[v].max()) for v in modelled}
    evidenced = [v for v in modelled if best[v] >= thresholds[v]]
    if decision == "evidence":
        return max(evidenced, key=lambda v: (best[v], -values.index(v))) if evidenced else default
    assert model is not None
    proba = model.predict_proba(np.asarray([interview_features(p, modelled)]))[0]
    allowed = [k for k, c in enumerate(model.classes_) if c in evidenced or c == default]
    return str(model.classes_[max(allowed, key=lambda k: proba[k])]) if allowed else None


def agreement(truth: list[str], pred: list[str | None], values: tuple[str, ...]) -> tuple[float, float, float]:
    """Accuracy, macro F1 over the values and Cohen's kappa (an uncoded interview agrees with nothing)."""
    n = len(truth)
    accuracy = sum(t == p for t, p in zip(truth, pred, strict=True)) / n
    f1s = []
    for v in values:
        tp = sum(t == v and p == v for t, p in zip(truth, pred, strict=True))
        wrong = sum((t == v) != (p == v) for t, p in zip(truth, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + wrong) if tp + wrong else 0.0)
    chance = sum(truth.count(v) / n * pred.count(v) / n for v in values)
    return accuracy, float(np.mean(f1s)), (accuracy - chance) / (1 - chance)


# A single-valued dimension's candidate designs, in the order that wins ties (the simpler first): how the
# value is chosen among those with evidence ("evidence": the one with the strongest sentence; "multinomial":
# the most probable by the interview model), its class weighting, and whether each value's evidence
# threshold is EVIDENCE_THRESHOLD or fitted (best_threshold).
CANDIDATES = [
    ("evidence", None, "fixed"), ("evidence", None, "fitted"),
    ("multinomial", None, "fixed"), ("multinomial", None, "fitted"),
    ("multinomial", "balanced", "fixed"), ("multinomial", "balanced", "fitted"),
]  # fmt: skip


def single_valued(
    dim: str,
    per: list[dict[str, np.ndarray]],
    modelled: list[str],
    values: tuple[str, ...],
    default: str | None,
    truth: list[str],
    folds: np.ndarray,
) -> tuple[dict[str, object], dict[str, float]]:
    """The design of a single-valued dimension chosen by cross-validation (macro F1, then kappa, then the
    simpler), and its interview model and thresholds fitted on every training interview."""
    feats = np.asarray([interview_features(p, modelled) for p in per])
    y = np.asarray(truth)

    def thresholds_on(rows: np.ndarray, how: str) -> dict[str, float]:
        if how == "fixed":
            return {v: EVIDENCE_THRESHOLD for v in modelled}
        return {v: best_threshold(np.asarray([per[k][v].max() for k in rows]), y[rows] == v) for v in modelled}

    def design(rows: np.ndarray, decision: str, weight: str | None, how: str):
        model = fit(feats[rows], y[rows], weight) if decision == "multinomial" else None
        return thresholds_on(rows, how), model

    results = []
    for decision, weight, how in CANDIDATES:
        pred: list[str | None] = [None] * len(truth)
        # Everything a fold is coded with (thresholds, interview model) is fitted on the other folds.
        for f in range(FOLDS):
            thresholds, model = design(np.flatnonzero(folds != f), decision, weight, how)
            for k in np.flatnonzero(folds == f):
                pred[k] = choose_one(per[k], modelled, values, default, thresholds, decision, model)
        accuracy, macro, kappa = agreement(truth, pred, values)
        shares = ", ".join(f"{v} {pred.count(v)}" for v in values) + f", uncoded {pred.count(None)}"
        print(
            f"{dim} ({decision}, {weight or 'unweighted'}, {how} thresholds): CV accuracy {accuracy:.3f}, "
            f"macro F1 {macro:.3f}, kappa {kappa:.3f}; coded {shares}"
        )
        results.append((round(macro, 6), round(kappa, 6), -len(results)))
    # Macro F1, not accuracy, picks the design: accuracy alone rewards calling every interview the
    # majority value, which would misstate every other value's share.
    k = -max(results)[2]
    decision, weight, how = CANDIDATES[k]
    print(f"{dim}: kept {decision}, {weight or 'unweighted'}, {how} thresholds")
    thresholds, model = design(np.arange(len(truth)), decision, weight, how)
    interview: dict[str, object] = {"decision": decision, "thresholds": how}
    if model is not None:
        interview.update(
            {
                "classes": [str(c) for c in model.classes_],
                "coef": rounded(model.coef_)
                if len(model.classes_) > 2
                else rounded(np.vstack([-model.coef_[0], model.coef_[0]]) / 2),
                "intercept": rounded(model.intercept_)
                if len(model.classes_) > 2
                else rounded(np.asarray([-model.intercept_[0], model.intercept_[0]]) / 2),
                "weighting": weight or "none",
            }
        )
    return interview, thresholds


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
        default = config.dimension(dim).default or None
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
            for v in modelled:
                best = np.asarray([p[v].max() for p in per])
                has = np.asarray([v in t for t in truth])
                sentence_models[v] = {"threshold": best_threshold(best, has)}
            thresholds = {v: m["threshold"] for v, m in sentence_models.items()}
            predicted = [set(choose_several(p, modelled, values, thresholds, max_values)) for p in per]
            forced = [set(choose_several(p, modelled, values, thresholds, max_values, at_least_one=True)) for p in per]
            print(
                f"{dim}: cross-validated micro F1 {micro_f1(predicted, truth):.3f} with evidence required, "
                f"{sum(not p for p in predicted)} interviews left uncoded (thresholds fitted on these folds; "
                f"{micro_f1(forced, truth):.3f} forcing the most probable value where none has evidence)"
            )
            interview = None
        else:
            interview, thresholds = single_valued(dim, per, modelled, values, default, truth, folds)
            for v in modelled:
                sentence_models[v] = {"threshold": thresholds[v]}
        for v in modelled:
            sentence_models[v]["weights"] = rounded(finals[v].coef_[0])
            sentence_models[v]["bias"] = round(float(finals[v].intercept_[0]), 6)
            sentence_models[v]["positives"] = int(ys[v].sum())
        entry: dict[str, object] = {
            "multiple": multiple,
            "max_values": max_values,
            "values": list(values),
            "default": default,
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
    # One BLAS thread: a threaded sum's order can change the last digits of a fit, and the model is committed.
    with threadpool_limits(limits=1):
        sys.exit(main())
