"""Reviews teach the coder: the learned coder's theme models refitted on the study's decisions (pure but
for the memo).

Input: the located decisions, the (redacted) transcripts, the analyser with the coder as shipped.
Output: a Refit: a coder whose models for the reviewed themes were fitted again, and how the coder as
shipped coded those themes in the reviewed interviews (what the reviewers' agreement is measured on).

Per theme with decisions on sentences, one logistic model over the shipped coder's features
(the sentence's embedding, its turn's, the rule features), fitted by L-BFGS from a fixed start.
Accepted and added sentences are positives, rejected ones negatives. Then:
 - a theme the shipped model knows: its weights and bias are a Gaussian prior (the fit minimises the
   weighted log loss plus PRIOR/2 * |theta - theta_shipped|^2); reviewed sentences weigh what a row
   of its training data weighed (balanced classes); the other sentences of the reviewed interviews
   keep the shipped model's probability as a soft label, which pulls nowhere at the start and resists
   moving away from it where there is data. So one decision moves the model little, hundreds move
   it further, and its calibration, and so its shipped thresholds, hold where nobody decided.
   (Measured on the tuning interviews: refitted on 25 to 400 of the sentences it was trained on,
   each model's interview F1 stays within a few hundredths of the shipped model's.)
 - a theme it does not know (added to the codebook): fitted from zero (L2, balanced classes) on its
   reviewed sentences, its definition and examples as positives, and the other sentences of its
   reviewed interviews as easy negatives, except those the rules would take as evidence; threshold
   NEW_THRESHOLD. How many reviewed sentences it needs: eval/README.md, "Reviews teach the coder".
Deterministic: rows in a fixed order, float64, a fixed start, weights rounded as coder.json's are.
The result is remembered by a digest of everything it reads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy.optimize import minimize

from generator.analyse import Analyser
from generator.analyse.coding import ThemeMatcher, code_themes, evidence_for
from generator.analyse.embed import embed
from generator.analyse.learned import MODEL_PATH, SentenceCoder, ThemeModel, rule_features
from generator.analyse.quotes import informativeness
from generator.analyse.sentences import Sentence, participant_sentences, word_list
from generator.memo import Memo, digest
from generator.models import CodedTheme, Quote, Transcript
from generator.review.apply import in_effect
from generator.review.match import Located

REFIT_VERSION = "1"
# The pull towards the shipped weights and bias: the shipped models were fitted with this L2 strength
# (C = 1). 5 and 20 were tried: as stable, and slower to learn.
PRIOR = 1.0
# A new theme's model is pulled towards zero as the shipped models were fitted (C = 1).
L2 = 1.0
# The weight of a new theme's easy negatives (unreviewed sentences that neither the rules nor a model
# take as evidence), beside its reviewed sentences' 1 (chosen on the tuning interviews: 0.3 made the
# fitted probabilities depend more on k).
EASY_WEIGHT = 1.0
# A model file that does not say what it was fitted on is taken to be like the shipped one.
TYPICAL_POSITIVES, TYPICAL_ROWS = 300, 8000
# At most this many easy negatives per theme (the first by a hash of their text): bounds the fit's time.
MAX_EASY = 4000
# A new theme's interview threshold and evidence threshold (chosen on the tuning interviews, eval/README.md).
NEW_THRESHOLD = 0.8
NEW_EVIDENCE_THRESHOLD = 0.95
MIN_WORDS = 4
MAX_ITERATIONS = 1000


@dataclass(frozen=True)
class Example:
    """One training row before it is embedded: a sentence, the turn it is in, its label and weight."""

    text: str
    context: str
    label: int
    weight: float
    # An unreviewed sentence of a theme the shipped model knows: its label is the shipped model's probability.
    pseudo: bool = False


@dataclass(frozen=True)
class Refit:
    coder: SentenceCoder
    themes: tuple[str, ...]
    # interview id -> the refitted themes as the coder as shipped coded them there (codebook order).
    shipped: Mapping[str, tuple[CodedTheme, ...]]


def refit_coder(
    analyser: Analyser, located: Sequence[Located], transcripts: Sequence[Transcript], memo: Memo
) -> Refit | None:
    """The coder taught by the decisions on sentences, or None where no decision is on a sentence."""
    labelled: dict[str, dict[tuple[str, Quote], int]] = {}
    for x in in_effect(located):
        if x.theme is not None and x.quote is not None:
            labelled.setdefault(x.theme, {})[(x.decision.interview, x.quote)] = int(x.decision.decision != "reject")
    if not labelled:
        return None
    shipped = analyser.coder
    matchers = {m.theme.slug: m for m in analyser.matchers if m.theme.slug in labelled}
    themes = tuple(m.theme.slug for m in analyser.matchers if m.theme.slug in labelled)
    by_id = {t.id: t for t in transcripts}
    reviewed = sorted({i for rows in labelled.values() for i, _ in rows})
    key = digest(
        REFIT_VERSION,
        [
            shipped.fingerprint if shipped else "rules",
            repr([matchers[s].theme for s in themes]),
            repr(sorted((s, i, q.turn, q.text, y) for s, rows in labelled.items() for (i, q), y in rows.items())),
            *(repr(by_id[i].participant_turns) for i in reviewed),
        ],
    )
    cached = memo.get("refit", key)
    if cached is None:
        cached = refit_themes(shipped, [matchers[s] for s in themes], labelled, {i: by_id[i] for i in reviewed})
        memo.put("refit", key, cached)
    return _decode(cached, shipped, key)


def teach(analyser: Analyser, refit: Refit | None) -> Analyser:
    """The analyser with the refitted coder; its fingerprint changes, so every interview is coded again."""
    if refit is None:
        return analyser
    fingerprint = hashlib.sha256(f"{analyser.config.fingerprint}\0{refit.coder.fingerprint}".encode()).hexdigest()
    return replace(analyser, coder=refit.coder, config=replace(analyser.config, fingerprint=fingerprint))


def refit_themes(
    shipped: SentenceCoder | None,
    matchers: list[ThemeMatcher],
    labelled: dict[str, dict[tuple[str, Quote], int]],
    transcripts: dict[str, Transcript],
) -> dict[str, Any]:
    """The refitted models (as coder.json holds them) and the shipped coder's codings of the reviewed
    interviews; `labelled` maps a theme to its reviewed sentences (interview id, sentence) -> 0 or 1."""
    context = shipped.context if shipped else False
    sentences = {i: participant_sentences(t.turns) for i, t in transcripts.items()}
    turns = {i: {t.number: t.text for t in tr.participant_turns} for i, tr in transcripts.items()}
    as_shipped = _shipped_codings(shipped, matchers, labelled, sentences, turns)
    texts = {s.text for ss in sentences.values() for s in ss} | {q.text for rows in labelled.values() for _, q in rows}
    texts |= {e.text for m in matchers for e in seed_examples(m)}
    vectors = Vectors(texts | ({t for ts in turns.values() for t in ts.values()} if context else set()))
    models: dict[str, Any] = {}
    for matcher in matchers:
        slug = matcher.theme.slug
        prior = shipped.models.get(slug) if shipped else None
        shown = {
            (i, q.turn, q.text)
            for i, themes in as_shipped.items()
            for t in themes
            if t.slug == slug
            for q in t.evidence
        }
        examples = theme_examples(matcher, labelled[slug], sentences, turns, prior is not None, shown)
        model = fit_theme(examples, matcher, prior, context, vectors)
        models[slug] = {
            "weights": [round(float(w), 6) for w in model.weights],
            "bias": round(model.bias, 6),
            "threshold": model.threshold,
            "evidence_threshold": model.evidence_threshold,
        }
    coded = {i: [_encode_theme(t) for t in themes] for i, themes in sorted(as_shipped.items()) if themes}
    return {"context": context, "order": list(models), "themes": models, "shipped": coded}


def theme_examples(
    matcher: ThemeMatcher,
    rows: dict[tuple[str, Quote], int],
    sentences: Mapping[str, tuple[Sentence, ...]],
    turns: Mapping[str, Mapping[int, str]],
    known: bool,
    shown: set[tuple[str, int, str]],
) -> list[Example]:
    """One theme's training rows: its reviewed sentences, then the other sentences of their interviews
    (pseudo-labelled for a known theme; easy negatives, and the definition and examples, for a new one)."""
    slug = matcher.theme.slug
    weights = class_weights(slug) if known else (1.0, 1.0)
    mine = sorted({i for i, _ in rows})
    order = sorted(rows, key=lambda r: (r[0], r[1].turn, r[1].text))
    examples = [Example(q.text, turns[i][q.turn], rows[(i, q)], weights[rows[(i, q)]]) for i, q in order]
    taken = {(i, q.turn, q.text) for i, q in rows}
    if not known:
        # Without a shipped model, what it or the rules would take as evidence is as unsure as anything.
        taken |= shown | {(i, s.turn, s.text) for i in mine for s in sentences[i] if evidence_for(matcher, s)}
        examples += seed_examples(matcher)
    rest = [
        Example(s.text, turns[i][s.turn], 0, weights[0] if known else EASY_WEIGHT, pseudo=known)
        for i in mine
        for s in sentences[i]
        if s.words >= MIN_WORDS and (i, s.turn, s.text) not in taken
    ]
    rest.sort(key=lambda e: hashlib.sha256(f"{e.text}\0{e.context}".encode()).hexdigest())
    return examples + rest[:MAX_EASY]


class Vectors:
    """Embeddings of a fixed set of texts, each embedded once: a reviewed interview's sentences and turns
    serve every theme reviewed in it."""

    def __init__(self, texts: set[str]) -> None:
        ordered = sorted(texts)
        self.row = {text: k for k, text in enumerate(ordered)}
        self.matrix = embed(ordered).astype(np.float64)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.matrix[[self.row[t] for t in texts]].reshape(len(texts), self.matrix.shape[1])


def class_weights(slug: str) -> tuple[float, float]:
    """(negative, positive) row weights a theme's shipped model was fitted with (balanced classes): a
    reviewed sentence of a known theme counts as one more row of its training data would have."""
    try:
        raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        model, easy = raw["themes"][slug], raw["trained_on"]["easy_negatives"]
        positives, total = model["positives"], model["positives"] + model["judged_negatives"] + easy
    except (OSError, ValueError, KeyError, TypeError):
        positives, total = TYPICAL_POSITIVES, TYPICAL_ROWS
    return total / (2 * (total - positives)), total / (2 * positives)


def seed_examples(matcher: ThemeMatcher) -> list[Example]:
    """A new theme's definition and example sentences, as positives: what the researcher wrote it means."""
    theme = matcher.theme
    return [Example(text, text, 1, 1.0) for text in (theme.definition, *theme.examples) if text.strip()]


