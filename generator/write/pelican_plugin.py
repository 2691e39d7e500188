"""Pelican plugin: give each generated page its structured data.

The generator writes a small HTML stub per page (title, template, url, save_as and
a `data` path) and the page's data as a JSON sidecar under `pagedata/`. This plugin
loads the sidecar into `page.data`, so the theme's templates display finished
values and never parse or compute anything themselves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pelican import signals


def attach_data(instance: Any) -> None:
    """Load the page's JSON sidecar named by its `data` metadata."""
    name = instance.metadata.get("data")
    if not name:
        return
    root = Path(instance.settings["PATH"])
    with open(root / name, encoding="utf-8") as f:
        instance.data = json.load(f)


def register() -> None:
    signals.content_object_init.connect(attach_data)
