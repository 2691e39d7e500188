"""Whole-study steps remembered by what they read: a rebuild with nothing changed skips them.

The per-interview analysis has its own cache (generator/analyse/cache.py); this one is for
the few steps that look at every interview at once (the automatic guide sections, the
emerging themes). A key is a digest of everything the step reads plus its version, so a
stale entry is never read. Entries are JSON, so a cache folder is data and never code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.cache import Cache


def digest(version: str, parts: Iterable[str]) -> str:
    h = hashlib.sha256(version.encode() + b"\0")
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class Memo:
    """A cache folder of JSON results per step; `None` remembers nothing (tests, `report eval`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.steps: dict[str, Cache] = {}

    def _step(self, step: str) -> Cache:
        if step not in self.steps:
            self.steps[step] = Cache(self.root / step if self.root else None, ".json")
        return self.steps[step]

    def get(self, step: str, key: str) -> Any | None:
        return self._step(step).get_json(key)

    def put(self, step: str, key: str, value: Any) -> None:
        self._step(step).put_json(key, value)

    def prune(self) -> int:
        """Forget what this build did not use, step by step: a step this build never asked (the
        per-interview questions, when the whole guide was remembered) keeps its entries for the
        next build that does."""
        return sum(self.steps[step].prune() for step in sorted(self.steps))
