"""Hard links from the build's caches into the site being built.

A link costs no copying, and it is safe here: every build renders into a new folder, and
nothing writes into a cached or published file in place (files are replaced, not rewritten),
so no file a link points at ever changes. Where links are impossible (another file system),
the file is copied.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path


def link_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        # A copy cut short by a full disk must not stay under the target's name: the render cache
        # would take it for a whole page. Copied aside, checked, renamed.
        part = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            shutil.copyfile(source, part)
            if part.stat().st_size != source.stat().st_size:
                raise OSError(errno.ENOSPC, "the copy was written short", str(part)) from None
            part.replace(target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise


def link_tree(source: Path, target: Path, skip: Callable[[Path], bool] = lambda _: False) -> None:
    """Every file under `source` at the same place under `target`, but those `skip` names."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and not skip(path):
            link_file(path, target / path.relative_to(source))
