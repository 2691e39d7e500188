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


def prune(root: Path, used: set[Path]) -> int:
    """Delete the entries under `root` that this build did not use, and any half-written
    `.tmp` a killed build left; return how many went. Without this a cache folder grows with
    every edited transcript and configuration, and nothing ever reads the old entries again."""
    if not root.is_dir():
        return 0
    gone = 0
    for path in sorted(root.rglob("*")):
        if path.suffix in (".json", ".tmp") and path.is_file() and path not in used:
            path.unlink()
            gone += 1
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return gone


class Memo:
    """A folder of JSON results by key; `None` remembers nothing (tests, `report eval`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.used: set[Path] = set()

    def get(self, step: str, key: str) -> Any | None:
        if self.root is None:
            return None
        path = self.root / step / f"{key}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or unreadable: compute again
        self.used.add(path)
        return value

    def put(self, step: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self.root / step / f"{key}.json"
        self.used.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # atomic: a killed build never leaves half an entry

    def prune(self) -> int:
        """Forget what this build did not use (see `prune`), step by step: a step this build
        never asked (the per-interview questions, when the whole guide was remembered) keeps
        its entries for the next build that does."""
        if self.root is None:
            return 0
        return sum(prune(self.root / step, self.used) for step in sorted({p.parent.name for p in self.used}))
