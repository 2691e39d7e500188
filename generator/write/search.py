"""Build the Pagefind search index over the rendered site (side effect: writes site/pagefind/).

Only regions marked `data-pagefind-body` are indexed (findings, theme pages, interview
summaries, quotes); full transcripts are marked `data-pagefind-ignore`, so the index
grows with summaries and quotes, not with every word of every transcript. Interview
pages past `[limits] search_interviews` carry no such region; Pagefind is shown only the
pages that do (copies in a folder beside the site), because it reads every page it is
given, and reading 80,000 of them took more memory than the machine has. The copies
leave out the transcript, which Pagefind would parse only to ignore it: the index is the
same and takes a third less time.

One index, not shards merged in the browser: Pagefind answers a word it does not hold with
the longest prefix it does, so a shard without "radiologist" answered with every "R". An
index built from the same pages as the last build's is linked from the cache instead.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

from generator.errors import BuildError
from generator.write.links import link_tree

_BODY = b"data-pagefind-body"
# The interview template's full transcript: ignored by Pagefind, and half of every page's bytes.
_TRANSCRIPT = re.compile(rb'<section aria-labelledby="transcript" data-pagefind-ignore>.*?</section>', re.S)


def index_site(site: Path, cache: Path) -> None:
    """Write the index into site/pagefind/, from `cache` when the searchable pages are unchanged.

    `cache` keeps one index, under a digest of the pages it indexes.
    """
    # Paths only: at 80,000 interviews the pages' bytes would not fit in memory together.
    pages: list[Path] = []
    h = hashlib.sha256(f"pagefind {version('pagefind')}\0".encode())
    for page in sorted(site.rglob("*.html")):
        text = page.read_bytes()
        if _BODY in text:
            rel = page.relative_to(site)
            pages.append(rel)
            h.update(rel.as_posix().encode() + b"\0" + hashlib.sha256(text).digest())
    built = cache / h.hexdigest()[:20]
    if not built.is_dir():
        _index(site, pages, cache, built)
    link_tree(built, site / "pagefind")
    for old in cache.iterdir():
        if old != built:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _index(site: Path, pages: list[Path], cache: Path, built: Path) -> None:
    # The binary itself: `python -m pagefind` would start an interpreter only to exec it.
    from pagefind_bin import get_executable

    stage = cache.with_name(cache.name + "-stage")
    shutil.rmtree(stage, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    for rel in pages:
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_bytes(_TRANSCRIPT.sub(b"", (site / rel).read_bytes(), count=1))
    part = built.with_name(built.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    try:
        result = subprocess.run(
            [
                str(get_executable()), "--site", str(stage), "--output-path", str(part),
                "--silent", "--force-language", "en",
            ],
            capture_output=True,
            text=True,
        )  # fmt: skip
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
    # Renamed only once complete, so a killed build never leaves a half-written index to reuse.
    part.rename(built)
