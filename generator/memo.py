"""Whole-study steps remembered by what they read: a rebuild with nothing changed skips them.

The per-interview analysis has its own cache (generator/analyse/cache.py); this one is for
the few steps that look at every interview at once (the automatic guide sections, the
emerging themes). A key is a digest of everything the step reads plus its version, so a
stale entry is never read. Entries are JSON, so a cache folder is data and never code.

Every cache of the build writes its entries with `store`: whole or not at all. A build that ran out
of disk once left a truncated entry that the next build reused, and published a 0-byte share card.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def digest(version: str, parts: Iterable[str]) -> str:
    h = hashlib.sha256(version.encode() + b"\0")
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def store(path: Path, data: bytes) -> None:
    """Write a cache entry under a temporary name, check its size on disk, then rename it into place,
    so a reader finds a whole entry or none (a full disk, a killed build). The temporary file ends in
    `.tmp`, which every cache's pruning removes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        if tmp.stat().st_size != len(data):
            raise OSError(errno.ENOSPC, "the cache entry was written short", str(tmp))
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
            return None  # absent, or cut short and so not JSON: computed again and stored whole
        self.used.add(path)
        return value

    def put(self, step: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self.root / step / f"{key}.json"
        self.used.add(path)
        store(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> int:
        """Forget what this build did not use (see `prune`), step by step: a step this build
        never asked (the per-interview questions, when the whole guide was remembered) keeps
        its entries for the next build that does."""
        if self.root is None:
            return 0
        return sum(prune(self.root / step, self.used) for step in sorted({p.parent.name for p in self.used}))
