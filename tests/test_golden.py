"""Golden files at two levels, both from the seed study built through the real pipeline (redaction
included): the Pelican content it generates, file by file, and a few rendered pages.

Regenerate on purpose with `make golden` (UPDATE_GOLDEN=1) and read the diff before committing.
The edition (its date and id) is written as EDITION-DATE and EDITION-ID, so a golden file changes
when what a page says changes, not with the day it was built. Figures are binary and depend on
font rendering, so only their names are compared here; test_figures checks their bytes are
reproducible, and test_cli that two builds are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
CONTENT = GOLDEN / "seed-content"
HTML = GOLDEN / "html"
TEXT_SUFFIXES = {".html", ".json", ".csv"}
# The date of conftest.EPOCH, as the site writes it.
EDITION_DATES = ("2026-11-23", "2026/11/23")
# One page of each kind a reader lands on; the interview is the one with an encoding repair.
PAGES = {
    "home.html": "index.html",
    "theme-saves-time.html": "themes/saves-time/index.html",
    "interview-work_0079.html": "interviews/work_0079/index.html",
    "methodology.html": "methodology/index.html",
    "interviews.html": "interviews/index.html",
}
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def normalised(text: str) -> str:
    """The edition written as placeholders; trailing spaces and blank lines dropped, so a diff shows
    what a page says."""
    text = re.sub(r"\b\d{4}-\d\d-\d\d-[0-9a-f]{8}\b", "EDITION-ID", text)
    for date in EDITION_DATES:
        text = text.replace(date, "EDITION-DATE")
    return "".join(line.rstrip() + "\n" for line in text.splitlines() if line.strip())


def content_text(path: Path) -> str:
    """JSON is compared, and stored, indented so a regenerated golden file reads as a diff."""
    raw = path.read_text(encoding="utf-8")
    return normalised(json.dumps(json.loads(raw), indent=1, ensure_ascii=False) if path.suffix == ".json" else raw)


def listing(root: Path) -> dict[str, Path]:
    """Each file under `root` by its normalised name (an edition's page is named after the edition)."""
    return {normalised(p.relative_to(root).as_posix()).strip(): p for p in sorted(root.rglob("*")) if p.is_file()}


def rewrite(folder: Path, files: dict[str, str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def test_generated_content_matches_the_golden_files(seed_site):
    built = listing(seed_site.work / "content")
    generated = {rel: content_text(p) if p.suffix in TEXT_SUFFIXES else "" for rel, p in built.items()}
    if UPDATE:
        rewrite(CONTENT, generated)
    assert sorted(generated) == sorted(listing(CONTENT))
    for rel, text in generated.items():
        assert text == (CONTENT / rel).read_text(encoding="utf-8"), rel


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_rendered_page_matches_its_golden_file(seed_site, name):
    page = normalised((seed_site.output / PAGES[name]).read_text(encoding="utf-8"))
    if UPDATE:
        HTML.mkdir(parents=True, exist_ok=True)
        (HTML / name).write_text(page, encoding="utf-8")
    assert page == (HTML / name).read_text(encoding="utf-8")


def test_the_golden_pages_are_the_ones_this_test_renders():
    assert sorted(p.name for p in HTML.iterdir()) == sorted(PAGES)
