"""The `report` command group, its consoles and the options its commands share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console

DEFAULT_INPUT = Path("content/transcripts")
DEFAULT_OUTPUT = Path("output")
DEFAULT_CONFIG = Path("content/study.toml")
DEFAULT_CORPUS = Path("../shared/corpus/anthropic-interviewer")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


@dataclass
class Run:
    """What the error boundary needs to know about the running command to explain its errors."""

    argv: tuple[str, ...] = ()
    # The folder the command writes: a full disk is reported without a path, and this names it.
    writing: Path | None = None


def writing(folder: Path) -> None:
    """Tell the boundary which folder this command writes."""
    click.get_current_context().ensure_object(Run).writing = folder


def current_run() -> Run:
    return click.get_current_context().ensure_object(Run)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="interview-report")
def cli() -> None:
    """Turn interview transcripts into a research-report website."""


input_option = click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A transcript file or a folder of them; repeat for several. Default: content/transcripts.",
)
config_option = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="The study configuration (title, speaker labels, interview guide, codebook).",
)
