"""Exchange with QDA tools through the REFI-QDA standard: export the report as a project (.qdpx) or
its codebook (.qdc); import what a person changed in their QDA tool as review decisions.

    study = load_study(inputs, config_file)
    data = export_project(study)                 # .qdpx bytes
    record_export(study_model(study), reviews_folder(study.config))   # what the import compares with
    result = import_project(path, study, reviewer=None, today="2026-05-01", records=recorded_exports(study))
    append_decisions(file_for(reviewer, reviews_folder(study.config)), result.decisions, heading)

The modules behind it, one concept each: study (what the report shows), layout (an interview as
text, with every sentence's place), model (the report as a project, with fixed GUIDs), export (XML
and zip), exports (what each export held), read (a tool's file), positions (how a tool counted),
changes (changes -> decisions), codebook (a codebook's changes -> codebook.toml edits), decisions
(the review format's writer).
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.config import StudyConfig
from generator.exchange.changes import ImportResult, review_decisions
from generator.exchange.codebook import CodebookChange, codebook_changes
from generator.exchange.decisions import Decision, append_decisions, file_for
from generator.exchange.export import codebook_xml, qdpx
from generator.exchange.exports import ExportRecord, read_records, record_export
from generator.exchange.model import TOOL_USER, ProjectModel, codebook_model, project_model
from generator.exchange.read import ImportedProject, read_codebook, read_project
from generator.exchange.study import Study, load_study, published_turns, shown_turns
from generator.publication import Publication

__all__ = [
    "TOOL_USER", "CodebookChange", "Decision", "ExportRecord", "ImportResult", "ProjectModel", "Study",
    "append_decisions", "codebook_xml", "export_codebook", "export_project", "file_for", "import_codebook",
    "import_project", "load_study", "published_project", "qdpx", "read_project", "record_export",
    "recorded_exports", "reviewers_in", "reviews_folder", "study_model",
]  # fmt: skip


def reviews_folder(config: StudyConfig) -> Path:
    """The study's review decisions: `reviews/` beside study.toml."""
    return config.source.parent / "reviews"


def reviewers_in(folder: Path) -> tuple[str, ...]:
    """Every reviewer named in a decisions folder, to list as the project's users (a line that is not
    a decision is the build's to report, not the export's)."""
    names = set()
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                reviewer = (
                    json.loads(line).get("reviewer") if line.strip() and not line.lstrip().startswith("#") else None
                )
            except (ValueError, AttributeError):
                continue
            if isinstance(reviewer, str) and reviewer.strip():
                names.add(reviewer.strip())
    return tuple(sorted(names))


def study_model(study: Study) -> ProjectModel:
    """The report as a REFI-QDA project: what an export writes and what an import compares with."""
    shown = shown_turns(study.report, study.config)
    reviewers = reviewers_in(reviews_folder(study.config))
    return project_model(study.report, study.config, shown, reviewers, study.added_by)


def export_project(study: Study) -> bytes:
    """The .qdpx file's bytes."""
    return qdpx(study_model(study))


def published_project(publication: Publication, config: StudyConfig) -> bytes:
    """The .qdpx the site publishes: the interviews as the site shows them, with the codings the report
    counts (after review); reviewers are users only where the study publishes their names."""
    review = publication.report.review
    reviewers = review.reviewers if publication.reviewers and review else ()
    return qdpx(project_model(publication.report, config, published_turns(publication), reviewers))


def export_codebook(config: StudyConfig) -> bytes:
    """The .qdc file's bytes: the codebook alone, which every publication level allows."""
    return codebook_xml(codebook_model(config))


def import_project(
    project: Path | ImportedProject,
    study: Study,
    reviewer: str | None,
    today: str,
    records: tuple[ExportRecord, ...] = (),
) -> ImportResult:
    """The review decisions a .qdpx file's changes amount to (the file, or the project read_project read
    from it), compared with the recorded export it came from (`records`) where there is one."""
    imported = read_project(project) if isinstance(project, Path) else project
    return review_decisions(imported, study_model(study), reviewer, today, records)


def recorded_exports(study: Study) -> tuple[ExportRecord, ...]:
    """The exports of this study recorded in its `reviews/exports/`."""
    return read_records(reviews_folder(study.config), study.config.title)


def import_codebook(path: Path, config: StudyConfig) -> tuple[CodebookChange, ...]:
    """How a .qdc codebook differs from the study's."""
    origin, codes = read_codebook(path)
    return codebook_changes(codes, codebook_model(config), origin)
