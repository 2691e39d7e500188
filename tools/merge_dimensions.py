"""Merge the annotators' dimension labels into eval/dimensions/ and report their agreement.

Writes test.jsonl (held out), train.jsonl and second.jsonl (the second annotator's labels of
second_sample.json), one line per interview, sorted, annotator kept; then prints Cohen's kappa per
single-valued dimension and per ai_uses value between the first and second annotators.

    .venv/bin/python tools/merge_dimensions.py /work/annot/labels
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "eval" / "dimensions"
USES = (
    "writing_communication", "research_information", "coding_technical", "data_analysis", "ideation_brainstorming",
    "summarising", "planning_organising", "learning_explaining", "creative_content", "customer_support_responses",
    "translation", "other",
)  # fmt: skip
SINGLE = {
    "sentiment": ("positive", "mixed", "negative"),
    "workplace_stance": ("supportive", "permissive_or_silent", "discouraging", "not_mentioned"),
    "future_use": ("more", "same", "less", "uncertain"),
}
KEYS = {"transcript_id", "ai_uses", "sentiment", "sentiment_sentences", "workplace_stance", "workplace_sentences",
        "future_use", "future_sentences", "notes"}  # fmt: skip


def check(raw: dict, where: str) -> dict:
    """The label as the guide defines it, or exit naming the line."""
    if set(raw) - KEYS or not {"transcript_id", "ai_uses", *SINGLE} <= set(raw):
        raise SystemExit(f"{where}: keys {sorted(raw)} are not the guide's section 5 keys")
    uses = raw["ai_uses"]
    if not (isinstance(uses, dict) and 1 <= len(uses) <= 4 and set(uses) <= set(USES)):
        raise SystemExit(f"{where}: ai_uses {uses!r} is not one to four of the guide's values")
    for dim, values in SINGLE.items():
        if raw[dim] not in values:
            raise SystemExit(f"{where}: {dim} {raw[dim]!r} is not one of {values}")
    for key in ("sentiment_sentences", "workplace_sentences", "future_sentences"):
        raw.setdefault(key, [])
        if not all(isinstance(n, int) for n in raw[key]):
            raise SystemExit(f"{where}: {key} must list sentence numbers")
    return raw


def kappa(pairs: list) -> float:
    """Cohen's kappa of two annotators' labels (any categories)."""
    if not pairs:
        return float("nan")
    a, b = zip(*pairs, strict=True)
    return float(cohen_kappa_score([str(x) for x in a], [str(x) for x in b]))


def main(folder: Path) -> int:
    test_ids = set((OUT / "test_ids.txt").read_text().split())
    train_ids = set((OUT / "train_ids.txt").read_text().split())
    sample = json.loads((OUT / "second_sample.json").read_text())
    second_ids = set(sample["test"]) | set(sample["train"])
    parts: dict[str, dict[str, dict]] = {"test": {}, "train": {}, "second": {}}
    for path in sorted(folder.glob("*-dims.jsonl")):
        annotator = path.stem.split("-")[0]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            raw = check(json.loads(line), f"{path}:{n}")
            tid = raw["transcript_id"]
            part = "second" if annotator.startswith("ds") else "test" if tid in test_ids else "train"
            if (part == "second" and tid not in second_ids) or (part != "second" and tid not in test_ids | train_ids):
                raise SystemExit(f"{path}:{n}: {tid} is not in the {part} sample")
            parts[part][tid] = {"annotator": annotator, **raw}  # a re-written interview: the later line wins
    for name, rows in parts.items():
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for key in sorted(rows):
                f.write(json.dumps(rows[key], ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(rows)} interviews")

    first = {**parts["test"], **parts["train"]}
    both = sorted(t for t in parts["second"] if t in first)
    print(f"second annotation: {len(both)} interviews coded twice")
    for dim in SINGLE:
        pairs = [(first[t][dim], parts["second"][t][dim]) for t in both]
        agree = sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan")
        print(f"  {dim}: agreement {agree:.2f}, kappa {kappa(pairs):.2f}")
    flags = [(u in first[t]["ai_uses"], u in parts["second"][t]["ai_uses"]) for t in both for u in USES]
    agree = sum(a == b for a, b in flags) / max(len(flags), 1)
    print(f"  ai_uses (every value of every interview): agreement {agree:.2f}, kappa {kappa(flags):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
