"""A synthetic corpus of any size, recombined from the public transcripts, for benchmarks.

Run: python bench/synth.py --n 10000 --out /tmp/synth-10k.csv [--seed 1]
Each synthetic interview takes one real interview's interviewer turns as its skeleton
and fills the participant's k-th answer with the k-th answer of another interview of
the same study split, so every turn is real text, the protocol and turn counts stay
those of real interviews, and the answers vary as much as the corpus does. Ids keep the
skeleton's split prefix (`work_`, `creativity_`), so study splits still apply.
Same --n, --seed and corpus give a byte-identical file. Writes CSV with the corpus's
header, `transcript_id,text`, one interview at a time (memory stays that of the corpus).
Needs ../shared/corpus/anthropic-interviewer.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
FILES = ("workforce_transcripts.csv", "creatives_transcripts.csv")
# A turn starts with its speaker label after a blank line (the corpus's format).
_TURN = re.compile(r"\n\n(?=(?:AI|Assistant|User):)")
_PARTICIPANT = "User:"


@dataclass(frozen=True)
class Source:
    """One real interview, cut into turns; `answers` are the positions of the participant's turns."""

    split: str
    turns: tuple[str, ...]
    answers: tuple[int, ...]


def read_sources(corpus: Path = CORPUS) -> list[Source]:
    sources = []
    for name in FILES:
        with open(corpus / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                turns = tuple(_TURN.split(row["text"]))
                answers = tuple(i for i, t in enumerate(turns) if t.startswith(_PARTICIPANT))
                sources.append(Source(row["transcript_id"].rsplit("_", 1)[0] + "_", turns, answers))
    return sources


def synthetic_interviews(sources: list[Source], n: int, seed: int) -> Iterator[tuple[str, str]]:
    """(id, text) for n interviews, a pure function of the sources, n and seed."""
    rng = random.Random(seed)
    # donors[split][k]: the interviews of a split that have a k-th answer.
    donors: dict[str, list[list[Source]]] = {}
    for s in sources:
        by_position = donors.setdefault(s.split, [])
        while len(by_position) < len(s.answers):
            by_position.append([])
        for k in range(len(s.answers)):
            by_position[k].append(s)
    width = len(str(n - 1))
    for i in range(n):
        skeleton = rng.choice(sources)
        turns = list(skeleton.turns)
        for k, position in enumerate(skeleton.answers):
            donor = rng.choice(donors[skeleton.split][k])
            turns[position] = donor.turns[donor.answers[k]]
        yield f"{skeleton.split}syn{i:0{width}d}", "\n\n".join(turns)


def write_corpus(out: Path, n: int, seed: int = 1, corpus: Path = CORPUS) -> None:
    """Write n synthetic interviews to `out` as CSV."""
    sources = read_sources(corpus)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["transcript_id", "text"])
        writer.writerows(synthetic_interviews(sources, n, seed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, required=True, help="how many interviews")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the public corpus's CSV files")
    args = parser.parse_args()
    if not (args.corpus / FILES[0]).exists():
        print(f"error: no corpus at {args.corpus}", file=sys.stderr)
        return 1
    write_corpus(args.out, args.n, args.seed, args.corpus)
    print(f"wrote {args.n} interviews to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
