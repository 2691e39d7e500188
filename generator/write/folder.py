"""The content folder Pelican reads: files are written only where their bytes changed, and replaced,
never rewritten in place (the published site may hold a hard link to the old file)."""

from __future__ import annotations

import filecmp
from collections.abc import Iterable
from pathlib import Path


class ContentStats:
    """What writing the content folder did, for the build summary."""

    def __init__(self) -> None:
        self.written = 0
        self.unchanged = 0
        self.removed = 0
        self.pages = 0


class ContentFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.keep: set[Path] = set()
        self.stats = ContentStats()

    def reserve(self, relative: str) -> None:
        """Keep a file this build will write later (a figure still being drawn)."""
        self.keep.add(self.root / relative)

    def put(self, relative: str, data: bytes) -> int:
        """Write the file where its bytes changed; its size, as it is published."""
        path = self.root / relative
        self.keep.add(path)
        if path.exists() and path.read_bytes() == data:
            self.stats.unchanged += 1
            return len(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        fresh.write_bytes(data)
        fresh.replace(path)
        self.stats.written += 1
        return len(data)

    def put_chunks(self, relative: str, chunks: Iterable[str]) -> int:
        """put() for an export too large to hold as one string: written aside, kept only if it differs."""
        path = self.root / relative
        self.keep.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        with fresh.open("w", encoding="utf-8", newline="") as f:
            f.writelines(chunks)
        size = fresh.stat().st_size
        if path.exists() and filecmp.cmp(path, fresh, shallow=False):
            fresh.unlink()
            self.stats.unchanged += 1
        else:
            fresh.replace(path)
            self.stats.written += 1
        return size

    def remove_the_rest(self) -> None:
        """Remove what an earlier build wrote and this one did not, so the folder mirrors this report."""
        if self.root.exists():
            for path in sorted(self.root.rglob("*"), reverse=True):
                if path.is_file() and path not in self.keep:
                    path.unlink()
                    self.stats.removed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
