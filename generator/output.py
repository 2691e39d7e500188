"""The output folder: one build at a time (the lock), and the finished site swapped in whole (publish),
or a swap a killed build left half done put right (recover)."""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from generator.errors import BuildError
from generator.faults import point

# Written into every site we build; we only ever replace a folder that carries it.
MARKER = ".interview-report"

# How long a build waits for another build of the same output (`report serve` rebuilding while
# `make site` runs) before giving up: longer than a rebuild of the default study, short enough that
# a stuck build is reported rather than waited on for ever.
LOCK_WAIT = 120.0


@contextlib.contextmanager
def build_lock(output: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output's build lock: one build at a time writes the work folder and swaps the site.

    Two builds at once shared one work folder and each swapped the other's half-rendered site in.
    The lock file sits beside the output, not in the work folder, which a user may delete to start
    cold while a build holds it; it is never deleted, as deleting a lock file lets a third build
    lock a new file while the second still holds the old one. The kernel drops the lock when its
    holder exits, however it exits.
    """
    wait = LOCK_WAIT if wait is None else wait
    path = output.parent / f".{output.name}.lock"
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildError(
                        f"{output}: another build of this site is running (waited {wait:g} s for it); "
                        "wait for it to finish (stop `report serve` if it is rebuilding), then build again"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise BuildError(
            f"{output}: exists and was not written by `report build`; "
            "choose an empty or new folder with --output, or remove it yourself"
        )


def recover(output: Path) -> None:
    """Undo a publish that was killed between its two renames, or finish one killed after them."""
    old = output.parent / f".{output.name}-old"
    if old.exists() and not output.exists():
        old.rename(output)
    elif old.exists():
        # The new site was in place: the old one would otherwise stay beside it until a build changed the
        # site, withdrawn interviews and all.
        shutil.rmtree(old)


def _same_tree(a: Path, b: Path) -> bool:
    if not b.is_dir():
        return False
    files_a, files_b = _files(a), _files(b)
    if files_a != files_b:
        return False
    # Most of a rebuilt site is hard links to the cached files the published site links to too.
    return all(os.path.samefile(a / f, b / f) or filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def _files(root: Path) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(folder, name), root) for folder, _, names in os.walk(root) for name in names
    )


def publish_site(site: Path, output: Path) -> bool:
    """Swap the new site in with two renames; the old one is removed only afterwards.

    Returns False, touching nothing under `output`, when the new site is identical.
    """
    if _same_tree(site, output):
        shutil.rmtree(site)
        return False
    old = output.parent / f".{output.name}-old"
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
        point("publish:between-renames")
    site.rename(output)
    point("publish:after-renames")
    if old.exists():
        shutil.rmtree(old)
    return True
