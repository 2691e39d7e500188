"""Static sentence embeddings (model2vec) shipped with the package: no torch, no download.

The model in `model/embeddings/` was distilled once from all-MiniLM-L6-v2 by
`tools/distill_embeddings.py`; its provenance (source weights' sha256) sits beside it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from model2vec import StaticModel

from generator.cache import file_digest

MODEL_DIR = Path(__file__).parent / "model" / "embeddings"


@lru_cache(maxsize=1)
def load_embedder() -> StaticModel:
    """The shipped embedding model, loaded once per process."""
    return StaticModel.from_pretrained(str(MODEL_DIR), force_download=False)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (read-only: the array may be shared)."""
    return _embed(tuple(texts))


# The theme coder and the dimension coder embed the same sentences and turns of an interview one
# after the other; tokenising was 93% of the dimension coder's time (37 ms an interview), so the last
# few results are kept. Read-only arrays: a caller that wrote into one would change the others' copy.
@lru_cache(maxsize=8)
def _embed(texts: tuple[str, ...]) -> np.ndarray:
    if not texts:
        vectors = np.zeros((0, load_embedder().dim), dtype=np.float32)
    else:
        encoded = load_embedder().encode(list(texts), show_progress_bar=False, use_multiprocessing=False)
        vectors = np.asarray(encoded, dtype=np.float32)
    vectors.flags.writeable = False
    return vectors


@lru_cache(maxsize=1)
def embedder_fingerprint() -> str:
    return file_digest(MODEL_DIR / "model.safetensors")
