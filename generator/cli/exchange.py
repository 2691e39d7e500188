"""`report export` and `report import`: the report to a QDA tool (REFI-QDA .qdpx or .qdc) and what a
person changed there back, as review decisions."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.app import DEFAULT_INPUT, DEFAULT_OUTPUT, cli, err, out, writing
from generator.cli.app import config_option as _config
from generator.cli.app import input_option as _input
from generator.errors import ReportError

if TYPE_CHECKING:
    from generator.exchange import Decision

_skip_invalid = click.option(
    "--skip-invalid", is_flag=True, help="Leave out transcripts that cannot be read, and list them."
)
_site = click.option(
    "--site",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="The site folder whose build cache the analysis reuses (the site itself is not touched).",
)


@cli.command(name="export")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["qdpx", "qdc"]),
    default="qdpx",
    show_default=True,
    help="qdpx: a REFI-QDA project (interviews, codebook, codings, cases); qdc: the codebook alone.",
)
@click.option("--output", type=click.Path(path_type=Path), required=True, help="The file to write.")
@_input
@_config
@_site
@_skip_invalid
def export_command(
    kind: str, output: Path, inputs: tuple[Path, ...], config: Path, site: Path, skip_invalid: bool
) -> None:
    """Export the report for a QDA tool: a REFI-QDA project (.qdpx) or its codebook (.qdc)."""
    from generator.config import load_config
    from generator.exchange import (
        TOOL_USER,
        export_codebook,
        load_study,
        qdpx,
        record_export,
        reviews_folder,
        study_model,
    )

    writing(output.parent)
    if output.is_dir():
        raise ReportError(f"{output}: is a folder; give the file to write, e.g. --output {output / f'study.{kind}'}")
    if kind == "qdc":
        study_config = load_config(config)
        _write(output, export_codebook(study_config))
        out.print(f"Wrote {output}: the codebook's {len(study_config.codebook)} codes.", markup=False)
        return
    # The analysis fills the build's cache beside the site, then the export is written.
    writing(site.parent)
    study = load_study(list(inputs) or [DEFAULT_INPUT], config, skip_invalid, site)
    model = study_model(study)
    writing(output.parent)
    _write(output, qdpx(model))
    # What `report import` compares the project with when it comes back (see generator/exchange/exports.py).
    reviews = reviews_folder(study.config)
    writing(reviews)
    record = record_export(model, reviews)
    sentences = sum(len({(c.sentence.start, c.sentence.end) for c in s.codings}) for s in model.sources)
    tool = sum(c.user == TOOL_USER for s in model.sources for c in s.codings)
    people = sum(c.user != TOOL_USER for s in model.sources for c in s.codings)
    out.print(
        f"Wrote {output}: {len(model.sources)} interviews, {len(model.codebook)} codes, {sentences} coded "
        f"sentences ({tool} codings by {TOOL_USER}" + (f", {people} added by reviewers" if people else "") + "), "
        f"{len(model.reviewers)} reviewer(s) as users; privacy level {study.config.privacy.publish}.",
        markup=False,
    )
    out.print(f"Recorded what it holds in {record}, for `report import` to compare with.", markup=False)
    for problem in study.problems:
        err.print(f"skipped: {problem}", markup=False)


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@_input
@_config
@click.option(
    "--reviewer",
    help="Who made the changes the project does not attribute (removed codings, changed case variables). "
    "Default: the project's one user besides interview-report.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="The decisions file to add to. Default: reviews/<reviewer>.jsonl beside the study configuration.",
)
@_site
@_skip_invalid
def import_command(
    file: Path,
    inputs: tuple[Path, ...],
    config: Path,
    reviewer: str | None,
    output: Path | None,
    site: Path,
    skip_invalid: bool,
) -> None:
    """Turn what a person changed in a QDA tool (FILE.qdpx, or a codebook FILE.qdc) into review decisions."""
    from generator.config import load_config
    from generator.exchange import (
        append_decisions,
        file_for,
        import_codebook,
        import_project,
        load_study,
        read_project,
        recorded_exports,
        reviews_folder,
    )
    from generator.pipeline import edition_date

    if not file.exists():
        raise ReportError(f"{file}: no such file; give the .qdpx or .qdc file your QDA tool exported")
    if _is_codebook(file):
        changes = import_codebook(file, load_config(config))
        for change in changes:
            out.print(change.message + (":" if change.toml else ""), markup=False)
            if change.toml:
                out.print("\n".join(f"    {line}" for line in change.toml.splitlines()), markup=False)
        out.print(
            f"{len(changes)} difference(s) from the study's codebook; codebook.toml was not changed.", markup=False
        )
        return
    # A file that is no project is refused before the analysis, which can take minutes.
    project = read_project(file)
    writing(site.parent)
    study = load_study(list(inputs) or [DEFAULT_INPUT], config, skip_invalid, site)
    today = edition_date()
    result = import_project(project, study, reviewer, today, recorded_exports(study))
    folder = reviews_folder(study.config)
    by_file: dict[Path, list[Decision]] = {}
    for d in result.decisions:
        by_file.setdefault(output or file_for(d.reviewer, folder), []).append(d)
    for path, decisions in sorted(by_file.items()):
        writing(path.parent)
        added = append_decisions(path, decisions, f"report import {file.name}, {today}")
        kinds = Counter(d.decision for d in decisions)
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        already = len(decisions) - added
        out.print(
            f"{path}: {added} decision(s) added ({summary})" + (f", {already} already recorded" if already else ""),
            markup=False,
        )
    if not result.decisions:
        out.print("No changes to codings or cases found: no decisions written.", markup=False)
    for note in result.notes:
        out.print(f"note: {note}", markup=False)
    if result.unplaced:
        err.print(f"{len(result.unplaced)} change(s) could not be placed, and were not imported:", markup=False)
        for line in result.unplaced:
            err.print(f"  {file}: {line}", markup=False)
    for problem in study.problems:
        err.print(f"skipped: {problem}", markup=False)


def _is_codebook(file: Path) -> bool:
    """A .qdc codebook rather than a .qdpx project: by the name, else by the contents (a project is a zip)."""
    suffix = file.suffix.lower()
    if suffix in (".qdc", ".qdpx"):
        return suffix == ".qdc"
    return not zipfile.is_zipfile(file)


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a stopped export leaves no half archive a QDA tool would choke on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # a temporary file is private to its owner; the export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
