"""The one error boundary: what stopped a command, as one line on stderr and an exit code.

An error the user can fix (bad input, bad configuration, a file-system or encoding problem) becomes
`path[:line]: what is wrong; how to fix it`; anything else a one-line bug report with the traceback
kept in a file, never a traceback on screen. `main` ends every command here, and `serve` every rebuild.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from importlib import metadata

import click

from generator.cli.app import Run, err
from generator.errors import InvalidInputError, ReportError, os_error_message

# 1: an error the user can fix; 2: invalid inputs (and click's usage errors); 70 is sysexits' EX_SOFTWARE,
# so a script can tell a bug in interview-report from its own mistake; 130 is the shell's code for Ctrl-C.
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130


def explain(e: BaseException, run: Run) -> int:
    """Say what stopped the command, in one line on stderr, and return its exit code."""
    # click turns Ctrl-C (and an unexpected end of input) into Abort once it has closed the ^C line.
    if isinstance(e, (click.exceptions.Abort, KeyboardInterrupt)):
        err.print("interrupted", markup=False)
        return EXIT_INTERRUPTED
    if isinstance(e, click.ClickException):
        e.show()
        return e.exit_code
    if isinstance(e, SystemExit):
        # click's own exit on a closed pipe (`report check | head`).
        return e.code if isinstance(e.code, int) else EXIT_ERROR if e.code else 0
    if isinstance(e, ReportError):
        err.print(f"error: {e}", markup=False)
        return EXIT_INVALID if isinstance(e, InvalidInputError) else EXIT_ERROR
    if isinstance(e, OSError):
        err.print(f"error: {os_error_message(e, run.writing)}", markup=False)
        return EXIT_ERROR
    if isinstance(e, UnicodeError):
        err.print(f"error: {unicode_error_message(e)}", markup=False)
        return EXIT_ERROR
    if isinstance(e, Exception):
        return _bug(e, run)
    raise e


def unicode_error_message(e: UnicodeError) -> str:
    """Text that would not decode or encode, where no reader of ours caught it (and so no path is known)."""
    if isinstance(e, UnicodeDecodeError):
        return (
            f"a file read here is not valid {e.encoding} (byte 0x{e.object[e.start]:02x}: {e.reason}); "
            "re-save it as UTF-8 (it may be Latin-1 or Windows-1252)"
        )
    if isinstance(e, UnicodeEncodeError):
        return (
            f"{e.object[e.start : e.end]!r} cannot be written as {e.encoding} ({e.reason}); "
            "use a UTF-8 terminal, or set PYTHONIOENCODING=utf-8"
        )
    return f"{e}; re-save the files involved as UTF-8"


def _bug(e: Exception, run: Run) -> int:
    """A one-line report of an error that is ours, not the user's, with the traceback kept in a file."""
    trace = "".join(traceback.format_exception(e))
    try:
        version = metadata.version("interview-report")
    except metadata.PackageNotFoundError:
        version = "(not installed)"
    header = f"interview-report {version}, Python {sys.version.split()[0]}\nreport {' '.join(run.argv)}\n\n"
    try:
        fd, name = tempfile.mkstemp(prefix="interview-report-bug-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(header + trace)
        where = f"written to {name}"
    except OSError:
        # Nowhere to keep it (a full or read-only temp folder): show it rather than lose it.
        err.print(trace, markup=False)
        where = "printed above"
    what = " ".join(f"{type(e).__name__}: {e}".split())[:300]
    err.print(
        f"error: a bug in interview-report, not a problem with your files ({what}); "
        f"the full traceback is {where}; please report it with that traceback",
        markup=False,
    )
    return EXIT_BUG
