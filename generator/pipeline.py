"""Wire the stages: config -> ingest -> analyse -> synthesise -> publication -> write -> render -> publish.

Times each stage and nothing else. The site is rendered into a work folder next to the
output and swapped in only when every stage succeeded, so a failed build leaves the
previous site untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.analyse.dimension_coding import plan_warnings
from generator.analysis import analyse_study, read_study
from generator.config import StudyConfig, load_config
from generator.errors import BuildError, Problem, WriteError
from generator.execute import Executor, cores, warm_pool
from generator.faults import point
from generator.models import Report
from generator.output import MARKER, build_lock, check_output, publish_site, recover
from generator.publication import Publication, publish
from generator.redact import Redactor, redact_transcripts, skipped_inputs
from generator.review.stage import check_reviews
from generator.synthesise import synthesise_report
from generator.synthesise.editions import Edition, current_edition, edition_from_json, with_edition
from generator.write import start_content
from generator.write.cite import citation_authors
from generator.write.links import link_tree
from generator.write.render import render_site
from generator.write.search import index_site
from generator.write.urls import (
    CHANGES_URL,
    DATA_URL,
    HOME_URL,
    INTERVIEWS_URL,
    METHODOLOGY_URL,
    QUOTES_URL,
    SEARCH_URL,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_ROOT / "pelican.conf.py"

Progress = Callable[[str, int, int], None]
# The fault points a test arms to stop a build after a stage (generator/faults.py), by the stage.
FAULT_POINTS = {"read": "build:read", "analyse": "build:analysed"}


@dataclass
class BuildResult:
    output: Path
    report: Report
    skipped: tuple[Problem, ...]
    timings: dict[str, float] = field(default_factory=dict)
    pages_written: int = 0
    content_unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    analysed_cached: int = 0
    analysed_fresh: int = 0
    # False when the rebuilt site was identical and output/ was left untouched.
    published: bool = True

    @property
    def repairs(self) -> int:
        return sum(s.repairs for s in self.report.interviews)


def edition_date() -> str:
    """Today's date, or SOURCE_DATE_EPOCH's, so reproducible builds can pin it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def check_inputs(inputs: Iterable[Path], config_file: Path) -> tuple[int, tuple[Problem, ...]]:
    """Validate without building: how many transcripts read cleanly, and every problem."""
    config = load_config(config_file)
    redactor = Redactor(config.privacy)
    result = read_study(inputs, config, redactor)
    reviews = check_reviews(config, result.transcripts, lambda named: redact_transcripts(named, redactor)[0])
    return len(result.transcripts), (*result.problems, *reviews)


def build_site(
    inputs: Iterable[Path],
    output: Path,
    config_file: Path,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    *,
    executor: Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> BuildResult:
    config = load_config(config_file)
    parallel = executor != "serial" and (workers or cores()) > 1
    if parallel:
        warm_pool()
    # Absolute: Pelican resolves relative paths against its settings file, not the working directory.
    output = output.absolute()
    if output.is_symlink():
        # Publishing renames the new site onto the output's name: it would replace the link, and the
        # folder the link points at would keep the old site.
        raise BuildError(
            f"{output}: is a symbolic link, and a build replaces the output folder whole; "
            f"pass the folder it points to instead (--output {output.resolve()})"
        )
    try:
        with build_lock(output):
            return _build_locked(inputs, output, config, skip_invalid, progress, executor, workers, scheduler, parallel)
    except OSError as e:
        # A full disk or a folder we may not write is the machine's, not a bug: one line naming the path.
        if (error := WriteError.from_os_error(e, output)) is None:
            raise
        raise error from None


def _build_locked(
    inputs: Iterable[Path],
    output: Path,
    config: StudyConfig,
    skip_invalid: bool,
    progress: Progress | None,
    executor: Executor,
    workers: int | None,
    scheduler: str | None,
    parallel: bool,
) -> BuildResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    recover(output)
    check_output(output)
    inputs = list(inputs)
    work = output.parent / f".{output.name}-build"

    def stage_done(stage: str) -> None:
        lap(stage)
        if stage in FAULT_POINTS:
            point(FAULT_POINTS[stage])

    study = analyse_study(
        inputs,
        config,
        work / "cache",
        skip_invalid=skip_invalid,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        progress=(lambda done, total: progress("analyse", done, total)) if progress else None,
        on_stage=stage_done,
    )
    ingest, reviewed, memo, cache = study.ingest, study.reviewed, study.memo, study.cache

    # A problem can quote the file's text, and the skipped list is published: redact it too.
    skipped = skipped_inputs(ingest.problems, inputs, Redactor(config.privacy))
    # From here on the study's guide includes the sections found automatically.
    config = study.config
    report = replace(
        synthesise_report(reviewed.summaries, ingest.transcripts, config, skipped, memo),
        redactions=study.redactions,
        review=reviewed.summary,
    )
    # The privacy level and [limits] applied once: what is written below is what the site may show.
    publication = publish(report, config)
    lap("synthesise")

    history = read_history(output)
    current = current_edition(report, config.study_fingerprint, edition_date(), history)
    history = with_edition(history, current)
    content = work / "content"
    figure_workers = (workers or cores()) if parallel else 1
    figures = work / "cache" / "figures"
    site = work / "site"
    # What a failed build rendered is not this build's; Pelican's own cleaning is a setting it may not keep.
    shutil.rmtree(site, ignore_errors=True)
    projects = work / "cache" / "project"
    with start_content(publication, config, content, current.id, figures, history, figure_workers, projects) as writing:
        lap("write")
        point("build:content-written")
        warnings = render_site(SETTINGS_FILE, content, site, _pelican_settings(config, publication, history, work))
        if study.analyser.dimensions:
            warnings = [*plan_warnings(study.analyser.dimensions, f"the codebook of {config.source}"), *warnings]
        (site / MARKER).write_text("This folder is written by `report build`; it is replaced on every build.\n")
        lap("render")
        point("build:rendered")
        index_site(site, work / "cache" / "search")
        lap("search index")
        point("build:indexed")
        stats = writing.finish()
    # Not Pelican's to copy (see pelican.conf.py): they were still being drawn while it rendered.
    link_tree(content / "figures", site / "figures")
    lap("figures")

    published = publish_site(site, output)
    # Only after a build has succeeded: a failed one may be retried with the same inputs.
    cache.prune()
    memo.prune()
    lap("publish")
    return BuildResult(
        output,
        report,
        (*ingest.problems, *reviewed.problems),
        timings,
        stats.written,
        stats.unchanged,
        warnings,
        cache.hits,
        cache.misses,
        published,
    )


def _pelican_settings(
    config: StudyConfig, publication: Publication, history: tuple[Edition, ...], work: Path
) -> dict[str, Any]:
    """What the theme shows on every page, and where Pelican keeps its caches."""
    report = publication.report
    edition = history[-1]
    return {
        "SITENAME": config.title,
        "REPORT": {
            "title": config.title,
            "subtitle": config.subtitle,
            "edition": edition.date,
            "edition_id": edition.id,
            "N": report.N,
            "credit": config.credit,
            "site_url": config.site_url,
            "authors": list(citation_authors(config)),
            "quotes": publication.interviews,
            "nav": _nav(publication, history),
        },
        "RENDER_CACHE": str(work / "cache" / "render"),
        "CACHE_PATH": str(work / "cache" / "pelican"),
        "TEMPLATE_CACHE": str(work / "cache" / "templates"),
    }


def _nav(publication: Publication, history: tuple[Edition, ...]) -> list[dict[str, str]]:
    """The main navigation: only places with something to read. Quotes and interviews only where the
    site publishes them; "What changed" only from the second edition on, since a first edition has
    nothing to compare with (its page and the edition pages stay, linked from every footer)."""
    items = [
        ("Findings", HOME_URL, "home"),
        ("Quotes", QUOTES_URL, "quotes"),
        ("Interviews", INTERVIEWS_URL, "interviews"),
        ("Methodology", METHODOLOGY_URL, "methodology"),
        ("What changed", CHANGES_URL, "changes"),
        ("Search", SEARCH_URL, "search"),
        ("Data", DATA_URL, "data"),
    ]
    hidden = set() if publication.interviews else {"quotes", "interviews"}
    if len(history) < 2:
        hidden.add("changes")
    return [{"title": title, "url": url, "kind": kind} for title, url, kind in items if kind not in hidden]


def read_history(output: Path) -> tuple[Edition, ...]:
    """The editions the currently published site records; empty for a first build."""
    path = output / "data" / "editions.json"
    if not (output / MARKER).exists() or not path.exists():
        return ()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return tuple(edition_from_json(e) for e in raw["editions"])
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise BuildError(
            f"{path}: the edition history is unreadable ({e}); "
            "restore it from a backup, or delete it to start a new history"
        ) from None
