"""Named points in a build where a test can stop it, as a crash or a kill there would.

`point(name)` does nothing unless a test armed that name: in this process with `armed(name)`,
which raises `Fault` there, or in a child `report` process with the environment variable
INTERVIEW_REPORT_FAULT=name=SIGNAL (e.g. `publish:between-renames=KILL`), which sends the process
that signal there. Tests stop a build at the moment that matters instead of sleeping for a while
and killing it wherever it had got to.

The points, in the order a build passes them:
  build:read               the transcripts are read, nothing written yet
  cache:store              a cache entry is written under its temporary name, not yet renamed
  build:analysed           every interview is analysed and its cache entry stored
  build:content-written    the content folder is written; figures may still be drawing
  build:rendered           Pelican has rendered the new site into the work folder
  build:indexed            the search index is built
  publish:between-renames  the published site is moved aside, the new one not yet in its place
  publish:after-renames    the new site is in place, the old one not yet removed
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator

ENVIRONMENT = "INTERVIEW_REPORT_FAULT"
_armed: set[str] = set()


class Fault(BaseException):
    """Raised at an armed point. Not an Exception, so no handler of ours takes it for an error it can
    report and carry on from, as none could from a kill."""


def point(name: str) -> None:
    """Stop here if a test armed this point."""
    if name in _armed:
        _armed.discard(name)
        raise Fault(name)
    armed = os.environ.get(ENVIRONMENT)
    if armed is not None and armed.rpartition("=")[0] == name:
        os.kill(os.getpid(), signal.Signals["SIG" + armed.rpartition("=")[2]])


@contextlib.contextmanager
def armed(name: str) -> Iterator[None]:
    """Raise Fault the first time this process reaches the point `name`."""
    _armed.add(name)
    try:
        yield
    finally:
        _armed.discard(name)
