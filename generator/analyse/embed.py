"""Static sentence embeddings (model2vec) shipped with the package: no torch, no download.

The model in `model/embeddings/` was distilled once from all-MiniLM-L6-v2 by
`tools/distill_embeddings.py`; its provenance (source weights' sha256) sits beside it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from model2vec import StaticModel

MODEL_DIR = Path(__file__).parent / "model" / "embeddings"


@lru_cache(maxsize=1)
def load_embedder() -> StaticModel:
    """The shipped embedding model, loaded once per process."""
    return StaticModel.from_pretrained(str(MODEL_DIR), force_download=False)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, load_embedder().dim), dtype=np.float32)
    vectors = load_embedder().encode(texts, show_progress_bar=False, use_multiprocessing=False)
    return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def embedder_fingerprint() -> str:
    return hashlib.sha256((MODEL_DIR / "model.safetensors").read_bytes()).hexdigest()
