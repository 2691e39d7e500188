"""All exceptions the generator raises. The CLI turns them into messages and exit codes."""

from __future__ import annotations

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
