"""The REFI-QDA project the site publishes (data/project.qdpx), kept in a cache by a digest of everything
it is made of: laying out, serialising and compressing 1,125 interviews took 6 of the 8 seconds of a
rebuild's write stage, every rebuild, for the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import exchange
from generator.cache import Cache, code_version
from generator.config import StudyConfig
from generator.exchange import published_project
from generator.publication import Publication

# The exchange package's code is what turns the same inputs into other bytes.
VERSION = code_version((Path(exchange.__file__).parent,))


def project_key(publication: Publication, config: StudyConfig) -> str:
    """A digest of what the project shows: the codebook, each interview's case variables, codings and
    published text (whole, or the quoted sentences of the quoted turns), and the reviewers it names."""
    h = hashlib.sha256(f"{VERSION}\0{config.title}\0{config.codebook!r}\0{publication.reviewers}\0".encode())
    report = publication.report
    h.update(repr(report.review.reviewers if report.review else ()).encode())
    for s in report.interviews:
        h.update(repr((s.id, s.interaction_style, s.profile.occupation, s.profile.occupation_group)).encode())
        h.update(repr((s.profile.split, [(t.slug, t.evidence) for t in s.themes])).encode())
        transcript = report.transcripts.get(s.id)
        shown = transcript.turns if transcript is not None else publication.excerpts.get(s.id, ())
        h.update(repr(shown).encode())
    return h.hexdigest()


def project_bytes(publication: Publication, config: StudyConfig, cache: Cache) -> bytes:
    """The project's bytes, from the cache where nothing it shows changed."""
    key = project_key(publication, config)
    found = cache.get(key)
    if found is not None:
        return found
    made = published_project(publication, config)
    cache.put(key, made)
    return made
