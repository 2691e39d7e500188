"""The command line: the only place that prints or exits.

`main` is the one error boundary for every command: an error the user can fix (bad input, bad
configuration, a file-system problem) becomes `path[:line]: what is wrong; how to fix it` on stderr,
anything else a one-line bug report with the traceback kept in a file, never a traceback on screen.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from generator.errors import InvalidInputError, ReportError, os_error_message
from generator.execute import EXECUTORS, Executor
from generator.pipeline import PROJECT_ROOT, BuildResult, build_site, check_inputs

if TYPE_CHECKING:
    from generator.evaluate import Comparison, Interval

DEFAULT_INPUT = Path("content/transcripts")
DEFAULT_OUTPUT = Path("output")
DEFAULT_CONFIG = Path("content/study.toml")
DEFAULT_CORPUS = Path("../shared/corpus/anthropic-interviewer")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


# 1: an error the user can fix; 2: invalid inputs (and click's usage errors); 70 is sysexits' EX_SOFTWARE,
# so a script can tell a bug in interview-report from its own mistake; 130 is the shell's code for Ctrl-C.
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130


@dataclass
class _Run:
    """What the boundary needs to know about the running command to explain its errors."""

    argv: tuple[str, ...] = ()
    # The folder the command writes: a full disk is reported without a path, and this names it.
    writing: Path | None = None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `report` command and return its exit code; every error it raises ends here."""
    run = _Run(tuple(sys.argv[1:] if argv is None else argv))
    try:
        code = cli.main(args=list(run.argv), prog_name="report", standalone_mode=False, obj=run)
    # click turns Ctrl-C (and an unexpected end of input) into Abort once it has closed the ^C line.
    except (click.exceptions.Abort, KeyboardInterrupt):
        err.print("interrupted", markup=False)
        return EXIT_INTERRUPTED
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except ReportError as e:
        err.print(f"error: {e}", markup=False)
        return EXIT_INVALID if isinstance(e, InvalidInputError) else EXIT_ERROR
    except OSError as e:
        err.print(f"error: {os_error_message(e, run.writing)}", markup=False)
        return EXIT_ERROR
    except SystemExit as e:
        # click's own exit on a closed pipe (`report check | head`).
        return e.code if isinstance(e.code, int) else EXIT_ERROR if e.code else 0
    except Exception as e:
        return _bug(e, run)
    return code if isinstance(code, int) else 0


def _bug(e: Exception, run: _Run) -> int:
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


def _writing(folder: Path) -> None:
    """Tell the boundary which folder this command writes."""
    click.get_current_context().ensure_object(_Run).writing = folder


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="interview-report")
def cli() -> None:
    """Turn interview transcripts into a research-report website."""


_input = click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A transcript file or a folder of them; repeat for several. Default: content/transcripts.",
)
_config = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="The study configuration (title, speaker labels, interview guide, codebook).",
)


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

    _writing(output)
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


