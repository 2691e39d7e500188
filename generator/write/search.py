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

Two caches: the index by a digest of the pages it indexes (`search`), and each page's copy without
its transcript by a digest of the page (`search-pages`), so a rebuild after one new interview strips
a dozen pages, not all of them. Pagefind reads the copies linked at their pages' paths into a
folder made for the one run (`search-stage`): it takes a page's address from its path.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

from generator.cache import Cache
from generator.errors import BuildError
from generator.write.links import link_file, link_tree

_BODY = b"data-pagefind-body"
# The interview template's full transcript: ignored by Pagefind, and half of every page's bytes.
_TRANSCRIPT = re.compile(rb'<section aria-labelledby="transcript" data-pagefind-ignore>.*?</section>', re.S)


def index_site(site: Path, cache: Path) -> None:
    """Write the index into site/pagefind/, from `cache` when the searchable pages are unchanged.

    `cache` keeps one index, under a digest of the pages it indexes.
    """
    # Paths and digests only: at 80,000 interviews the pages' bytes would not fit in memory together.
    pages: dict[str, str] = {}
    h = hashlib.sha256(f"pagefind {version('pagefind')}\0".encode())
    for page in sorted(site.rglob("*.html")):
        text = page.read_bytes()
        if _BODY in text:
            rel = page.relative_to(site).as_posix()
            pages[rel] = hashlib.sha256(text).hexdigest()
            h.update(f"{rel}\0{pages[rel]}\0".encode())
    indexes = Cache(cache, ".index")
    key = h.hexdigest()
    built = indexes.find(key)
    if built is None:
        copies = Cache(cache.with_name(cache.name + "-pages"), ".html")
        stage = cache.with_name(cache.name + "-stage")
        try:
            built = indexes.put_folder(key, lambda part: _index(_stage(site, pages, copies, stage), part))
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    assert built is not None
    link_tree(built, site / "pagefind")
    indexes.prune()


def _index(stage: Path, part: Path) -> None:
    # The binary itself: `python -m pagefind` would start an interpreter only to exec it.
    from pagefind_bin import get_executable

    result = subprocess.run(
        [
            str(get_executable()), "--site", str(stage), "--output-path", str(part),
            "--silent", "--force-language", "en",
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BuildError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")


def _stage(site: Path, pages: dict[str, str], copies: Cache, stage: Path) -> Path:
    """The pages Pagefind reads, without their transcripts, at their paths under `stage`: only these,
    since Pagefind indexes every page in the folder and a withdrawn interview must not stay searchable."""
    # Made anew: whatever a killed build left there is not this site's.
    shutil.rmtree(stage, ignore_errors=True)
    # Copies made by another way of stripping (an older version of this module) are not reused.
    made_by = hashlib.sha256(_TRANSCRIPT.pattern).hexdigest()
    for rel, digest in pages.items():
        key = hashlib.sha256(f"{made_by}\0{digest}".encode()).hexdigest()
        copy = copies.find(key)
        if copy is None:
            copy = copies.put(key, _TRANSCRIPT.sub(b"", (site / rel).read_bytes(), count=1))
            assert copy is not None
        link_file(copy, stage / rel)
    copies.prune()
    return stage
