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
import json
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

from generator.errors import BuildError
from generator.memo import store
from generator.write.links import link_tree

_BODY = b"data-pagefind-body"
# In the staging folder, not an HTML file: Pagefind reads only *.html.
_MANIFEST = ".staged.json"
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
    built = cache / h.hexdigest()[:20]
    if not built.is_dir():
        _index(site, pages, cache, built)
    link_tree(built, site / "pagefind")
    for old in cache.iterdir():
        if old != built:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _index(site: Path, pages: dict[str, str], cache: Path, built: Path) -> None:
    # The binary itself: `python -m pagefind` would start an interpreter only to exec it.
    from pagefind_bin import get_executable

    stage = _stage(site, pages, cache.with_name(cache.name + "-pages"))
    cache.mkdir(parents=True, exist_ok=True)
    part = built.with_name(built.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
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
    # Renamed only once complete, so a killed build never leaves a half-written index to reuse.
    part.rename(built)


def _stage(site: Path, pages: dict[str, str], stage: Path) -> Path:
    """The pages Pagefind reads, without their transcripts: kept from build to build, and only the
    pages whose digest changed are copied again (a rebuild after one new interview copies a dozen)."""
    manifest = stage / _MANIFEST
    # Copies made by another way of stripping (an older version of this module) are not reused.
    made_by = _TRANSCRIPT.pattern.decode()
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        staged: dict[str, str] = recorded["pages"] if recorded["stripped"] == made_by else {}
        sizes: dict[str, int] = recorded["sizes"]
    except (OSError, ValueError, KeyError, TypeError):
        staged, sizes = {}, {}
    if not staged:
        shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True, exist_ok=True)
    # Forgotten first: a build killed while copying leaves pages the manifest does not vouch for.
    manifest.unlink(missing_ok=True)
    # Pagefind indexes every page in the folder, so any page not of this site goes, whether an earlier
    # build staged it or anything else left it: a withdrawn interview must not stay searchable.
    wanted = {stage / rel for rel in pages}
    for path in stage.rglob("*"):
        if path.suffix in (".html", ".tmp") and path not in wanted and path.is_file():
            path.unlink()
    for rel, digest in pages.items():
        # A copy that lost bytes since it was made (a full disk, a truncated file) is copied again: the
        # manifest vouches for the page it was made from, and its size on disk is checked against it.
        if staged.get(rel) != digest or not _has_size(stage / rel, sizes.get(rel)):
            copy = _TRANSCRIPT.sub(b"", (site / rel).read_bytes(), count=1)
            if (stage / rel).is_dir():
                # An earlier site had a folder where this one has a page (an interview id "index.html").
                shutil.rmtree(stage / rel)
            store(stage / rel, copy)
            sizes[rel] = len(copy)
    sizes = {rel: sizes[rel] for rel in pages}
    store(manifest, json.dumps({"stripped": made_by, "pages": pages, "sizes": sizes}).encode("utf-8"))
    return stage


def _has_size(path: Path, size: int | None) -> bool:
    try:
        return size is not None and path.stat().st_size == size
    except OSError:
        return False
