"""`report build` and `report check`: the site from transcripts, or the problems that would stop it."""

from __future__ import annotations

import importlib
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from generator.cli.app import DEFAULT_INPUT, DEFAULT_OUTPUT, cli, err, out, writing
from generator.cli.app import config_option as _config
from generator.cli.app import input_option as _input
from generator.cli.boundary import EXIT_INVALID
from generator.errors import ReportError
from generator.execute import EXECUTORS, Executor
from generator.pipeline import BuildResult, build_site, check_inputs


@cli.command()
@_input
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Folder for the built site.",
)
@_config
@click.option("--skip-invalid", is_flag=True, help="Build without transcripts that cannot be read, and list them.")
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where interviews are analysed: local (a process per core), serial (this process only), "
    "dask (a Dask cluster; needs --scheduler). The report is the same whichever runs it.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes for the local executor. Default: one per core.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler's address, e.g. tcp://10.0.0.5:8786, for --executor dask. "
    "Its workers need this version of interview-report installed.",
)
def build(
    inputs: tuple[Path, ...],
    output: Path,
    config: Path,
    skip_invalid: bool,
    executor: Executor,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Build the report site from transcripts."""
    if executor == "dask":
        _needs_dask_extra()
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask; add --executor dask, or drop --scheduler")
    if workers and executor != "local":
        raise click.UsageError("--workers sizes the local executor's pool; drop it, or use --executor local")
    # The bar starts with the first analysed interview, so input errors print cleanly.
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = None

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task(f"Analysing {total} interviews", total=total)
        bar.update(task, completed=done)

    writing(output)
    try:
        result = build_site(
            list(inputs) or [DEFAULT_INPUT],
            output,
            config,
            skip_invalid,
            progress,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
        )
    finally:
        # Whatever stops the build, the error is printed below the bar, not into it.
        if task is not None:
            bar.stop()
    _summary(result)


def _summary(result: BuildResult) -> None:
    report = result.report
    table = Table(title="Report built", show_header=False, box=None)
    table.add_row("Interviews", str(report.N))
    table.add_row("Themes", ", ".join(f"{f.slug} {f.n}/{f.N}" for f in report.findings))
    table.add_row("Analysed", f"{result.analysed_fresh} new or changed, {result.analysed_cached} from cache")
    table.add_row("Encoding repairs", str(result.repairs))
    if report.redactions is not None:
        kinds = ", ".join(f"{kind} {n}" for kind, n in report.redactions.counts if n) or "nothing found"
        table.add_row("Redacted", f"{report.redactions.total} in {report.redactions.interviews} interviews ({kinds})")
    if report.review is not None:
        r, refitted = report.review, ", ".join(report.review.refitted)
        table.add_row(
            "Reviews",
            f"{r.decisions} decision(s) by {len(r.reviewers)} reviewer(s) on {r.interviews} interview(s)"
            + (f"; coder refitted for {refitted}" if refitted else ""),
        )
    table.add_row("Content files written", f"{result.pages_written} ({result.content_unchanged} unchanged)")
    table.add_row("Time", "  ".join(f"{k} {v:.1f}s" for k, v in result.timings.items()))
    out.print(table)
    if result.skipped:
        err.print(f"Skipped {len(result.skipped)} invalid input(s):", markup=False)
        for p in result.skipped:
            err.print(f"  {p}", markup=False)
    for w in result.warnings:
        err.print(f"warning: {w}", markup=False)
    if not result.published:
        out.print("Nothing changed: the site in the output folder was left as it was.", markup=False)
    index = (result.output / "index.html").resolve()
    out.print(f"Open {index}  (or: report serve --output {result.output})", markup=False)


@cli.command()
@_input
@_config
def check(inputs: tuple[Path, ...], config: Path) -> None:
    """Validate transcripts and configuration without building; list every problem."""
    good, problems = check_inputs(list(inputs) or [DEFAULT_INPUT], config)
    for p in problems:
        err.print(str(p), markup=False)
    out.print(f"{good} transcript(s) OK, {len(problems)} problem(s).", markup=False)
    if problems:
        raise click.exceptions.Exit(EXIT_INVALID)


def _needs_dask_extra() -> None:
    """Dask is an optional extra: without it, say how to install it rather than fail on an import."""
    try:
        importlib.import_module("distributed")
    except ImportError:
        raise ReportError("--executor dask needs the dask extra: pip install 'interview-report[dask]'") from None
