"""Which coder codes each of the study's dimensions, and its values for one interview.

Contract: the codebook's dimensions and the trained dimension model in, a plan out (once per study);
then the sentences of one interview in, a CodedDimension per coded dimension out, in the codebook's
order, every evidence sentence an exact participant sentence with its turn.

A dimension the trained model knows (same slug, same values, one value or several alike) is coded
by it, with the codebook's max_values and default; a value needs a sentence that shows it (see
dimensions.py). One it does not know is coded from its values' definitions and
examples when it takes several values: a sentence shows the value it is nearest to by embedding, if
at least DEFINITION_THRESHOLD similar to one of its definition or examples, and the values with the
most such sentences are coded. On the 217 training interviews this gave ai_uses a micro F1 of 0.44
(the trained model, cross-validated: 0.70); for the single-valued dimensions it agreed with careful
coding less often than always naming the commonest value would (sentiment 0.22, workplace_stance
0.20, future_use 0.48), because an overall judgement is not any one sentence's nearest definition.
So a single-valued dimension the model does not know is left uncoded, with a build warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np

from generator.analyse.dimensions import DimensionCoder, DimensionModel
from generator.analyse.embed import embed, embedder_fingerprint
from generator.analyse.sentences import Sentence
from generator.config import CodebookDimension
from generator.models import CodedDimension, DimensionValue

# Measured on the training part only (eval/dimensions/train.jsonl): micro F1 0.434 at 0.45, 0.443 at
# 0.50, 0.442 at 0.55, 0.433 at 0.60; the test part was never read.
DEFINITION_THRESHOLD = 0.5
MAX_EVIDENCE = 3


@dataclass(frozen=True)
class DefinitionCoder:
    """A several-valued dimension coded from its values' definitions and examples (see the module)."""

    slug: str
    values: tuple[str, ...]
    # Per value: unit embeddings of its definition and each of its examples, one a row.
    prototypes: tuple[np.ndarray, ...]
    max_values: int
    default: str = ""

    def code(self, vectors: np.ndarray) -> tuple[tuple[str, tuple[tuple[int, float], ...]], ...]:
        """(value, ((sentence position, similarity), ...)) for each value coded, most evidence first."""
        similarity = np.vstack([(vectors @ p.T).max(axis=1) for p in self.prototypes])
        nearest = similarity.argmax(axis=0)
        found = {}
        for k, value in enumerate(self.values):
            shows = np.flatnonzero((nearest == k) & (similarity[k] >= DEFINITION_THRESHOLD))
            if len(shows):
                order = shows[np.argsort(-similarity[k][shows], kind="stable")]
                found[value] = tuple((int(i), round(float(similarity[k][i]), 4)) for i in order)
        # Most evidence sentences first; equal counts keep the codebook's order.
        ranked = sorted(found, key=lambda v: (-len(found[v]), self.values.index(v)))[: self.max_values]
        if not ranked:
            return ((self.default, ()),) if self.default else ()
        return tuple((v, found[v][:MAX_EVIDENCE]) for v in ranked)


@dataclass(frozen=True)
class DimensionPlan:
    """The study's dimensions by the coder that codes them."""

    trained: DimensionCoder | None
    definitions: tuple[DefinitionCoder, ...]
    # Single-valued dimensions the trained model does not know: not coded (see the module).
    uncoded: tuple[str, ...]
    order: tuple[str, ...]  # every dimension's slug, in the codebook's order
    fingerprint: str

    @property
    def coded(self) -> bool:
        return bool(self.definitions) or bool(self.trained and self.trained.models)


def _knows(model: DimensionModel, dimension: CodebookDimension) -> bool:
    return model.values == dimension.value_slugs and model.multiple == dimension.multiple


def coder_names(dimensions: tuple[CodebookDimension, ...], coder: DimensionCoder | None) -> dict[str, str]:
    """Each dimension's coder as plan_dimensions chooses it, without building it: "trained",
    "definitions" or "" (not coded)."""
    names = {}
    for d in dimensions:
        model = coder.models.get(d.slug) if coder else None
        names[d.slug] = "trained" if model and _knows(model, d) else "definitions" if d.multiple else ""
    return names


def plan_dimensions(dimensions: tuple[CodebookDimension, ...], coder: DimensionCoder | None) -> DimensionPlan:
    """Which coder codes each dimension: the trained model where it knows it, else the definitions
    (several values) or nothing (one value)."""
    known = {}
    definitions = []
    uncoded = []
    for d in dimensions:
        model = coder.models.get(d.slug) if coder else None
        if model is not None and _knows(model, d):
            # The codebook's default: the value its guide codes when nothing is said (the trainer reads it too).
            known[d.slug] = replace(model, max_values=d.max_values, default=d.default)
        elif d.multiple:
            prototypes = tuple(embed([v.definition, *v.examples]) for v in d.values)
            definitions.append(DefinitionCoder(d.slug, d.value_slugs, prototypes, d.max_values, d.default))
        else:
            uncoded.append(d.slug)
    trained = DimensionCoder(known, coder.fingerprint) if coder and known else None
    digest = hashlib.sha256(
        f"{coder.fingerprint if coder else 'none'}\0{DEFINITION_THRESHOLD}\0{embedder_fingerprint()}".encode()
    ).hexdigest()
    return DimensionPlan(trained, tuple(definitions), tuple(uncoded), tuple(d.slug for d in dimensions), digest)


def code_dimensions(
    plan: DimensionPlan, sentences: tuple[Sentence, ...], turns: dict[int, str]
) -> tuple[CodedDimension, ...]:
    """Each coded dimension's values for one interview, in the codebook's order."""
    if not sentences or not plan.coded:
        return ()
    found: dict[str, CodedDimension] = {}
    if plan.trained:
        for slug, coded in plan.trained.code(sentences, turns).items():
            values = tuple(
                DimensionValue(
                    c.value,
                    tuple(sentences[i].quote() for i, _ in c.evidence),
                    tuple(p for _, p in c.evidence),
                    None if c.probability is None else round(c.probability, 4),
                )
                for c in coded
            )
            found[slug] = CodedDimension(slug, values)
    if plan.definitions:
        vectors = embed([s.text for s in sentences])
        for coder in plan.definitions:
            values = tuple(
                DimensionValue(value, tuple(sentences[i].quote() for i, _ in shown), tuple(p for _, p in shown))
                for value, shown in coder.code(vectors)
            )
            if values:
                found[coder.slug] = CodedDimension(coder.slug, values)
    return tuple(found[slug] for slug in plan.order if slug in found)


def plan_warnings(plan: DimensionPlan, where: str) -> tuple[str, ...]:
    """What the build says about dimensions the trained model does not know; `where` names the codebook."""
    notes = [
        f"{where}: dimension '{d.slug}' is not one the trained dimension model knows, so it is coded from its "
        "values' definitions and examples (nearest by embedding) and its page marks its figures indicative; "
        "annotate interviews for it and retrain with tools/train_dimensions.py to code it as well as the others"
        for d in plan.definitions
    ]
    notes += [
        f"{where}: dimension '{slug}' is not one the trained dimension model knows and takes one value, which "
        "the value definitions cannot decide reliably, so it is left uncoded (no page, no export field); "
        "annotate interviews for it and retrain with tools/train_dimensions.py"
        for slug in plan.uncoded
    ]
    return tuple(notes)
