"""List the quotes a reader meets first in a built report, for a blind judgement of each.

Reads the page data a build leaves in its work folder (`.output-build/content/pagedata/`): the
home page's quote under each finding and the first quotes of each theme page (the slide shows
the first). Writes an annotator file in the candidate format (no scores, no tool output beyond
the quote itself) and a key; `--score LABELS` prints how many the annotator judged to show
their theme.

    .venv/bin/python tools/lead_quotes.py --build /tmp/.o1125-build --corpus ../shared/corpus/anthropic-interviewer \
        --out /work/annot/lead-1125.txt
    .venv/bin/python tools/lead_quotes.py --build ... --score /work/annot/labels/lead-1125.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import read_ids, write_item  # noqa: E402

from generator.config import load_config  # noqa: E402
from generator.ingest import read_transcripts  # noqa: E402

THEME_PAGE_FIRST = 6


def lead_quotes(build: Path) -> list[dict]:
    data = build / "content" / "pagedata"
    home = json.loads((data / "home.json").read_text())
    out = []
    for f in home["findings"]:
        if f.get("quote"):
            q = f["quote"]
            out.append(
                {"where": "home", "theme": f["slug"], "id": q["interview_id"], "turn": q["turn"], "text": q["text"]}
            )
    for path in sorted((data / "themes").glob("*.json")):
        d = json.loads(path.read_text())
        for rank, q in enumerate(d["quotes"][:THEME_PAGE_FIRST]):
            out.append(
                {
                    "where": f"theme#{rank + 1}",
                    "theme": d["slug"],
                    "id": q["interview_id"],
                    "turn": q["turn"],
                    "text": q["text"],
                }
            )
    for q in out:
        q["item"] = f"{q['theme']}:{q['id']}:{q['turn']}:{hashlib.sha256(q['text'].encode()).hexdigest()[:8]}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", type=Path, required=True)
    ap.add_argument(
        "--inputs", type=Path, nargs="+", default=[ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"]
    )
    ap.add_argument("--out", type=Path)
    ap.add_argument("--score", type=Path)
    ap.add_argument(
        "--reserved",
        type=Path,
        default=ROOT.parent / "shared" / "reserved-ids.txt",
        help="interviews kept for an outside evaluation: their quotes are listed as not judged",
    )
    args = ap.parse_args()
    reserved = read_ids(args.reserved) if args.reserved.exists() else set()
    quotes = [q for q in lead_quotes(args.build) if q["id"] not in reserved]
    print(f"{len(lead_quotes(args.build)) - len(quotes)} lead quotes from reserved interviews left unjudged")
    if args.score:
        labels = {
            json.loads(x)["item"]: json.loads(x)["label"] for x in args.score.read_text().splitlines() if x.strip()
        }
        for where in ("home", "theme"):
            mine = [q for q in quotes if q["where"].startswith(where)]
            ok = sum(labels[q["item"]] for q in mine)
            print(f"{where}: {ok} of {len(mine)} show their theme")
            for q in mine:
                if not labels[q["item"]]:
                    print(f"  wrong: {q['where']} {q['theme']} {q['id']}: {q['text'][:100]}")
        return 0
    config = load_config(ROOT / "content" / "study.toml")
    transcripts = {t.id: t for t in read_transcripts(args.inputs, config.labels).transcripts}
    definitions = {t.slug: t.definition for t in config.codebook}
    seen = set()
    with args.out.open("w") as f:
        f.write("# Lead quotes: each item says its theme. Judge each only for its theme.\n\n")
        for q in quotes:
            if q["item"] in seen:
                continue
            seen.add(q["item"])
            theme = f"{q['theme']} — {definitions[q['theme']]}"
            write_item(f, q["item"], transcripts[q["id"]], q["turn"], q["text"], theme)
    print(f"{len(seen)} quotes written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
