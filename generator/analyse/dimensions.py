"""Coded dimensions: one value (or up to four) per interview for each categorical dimension.

Contract: the sentences of one interview in; for each dimension the values coded and, for each
value, the participant sentences that show it (indices, most probable first), never text, so
evidence is an exact participant sentence by construction.

Per value, a logistic model gives P(sentence shows the value) from the sentence's embedding and
its turn's. As the annotation guide codes (eval/dimensions-guide.md), a value is coded only where a
sentence shows it: the interview's best sentence for the value reaches the value's threshold. A
multi-valued dimension (what AI is used for) takes every such value, the most probable `max_values`.
A single-valued dimension takes one of them, or else its `default`, the value the guide codes when
nothing is said ("not mentioned"); a dimension without a default is then left uncoded. Which one is
the trained `decision`: "evidence", the value with the strongest sentence; "multinomial", the most
probable by a model over each modelled value's best and top-three mean probabilities. A value with too
few annotated sentences to model (fewer than the trainer's MIN_POSITIVES) is never coded.
`tools/train_dimensions.py` fits all of it from `eval/dimensions/`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from generator.analyse.embed import embed, embedder_fingerprint
from generator.analyse.learned import turn_vectors
from generator.analyse.sentences import Sentence

MODEL_PATH = Path(__file__).parent / "model" / "dimensions" / "dimensions.json"
MAX_EVIDENCE = 3
TOP = 3


@dataclass(frozen=True)
class ValueModel:
    weights: np.ndarray  # sentence embedding, then turn embedding
    bias: float
    # Multi-valued: the interview has the value when its best sentence reaches this. Both kinds:
    # a sentence is shown as evidence for its interview's value only at this probability or above.
    threshold: float


@dataclass(frozen=True)
class DimensionModel:
    slug: str
    multiple: bool
    max_values: int
    values: tuple[str, ...]  # every value, in the codebook's order
    sentence_models: dict[str, ValueModel]  # the values that have evidence sentences to learn from
    # Single-valued only: the value coded where no sentence shows another ("" for none), how the value
    # is chosen ("evidence" or "multinomial") and the multinomial's weights over [best, top-three mean]
    # per modelled value.
    default: str = ""
    decision: str = "multinomial"
    classes: tuple[str, ...] = ()
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None


@dataclass(frozen=True)
class CodedValue:
    value: str
    probability: float | None  # None: the default, coded because no sentence showed a value
    evidence: tuple[tuple[int, float], ...]  # (sentence index, probability), most probable first


@dataclass(frozen=True)
class DimensionCoder:
    models: dict[str, DimensionModel]
    fingerprint: str

    def code(self, sentences: tuple[Sentence, ...], turns: dict[int, str]) -> dict[str, tuple[CodedValue, ...]]:
        """Each modelled dimension's coded values for one interview."""
        if not sentences:
            return {}
        vectors = np.hstack([embed([s.text for s in sentences]), turn_vectors(sentences, turns)])
        return {slug: _code(model, sentences, vectors) for slug, model in self.models.items()}


def _code(model: DimensionModel, sentences: tuple[Sentence, ...], vectors: np.ndarray) -> tuple[CodedValue, ...]:
    probs = {v: 1.0 / (1.0 + np.exp(-(vectors @ m.weights + m.bias))) for v, m in model.sentence_models.items()}
    best = {v: float(p.max()) for v, p in probs.items()}
    evidenced = [v for v in model.sentence_models if best[v] >= model.sentence_models[v].threshold]
    if model.multiple:
        # Most probable first; equal probabilities keep the codebook's order.
        ranked = sorted(evidenced, key=lambda v: (-best[v], model.values.index(v)))[: model.max_values]
        return tuple(CodedValue(v, best[v], _evidence(probs[v], sentences, model.sentence_models[v])) for v in ranked)
    value, probability = _choose_one(model, probs, best, evidenced)
    if not value:
        return ()
    sentence_model = model.sentence_models.get(value)
    evidence = _evidence(probs[value], sentences, sentence_model) if sentence_model else ()
    return (CodedValue(value, probability, evidence),)


def _choose_one(
    model: DimensionModel, probs: dict[str, np.ndarray], best: dict[str, float], evidenced: list[str]
) -> tuple[str, float | None]:
    """A single-valued dimension's value among those with evidence, else its default ("" for none)."""
    if model.decision == "evidence":
        if not evidenced:
            return model.default, None
        # The strongest sentence; equal probabilities keep the codebook's order.
        value = max(evidenced, key=lambda v: (best[v], -model.values.index(v)))
        return value, best[value]
    assert model.coef is not None and model.intercept is not None
    x = np.asarray(interview_features(probs, list(model.sentence_models)))
    logits = model.coef @ x + model.intercept
    p = np.exp(logits - logits.max())
    p /= p.sum()
    allowed = [k for k, c in enumerate(model.classes) if c in evidenced or c == model.default]
    if not allowed:
        return "", None
    k = max(allowed, key=lambda k: p[k])
    return model.classes[k], float(p[k])


def interview_features(probs: dict[str, np.ndarray], values: list[str]) -> list[float]:
    """The single-valued models' input: per modelled value, the best sentence probability and the
    mean of the best three (one strong sentence, or several middling ones)."""
    out: list[float] = []
    for v in values:
        p = np.sort(probs[v])[::-1]
        out += [float(p[0]), float(p[:TOP].mean())]
    return out


def _evidence(p: np.ndarray, sentences: tuple[Sentence, ...], model: ValueModel) -> tuple[tuple[int, float], ...]:
    order = np.argsort(-p, kind="stable")[:MAX_EVIDENCE]
    return tuple((sentences[i].index, round(float(p[i]), 4)) for i in order if p[i] >= model.threshold)


@lru_cache(maxsize=1)
def load_dimension_coder(path: Path = MODEL_PATH) -> DimensionCoder | None:
    """The committed models, or None where none were trained."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    models = {}
    for slug, d in raw["dimensions"].items():
        sentence_models = {
            v: ValueModel(np.asarray(m["weights"], dtype=np.float64), float(m["bias"]), float(m["threshold"]))
            for v, m in d["sentence_models"].items()
        }
        single = d.get("interview")
        models[slug] = DimensionModel(
            slug=slug,
            multiple=bool(d["multiple"]),
            max_values=int(d.get("max_values", 1)),
            values=tuple(d["values"]),
            sentence_models=sentence_models,
            default=d.get("default") or "",
            decision=single.get("decision", "multinomial") if single else "",
            classes=tuple(single.get("classes", ())) if single else (),
            coef=np.asarray(single["coef"], dtype=np.float64) if single and "coef" in single else None,
            intercept=np.asarray(single["intercept"], dtype=np.float64) if single and "intercept" in single else None,
        )
    digest = hashlib.sha256(path.read_bytes() + embedder_fingerprint().encode()).hexdigest()
    return DimensionCoder(models, digest)
