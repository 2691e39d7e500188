"""Shared fixtures: paths to the project's own data and to the shared corpus (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "content" / "transcripts"
CONFIG = ROOT / "content" / "study.toml"
CORPUS = ROOT.parent / "shared" / "corpus" / "anthropic-interviewer"
WORKFORCE = CORPUS / "workforce_transcripts.csv"
CREATIVES = CORPUS / "creatives_transcripts.csv"


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not WORKFORCE.exists(),
        reason=f"the public Anthropic Interviewer corpus is not at {CORPUS} (it sits beside the project in ../shared)",
    )


@pytest.fixture(scope="session")
def config():
    from generator.config import load_config

    return load_config(CONFIG)


def copy_study(root: Path) -> Path:
    """A writable copy of the default study's configuration (with the agreement file it names)."""
    import shutil

    content = root / "content"
    shutil.copytree(CONFIG.parent, content, ignore=shutil.ignore_patterns("transcripts"))
    (root / "eval").mkdir(exist_ok=True)
    shutil.copy(ROOT / "eval" / "agreement.json", root / "eval" / "agreement.json")
    return content / "study.toml"
