"""Build the Pagefind search index over the rendered site (side effect: writes site/pagefind/).

Only regions marked `data-pagefind-body` are indexed (findings, theme pages, interview
summaries, quotes); full transcripts are marked `data-pagefind-ignore`, so the index
grows with summaries and quotes, not with every word of every transcript.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.errors import BuildError


def index_site(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent", "--force-language", "en"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
