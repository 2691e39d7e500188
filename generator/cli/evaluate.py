"""`report eval`: the automatic coding against the hand coding of the evaluation set."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from generator.cli.app import DEFAULT_CORPUS, cli, out
from generator.cli.app import config_option as _config
from generator.cli.app import writing as _writing

if TYPE_CHECKING:
    from generator.config import CodebookDimension
    from generator.evaluate import Comparison, Interval
    from generator.evaluate_dimensions import DimensionCode, DimensionScore


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
@click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="The transcripts the evaluation set codes; repeat for several. Default: the corpus in ../shared/corpus.",
)
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
@click.option(
    "--dimensions",
    "dimension_coding",
    type=click.Path(path_type=Path),
    default=Path("eval/dimensions/test.jsonl"),
    show_default=True,
    help="The dimension annotation (for --part test; skipped when absent); a second annotator's (second.jsonl) "
    "beside it is compared with the first's codes in it and in train.jsonl.",
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
    dimension_coding: Path,
    details: bool,
    write_to: Path | None,
) -> None:
    """Compare the automatic coding with the hand coding on one part of the evaluation set."""
    from generator.agreement import agreement_from
    from generator.agreement_json import agreement_to_json
    from generator.analyse import Analyser, summarise_interview
    from generator.config import load_config
    from generator.evaluate import CompleteCode, evaluate, load_complete, load_hand_coding
    from generator.evaluate_dimensions import evaluate_dimensions, load_dimension_coding
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
    dimension_codes: list[DimensionCode] = []
    if part == "test" and study.dimensions and dimension_coding.exists():
        dimension_codes = load_dimension_coding(dimension_coding, study.dimensions)
    read = read_transcripts(list(inputs) or [DEFAULT_CORPUS], study.labels)
    # The automatic guide is derived from the whole corpus, as in a real build.
    analyser = Analyser.for_study(study, read.transcripts)
    wanted = {c.transcript_id for c in codes if c.part == part or part == "test"}
    wanted |= {c.transcript_id for c in dimension_codes}
    summaries = {t.id: summarise_interview(t, analyser) for t in read.transcripts if t.id in wanted}
    transcripts = {t.id: t for t in read.transcripts if t.id in wanted}
    result = evaluate(codes, summaries, transcripts, slugs, part, second, complete_codes)
    if dimension_codes:
        result = replace(
            result,
            dimensions=evaluate_dimensions(dimension_codes, summaries, study.dimensions),
            dimension_coders=_dimension_coders(dimension_coding, dimension_codes, study.dimensions),
        )
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
    if result.dimensions:
        out.print()
        _print_dimensions(result.dimensions, result.dimension_coders, part)
    if result.coders:
        out.print()
        _print_comparison(
            result.coders, "Second coder vs first, double-coded interviews (the human ceiling)", ("first %", "second %")
        )
    if write_to:
        write_to.write_text(json.dumps(agreement_to_json(agreement_from(result)), indent=1) + "\n", encoding="utf-8")
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


def _dimension_coders(
    path: Path, first: list[DimensionCode], dimensions: tuple[CodebookDimension, ...]
) -> tuple[DimensionScore, ...]:
    """A second annotator's dimension codes (second.jsonl beside `path`) against the first annotator's, found in
    `path` and train.jsonl beside it; () without a second annotation."""
    from generator.errors import ReportError
    from generator.evaluate_dimensions import compare_dimensions, load_dimension_coding

    second_path = path.with_name("second.jsonl")
    if not second_path.exists():
        return ()
    second = load_dimension_coding(second_path, dimensions)
    train = path.with_name("train.jsonl")
    earlier = load_dimension_coding(train, dimensions) if train.exists() else []
    by_id = {c.transcript_id: c for c in [*earlier, *first]}
    unknown = [c.transcript_id for c in second if c.transcript_id not in by_id]
    if unknown:
        raise ReportError(f"{second_path}: a second annotation of an interview the first never annotated: {unknown[0]}")
    return compare_dimensions(
        [by_id[c.transcript_id] for c in second], {c.transcript_id: c for c in second}, dimensions
    )


def _print_dimensions(tool: tuple[DimensionScore, ...], coders: tuple[DimensionScore, ...], part: str) -> None:
    between = {d.slug: d for d in coders}
    n = tool[0].n if tool else 0
    table = Table(title=f"Tool vs dimension annotation, {part} part (n = {n}; 95% bootstrap intervals)")
    for column in (
        "dimension",
        "measure",
        "tool",
        "interval",
        "kappa",
        "kappa interval",
        "two annotators",
        "their kappa",
    ):
        table.add_column(column, justify="left" if column in ("dimension", "measure") else "right")
    for d in tool:
        figure, interval = (d.micro_f1, d.micro_f1_interval) if d.multiple else (d.accuracy, d.accuracy_interval)
        other = between.get(d.slug)
        other_figure = (other.micro_f1 if other.multiple else other.accuracy) if other else None
        table.add_row(
            d.slug,
            "micro F1" if d.multiple else "accuracy",
            f"{figure:.2f}" if figure is not None else "n/a",
            _span(interval),
            f"{d.kappa:.2f}",
            _span(d.kappa_interval),
            f"{other_figure:.2f} (n = {other.n})" if other and other_figure is not None else "n/a",
            f"{other.kappa:.2f}" if other else "n/a",
        )
    console = Console(highlight=False, width=max(out.width, 120), file=out.file)
    console.print(table)
    for d in tool:
        values = Table(title=f"{d.slug}: per value")
        for column in ("value", "precision", "recall", "F1", "F1 interval", "human %", "tool %"):
            values.add_column(column, justify="left" if column == "value" else "right")
        for v in d.values:
            values.add_row(
                v.value,
                *("n/a" if x is None else f"{x:.2f}" for x in (v.precision, v.recall, v.f1)),
                _span(v.f1_interval),
                f"{v.reference_prevalence:.1f}",
                f"{v.other_prevalence:.1f}",
            )
        console.print(values)
