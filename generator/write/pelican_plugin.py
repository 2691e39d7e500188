"""Pelican plugin: give each generated page its structured data, and render only what changed.

The generator writes a small HTML stub per page (title, template, url, save_as and
a `data` path) and the page's data as a JSON sidecar under `pagedata/`. This plugin
loads the sidecar into `page.data`, so the theme's templates display finished
values and never parse or compute anything themselves.

Render cache: Pelican renders every page on every run. When the settings carry
RENDER_CACHE (a folder), a page whose inputs are unchanged (its stub, its data, the
templates, the report-wide values it can show) is not rendered again: its HTML from an
earlier build is copied into place. Interview pages never show the edition or N, so
adding one interview re-renders only the pages whose data changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from pelican import signals

# Bump when the way pages are rendered changes outside the templates (e.g. this plugin).
RENDER_VERSION = "1"
# Report-wide values an interview page does not show (see base.html), left out of its key.
_EDITION_KEYS = ("N", "edition", "edition_id")


def attach_data(instance: Any) -> None:
    """Load the page's JSON sidecar named by its `data` metadata."""
    name = instance.metadata.get("data")
    if not name:
        return
    root = Path(instance.settings["PATH"])
    with open(root / name, encoding="utf-8") as f:
        instance.data = json.load(f)


class _RenderCache:
    def __init__(self) -> None:
        self.reused: dict[str, Path] = {}  # save_as -> cached HTML
        self.keys: dict[str, str] = {}  # save_as -> key, for pages rendered this run

    def skip_unchanged(self, generator: Any) -> None:
        self.reused.clear()
        self.keys.clear()
        folder = generator.settings.get("RENDER_CACHE")
        if not folder:
            return
        cache = Path(folder)
        shared = _templates_digest(Path(generator.settings["THEME"]) / "templates")
        report = generator.settings.get("REPORT", {})
        keep = []
        for page in generator.pages:
            key = _page_key(page, shared, report)
            cached = cache / f"{key}.html"
            if cached.exists():
                self.reused[page.save_as] = cached
            else:
                self.keys[page.save_as] = key
                keep.append(page)
        generator.pages[:] = keep

    def remember(self, path: str, context: dict[str, Any]) -> None:
        page = context.get("page")
        folder = context.get("RENDER_CACHE")
        if page is None or not folder or page.save_as not in self.keys:
            return
        target = Path(folder) / f"{self.keys[page.save_as]}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)

    def restore(self, pelican: Any) -> None:
        output = Path(pelican.settings["OUTPUT_PATH"])
        for save_as, cached in sorted(self.reused.items()):
            target = output / save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)


def _templates_digest(folder: Path) -> str:
    h = hashlib.sha256(RENDER_VERSION.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _page_key(page: Any, shared: str, report: dict[str, Any]) -> str:
    data = getattr(page, "data", {}) or {}
    if data.get("kind") == "interview":
        report = {k: v for k, v in report.items() if k not in _EDITION_KEYS}
    h = hashlib.sha256(shared.encode())
    for part in (page.save_as, page.url, page.title, page.template, report, data, page.settings.get("SITENAME")):
        h.update(json.dumps(part, sort_keys=True, ensure_ascii=False).encode() + b"\0")
    return h.hexdigest()


_CACHE = _RenderCache()


def register() -> None:
    signals.content_object_init.connect(attach_data)
    signals.page_generator_finalized.connect(_CACHE.skip_unchanged)
    signals.content_written.connect(_CACHE.remember)
    signals.finalized.connect(_CACHE.restore)
