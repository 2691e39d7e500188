"""All exceptions the generator raises, and the message for the operating system's. The CLI turns
them into messages and exit codes."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path


class ReportError(Exception):
    """Base class: anything that stops a build for a reason the user can fix."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as the format allows."""

    path: Path
    line: int | None
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.what}; {self.fix}"


class InvalidInputError(ReportError):
    """One or more transcripts could not be read. Carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"{count} invalid input{'s' if count != 1 else ''}:\n{lines}\n"
            "Fix the files above, or pass --skip-invalid to build the report without them."
        )


class ConfigError(ReportError):
    """The study configuration is missing, malformed or names an unknown key."""


class BuildError(ReportError):
    """Rendering or writing the site failed."""


# The file-system errors a user meets and can fix: what went wrong, and what to do about it.
_OS_ERRORS = {
    errno.EACCES: ("permission denied", "check that you may read and write it, or choose another path"),
    errno.EPERM: ("operation not permitted", "check that you may read and write it, or choose another path"),
    errno.ENOSPC: ("no space left on the disk", "free some space, or choose a folder on another disk"),
    errno.EDQUOT: ("disk quota exceeded", "free some space, or choose a folder on another disk"),
    errno.EROFS: ("the disk is read-only", "choose a folder on a writable disk"),
    errno.ENOTDIR: (
        "a part of this path is a file, not a folder",
        "rename or remove that file, or choose another path",
    ),
    errno.EISDIR: ("is a folder where a file belongs", "give the path of a file"),
    errno.ENOENT: ("no such file or folder", "check the path"),
    errno.ENAMETOOLONG: ("the path is too long", "choose a shorter path"),
    errno.EMFILE: ("too many open files", "raise the limit (ulimit -n) and run the command again"),
}
# Errors that concern a disk rather than one file: raised by a write that names no file, they are
# put on the folder the command was writing.
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}


def os_error_message(e: OSError, writing: Path | None = None) -> str:
    """`path: what is wrong; how to fix it` for a file-system error; `writing` names the folder the command
    was writing, for the errors (a full disk, above all) that the operating system reports without a path."""
    what, fix = _OS_ERRORS.get(e.errno or 0, (e.strerror or str(e), "check the path and run the command again"))
    path: str | None = None
    if isinstance(e.filename, (str, bytes, os.PathLike)):
        path = os.fsdecode(e.filename)
    elif writing is not None and e.errno in _DISK_ERRORS:
        path = str(writing)
    if path and e.errno == errno.ENOTDIR:
        # The path named is one the command meant to create; the user needs the file in its way.
        blocker = next((p for p in Path(path).parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return f"{blocker}: is a file where a folder belongs; move or remove it, or choose another path"
    return f"{path}: {what}; {fix}" if path else f"{what}; {fix}"


class WriteError(BuildError):
    """The file system refused a write: a full disk, no permission, a file where a folder should be."""

    @classmethod
    def from_os_error(cls, e: OSError, where: Path) -> WriteError | None:
        """The message for an error of the machine rather than of the build, or None for any other."""
        path = e.filename or where
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            return cls(
                f"{path}: the disk is full ({e.strerror}); free some space and build again "
                "(the published site was left as it was)"
            )
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return cls(
                f"{path}: cannot write here ({e.strerror}); "
                "choose an --output in a folder you can write to, or make this one writable"
            )
        if e.errno in (errno.ENOTDIR, errno.EEXIST):
            return cls(
                f"{path}: a file is where the build needs a folder ({e.strerror}); "
                "choose another --output, or move the file away"
            )
        return None
