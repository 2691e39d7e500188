"""Build the Pagefind search index over the rendered site (side effect: writes site/pagefind/).

Only regions marked `data-pagefind-body` are indexed (findings, theme pages, interview
summaries, quotes); full transcripts are marked `data-pagefind-ignore`, so the index
grows with summaries and quotes, not with every word of every transcript. Interview
pages past `[limits] search_interviews` carry no such region; Pagefind is shown only the
pages that do (hard links in a folder beside the site), because it reads every page it
is given, and reading 80,000 of them took more memory than the machine has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.errors import BuildError

_BODY = b"data-pagefind-body"


def index_site(site: Path) -> None:
    stage = site.with_name(site.name + "-search")
    shutil.rmtree(stage, ignore_errors=True)
    for page in sorted(site.rglob("*.html")):
        if _BODY in page.read_bytes():
            target = stage / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
    try:
        result = subprocess.run(
            [
                sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(site / "pagefind"),
                "--silent", "--force-language", "en",
            ],
            capture_output=True,
            text=True,
        )  # fmt: skip
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
