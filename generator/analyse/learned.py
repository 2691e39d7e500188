"""The learned sentence coder: a probability per (sentence, theme), from embeddings and rule features.

Contract: sentences of one interview in, for each theme the indices of its evidence sentences
with their probabilities out, never text, so every quote is an exact participant sentence by
construction. One logistic model per theme over the sentence's static embedding and the
rules' features (cue hit, guarded hit, exclusion, negation, hypothetical, reported view,
joke), trained by `tools/train_coder.py` from the committed sentence annotations. An
interview has the theme when its best sentence reaches the theme's threshold (chosen by
cross-validation against interview-level hand coding); evidence is that sentence and any
other sentence over the threshold, most probable first.

A theme the trained model does not know (another study's codebook) is coded by the rules.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from generator.analyse.coding import _HYPOTHETICAL, _JOKE, _NEGATIONS, _OTHERS, ThemeMatcher, evidence_for
from generator.analyse.embed import embed, embedder_fingerprint
from generator.analyse.sentences import Sentence
from generator.analyse.text import normalise

MODEL_PATH = Path(__file__).parent / "model" / "coder" / "coder.json"
MAX_EVIDENCE = 3
_WORDS = re.compile(r"[a-z']+")
FEATURES = ("cue", "guarded", "excluded", "negation", "hypothetical", "reported", "joke", "question", "length")


@dataclass(frozen=True)
class ThemeModel:
    slug: str
    weights: np.ndarray  # embedding dimensions, then FEATURES
    bias: float
    threshold: float
    # An interview's further quotes (after its best) must reach this too: chosen so that
    # sentences this probable were judged to show the theme 95% of the time.
    evidence_threshold: float = 0.0


@dataclass(frozen=True)
class SentenceCoder:
    """The trained models, keyed by theme slug, and a fingerprint for the analysis cache key."""

    models: dict[str, ThemeModel]
    fingerprint: str
    # Whether the models also read the embedding of the sentence's whole turn (its context).
    context: bool = False

    def probabilities(
        self, sentences: tuple[Sentence, ...], matchers: tuple[ThemeMatcher, ...], turns: dict[int, str] | None = None
    ) -> np.ndarray:
        """P(sentence shows theme), shape (sentences, matchers); NaN for themes without a model.
        `turns` maps a turn number to its text (needed when the models read the turn)."""
        out = np.full((len(sentences), len(matchers)), np.nan)
        known = [j for j, m in enumerate(matchers) if m.theme.slug in self.models]
        if not sentences or not known:
            return out
        vectors = embed([s.text for s in sentences])
        if self.context:
            vectors = np.hstack([vectors, turn_vectors(sentences, turns or {})])
        shared = sentence_features(sentences)
        # The joke column of `shared` is the rules' joke test: a joke is never evidence.
        vetoed = np.asarray([is_conditional(s.text) for s in sentences]) | (shared[:, 3] > 0)
        for j in known:
            model = self.models[matchers[j].theme.slug]
            x = np.hstack([vectors, rule_features(sentences, matchers[j], shared)])
            out[:, j] = np.where(vetoed, 0.0, 1.0 / (1.0 + np.exp(-(x @ model.weights + model.bias))))
        return out


def turn_vectors(sentences: tuple[Sentence, ...], turns: dict[int, str]) -> np.ndarray:
    """The embedding of each sentence's whole turn: what "it" and "that" refer to."""
    numbers = sorted({s.turn for s in sentences})
    table = dict(zip(numbers, embed([turns.get(n, "") for n in numbers]), strict=True))
    return np.vstack([table[s.turn] for s in sentences])


# The rules as guards: "If it ever started to hallucinate I would stop using it" is a
# possibility, not a report, whatever its words; "If it's client data I never put it in"
# (no modal) is a practice and stays for the model to judge. A joke is not a position.
_CONDITIONAL = re.compile(r"^\W*(?:(?:well|so|and|but|honestly|now|oh)\W+)*(?:if|unless|imagine|suppose)\b")
_MODAL_CLAUSE = re.compile(r"\b(?:would|could|might|i'd|it'd|we'd|they'd)\b")


def is_conditional(text: str) -> bool:
    """Whether a sentence opens with a condition and states only what would follow from it."""
    norm = normalise(text)
    return bool(_CONDITIONAL.search(norm)) and bool(_MODAL_CLAUSE.search(norm))


def rule_features(
    sentences: tuple[Sentence, ...], matcher: ThemeMatcher, shared: np.ndarray | None = None
) -> np.ndarray:
    """The rules' view of each sentence for one theme, as numbers the model weighs (FEATURES order).
    `shared` is `sentence_features(sentences)`, passed in when several themes read the same sentences."""
    shared = sentence_features(sentences) if shared is None else shared
    rows = []
    for s in sentences:
        norm = normalise(s.text)
        cue = bool(matcher.pattern.search(norm)) or bool(matcher.negated_cue and matcher.negated_cue.search(norm))
        rows.append(
            (
                float(cue),
                float(cue and evidence_for(matcher, s)),
                float(bool(matcher.excluded and matcher.excluded.search(norm))),
            )
        )
    own = np.asarray(rows, dtype=np.float32).reshape(len(sentences), 3)
    return np.hstack([own, shared])


def sentence_features(sentences: tuple[Sentence, ...]) -> np.ndarray:
    """The features that do not depend on the theme (negation, hypothetical, reported view, joke,
    question, length): computed once per interview, not once per theme."""
    rows = []
    for s in sentences:
        norm = normalise(s.text)
        words = _WORDS.findall(norm)
        rows.append(
            (
                float(any(w in _NEGATIONS or w.endswith("n't") for w in words)),
                float(bool(words[:2]) and any(w in _HYPOTHETICAL for w in words[:2])),
                float(bool(_OTHERS.search(norm))),
                float(bool(_JOKE.search(norm))),
                float(s.text.rstrip().endswith("?")),
                min(s.words, 60) / 60,
            )
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(sentences), len(FEATURES) - 3)


@lru_cache(maxsize=1)
def load_coder(path: Path = MODEL_PATH) -> SentenceCoder | None:
    """The committed model, or None where none was trained (the rules then code every theme)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    models = {
        slug: ThemeModel(
            slug,
            np.asarray(m["weights"], dtype=np.float64),
            float(m["bias"]),
            float(m["threshold"]),
            float(m.get("evidence_threshold", m["threshold"])),
        )
        for slug, m in raw["themes"].items()
    }
    digest = hashlib.sha256(path.read_bytes() + embedder_fingerprint().encode()).hexdigest()
    return SentenceCoder(models, digest, bool(raw.get("context", False)))