def fit_theme(
    examples: Sequence[Example],
    matcher: ThemeMatcher,
    prior: ThemeModel | None,
    context: bool,
    vectors: Vectors | None = None,
) -> ThemeModel:
    """One theme's model from labelled examples, pulled towards `prior` (towards zero without one)."""
    x = features(examples, matcher, context, vectors)
    y = np.asarray([e.label for e in examples], dtype=np.float64)
    weight = np.asarray([e.weight for e in examples], dtype=np.float64)
    w0 = prior.weights if prior is not None else np.zeros(x.shape[1])
    b0 = prior.bias if prior is not None else 0.0
    pseudo = np.asarray([e.pseudo for e in examples], dtype=bool)
    if prior is not None:
        # Unreviewed sentences keep what the shipped model says of them: they add no pull at the start,
        # only resistance to moving away from it where there is data, so its calibration (and so its
        # thresholds) holds where nobody decided anything.
        y = np.where(pseudo, 1.0 / (1.0 + np.exp(-(x @ w0 + b0))), y)
    else:
        # Balanced classes, as the shipped models were fitted: each class carries half the total weight.
        for label in (0.0, 1.0):
            mass = weight[y == label].sum()
            if mass:
                weight[y == label] *= weight.sum() / (2 * mass)

    strength = PRIOR if prior is not None else L2
    # A known theme's bias is held to the prior too (it carries the calibration the thresholds were chosen
    # for); a new theme's, like the shipped models', is free.
    bias_strength = PRIOR if prior is not None else 0.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:-1], theta[-1]
        z = x @ coef + bias
        value = weight @ (y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z))
        g = weight * (1.0 / (1.0 + np.exp(-z)) - y)
        drift, shift = coef - w0, bias - b0
        penalty = 0.5 * strength * (drift @ drift) + 0.5 * bias_strength * shift * shift
        return float(value + penalty), np.append(x.T @ g + strength * drift, g.sum() + bias_strength * shift)

    fitted = minimize(loss, np.append(w0, b0), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITERATIONS}).x
    if prior is not None:
        return replace(prior, weights=fitted[:-1], bias=float(fitted[-1]))
    return ThemeModel(matcher.theme.slug, fitted[:-1], float(fitted[-1]), NEW_THRESHOLD, NEW_EVIDENCE_THRESHOLD)


