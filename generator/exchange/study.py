"""The study as the report sees it, for exchange: read, redact and analyse the inputs as `report build`
does, and decide what of each interview an export may show.

Input: the transcript files and study.toml. Output: Study (the report's interviews and transcripts,
redacted) and, per interview, the turns an export may show (ShownTurn).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.analyse import Analyser, summarise_interview
from generator.config import StudyConfig, load_config
from generator.errors import BuildError, InvalidInputError, Problem, ReportError
from generator.exchange.layout import ShownTurn
from generator.ingest import read_transcripts
from generator.models import Report
from generator.publication import Publication, publish
from generator.redact import Redactor, redact_transcripts


@dataclass(frozen=True)
class Study:
    config: StudyConfig
    report: Report
    # Transcripts that could not be read (with --skip-invalid): not exported, not imported into.
    problems: tuple[Problem, ...] = ()


def load_study(inputs: Iterable[Path], config_file: Path, skip_invalid: bool = False) -> Study:
    """The report's interviews, analysed from redacted transcripts, as a build would analyse them."""
    config = load_config(config_file)
    ingest = read_transcripts(inputs, config.labels)
    if ingest.problems and not skip_invalid:
        raise InvalidInputError(list(ingest.problems))
    if not ingest.transcripts:
        raise BuildError("no transcripts to export from; check --input (see `report check`)")
    # Nothing past this line sees unredacted text: an export carries the redacted words only.
    transcripts, _ = redact_transcripts(ingest.transcripts, Redactor(config.privacy))
    analyser = Analyser.for_study(config, transcripts)
    summaries = sorted((summarise_interview(t, analyser) for t in transcripts), key=lambda s: s.id)
    # The report's order (by id), and no findings: the exchange needs codings, not figures.
    report = Report(interviews=tuple(summaries), themes=(), transcripts={t.id: t for t in transcripts})
    return Study(analyser.config, report, ingest.problems)


def shown_turns(report: Report, config: StudyConfig) -> dict[str, tuple[ShownTurn, ...]]:
    """What an export may show of each interview: exactly what the site publishes, as the publication
    step decides it: whole transcripts where the site shows them, else the turns the site quotes,
    each with only the quoted sentences (every evidence sentence is among them); at "aggregates",
    nothing."""
    publication = publish(report, config)
    if not publication.interviews:
        raise ReportError(
            f'{config.source}: [privacy] publish = "aggregates" publishes no participant\'s words, so there '
            "is no interview text to export; export the codebook alone (--format qdc), or choose a level "
            "that publishes quotes"
        )
    return published_turns(publication)


def published_turns(publication: Publication) -> dict[str, tuple[ShownTurn, ...]]:
    """Each interview's turns as the publication shows them: the whole transcript where it is published
    in full, else only the quoted sentences of the quoted turns."""
    shown: dict[str, tuple[ShownTurn, ...]] = {}
    for summary in publication.report.interviews:
        transcript = publication.report.transcripts.get(summary.id)
        if transcript is not None:
            shown[summary.id] = tuple(ShownTurn(t.number, t.speaker, t.label, t.text) for t in transcript.turns)
        else:
            excerpts = publication.excerpts.get(summary.id, ())
            shown[summary.id] = tuple(ShownTurn(e.turn, e.speaker, e.label, None, e.sentences) for e in excerpts)
    return shown
