"""`report serve`: preview the site on localhost, rebuilding it when the study's files change."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import click

from generator.cli.app import DEFAULT_INPUT, DEFAULT_OUTPUT, cli, current_run, out, writing
from generator.cli.app import config_option as _config
from generator.cli.app import input_option as _input
from generator.cli.boundary import explain
from generator.cli.build import _summary
from generator.errors import ReportError
from generator.pipeline import PROJECT_ROOT, build_site


@cli.command()
@_input
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Folder for the built site, and the one served.",
)
@_config
@click.option("--port", type=int, default=8000, show_default=True, help="The port on localhost to serve on.")
@click.option(
    "--watch/--no-watch", default=True, show_default=True, help="Rebuild when the inputs, study or theme change."
)
@click.option("--skip-invalid", is_flag=True, help="Build without transcripts that cannot be read, and list them.")
def serve(inputs: tuple[Path, ...], output: Path, config: Path, port: int, watch: bool, skip_invalid: bool) -> None:
    """Preview the site on http://localhost:PORT/, rebuilding it when content/ changes."""
    sources = list(inputs) or [DEFAULT_INPUT]
    writing(output)
    run = current_run()

    def rebuild() -> None:
        try:
            result = build_site(sources, output, config, skip_invalid)
        except Exception as e:
            # A failed rebuild keeps the last good site on screen: say why, as any command would, and keep
            # watching (a bug's traceback is kept in a file, as ever).
            explain(e, run)
            return
        _summary(result)

    if watch:
        rebuild()
    elif not output.exists():
        # Nothing to serve and nothing to watch for: the first build's error ends the command.
        _summary(build_site(sources, output, config, skip_invalid))
    # The handler resolves `output` per request, so a rebuilt (swapped-in) site is served at once.
    handler = functools.partial(_QuietHandler, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as e:
        raise ReportError(
            f"localhost:{port}: cannot serve there ({e.strerror}); pass another --port, or stop what is using it"
        ) from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out.print(f"Serving {output} on http://localhost:{port}/ (Ctrl-C to stop)", markup=False)
    try:
        if watch:
            from watchfiles import watch as watch_changes

            watched = [p for p in (*sources, config.parent, PROJECT_ROOT / "theme") if p.exists()]
            for changes in watch_changes(*watched):
                names = ", ".join(sorted({Path(c[1]).name for c in changes})[:5])
                out.print(f"Changed: {names}; rebuilding", markup=False)
                rebuild()
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass
