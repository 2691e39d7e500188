"""The figure cache: figures are slow to draw, so the bytes drawn for the same input before are reused,
and what the cache lacks is drawn in worker processes while the build writes and renders the pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Cache


@dataclass(frozen=True)
class Drawing:
    """One figure's files: their cache keys, and a picklable call that draws them all, in order."""

    keys: tuple[str, ...]
    draw: Callable[[], tuple[bytes | None, ...]]


# The first line of a figure cache entry: a figure follows, or the drawing made none (too few words).
_FIGURE, _NO_FIGURE = b"figure\n", b"none\n"


class FigureCache:
    """Entries this build did not use are removed at its end, so the folder does not grow with every
    rebuild. Adding one interview changes every chart's n of N, and drawing a dozen charts one after
    another was most of such a rebuild: `start` draws what is missing in `workers` processes."""

    def __init__(self, folder: Path | None, workers: int = 1) -> None:
        self.cache = Cache(folder, ".bin")
        self.workers = workers
        self.pending: dict[tuple[str, ...], Future[tuple[bytes | None, ...]]] = {}
        self.pool: ProcessPoolExecutor | None = None

    @staticmethod
    def _key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def _read(self, key: str) -> tuple[bytes | None] | None:
        """The entry's figure (None: the theme has no cloud), or None for an entry absent or not whole."""
        raw = self.cache.get(self._key(key))
        if raw is None:
            return None
        if raw.startswith(_FIGURE):
            return (raw[len(_FIGURE) :],)
        return (None,) if raw == _NO_FIGURE else None

    def start(self, drawings: Iterable[Drawing]) -> None:
        if self.cache.root is None or self.workers < 2:
            return
        missing = [d for d in drawings if not all(self.cache.find(self._key(k)) for k in d.keys)]
        if len(missing) < 2:
            return
        from generator.execute import pool_context

        self.pool = ProcessPoolExecutor(min(self.workers, len(missing)), mp_context=pool_context())
        for drawing in missing:
            self.pending[drawing.keys] = self.pool.submit(drawing.draw)

    def get(self, drawing: Drawing) -> tuple[bytes | None, ...]:
        """The drawing's files, in order: from the cache, from a drawing worker, or drawn here, once."""
        if self.cache.root is None:
            return drawing.draw()
        entries = [self._read(k) for k in drawing.keys]
        if all(e is not None for e in entries):
            return tuple(e[0] for e in entries if e is not None)
        # Absent or not whole: drawn again, and the entries replaced.
        future = self.pending.pop(drawing.keys, None)
        drawn = future.result() if future is not None else drawing.draw()
        for key, data in zip(drawing.keys, drawn, strict=True):
            self.cache.put(self._key(key), _FIGURE + data if data is not None else _NO_FIGURE)
        return drawn

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def prune(self) -> None:
        self.cache.prune()
