"""The study as the report sees it, for exchange: read, redact and analyse the inputs and apply the
study's review decisions as `report build` does, and decide what of each interview an export may show.

Input: the transcript files and study.toml (and, to reuse its caches, the site a build writes).
Output: Study (the report's interviews with their codings of record, and transcripts, redacted; who
added each coding a person added) and, per interview, the turns an export may show (ShownTurn).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.analysis import AnalysedStudy, analyse_study
from generator.config import StudyConfig, load_config
from generator.errors import Problem, ReportError
from generator.exchange.layout import ShownTurn
from generator.models import Report
from generator.output import build_lock
from generator.publication import Publication, publish
from generator.review.apply import in_effect

# (interview, theme slug, turn, sentence): one coding of one evidence sentence.
CodingKey = tuple[str, str, int, str]


@dataclass(frozen=True)
class Study:
    config: StudyConfig
    report: Report
    # Transcripts that could not be read (with --skip-invalid): not exported, not imported into.
    problems: tuple[Problem, ...] = ()
    # The codings of record a person added (a review decision `add`), by who added them; every other
    # coding is the tool's.
    added_by: Mapping[CodingKey, str] = field(default_factory=dict)


def load_study(
    inputs: Iterable[Path], config_file: Path, skip_invalid: bool = False, site: Path | None = None
) -> Study:
    """The report's interviews as a build of `site` codes them: analysed from redacted transcripts, with
    the study's review decisions applied. With `site`, the analysis reads and fills that build's caches."""
    config = load_config(config_file)
    if site is None:
        return study_of(analyse_study(inputs, config, None, skip_invalid=skip_invalid, purpose="export from"))
    site = site.absolute()
    # The caches are the build's: one writer at a time, as for a build.
    with build_lock(site):
        cache = site.parent / f".{site.name}-build" / "cache"
        return study_of(analyse_study(inputs, config, cache, skip_invalid=skip_invalid, purpose="export from"))


def study_of(analysed: AnalysedStudy) -> Study:
    """What the exchange needs of the analysed study: the codings of record, in the report's order (by
    id), and who added each a person added. No findings: the exchange needs codings, not figures."""
    summaries = sorted(analysed.reviewed.summaries, key=lambda s: s.id)
    report = Report(interviews=tuple(summaries), themes=(), transcripts={t.id: t for t in analysed.transcripts})
    added = {
        (x.decision.interview, x.theme, x.quote.turn, x.quote.text): x.decision.reviewer
        for x in in_effect(analysed.reviews.located)
        if x.decision.decision == "add" and x.theme is not None and x.quote is not None
    }
    return Study(analysed.config, report, analysed.ingest.problems, added)


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