def features(
    examples: Sequence[Example], matcher: ThemeMatcher, context: bool, vectors: Vectors | None = None
) -> np.ndarray:
    """The rows the coder reads: sentence embedding, [turn embedding,] rule features (learned.FEATURES)."""
    if vectors is None:
        vectors = Vectors({e.text for e in examples} | ({e.context for e in examples} if context else set()))
    sentences = tuple(Sentence(e.text, 0, k, len(word_list(e.text))) for k, e in enumerate(examples))
    parts = [vectors([e.text for e in examples])]
    if context:
        parts.append(vectors([e.context for e in examples]))
    parts.append(rule_features(sentences, matcher).astype(np.float64))
    return np.hstack(parts)


def _shipped_codings(
    shipped: SentenceCoder | None,
    matchers: list[ThemeMatcher],
    labelled: dict[str, dict[tuple[str, Quote], int]],
    sentences: Mapping[str, tuple[Sentence, ...]],
    turns: Mapping[str, dict[int, str]],
) -> dict[str, list[CodedTheme]]:
    """The refitted themes in each reviewed interview as the coder as shipped codes them (the rules, for a
    theme it does not know): what reviewers' agreement is measured on."""
    out: dict[str, list[CodedTheme]] = {}
    for i in sorted({i for rows in labelled.values() for i, _ in rows}):
        mine = tuple(m for m in matchers if any(j == i for j, _ in labelled[m.theme.slug]))
        rank = {s.index: informativeness(s) for s in sentences[i]}
        known = {m.theme.slug: shipped.models[m.theme.slug] for m in mine if shipped and m.theme.slug in shipped.models}
        probabilities = shipped.probabilities(sentences[i], mine, turns[i]) if shipped and known else None
        thresholds = {slug: (m.threshold, m.evidence_threshold) for slug, m in known.items()}
        out[i] = list(code_themes(sentences[i], mine, rank, probabilities, thresholds))
    return out


def _encode_theme(t: CodedTheme) -> list[Any]:
    return [t.slug, [[q.text, q.turn] for q in t.evidence], list(t.scores)]


def _decode(raw: dict[str, Any], shipped: SentenceCoder | None, key: str) -> Refit:
    models = dict(shipped.models) if shipped else {}
    for slug in raw["order"]:
        m = raw["themes"][slug]
        models[slug] = ThemeModel(
            slug, np.asarray(m["weights"], dtype=np.float64), float(m["bias"]), m["threshold"], m["evidence_threshold"]
        )
    fingerprint = hashlib.sha256(f"{shipped.fingerprint if shipped else 'rules'}\0{key}".encode()).hexdigest()
    coded = {
        i: tuple(CodedTheme(slug, tuple(Quote(t, n) for t, n in q), tuple(p)) for slug, q, p in themes)
        for i, themes in raw["shipped"].items()
    }
    return Refit(SentenceCoder(models, fingerprint, bool(raw["context"])), tuple(raw["order"]), coded)
