"""The study analysed, as every command that reads it sees it: ingest -> redact -> analyse -> review.

Input: the transcript files, the study configuration and (optionally) the build's cache folder.
Output: AnalysedStudy: the redacted transcripts, the coder's summaries and the reviewed ones (the
codings of record). `report build`, the review screen (`report review`) and the exchange with QDA
tools (`report export`, `report import`) all call `analyse_study`, so what a reviewer is shown and
what a QDA tool receives are the codings the site is built from, and with one cache folder they read
and fill the same cache entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.analyse import Analyser
from generator.analyse.cache import AnalysisCache
from generator.config import StudyConfig
from generator.errors import BuildError, InvalidInputError, Problem
from generator.execute import AnalyseProgress, Executor, analyse_all
from generator.ingest import IngestResult, read_transcripts
from generator.memo import Memo
from generator.models import InterviewSummary, RedactionSummary, Transcript
from generator.redact import Redactor, redact_transcripts, refuse_identifying_names
from generator.review.stage import Reviewed, Reviews, apply_reviews, prepare_reviews

# Interview ids that are the name of a file the site writes beside the interview pages: the id's
# page folder and that file cannot both exist, and Pelican failed naming only its own output path.
CLASHING_IDS = {"index.html": "interviews/index.html, the list of interviews"}


@dataclass(frozen=True)
class AnalysedStudy:
    """The study after the analysis and its review decisions, before synthesis."""

    # Read cleanly, refused ids moved to the problems, and redacted: nothing here holds unredacted text.
    ingest: IngestResult
    redactions: RedactionSummary
    # The analyser as configured (its config holds the guide's automatic sections); the coder the
    # decisions refitted is `reviews.analyser`.
    analyser: Analyser
    reviews: Reviews
    # What the (refitted) coder found, before the decisions are applied: what the review screen asks about.
    coded: list[InterviewSummary]
    # The codings of record: `coded` with the decisions applied.
    reviewed: Reviewed
    memo: Memo
    cache: AnalysisCache

    @property
    def config(self) -> StudyConfig:
        return self.analyser.config

    @property
    def transcripts(self) -> tuple[Transcript, ...]:
        return self.ingest.transcripts


def read_study(inputs: Iterable[Path], config: StudyConfig, redactor: Redactor) -> IngestResult:
    """The transcripts, with every one the site could not publish (an id that is a page's name, an id
    or file name carrying an identifier) moved to the problems."""
    return refuse_identifying_names(refuse_page_clashes(read_transcripts(inputs, config.labels)), redactor)


def analyse_study(
    inputs: Iterable[Path],
    config: StudyConfig,
    cache: Path | None,
    *,
    skip_invalid: bool = False,
    purpose: str = "build from",
    executor: Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: AnalyseProgress | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> AnalysedStudy:
    """Read, redact and analyse the study, and apply its review decisions, as `report build` does.

    `cache` is the build's cache folder (`.<output>-build/cache`), None to remember nothing; the
    caller holds the output's build lock while it is used. `purpose` completes the message when no
    transcript is left ("no transcripts to <purpose>"). `on_stage` is told "read", "redact" and
    "analyse" as each ends (the build times them)."""
    redactor = Redactor(config.privacy)
    ingest = read_study(inputs, config, redactor)
    if ingest.problems and not skip_invalid:
        raise InvalidInputError(list(ingest.problems))
    if not ingest.transcripts:
        raise BuildError(f"no transcripts to {purpose}; check --input (see `report check`)")
    _done(on_stage, "read")
    # Before anything else sees the text: from here on every step holds redacted transcripts only.
    redacted, redactions = redact_transcripts(ingest.transcripts, redactor, cache / "redaction" if cache else None)
    ingest = IngestResult(redacted, ingest.problems)
    _done(on_stage, "redact")
    memo = Memo(cache / "study" if cache else None)
    analyser = Analyser.for_study(config, ingest.transcripts, memo)
    # The study's review decisions: checked before the analysis, which they teach (generator/review/).
    reviews = prepare_reviews(analyser, ingest.transcripts, memo, skip_invalid)
    analysis = AnalysisCache(cache / "analysis" if cache else None)
    coded = analyse_all(
        ingest.transcripts,
        reviews.analyser,
        analysis,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
    )
    # Reviewed codings are the codings of record from here on.
    reviewed = apply_reviews(reviews, coded, skip_invalid)
    _done(on_stage, "analyse")
    return AnalysedStudy(ingest, redactions, analyser, reviews, coded, reviewed, memo, analysis)


def refuse_page_clashes(ingest: IngestResult) -> IngestResult:
    """Move a transcript whose page would collide with a page of the site to the problems, at its line."""
    clashes = [t for t in ingest.transcripts if t.id.lower() in CLASHING_IDS]
    if not clashes:
        return ingest
    problems = [
        Problem(
            t.source,
            t.line,
            f"the transcript id {t.id!r} is the name of {CLASHING_IDS[t.id.lower()]}, so its page cannot be written",
            "give the interview another id",
        )
        for t in clashes
    ]
    return IngestResult(
        tuple(t for t in ingest.transcripts if t not in clashes),
        (*ingest.problems, *problems),
    )


def _done(on_stage: Callable[[str], None] | None, stage: str) -> None:
    if on_stage is not None:
        on_stage(stage)
