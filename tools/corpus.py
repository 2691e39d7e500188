"""What the annotation and training tools share: the corpus, the interviews never fitted on, batch files."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from generator.analyse.sentences import participant_sentences
from generator.config import StudyConfig
from generator.ingest import read_transcripts
from generator.models import Transcript

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "eval" / "sentences"


def read_corpus(corpus: Path, config: StudyConfig) -> dict[str, Transcript]:
    read = read_transcripts([corpus / "workforce_transcripts.csv", corpus / "creatives_transcripts.csv"], config.labels)
    return {t.id: t for t in read.transcripts}


def read_ids(path: Path) -> set[str]:
    """Ids one per line; `#` starts a comment line."""
    return {x.strip() for x in path.read_text().splitlines() if x.strip() and not x.startswith("#")}


def never_fitted(reserved: set[str]) -> set[str]:
    """Interviews nothing may be drawn from or fitted on: the reserved ones, the complete-annotation
    test set and the held-out part of the whole-interview coding."""
    test = set((SENTENCES / "test_ids.txt").read_text().split())
    hand = [json.loads(line) for line in (ROOT / "eval" / "hand_coding.jsonl").read_text().splitlines()]
    return reserved | test | {h["transcript_id"] for h in hand if h["part"] == "heldout"}


def around(turn: str, sentence: str, before: int = 450, after: int = 250) -> str:
    """The sentence's turn cut to a window around the sentence, so context stays short."""
    at = turn.find(sentence)
    lo, hi = max(0, at - before), min(len(turn), at + len(sentence) + after)
    return ("…" if lo else "") + turn[lo:hi].strip() + ("…" if hi < len(turn) else "")


def write_item(f: IO[str], item: str, transcript: Transcript, turn_number: int, sentence: str, theme: str = "") -> None:
    """One item as the annotators read it: the question before, the turn around the sentence, the sentence."""
    turn = next(x for x in transcript.turns if x.number == turn_number)
    question = next(
        (x.text for x in reversed(transcript.turns) if x.number < turn_number and x.speaker == "interviewer"), ""
    )
    f.write(f"=== ITEM {item}\n")
    f.write(f"INTERVIEWER (before): {question[-200:].strip()}\n")
    f.write(f"TURN: {around(turn.text, sentence)}\n")
    f.write(f">>> SENTENCE: {sentence}\n")
    f.write(f"THEME: {theme}\n\n" if theme else "\n")


def write_theme_batches(
    folder: Path, config: StudyConfig, items: Iterable[dict], transcripts: dict[str, Transcript], order: str
) -> None:
    """One file per theme: a theme's items stay together (one definition in mind at a time),
    shuffled within the theme so a batch left unfinished is still a random subset."""
    folder.mkdir(parents=True, exist_ok=True)
    items = list(items)
    for theme in config.codebook:
        mine = [it for it in items if it["theme"] == theme.slug]
        if not mine:
            continue
        random.Random(f"{order}:{theme.slug}").shuffle(mine)
        with (folder / f"candidates-{theme.slug}.txt").open("w") as f:
            f.write(f"# Theme: {theme.slug} ({len(mine)} items)\n# Definition: {theme.definition}\n\n")
            for it in mine:
                t = transcripts[it["transcript_id"]]
                sentence = participant_sentences(t.turns)[it["sentence"]]
                write_item(f, it["item"], t, it["turn"], sentence.text)


def write_interview(folder: Path, transcript: Transcript) -> None:
    """A whole interview for complete annotation, every participant sentence numbered."""
    by_turn: dict[int, list[str]] = {}
    for s in participant_sentences(transcript.turns):
        by_turn.setdefault(s.turn, []).append(f"  [{s.index}] {s.text}")
    with (folder / f"interview-{transcript.id}.txt").open("w") as f:
        f.write(f"# Interview {transcript.id}\n\n")
        for turn in transcript.turns:
            if turn.speaker == "interviewer":
                f.write(f"INTERVIEWER (turn {turn.number}): {turn.text.strip()}\n\n")
            else:
                f.write(f"PARTICIPANT (turn {turn.number}), sentences:\n" + "\n".join(by_turn.get(turn.number, [])))
                f.write("\n\n")
