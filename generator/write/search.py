"""Build the Pagefind search index over the rendered site (side effect: writes site/pagefind/).

Only regions marked `data-pagefind-body` are indexed (findings, theme pages, interview
summaries, quotes); full transcripts are marked `data-pagefind-ignore`, so the index
grows with summaries and quotes, not with every word of every transcript. Interview
pages past `[limits] search_interviews` carry no such region; Pagefind is shown only the
pages that do (hard links in a folder beside the site), because it reads every page it
is given, and reading 80,000 of them took more memory than the machine has.

The index is built in shards so that a rebuild re-indexes only what changed: the report's
own pages (findings, themes, quotes) are the primary bundle at `pagefind/`, and interview
pages fall into `SHARDS` bundles at `pagefind/interviews-K/` by a hash of their id, which
the search page merges in the browser (Pagefind's mergeIndex). A shard whose pages are
byte-identical to an earlier build's is linked from the cache instead of indexed again,
so adding one interview re-indexes the report pages and one shard of interviews.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from generator.errors import BuildError
from generator.write.links import link_tree

_BODY = b"data-pagefind-body"
# Eight shards keep each near 1/8 of the index (1,250 pages at the default limit of
# 10,000 searchable interviews) while the search page loads only nine small bundles.
SHARDS = 8
PRIMARY = "pagefind"
# Files of Pagefind's own search interfaces.
_UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def shard_of(interview_id: str) -> str:
    """The bundle, relative to the site root, that indexes this interview's page."""
    k = hashlib.sha256(interview_id.encode("utf-8")).digest()[0] % SHARDS
    return f"{PRIMARY}/interviews-{k}"


def shard_bundles(interview_ids: Iterable[str]) -> list[str]:
    """The interview bundles the search page merges in: those with at least one page."""
    return sorted({shard_of(i) for i in interview_ids})


def _bundle_of(page: Path) -> str:
    parts = page.parts
    if len(parts) == 3 and parts[0] == "interviews" and parts[2] == "index.html":
        return shard_of(parts[1])
    return PRIMARY


def index_site(site: Path, cache: Path) -> None:
    """Write every bundle into `site`, re-indexing only shards whose pages changed.

    `cache` keeps each bundle under a digest of the pages it indexes; bundles this build
    did not use are removed, so the cache holds one build's index.
    """
    shards: dict[str, list[tuple[Path, bytes]]] = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_bytes()
        if _BODY in text:
            rel = page.relative_to(site)
            shards.setdefault(_bundle_of(rel), []).append((rel, text))
    if PRIMARY not in shards:
        raise BuildError(f"{site}: no page has a searchable region; the theme's templates lost data-pagefind-body")
    tool = version("pagefind")
    wanted = {bundle: cache / f"{bundle.replace('/', '-')}-{_digest(tool, pages)}" for bundle, pages in shards.items()}
    missing = [bundle for bundle, folder in sorted(wanted.items()) if not folder.is_dir()]
    _index(site, cache, {bundle: shards[bundle] for bundle in missing}, wanted)
    for bundle, folder in sorted(wanted.items()):
        # Pagefind's search interfaces are loaded from the primary bundle only.
        ui = (lambda _: False) if bundle == PRIMARY else (lambda path: path.name.startswith(_UI_FILES))
        link_tree(folder, site / bundle, ui)
    used = set(wanted.values())
    for old in cache.iterdir():
        if old not in used:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _digest(tool: str, pages: list[tuple[Path, bytes]]) -> str:
    h = hashlib.sha256(f"pagefind {tool}\0".encode())
    for rel, text in pages:
        h.update(rel.as_posix().encode() + b"\0" + hashlib.sha256(text).digest())
    return h.hexdigest()[:20]


def _index(site: Path, cache: Path, shards: dict[str, list[tuple[Path, bytes]]], wanted: dict[str, Path]) -> None:
    """Run Pagefind over each shard, as many at once as there are cores."""
    # The binary itself: `python -m pagefind` would start an interpreter only to exec it,
    # which cost more than indexing a shard.
    from pagefind_bin import get_executable

    tool = get_executable()
    stage = cache.with_name(cache.name + "-stage")
    shutil.rmtree(stage, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    for bundle, pages in shards.items():
        root = stage / bundle.replace("/", "-")
        for rel, _ in pages:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / rel, root / rel)
        out = wanted[bundle].with_name(wanted[bundle].name + ".part")
        shutil.rmtree(out, ignore_errors=True)
        args = [
            str(tool), "--site", str(root), "--output-path", str(out), "--silent", "--force-language", "en",
        ]  # fmt: skip
        jobs.append((bundle, args, out))
    try:
        running: list[tuple[str, subprocess.Popen[str], Path]] = []
        for bundle, args, out in jobs:
            if len(running) >= (os.cpu_count() or 1):
                _finish(*running.pop(0), wanted)
            proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            running.append((bundle, proc, out))
        while running:
            _finish(*running.pop(0), wanted)
    finally:
        for _, proc, _ in running:
            proc.kill()
        shutil.rmtree(stage, ignore_errors=True)


def _finish(bundle: str, proc: subprocess.Popen[str], out: Path, wanted: dict[str, Path]) -> None:
    output, _ = proc.communicate()
    if proc.returncode != 0:
        raise BuildError(f"Pagefind could not index the site ({bundle}): {output.strip()}")
    # Renamed only once complete, so a killed build never leaves a half-written bundle to reuse.
    out.rename(wanted[bundle])
