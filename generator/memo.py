"""Whole-study steps remembered by what they read: a rebuild with nothing changed skips them.

The per-interview analysis has its own cache (generator/analyse/cache.py); this one is for
the few steps that look at every interview at once (the automatic guide sections, the
emerging themes). A key is a digest of everything the step reads plus its version, so a
stale entry is never read. Entries are JSON, so a cache folder is data and never code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def digest(version: str, parts: Iterable[str]) -> str:
    h = hashlib.sha256(version.encode() + b"\0")
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class Memo:
    """A folder of JSON results by key; `None` remembers nothing (tests, `report eval`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get(self, step: str, key: str) -> Any | None:
        if self.root is None:
            return None
        try:
            return json.loads((self.root / step / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or unreadable: compute again

    def put(self, step: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self.root / step / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # atomic: a killed build never leaves half an entry
