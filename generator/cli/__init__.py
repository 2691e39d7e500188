"""The command line: the only place that prints or exits.

`main(argv) -> int` runs one `report` command; every error it raises ends in the boundary
(boundary.py). The commands live one concept a module: build.py (build, check), evaluate.py (eval),
exchange.py (export, import), serve.py (serve), review.py (review).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from generator.cli import build, evaluate, exchange, review, serve
from generator.cli.app import Run, cli
from generator.cli.boundary import EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_INVALID, explain

__all__ = ["EXIT_BUG", "EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_INVALID", "build", "cli", "entry", "main"]
# The command modules register themselves on import; these names keep the imports used.
_COMMANDS = (build, evaluate, exchange, review, serve)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `report` command and return its exit code; every error it raises ends here."""
    run = Run(tuple(sys.argv[1:] if argv is None else argv))
    try:
        code = cli.main(args=list(run.argv), prog_name="report", standalone_mode=False, obj=run)
    except (Exception, KeyboardInterrupt, SystemExit) as e:
        return explain(e, run)
    return code if isinstance(code, int) else 0


def entry() -> int:
    """The `report` command and `python -m generator`: main(), then, after ^C, an exit that skips
    the interpreter's shutdown, where an interrupted worker pool could still turn exit code 130 into
    death by SIGINT (seen in about one run in four)."""
    code = main()
    if code == EXIT_INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
