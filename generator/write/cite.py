"""Citations: the plain-text and BibTeX forms of the report, a finding or a theme (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.config import StudyConfig


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    url: str


def permalink(config: StudyConfig, path: str) -> str:
    """An absolute address where the study configures `site_url`, else the site-relative path."""
    return f"{config.site_url}/{path}" if config.site_url else f"/{path}"


def citation_authors(config: StudyConfig) -> tuple[str, ...]:
    """Who a citation names: the study's authors, or else the report itself, as a corporate author, so
    that reference managers and Google Scholar's citation_author still have someone to file it under."""
    return config.authors or (config.title,)


def _bib_escape(text: str) -> str:
    return re.sub(r"([{}&%$#_])", r"\\\1", text)


# Lowercase words a person's name holds (BibTeX's "von" part): "Ludwig van Beethoven" stays a person.
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "ibn", "la", "le", "ten",
     "ter", "van", "von", "y", "zu"}
)  # fmt: skip


def is_group(author: str) -> bool:
    """Whether an author is a group ("interview-report contributors", "Institute of Education"), which
    BibTeX must keep whole, not a person it splits into first and last names. A person is written
    "First Last" or "Last, First" with capitalised names; a group has no comma and a lowercase word that is
    no name particle. A group named only in capitalised words ("Research Team") reads as a person: write
    it with a lowercase word ("the Research Team") to keep it whole."""
    return "," not in author and any(w[0].islower() and w.split("-")[0] not in _NAME_PARTICLES for w in author.split())


def _bib_author(author: str) -> str:
    # Braced, BibTeX takes the whole group as one surname: {interview-report contributors}, not
    # "contributors, interview-report".
    return f"{{{_bib_escape(author)}}}" if is_group(author) else _bib_escape(author)


def cite(config: StudyConfig, edition: str, path: str, part: str | None = None, key_suffix: str = "") -> Citation:
    """Cite the report, or one part of it ("Job security") by its permalink."""
    url = permalink(config, path)
    year = edition[:4]
    # Without authors the title is the author, braced so BibTeX keeps it whole ({{How ... work}}), not as
    # a first name and a surname.
    authors = " and ".join(map(_bib_author, config.authors)) if config.authors else f"{{{_bib_escape(config.title)}}}"
    who = ", ".join(config.authors) + ". " if config.authors else ""
    title = f"{part}. In: {config.title}" if part else config.title
    text = f"{who}{title}. Edition {edition}. {url}"
    key = re.sub(r"[^a-z0-9]+", "", config.title.lower())[:24] + year + (f"-{key_suffix}" if key_suffix else "")
    fields = [f"  title = {{{_bib_escape(part) if part else _bib_escape(config.title)}}}"]
    if part:
        fields.append(f"  booktitle = {{{_bib_escape(config.title)}}}")
    fields.append(f"  author = {{{authors}}}")
    fields += [f"  year = {{{year}}}", f"  note = {{Edition {edition}}}", f"  url = {{{url}}}"]
    bibtex = "@misc{" + key + ",\n" + ",\n".join(fields) + "\n}"
    return Citation(text, bibtex, url)
