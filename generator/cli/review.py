"""`report review`: the review screen, a local page that walks a reviewer through the coder's suggestions."""

from __future__ import annotations

import threading
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from generator.cli.app import DEFAULT_INPUT, DEFAULT_OUTPUT, cli, current_run, err, out, writing
from generator.cli.app import config_option as _config
from generator.cli.app import input_option as _input
from generator.cli.boundary import explain
from generator.review.record import DecisionLog, reviewer_file
from generator.review.server import ReviewServer
from generator.review.suggestions import load_study


@cli.command()
@_input
@_config
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="The site folder whose build cache the analysis reuses (nothing is written to the site).",
)
@click.option("--skip-invalid", is_flag=True, help="Review without transcripts that cannot be read, and list them.")
@click.option(
    "--reviewer",
    envvar="REPORT_REVIEWER",
    required=True,
    help="Your name or handle, recorded with each decision and naming your file in reviews/. "
    "Default: the REPORT_REVIEWER environment variable.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="The port on 127.0.0.1; 0 picks a free one.",
)
def review(inputs: tuple[Path, ...], config: Path, output: Path, skip_invalid: bool, reviewer: str, port: int) -> None:
    """Review the coder's suggestions in the browser, least certain first; decisions go to <study>/reviews/."""
    if not reviewer.strip():
        raise click.BadParameter("give a name or handle", param_hint="--reviewer")
    reviews = config.parent / "reviews"
    writing(reviews)
    # A bad line in the reviewer's file is reported before minutes of analysis, not after.
    DecisionLog(reviewer_file(reviews, reviewer)).read()
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task(f"Analysing {total} interviews", total=total)
        bar.update(task, completed=done)

    try:
        # A bar is for a person watching; in a pipe or a log it would leave only a blank line.
        study = load_study(
            list(inputs) or [DEFAULT_INPUT], output, config, skip_invalid, progress if err.is_terminal else None
        )
    finally:
        if task is not None:
            bar.stop()
    for problem in study.problems:
        err.print(f"skipped: {problem}", markup=False)
    run = current_run()
    server = ReviewServer(study, reviews, reviewer, port, on_error=lambda e: explain(e, run))
    server.start()
    out.print(
        f"Reviewing {len(study.suggestions)} suggestions as {server.reviewer}; decisions go to {server.log.path}",
        markup=False,
    )
    out.print(f"Open {server.url}  (this address is the key: keep it to yourself; Ctrl-C to stop)", markup=False)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    # Ctrl-C is how a review ends, not an interruption: say where the work is.
    out.print(f"Stopped. {len(server.log.read())} decisions in {server.log.path}", markup=False)
