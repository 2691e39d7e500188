"""Merge the annotators' label files into eval/sentences/ (one line per item, sorted; annotator kept).

.venv/bin/python tools/merge_judgements.py /work/annot/labels
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "eval" / "sentences"


def main(folder: Path) -> int:
    items = {json.loads(x)["item"] for x in (OUT / "candidates.jsonl").read_text().splitlines()}
    first: dict[str, dict] = {}
    second: dict[str, dict] = {}
    complete: dict[str, dict] = {}
    complete2: dict[str, dict] = {}
    tuning: dict[str, dict] = {}
    tuning2: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        annotator = path.stem.split("-")[0]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            raw = json.loads(line)
            if path.stem.endswith("-complete"):
                target = {"sec": complete2, "tun": tuning, "stu": tuning2}.get(annotator[:3], complete)
                raw = {"annotator": annotator, **raw}
                target[raw["transcript_id"]] = raw  # a re-written interview: the later line wins
                continue
            if raw["item"] not in items or raw["label"] not in (0, 1):
                raise SystemExit(f"{path}:{n}: unknown item or label {raw!r}")
            target = second if annotator.startswith("sec") else first
            target[raw["item"]] = {
                "item": raw["item"],
                "label": raw["label"],
                "annotator": annotator,
                "note": raw.get("note", ""),
            }
    for name, rows in (
        ("judgements", first),
        ("judgements_second", second),
        ("complete", complete),
        ("complete_second", complete2),
        ("complete_tuning", tuning),
        ("complete_tuning_second", tuning2),
    ):
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for key in sorted(rows):
                f.write(json.dumps(rows[key], ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
