"""The one cache primitive under every cache of the build: a folder of entries by key.

An entry is named `<key>.<length><suffix>`: its key is a digest of everything the step that made it
read, its version included, so a stale entry is never asked for; and the name records the entry's
length, so an entry cut short after it was written (a full disk while copying it, a truncated file)
is found out by its size and made again. Checking a size needs a stat, not a read: the render cache
checks 80,000 pages on every build. Entries are written under a temporary name, checked, then
renamed, so a reader finds a whole entry or none; a build that ran out of disk once left a truncated
entry that the next build reused, and published a 0-byte share card.

The folder belongs to its cache: `prune` removes everything in it this build did not use (older
entries, other layouts, the temporary files of a killed build), so a cache folder does not grow
with every edited transcript, and holds what the last build used.

An entry is bytes (`get`, `put`), JSON (`get_json`, `put_json`), a file already written elsewhere
and linked in (`adopt`: a rendered page), or a folder (`put_folder`: a search index).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.faults import point

__all__ = ["Cache", "code_version", "file_digest"]

# Keys are hex digests: they can be neither a path nor confused with the length after them.
_KEY = re.compile(r"[0-9a-f]{8,128}")


class Cache:
    """Entries under `root` by key; `root` None remembers nothing (tests, `report eval`)."""

    def __init__(self, root: Path | None, suffix: str) -> None:
        if not suffix.startswith(".") or suffix == ".tmp":
            raise ValueError(f"a cache entry's suffix starts with a dot and is not .tmp, not {suffix!r}")
        self.root = root
        self.suffix = suffix
        # Names of the entries this build read or wrote: what `prune` keeps.
        self.used: set[str] = set()
        self._names: dict[str, list[tuple[str, int]]] | None = None

    def _entries(self, key: str) -> list[tuple[str, int]]:
        """The names under which `key` may be stored, with the length each records.

        The folder is listed once, on the first look-up: a name holds the length, and listing
        is one call for the whole folder where guessing names would be one per key."""
        if _KEY.fullmatch(key) is None:
            raise ValueError(f"a cache key is a hex digest, not {key!r}")
        if self._names is None:
            self._names = {}
            try:
                names = os.listdir(self.root) if self.root is not None else []
            except FileNotFoundError:
                names = []
            for name in names:
                if name.endswith(self.suffix):
                    found, _, length = name[: -len(self.suffix)].rpartition(".")
                    if length.isdigit():
                        self._names.setdefault(found, []).append((name, int(length)))
        return self._names.get(key, [])

    def get(self, key: str) -> bytes | None:
        """The entry's bytes, or None where there is none whole (a miss: the caller makes it again)."""
        if self.root is None:
            return None
        for name, length in self._entries(key):
            try:
                data = (self.root / name).read_bytes()
            except OSError:
                continue
            if len(data) == length:
                self.used.add(name)
                return data
        return None

    def find(self, key: str) -> Path | None:
        """The whole entry's path, for linking it out without reading it; None where there is none."""
        if self.root is None:
            return None
        for name, length in self._entries(key):
            path = self.root / name
            if _length(path) == length:
                self.used.add(name)
                return path
        return None

    def put(self, key: str, data: bytes) -> Path | None:
        """Store `data` under `key`, whole or not at all (the old entry, if any, stays until then);
        return where it now is."""
        if self.root is None:
            return None
        tmp = self._temporary(key)
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            if tmp.stat().st_size != len(data):
                raise OSError(errno.ENOSPC, "the cache entry was written short", str(tmp))
            point("cache:store")
            return self._rename(tmp, key, len(data))
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def adopt(self, key: str, source: Path) -> None:
        """Store the file at `source` under `key`: linked, no bytes copied (the rendered page stays
        where it is); copied where linking is impossible (another file system). The link is never
        written through: neither the caches nor the site rewrite a file in place (see links.py)."""
        if self.root is None:
            return
        tmp = self._temporary(key)
        try:
            os.link(source, tmp)
        except OSError:
            self.put(key, source.read_bytes())
            return
        try:
            self._rename(tmp, key, tmp.stat().st_size)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def put_folder(self, key: str, fill: Callable[[Path], None]) -> Path | None:
        """Store the folder `fill` writes into the path it is given; return where it now is.
        A folder's length is the sum of its files' lengths."""
        if self.root is None:
            return None
        tmp = self._temporary(key)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            fill(tmp)
            return self._rename(tmp, key, _length(tmp) or 0)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def get_json(self, key: str) -> Any | None:
        data = self.get(key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None  # whole, yet not JSON: written by something else; made again and replaced

    def put_json(self, key: str, value: Any) -> None:
        self.put(key, json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> int:
        """Delete everything in the folder this build did not use; return how many went."""
        if self.root is None or not self.root.is_dir():
            return 0
        gone = 0
        for name in sorted(os.listdir(self.root)):
            if name not in self.used:
                path = self.root / name
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                gone += 1
        self._names = None
        return gone

    def _temporary(self, key: str) -> Path:
        self._entries(key)  # checks the key, and lists the folder before anything is added to it
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True)
        # Per process: two processes storing one key never write into each other's file.
        return self.root / f"{key}.{os.getpid()}.tmp"

    def _rename(self, tmp: Path, key: str, length: int) -> Path:
        assert self.root is not None and self._names is not None
        name = f"{key}.{length}{self.suffix}"
        path = self.root / name
        if tmp.is_dir() and path.is_dir():
            shutil.rmtree(path)  # a folder cannot be renamed over another
        tmp.replace(path)
        # An entry of another length under this key is superseded, even if this build read it: `prune` removes it.
        self.used.difference_update(n for n, _ in self._names.get(key, ()))
        self.used.add(name)
        self._names[key] = [(name, length)]
        return path


def _length(path: Path) -> int | None:
    """A file's length, a folder's files' lengths summed, or None if it is gone."""
    try:
        if not path.is_dir():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    except OSError:
        return None


@functools.cache
def code_version(sources: tuple[Path, ...], *facts: str) -> str:
    """A digest of the code and data a cached step runs on, for its cache key: a changed source
    file is a new version, with no number to remember to bump. `sources` are files, or folders
    standing for every file under them; `facts` are what else the step depends on (library
    versions). Once per process: the analysis hashes 16 MB of shipped model files."""
    h = hashlib.sha256()
    files: list[tuple[str, Path]] = []
    for source in sources:
        if not source.exists():
            raise FileNotFoundError(errno.ENOENT, "a source of a cache's version is missing", str(source))
        found = sorted(source.rglob("*")) if source.is_dir() else [source]
        # Named from the source's parent, so the version does not depend on where the project lives.
        files += [
            (p.relative_to(source.parent).as_posix(), p) for p in found if p.is_file() and "__pycache__" not in p.parts
        ]
    for name, path in sorted(files):
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + file_digest(path).encode() + b"\0")
    for fact in facts:
        h.update(fact.encode("utf-8") + b"\0")
    return h.hexdigest()


@functools.cache
def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, once per process: the analysis version and the embeddings'
    fingerprint both read the 15 MB embedding model, and hashing it took a tenth of a warm rebuild."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
