"""The figure cache: figures are slow to draw, so the bytes drawn for the same input before are reused,
and what the cache lacks is drawn in worker processes while the build writes and renders the pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.memo import store


@dataclass(frozen=True)
class Drawing:
    """One figure's files: their cache keys, and a picklable call that draws them all, in order."""

    keys: tuple[str, ...]
    draw: Callable[[], tuple[bytes | None, ...]]


# The first word of a figure cache entry: a figure follows, or the drawing made none (too few words).
_FIGURE, _NO_FIGURE = b"figure", b"none"


class FigureCache:
    """Entries this build did not use are removed at its end, so the folder does not grow with every
    rebuild. Adding one interview changes every chart's n of N, and drawing a dozen charts one after
    another was most of such a rebuild: `start` draws what is missing in `workers` processes."""

    def __init__(self, folder: Path | None, workers: int = 1) -> None:
        self.folder = folder
        self.workers = workers
        self.used: set[Path] = set()
        self.pending: dict[tuple[str, ...], Future[tuple[bytes | None, ...]]] = {}
        self.pool: ProcessPoolExecutor | None = None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.bin"

    def _read(self, path: Path) -> tuple[bytes | None] | None:
        """The entry's figure (None: the theme has no cloud), or None for an entry absent or not whole.

        An entry is a header holding its payload's digest, then the payload: a bare file could not
        tell a figure cut short by a full disk from one drawn that way, and a 0-byte entry was once
        published as a share card.
        """
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head, _, payload = raw.partition(b"\n")
        kind, _, sha = head.partition(b" ")
        if kind not in (_FIGURE, _NO_FIGURE) or sha != hashlib.sha256(payload).hexdigest().encode():
            return None
        return (payload if kind == _FIGURE else None,)

    def start(self, drawings: Iterable[Drawing]) -> None:
        if self.folder is None or self.workers < 2:
            return
        missing = [d for d in drawings if not all(self._read(self._path(k)) for k in d.keys)]
        if len(missing) < 2:
            return
        from generator.execute import pool_context

        self.pool = ProcessPoolExecutor(min(self.workers, len(missing)), mp_context=pool_context())
        for drawing in missing:
            self.pending[drawing.keys] = self.pool.submit(drawing.draw)

    def get(self, drawing: Drawing) -> tuple[bytes | None, ...]:
        """The drawing's files, in order: from the cache, from a drawing worker, or drawn here, once."""
        if self.folder is None:
            return drawing.draw()
        paths = [self._path(k) for k in drawing.keys]
        self.used.update(paths)
        entries = [self._read(p) for p in paths]
        if all(e is not None for e in entries):
            return tuple(e[0] for e in entries if e is not None)
        # Absent or not whole: drawn again, and the entries replaced.
        future = self.pending.pop(drawing.keys, None)
        drawn = future.result() if future is not None else drawing.draw()
        for path, data in zip(paths, drawn, strict=True):
            payload = data or b""
            kind = _FIGURE if data is not None else _NO_FIGURE
            store(path, kind + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        return drawn

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def prune(self) -> None:
        if self.folder is not None and self.folder.exists():
            for path in self.folder.iterdir():
                if path.suffix in (".bin", ".tmp") and path not in self.used:
                    path.unlink()
