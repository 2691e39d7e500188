"""How a page offers itself for citation: plain text, BibTeX and permalink, as the template shows them."""

from __future__ import annotations

from generator.config import StudyConfig
from generator.write.cite import cite


def citation(config: StudyConfig, date: str, path: str, part: str | None = None, key: str = "") -> dict[str, str]:
    c = cite(config, date, path, part, key)
    return {"text": c.text, "bibtex": c.bibtex, "url": c.url}
