"""Golden files: the Pelican content generated for the seed study, compared file by file.

Regenerate on purpose with `make golden` (UPDATE_GOLDEN=1) and read the diff before committing.
Figures are binary and depend on font rendering, so only their names are compared here;
their bytes are covered by the reproducibility test.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from conftest import ROOT, SEEDS

from generator.analyse import Analyser, summarise_interview
from generator.ingest import read_transcripts
from generator.publication import publish
from generator.synthesise import synthesise_report
from generator.write import start_content

GOLDEN = ROOT / "tests" / "golden" / "seed-content"
EDITION = "2026-11-23"
TEXT_SUFFIXES = {".html", ".json", ".csv"}


def generate(config, root: Path) -> None:
    transcripts = read_transcripts([SEEDS], config.labels).transcripts
    analyser = Analyser.for_study(config, transcripts)
    report = synthesise_report([summarise_interview(t, analyser) for t in transcripts], transcripts, analyser.config)
    with start_content(publish(report, config), config, root, EDITION) as writing:
        writing.finish()


def text(path: Path) -> str:
    """JSON is compared, and stored, indented so a regenerated golden file reads as a diff."""
    raw = path.read_text(encoding="utf-8")
    return json.dumps(json.loads(raw), indent=1, ensure_ascii=False) + "\n" if path.suffix == ".json" else raw


def listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_generated_content_matches_the_golden_files(config, tmp_path):
    generate(config, tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel in listing(tmp_path):
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            src = tmp_path / rel
            target.write_text(text(src) if src.suffix in TEXT_SUFFIXES else "", encoding="utf-8")
    assert listing(tmp_path) == listing(GOLDEN)
    for rel in listing(tmp_path):
        if Path(rel).suffix in TEXT_SUFFIXES:
            assert text(tmp_path / rel) == text(GOLDEN / rel), rel
