"""Hard links from the build's caches into the site being built.

A link costs no copying, and it is safe here: every build renders into a new folder, and
nothing writes into a cached or published file in place (files are replaced, not rewritten),
so no file a link points at ever changes. Where links are impossible (another file system),
the file is copied.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def link_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_tree(source: Path, target: Path, skip: Callable[[Path], bool] = lambda _: False) -> None:
    """Every file under `source` at the same place under `target`, but those `skip` names."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and not skip(path):
            link_file(path, target / path.relative_to(source))
