"""Pelican plugin: give each generated page its structured data, and render only what changed.

The generator writes a small HTML stub per page (title, template, url, save_as and
a `data` path) and the page's data as a JSON sidecar under `pagedata/`. This plugin
loads the sidecar into `page.data` just before the page is rendered and drops it
after, so the theme's templates display finished values and never parse or compute
anything themselves, and 80,000 pages' data never sit in memory together.

Render cache: Pelican renders every page on every run. When the settings carry
RENDER_CACHE (a folder), a page whose inputs are unchanged (its stub, its data, the
templates, the report-wide values it can show) is not rendered again: its HTML from an
earlier build is linked into place. Interview pages never show the edition or N, so
adding one interview re-renders only the pages whose data changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pelican import signals

from generator.cache import Cache
from generator.write.links import link_file
from generator.write.markup import inline

# Bump when the way pages are rendered changes outside the templates (e.g. this plugin or its filters).
RENDER_VERSION = "3"
# Report-wide values an interview page does not show (see base.html), left out of its key.
_EDITION_KEYS = ("N", "edition", "edition_id")


def _sidecar(page: Any) -> Path | None:
    name = page.metadata.get("data")
    return Path(page.settings["PATH"]) / name if name else None


def attach_data(generator: Any, content: Any) -> None:
    """Load the page's JSON sidecar named by its `data` metadata, as it is about to be rendered."""
    path = _sidecar(content)
    if path is not None:
        with open(path, encoding="utf-8") as f:
            content.data = json.load(f)


def drop_data(path: str, context: dict[str, Any]) -> None:
    page = context.get("page")
    if page is not None and "data" in vars(page):
        del page.data


class _RenderCache:
    def __init__(self) -> None:
        self.cache = Cache(None, ".html")
        self.reused: dict[str, Path] = {}  # save_as -> cached HTML
        self.keys: dict[str, str] = {}  # save_as -> key, for pages rendered this run

    def skip_unchanged(self, generator: Any) -> None:
        self.reused.clear()
        self.keys.clear()
        folder = generator.settings.get("RENDER_CACHE")
        # The cache checks each page's length, so one cut short (a full disk while copying it in, a
        # truncated file) is rendered again; a stat costs far less than reading every cached page.
        self.cache = Cache(Path(folder) if folder else None, ".html")
        if not folder:
            return
        shared = _templates_digest(Path(generator.settings["THEME"]) / "templates")
        report = generator.settings.get("REPORT", {})
        keep = []
        for page in generator.pages:
            key = _page_key(page, shared, report)
            cached = self.cache.find(key)
            if cached is not None:
                self.reused[page.save_as] = cached
            else:
                self.keys[page.save_as] = key
                keep.append(page)
        generator.pages[:] = keep

    def remember(self, path: str, context: dict[str, Any]) -> None:
        drop_data(path, context)
        page = context.get("page")
        if page is not None and page.save_as in self.keys:
            self.cache.adopt(self.keys[page.save_as], Path(path))

    def restore(self, pelican: Any) -> None:
        output = Path(pelican.settings["OUTPUT_PATH"])
        for save_as, cached in sorted(self.reused.items()):
            target = output / save_as
            link_file(cached, target)
        # Only pages of this build are kept: the cache does not grow with every rebuild.
        self.cache.prune()
        # Forgotten once linked: no page of this run is linked into a later run's site.
        self.reused.clear()
        self.keys.clear()
        self.cache = Cache(None, ".html")


def _templates_digest(folder: Path) -> str:
    h = hashlib.sha256(RENDER_VERSION.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _page_key(page: Any, shared: str, report: dict[str, Any]) -> str:
    # The sidecar's bytes stand for its data: the generator writes them deterministically.
    path = _sidecar(page)
    data = path.read_bytes() if path is not None else b""
    if page.template == "interview":
        report = {k: v for k, v in report.items() if k not in _EDITION_KEYS}
    h = hashlib.sha256(shared.encode())
    for part in (page.save_as, page.url, page.title, page.template, report, page.settings.get("SITENAME")):
        h.update(json.dumps(part, sort_keys=True, ensure_ascii=False).encode() + b"\0")
    h.update(data)
    return h.hexdigest()


_CACHE = _RenderCache()


def add_filters(generator: Any) -> None:
    """The templates' own filters: `inline` shows the catalogue's Markdown (code spans) as HTML."""
    generator.env.filters["inline"] = inline


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.page_generator_write_page.connect(attach_data)
    signals.page_generator_finalized.connect(_CACHE.skip_unchanged)
    signals.content_written.connect(_CACHE.remember)
    signals.finalized.connect(_CACHE.restore)
