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


@dataclass(frozen=True)
class SentenceCoder:
    """The trained models, keyed by theme slug, and a fingerprint for the analysis cache key."""

    models: dict[str, ThemeModel]
    fingerprint: str

    def probabilities(self, sentences: tuple[Sentence, ...], matchers: tuple[ThemeMatcher, ...]) -> np.ndarray:
        """P(sentence shows theme), shape (sentences, matchers); NaN for themes without a model."""
        out = np.full((len(sentences), len(matchers)), np.nan)
        known = [j for j, m in enumerate(matchers) if m.theme.slug in self.models]
        if not sentences or not known:
            return out
        vectors = embed([s.text for s in sentences])
        for j in known:
            model = self.models[matchers[j].theme.slug]
            x = np.hstack([vectors, rule_features(sentences, matchers[j])])
            out[:, j] = 1.0 / (1.0 + np.exp(-(x @ model.weights + model.bias)))
        return out


def rule_features(sentences: tuple[Sentence, ...], matcher: ThemeMatcher) -> np.ndarray:
    """The rules' view of each sentence for one theme, as numbers the model weighs."""
    rows = []
    for s in sentences:
        norm = normalise(s.text)
        words = _WORDS.findall(norm)
        cue = bool(matcher.pattern.search(norm)) or bool(matcher.negated_cue and matcher.negated_cue.search(norm))
        rows.append(
            (
                float(cue),
                float(cue and evidence_for(matcher, s)),
                float(bool(matcher.excluded and matcher.excluded.search(norm))),
                float(any(w in _NEGATIONS or w.endswith("n't") for w in words)),
                float(bool(words[:2]) and any(w in _HYPOTHETICAL for w in words[:2])),
                float(bool(_OTHERS.search(norm))),
                float(bool(_JOKE.search(norm))),
                float(s.text.rstrip().endswith("?")),
                min(s.words, 60) / 60,
            )
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(sentences), len(FEATURES))


@lru_cache(maxsize=1)
def load_coder(path: Path = MODEL_PATH) -> SentenceCoder | None:
    """The committed model, or None where none was trained (the rules then code every theme)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    models = {
        slug: ThemeModel(slug, np.asarray(m["weights"], dtype=np.float64), float(m["bias"]), float(m["threshold"]))
        for slug, m in raw["themes"].items()
    }
    digest = hashlib.sha256(path.read_bytes() + embedder_fingerprint().encode()).hexdigest()
    return SentenceCoder(models, digest)