@cli.command(name="eval")
@click.option(
    "--coding",
    type=click.Path(path_type=Path),
    default=Path("eval/hand_coding.jsonl"),
    show_default=True,
    help="The hand-coded evaluation set.",
)
@click.option(
    "--second-coding",
    type=click.Path(path_type=Path),
    default=Path("eval/second_coding.jsonl"),
    show_default=True,
    help="A second coder's codes for some of the same interviews (skipped when the file is absent).",
)
@_input
@_config
@click.option(
    "--part",
    type=click.Choice(["tuning", "heldout", "test"]),
    default="heldout",
    show_default=True,
    help="test: the complete sentence-level annotation (--complete), with the evidence check.",
)
@click.option(
    "--complete",
    type=click.Path(path_type=Path),
    default=Path("eval/sentences/complete.jsonl"),
    show_default=True,
    help="The complete sentence-level annotation (for --part test); a second annotator's beside it (_second).",
)
@click.option("--details", is_flag=True, help="List each disagreement with the tool's evidence.")
@click.option(
    "--write",
    "write_to",
    type=click.Path(path_type=Path),
    help="Also save the figures as JSON, for the methodology page (the study's `agreement` key).",
)
def evaluate_command(
    coding: Path,
    second_coding: Path,
    inputs: tuple[Path, ...],
    config: Path,
    part: str,
    complete: Path,
    details: bool,
    write_to: Path | None,
) -> None:
    """Compare the automatic coding with the hand coding on one part of the evaluation set."""
    from generator.analyse import Analyser, summarise_interview
    from generator.config import load_config
    from generator.evaluate import CompleteCode, agreement_json, evaluate, load_complete, load_hand_coding
    from generator.ingest import read_transcripts

    if write_to:
        _writing(write_to)
    study = load_config(config)
    # The study's codebook is what the evaluation set must code: no theme list lives in code.
    slugs = tuple(t.slug for t in study.codebook)
    complete_codes: list[CompleteCode] = []
    if part == "test":
        complete_codes = load_complete(complete, slugs)
        codes = [c.code for c in complete_codes]
        second_path = complete.with_name(complete.stem + "_second.jsonl")
        second = [c.code for c in load_complete(second_path, slugs)] if second_path.exists() else []
    else:
        codes = load_hand_coding(coding, slugs)
        second = load_hand_coding(second_coding, slugs) if second_coding.exists() else []
    read = read_transcripts(list(inputs) or [DEFAULT_CORPUS], study.labels)
    # The automatic guide is derived from the whole corpus, as in a real build.
    analyser = Analyser.for_study(study, read.transcripts)
    wanted = {c.transcript_id for c in codes if c.part == part or part == "test"}
    summaries = {t.id: summarise_interview(t, analyser) for t in read.transcripts if t.id in wanted}
    result = evaluate(codes, summaries, slugs, part, second, complete_codes)
    _print_comparison(result.tool, f"Tool vs hand coding, {part} part", ("human %", "tool %"))
    out.print(f"Quotes exact               {result.quotes_exact} of {result.quotes_checked}", markup=False)
    if result.evidence:
        ev = result.evidence
        out.print(
            f"Shown evidence correct     {ev.correct} of {ev.shown} ({ev.correct / max(ev.shown, 1):.2f}); "
            f"lead quotes {ev.lead_correct} of {ev.lead} ({ev.lead_correct / max(ev.lead, 1):.2f})",
            markup=False,
        )
        if details:
            for tid, slug, text in ev.wrong:
                out.print(f"  not annotated as {slug}: {tid}: {text[:110]}", markup=False)
    if result.coders:
        out.print()
        _print_comparison(
            result.coders, "Second coder vs first, double-coded interviews (the human ceiling)", ("first %", "second %")
        )
    if write_to:
        write_to.write_text(json.dumps(agreement_json(result), indent=1) + "\n", encoding="utf-8")
        out.print(f"Wrote {write_to}", markup=False)
    if details:
        for c in codes:
            if c.part != part:
                continue
            s = summaries[c.transcript_id]
            if s.profile.occupation_group != c.occupation_group:
                out.print(
                    f"{c.transcript_id} group: human {c.occupation_group}, "
                    f"tool {s.profile.occupation_group} ({s.profile.occupation})",
                    markup=False,
                )
            if s.interaction_style != c.interaction_style:
                out.print(
                    f"{c.transcript_id} style: human {c.interaction_style}, tool {s.interaction_style}", markup=False
                )
            for slug in slugs:
                human, tool = slug in c.themes, slug in s.theme_slugs
                if human != tool:
                    shown = next((t.evidence for t in s.themes if t.slug == slug), ())
                    out.print(
                        f"{c.transcript_id} {slug}: human {human}, tool {tool} {[q.text[:100] for q in shown]}",
                        markup=False,
                    )


def _print_comparison(c: Comparison, title: str, prevalence: tuple[str, str]) -> None:
    table = Table(title=f"{title} (n = {c.n}; 95% intervals)")
    for column in ("theme", "precision", "recall", "F1", "F1 interval", "kappa", *prevalence, "|error| pts"):
        table.add_column(column, justify="left" if column == "theme" else "right")
    for t in c.themes:
        table.add_row(
            t.slug,
            *("n/a" if x is None else f"{x:.2f}" for x in (t.precision, t.recall, t.f1)),
            _span(t.f1_interval),
            "n/a" if t.kappa is None else f"{t.kappa:.2f}",
            f"{t.reference_prevalence:.1f}",
            f"{t.other_prevalence:.1f}",
            f"{t.prevalence_error:.1f}",
        )
    # A pipe or a file has no width: rich would assume 80 columns and cut the theme names.
    Console(highlight=False, width=max(out.width, 120), file=out.file).print(table)
    out.print(f"Occupation group accuracy  {c.group_accuracy:.2f}  {_span(c.group_interval)}", markup=False)
    out.print(f"Interaction style accuracy {c.style_accuracy:.2f}  {_span(c.style_interval)}", markup=False)
    out.print(
        f"Macro F1 over the themes   {c.macro_f1:.2f}  {_span(c.macro_f1_interval)} (the {len(c.measured)} of "
        f"{len(c.themes)} coded in at least one interview; n/a: neither side coded it)",
        markup=False,
    )
    out.print(f"Cohen's kappa, pooled      {c.pooled_kappa:.2f}  {_span(c.kappa_interval)}", markup=False)


def _span(i: Interval | None) -> str:
    return "n/a" if i is None else f"{i.low:.2f}–{i.high:.2f}"


@cli.command()
@_input
@click.option("--output", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, show_default=True)
@_config
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--watch/--no-watch", default=True, show_default=True, help="Rebuild when the inputs, study or theme change."
)
@click.option("--skip-invalid", is_flag=True, help="Build without transcripts that cannot be read, and list them.")
def serve(inputs: tuple[Path, ...], output: Path, config: Path, port: int, watch: bool, skip_invalid: bool) -> None:
    """Preview the site on http://localhost:PORT/, rebuilding it when content/ changes."""
    sources = list(inputs) or [DEFAULT_INPUT]
    _writing(output)

    def rebuild() -> None:
        try:
            result = build_site(sources, output, config, skip_invalid)
        except (ReportError, OSError) as e:
            # A failed rebuild keeps the last good site on screen; say why and keep watching.
            err.print(f"error: {os_error_message(e, output) if isinstance(e, OSError) else e}", markup=False)
            return
        _summary(result)

    if watch or not output.exists():
        rebuild()
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


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
