"""Publication is a pure function of the current inputs and settings. The publication step decides once,
from the privacy level and [limits], what the site may show; and whatever earlier builds left in the
work folder (content, caches, staged search pages), one rebuild publishes exactly what a build from
scratch of the same inputs publishes. A withdrawn interview or a lowered publication level must be gone
the moment the new site is published, not a build later."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, Study, build

from generator.config import Limits, Privacy
from generator.models import (
    CodedTheme,
    EmergingTheme,
    InterviewSummary,
    Profile,
    Quote,
    Report,
    Share,
    ThemeFinding,
    ThemeQuote,
    Transcript,
    Turn,
)
from generator.pipeline import MARKER
from generator.publication import Excerpt, publish
from generator.write import start_content
from generator.write.views import build_pages

# --- The publication step, on a report of three interviews.

SAID = "It saves me hours. I still check it."


def _interview(tid: str) -> tuple[InterviewSummary, Transcript]:
    turns = (
        Turn(1, "interviewer", "AI", "What do you use it for?", 1),
        Turn(2, "participant", "User", SAID, 2),
        Turn(3, "interviewer", "AI", "Anything else?", 3),
        Turn(4, "participant", "User", f"Nothing else, says {tid}.", 4),
    )
    summary = InterviewSummary(
        Profile(tid, "workforce", "teacher", "education", Quote("I still check it.", 2)),
        (),
        "mixed",
        None,
        (CodedTheme("saves-time", (Quote("It saves me hours.", 2),), (0.9,)),),
        (Quote("I still check it.", 2),),
        4,
        0,
        statements=(Quote("I still check it.", 2),),
    )
    return summary, Transcript(tid, Path(f"{tid}.txt"), 1, turns)


def tiny_report() -> Report:
    interviews = [_interview(tid) for tid in ("a", "b", "c")]
    theme = ThemeFinding(
        "saves-time", "Saves time", "Saves time.", 3, 3, ("a", "b", "c"),
        (ThemeQuote("c", "Nothing else, says c.", 4), ThemeQuote("a", "It saves me hours.", 2)),
        (), (("hours", 3.0),), Share("all", 3, 3, 43.85, 100.0),
    )  # fmt: skip
    emerging = EmergingTheme(
        "check", ("check", "still", "it"), 3, 3, (ThemeQuote("b", "I still check it.", 2),),
        name=ThemeQuote("b", "Nothing else, says b.", 4),
    )  # fmt: skip
    return Report(
        interviews=tuple(s for s, _ in interviews),
        themes=(theme,),
        emerging=(emerging,),
        transcripts={t.id: t for _, t in interviews},
    )


def configured(config, publish_level: str, full: int | None = None, search: int | None = 10_000):
    return replace(config, privacy=Privacy(publish=publish_level), limits=Limits(full, search))


def pages_and_exports(publication, config, tmp_path) -> tuple[set[str], set[str]]:
    pages = {p.save_as for p in build_pages(publication, config, {}, "2026-01-01-abcdef12")}
    with start_content(publication, config, tmp_path, "2026-01-01-abcdef12"):
        pass
    exports = {p.name for p in (tmp_path / "data").iterdir()}
    # The Data page lists what was written at this level, and nothing the level withholds.
    data_page = json.loads((tmp_path / "pagedata" / "data.json").read_text(encoding="utf-8"))
    assert {f["name"] for f in data_page["files"]} == exports
    return pages, exports


INTERVIEW_PAGES = {"interviews/index.html", "quotes/index.html"} | {f"interviews/{i}/index.html" for i in "abc"}
EVERY_PAGE = {
    "index.html", "methodology/index.html", "themes/saves-time/index.html", "themes/saves-time/slide/index.html",
    "themes/emerging/index.html", "search/index.html", "participants/index.html", "interaction-style/index.html",
    *INTERVIEW_PAGES,
}  # fmt: skip
AGGREGATE_EXPORTS = {"themes.json", "themes.csv", "emerging.json"}
# The REFI-QDA project holds participants' words, as the per-interview exports do.
INTERVIEW_EXPORTS = {"interviews.json", "interviews.csv", "project.qdpx"}


def test_full_publishes_every_page_export_and_transcript(config, tmp_path):
    publication = publish(tiny_report(), configured(config, "full", search=None))
    pages, exports = pages_and_exports(publication, config, tmp_path)
    assert pages == EVERY_PAGE
    assert exports == AGGREGATE_EXPORTS | INTERVIEW_EXPORTS
    assert set(publication.report.transcripts) == {"a", "b", "c"}
    assert (publication.full_transcripts, publication.transcript_limit, publication.searchable) == (3, None, 3)
    assert publication.excerpts == {}


def test_the_transcript_limit_keeps_only_the_quoted_sentences_of_the_later_interviews(config, tmp_path):
    publication = publish(tiny_report(), configured(config, "full", full=1, search=2))
    pages, exports = pages_and_exports(publication, config, tmp_path)
    assert pages == EVERY_PAGE
    assert exports == AGGREGATE_EXPORTS | INTERVIEW_EXPORTS
    assert set(publication.report.transcripts) == {"a"}
    assert (publication.full_transcripts, publication.transcript_limit, publication.searchable) == (1, 1, 2)
    # In the order said, not the order quoted; the theme page quotes c's turn 4, the emerging themes page
    # names a cluster by b's turn 4, and nothing else is kept.
    quoted = Excerpt(2, "participant", ("It saves me hours.", "I still check it."), "User")
    assert publication.excerpts == {
        "b": (quoted, Excerpt(4, "participant", ("Nothing else, says b.",), "User")),
        "c": (quoted, Excerpt(4, "participant", ("Nothing else, says c.",), "User")),
    }


def test_summaries_publish_no_transcript_only_quoted_passages(config, tmp_path):
    publication = publish(tiny_report(), configured(config, "summaries", full=5))
    pages, exports = pages_and_exports(publication, config, tmp_path)
    assert pages == EVERY_PAGE
    assert exports == AGGREGATE_EXPORTS | INTERVIEW_EXPORTS
    assert publication.report.transcripts == {}
    # The level, not [limits], withholds them: the interview pages do not blame a limit.
    assert (publication.full_transcripts, publication.transcript_limit, publication.searchable) == (0, None, 3)
    assert set(publication.excerpts) == {"a", "b", "c"}


def test_aggregates_publish_no_interview_page_export_or_participant_sentence(config, tmp_path):
    publication = publish(tiny_report(), configured(config, "aggregates"))
    pages, exports = pages_and_exports(publication, config, tmp_path)
    assert pages == EVERY_PAGE - INTERVIEW_PAGES
    assert exports == AGGREGATE_EXPORTS
    report = publication.report
    assert report.transcripts == {} and publication.excerpts == {} and publication.searchable == 0
    assert [f.quotes for f in report.themes] == [()] and [e.quotes for e in report.emerging] == [()]
    # A cluster's name is a participant's sentence too: the page names it by its words instead.
    assert [(e.name, e.keywords) for e in report.emerging] == [(None, ("check", "still", "it"))]
    for s in report.interviews:
        assert (s.key_quotes, s.statements, s.style_evidence, s.profile.occupation_evidence) == ((), (), None, None)
        assert [t.evidence for t in s.themes] == [()]
    # Counts survive: the figures are the same at every level.
    assert [(f.n, f.N) for f in report.themes] == [(3, 3)] and report.N == 3


def test_the_publication_step_is_pure(config):
    report, settings = tiny_report(), configured(config, "full", full=2)
    assert publish(report, settings) == publish(report, settings)
    assert report == tiny_report()


def test_write_never_reads_the_privacy_level_or_the_limits():
    """Only the publication step does; a second check in write could disagree with it."""
    for path in sorted((ROOT / "generator" / "write").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("privacy.publish", "privacy.quotes", "privacy.full_transcripts", ".limits"):
            assert needle not in text, f"{path.relative_to(ROOT)} reads {needle}"


# --- Rebuilds publish what a build from scratch publishes.


def is_history(path: Path) -> bool:
    """The edition history records what earlier editions published, by design: data/editions.json names
    every interview of every edition, "What changed" lists the removed ones, and each edition's page
    keeps its figures under the slugs they had."""
    return path == Path("data/editions.json") or path.parts[0] in ("changes", "editions")


@pytest.fixture
def study(seed_copy):
    """The seed study built, with its work folder: each test starts from a copy of both."""
    return seed_copy


def tree(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def rebuild_as_from_scratch(study: Study, scratch: Path) -> dict[Path, bytes]:
    """Rebuild the study once, and build the same inputs into a new folder with no work folder beside it;
    the two sites must be the same. Returns the rebuilt site."""
    reference = scratch / "site"
    # The published edition history is an input of every build: the reference starts from it and nothing else.
    for name in (MARKER, "data/editions.json"):
        (reference / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(study.output / name, reference / name)
    build(study, study.output)
    build(study, reference)
    rebuilt, expected = tree(study.output), tree(reference)
    assert sorted(map(str, rebuilt.keys() - expected.keys())) == [], "published, though not from scratch"
    assert sorted(map(str, expected.keys() - rebuilt.keys())) == [], "published from scratch only"
    assert [str(p) for p in rebuilt if rebuilt[p] != expected[p]] == [], "different from scratch"
    return rebuilt


def published_text(site: dict[Path, bytes]) -> dict[Path, str]:
    """Every file as text, search fragments and indexes unzipped."""
    texts = {}
    for path, data in site.items():
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path] = data.decode("utf-8", errors="replace")
    return texts


def searchable_urls(site: Path) -> set[str]:
    return {
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["url"]
        for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    }


def assert_gone(site: dict[Path, bytes], interview_id: str) -> None:
    found = [str(p) for p, text in published_text(site).items() if interview_id in text and not is_history(p)]
    found += [str(p) for p in site if interview_id in str(p)]
    assert found == [], f"{interview_id} is still published"


def set_publish(study: Study, level: str) -> None:
    text = re.sub(r'\n\[privacy\]\npublish = "\w+"\n', "", study.config.read_text(encoding="utf-8"))
    study.config.write_text(text + f'\n[privacy]\npublish = "{level}"\n', encoding="utf-8")


def transcript_of(study: Study, interview_id: str) -> Path:
    return next(p for p in study.inputs.iterdir() if f"**Transcript ID:** {interview_id}\n" in p.read_text())


def test_lowering_the_publication_level_unpublishes_at_once_and_raising_it_republishes(tmp_path, study):
    assert (study.output / "interviews" / "work_0079" / "index.html").exists()
    set_publish(study, "aggregates")
    site = rebuild_as_from_scratch(study, tmp_path / "aggregates")
    assert not [p for p in site if p.parts[0] in ("interviews", "quotes")]
    assert Path("data/interviews.json") not in site and Path("data/interviews.csv") not in site
    assert not [url for url in searchable_urls(study.output) if "/interviews/" in url]

    set_publish(study, "summaries")
    site = rebuild_as_from_scratch(study, tmp_path / "summaries")
    page = site[Path("interviews/work_0079/index.html")].decode("utf-8")
    assert "Quoted passages" in page and "Full transcript" not in page

    set_publish(study, "full")
    site = rebuild_as_from_scratch(study, tmp_path / "full")
    assert b"Full transcript" in site[Path("interviews/work_0079/index.html")]


def test_a_withdrawn_interview_is_gone_after_one_rebuild(tmp_path, study):
    transcript_of(study, "work_0085").unlink()
    site = rebuild_as_from_scratch(study, tmp_path / "scratch")
    assert_gone(site, "work_0085")
    assert "/interviews/work_0085/" not in searchable_urls(study.output)


def test_a_renamed_interview_is_published_under_its_new_id_only(tmp_path, study):
    path = transcript_of(study, "work_0487")
    path.write_text(path.read_text().replace("**Transcript ID:** work_0487", "**Transcript ID:** work_9487"))
    site = rebuild_as_from_scratch(study, tmp_path / "scratch")
    assert Path("interviews/work_9487/index.html") in site
    assert_gone(site, "work_0487")


def test_a_renamed_theme_is_published_under_its_new_slug_only(tmp_path, study):
    codebook = study.config.parent / "codebook.toml"
    codebook.write_text(codebook.read_text().replace('slug = "social-stigma"', 'slug = "stigma-at-work"'))
    # The published figures name the theme by slug too: renamed without an alias, they follow by hand.
    study.config.write_text(study.config.read_text().replace('"social-stigma"', '"stigma-at-work"'))
    site = rebuild_as_from_scratch(study, tmp_path / "scratch")
    assert Path("themes/stigma-at-work/index.html") in site
    # Not a text search: other themes' definitions still name the old slug, as the codebook's text does.
    assert [p for p in site if "social-stigma" in str(p)] == []
    assert "/themes/social-stigma/" not in searchable_urls(study.output)


def planted(source: Path, target: Path) -> None:
    """A copy of an interview's file, as if an earlier build (or a killed one) had left it for ghost_0001."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes().replace(b"work_0079", b"ghost_0001"))


def test_nothing_an_earlier_build_left_in_the_work_folder_is_published(tmp_path, study):
    work = study.work
    content = work / "content"
    for folder, name in [
        (content / "pages" / "interviews", "{}.html"),
        (content / "pagedata" / "interviews", "{}.json"),
    ]:
        planted(folder / name.format("work_0079"), folder / name.format("ghost_0001"))
    # Pagefind reads the pages staged for it: a killed build can leave some there.
    interview = study.output / "interviews" / "work_0079" / "index.html"
    planted(interview, work / "cache" / "search-stage" / "interviews" / "ghost_0001" / "index.html")
    planted(content / "data" / "interviews.csv", content / "data" / "interviews.csv.new")
    planted(content / "data" / "interviews.csv", content / "data" / "ghost_0001.csv")
    planted(content / "figures" / "prevalence.png", content / "figures" / "ghost_0001.png")
    planted(study.output / "interviews" / "work_0079" / "index.html", work / "site" / "ghost_0001" / "index.html")
    # A changed input, so the search index is built again from the staged pages.
    transcript_of(study, "work_0085").unlink()
    site = rebuild_as_from_scratch(study, tmp_path / "scratch")
    assert_gone(site, "ghost_0001")
    assert_gone(site, "work_0085")
