"""Page: one page of the site, as the content folder records it for Pelican."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Page:
    """One page to write: its stub metadata and the data its template displays."""

    title: str
    template: str
    url: str
    save_as: str
    data_path: str
    data: dict[str, Any]
