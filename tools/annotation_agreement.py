"""Agreement between the first and second annotators of eval/sentences/ (Cohen's kappa).

.venv/bin/python tools/annotation_agreement.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.evaluate import cohen_kappa  # noqa: E402

SLUGS = (
    "saves-time", "social-stigma", "job-security", "skill-erosion", "accuracy-trust", "sycophancy",
    "privacy-confidentiality", "human-judgement", "oversight-role",
)  # fmt: skip


def rows(name: str) -> list[dict]:
    path = ROOT / "eval" / "sentences" / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main() -> int:
    first = {r["item"]: r["label"] for r in rows("judgements.jsonl")}
    second = {r["item"]: r["label"] for r in rows("judgements_second.jsonl")}
    by_theme: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for item, label in sorted(second.items()):
        by_theme[item.split(":")[0]].append((bool(first[item]), bool(label)))
    pooled = [p for ps in by_theme.values() for p in ps]
    agree = sum(a == b for a, b in pooled)
    print(
        f"Candidate judgements: n = {len(pooled)}, agreement {agree / len(pooled):.2f}, kappa {cohen_kappa(pooled):.2f}"
    )
    for slug in SLUGS:
        ps = by_theme.get(slug, [])
        if ps:
            print(
                f"  {slug:26} n = {len(ps):3d}  kappa {cohen_kappa(ps):.2f}  "
                f"positives first/second {sum(a for a, _ in ps)}/{sum(b for _, b in ps)}"
            )

    for first_name, second_name in (
        ("complete.jsonl", "complete_second.jsonl"),
        ("complete_tuning.jsonl", "complete_tuning_second.jsonl"),
    ):
        complete_pair(first_name, second_name)
    return 0


def complete_pair(first_name: str, second_name: str) -> None:
    complete = {r["transcript_id"]: r for r in rows(first_name)}
    twice = rows(second_name)
    sentence_pairs: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    group = style = 0
    for r2 in twice:
        r1 = complete[r2["transcript_id"]]
        text = ROOT / "eval" / "sentences" / "sentence_counts.json"
        counts = json.loads(text.read_text()) if text.exists() else {}
        n = counts.get(r2["transcript_id"], 1 + max([int(k) for r in (r1, r2) for k in r["sentences"]] or [0]))
        for slug in SLUGS:
            for i in range(n):
                a = slug in r1["sentences"].get(str(i), [])
                b = slug in r2["sentences"].get(str(i), [])
                sentence_pairs[slug].append((a, b))
        group += r1["occupation_group"] == r2["occupation_group"]
        style += r1["interaction_style"] == r2["interaction_style"]
    pooled = [p for ps in sentence_pairs.values() for p in ps]
    print(
        f"Complete annotation ({first_name}): {len(twice)} interviews; sentence x theme pairs {len(pooled)}, "
        f"kappa {cohen_kappa(pooled):.2f}; occupation group {group}/{len(twice)}, style {style}/{len(twice)}"
    )
    for slug in SLUGS:
        ps = sentence_pairs[slug]
        if any(a or b for a, b in ps):
            print(
                f"  {slug:26} kappa {cohen_kappa(ps):.2f}  sentences first/second "
                f"{sum(a for a, _ in ps)}/{sum(b for _, b in ps)}"
            )


if __name__ == "__main__":
    sys.exit(main())
