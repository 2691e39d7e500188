"""Per-split interview guides and titles: a combined study codes each split's interviews against its
own protocol ([split.NAME] guide), names each split by its own title where the split is described,
and editing one split's guide analyses only that split's interviews again.

tests/data/split-guides/ holds one short interview of each protocol of the default study: a creative
professional asked the creatives' questions, and a payroll clerk asked the workforce's.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, copy_study

from generator.analyse import Analyser, summarise_interview
from generator.config import load_config
from generator.errors import ConfigError
from generator.ingest import Labels, read_transcripts
from generator.ingest.turns import split_turns
from generator.models import Transcript
from generator.pipeline import build_site

SPLIT_GUIDES = DATA / "split-guides"


@pytest.fixture(scope="module")
def interviews(config) -> dict[str, Transcript]:
    return {t.id: t for t in read_transcripts([SPLIT_GUIDES], config.labels).transcripts}


def test_a_creatives_interview_is_summarised_under_the_creatives_guides_sections(config, interviews):
    analyser = Analyser.for_config(config)
    creative = summarise_interview(interviews["creativity_0001"], analyser)
    assert [(s.slug, s.title, s.turns) for s in creative.sections] == [
        ("introduction", "Introduction and consent", (1, 2)),
        ("creative-work", "Their creative work", (3, 4)),
        ("process", "Where AI enters the creative process", (5, 6)),
        ("project", "A recent project", (7, 8)),
        ("interaction", "Who drives the creative decisions", (9, 10)),
        ("changes", "What has changed", (11, 12)),
        ("concerns", "Concerns", (13, 14)),
        ("future", "Looking ahead", (15, 16)),
        ("closing", "Anything else", (17, 18)),
    ]
    # The workforce interview of the same study keeps the study's guide.
    clerk = summarise_interview(interviews["work_0001"], analyser)
    assert [(s.slug, s.turns) for s in clerk.sections] == [
        ("introduction", (1, 2)),
        ("tasks", (3, 4)),
        ("kept-human", (5, 6)),
        ("interaction", (7, 8)),
        ("colleagues", (9, 10)),
        ("closing", (11, 12)),
    ]


def test_the_interaction_style_is_decided_by_the_answer_to_the_creatives_own_direct_question(config, interviews):
    analyser = Analyser.for_config(config)
    creative = summarise_interview(interviews["creativity_0001"], analyser)
    # "I hand it small research tasks and take what it gives me", the answer to who drives the decisions.
    assert creative.interaction_style == "delegating"
    assert creative.style_evidence is not None and creative.style_evidence.turn == 10


def _interview(tid: str, asked: str) -> Transcript:
    text = (
        "AI: Does that sound good? Any questions before we begin?\n\nUser: No, let's start.\n\n"
        f"AI: Great. {asked}\n\nUser: Mostly the cello, with generated backing tracks."
    )
    return Transcript(tid, Path("inline.txt"), 1, split_turns(text, Labels()).turns)


def test_recurring_questions_become_automatic_sections_of_the_guide_they_were_asked_with(config):
    study = replace(
        config,
        guide=config.guide[:1],
        split_settings=tuple(
            replace(s, guide=s.guide[:1]) if s.guide is not None else s for s in config.split_settings
        ),
    )
    asked = "Which musical instruments do you practise with AI accompaniment?"
    transcripts = [
        *(_interview(f"creativity_{i}", asked) for i in range(3)),
        *(_interview(f"work_{i}", "What did you have for lunch today?") for i in range(1)),
    ]
    analyser = Analyser.for_study(study, transcripts)
    creatives = analyser.config.guide_of("creatives")
    assert [s.slug for s in creatives] == ["introduction", "auto-musical-instruments-practise-accompaniment"]
    assert creatives[1].automatic
    # Asked of no workforce participant: not a section of the workforce's guide.
    assert [s.slug for s in analyser.config.guide_of("workforce")] == ["introduction"]


# --- Configuration: each mistake is one message naming the place and the fix.


@pytest.fixture
def study(tmp_path):
    return copy_study(tmp_path)


MISTAKES = {
    "a split [splits] does not name, close to one it does": (
        "[split.creatives]",
        "[split.creative]",
        "[split.creative]: no split is named 'creative' in [splits]; did you mean [split.creatives]?",
    ),
    "a split [splits] does not name": (
        "[split.creatives]",
        "[split.musicians]",
        "[split.musicians]: no split is named 'musicians' in [splits]; the splits are creatives, scientists, workforce",
    ),
    "a misspelt key in a split's table": (
        'guide = "guide-creatives.toml"',
        'gudie = "guide-creatives.toml"',
        "unknown key 'gudie' in [split.creatives]; did you mean 'guide' "
        "(the interview guide the split's interviews were held with)?",
    ),
    "a guide that is not text": (
        'guide = "guide-creatives.toml"',
        "guide = 2",
        '[split.creatives] guide = 2: must be text; write it in double quotes, e.g. guide = "guide-creatives.toml"',
    ),
    "a split's settings under [splits]": (
        "[split.creatives]",
        "[splits.creatives]",
        "[splits.creatives] is a table; [splits] maps id prefixes to split names, and a split's own title "
        "and guide go under a [split.creatives] line",
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_split_setting_mistake_is_one_message_naming_its_place_and_the_fix(study, mistake):
    old, new, message = MISTAKES[mistake]
    text = study.read_text(encoding="utf-8")
    assert old in text
    study.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{study}: {message}"


def test_a_split_table_written_as_a_value_at_the_top_is_refused(study):
    study.write_text('split = "creatives"\n\n[splits]\n"creativity_" = "creatives"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f'{study}: split = "creatives": must be a table; write a [split.NAME] line for each, with its keys under it'
    )


def test_a_split_table_without_any_splits_says_to_name_the_split_first(study):
    text = study.read_text(encoding="utf-8")
    start, end = text.index("[splits]"), text.index("[split.workforce]")
    study.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{study}: [split.creatives]: no split is named 'creatives', because [splits] names none; map an id "
        'prefix to it first under a [splits] line, e.g. "creatives_" = "creatives"'
    )


def test_a_missing_split_guide_names_the_file_and_the_setting_that_points_at_it(study):
    (study.parent / "guide-creatives.toml").unlink()
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{study.parent / 'guide-creatives.toml'}: interview guide not found; "
        f"create it, or set [split.creatives] guide in {study} to its path"
    )


def test_a_split_guide_with_a_bad_section_is_refused_in_that_guide(study):
    guide = study.parent / "guide-creatives.toml"
    guide.write_text(guide.read_text(encoding="utf-8").replace('slug = "changes"', 'slug = "Changes!"'))
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{guide}: [[section]] number 6: slug 'Changes!' must be up to 100 lowercase letters, digits and "
        "single hyphens, e.g. 'saves-time'"
    )


def test_the_default_study_gives_the_creatives_their_own_guide_and_title(config):
    assert config.guide_of("creatives") != config.guide
    assert config.guide_of("workforce") == config.guide == config.guide_of("scientists")
    assert config.split_setting("creatives").title == "How creative professionals use AI"
    # The site keeps the study's title.
    assert config.title == "How professionals use AI at work"


# --- The site: the study's title for the site, each split's own where it is described.


def _study_with_both_splits(root):
    study = copy_study(root / "study")
    inputs = root / "inputs"
    shutil.copytree(SPLIT_GUIDES, inputs)
    return study, inputs


@pytest.fixture(scope="module")
def both_splits(tmp_path_factory):
    root = tmp_path_factory.mktemp("split-guides")
    study, inputs = _study_with_both_splits(root)
    build_site([inputs], root / "site", study, executor="serial")
    return root / "site"


def _text(html: str) -> str:
    """What a reader reads: tags out (a line break is a space), spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.replace("<br>", " "))).strip()


def test_the_methodology_page_lists_each_guide_with_its_splits_own_title(both_splits):
    html = (both_splits / "methodology" / "index.html").read_text(encoding="utf-8")
    guides = html[html.index('<h2 id="guide">') : html.index('<section aria-labelledby="codebook">')]
    text = _text(guides)
    assert "Interview guides" in text
    # The study's guide first, for the workforce; then the creatives' own.
    workforce, creatives = guides.index('id="workforce-guide"'), guides.index('id="creatives-guide"')
    assert workforce < creatives
    assert "Workforce: How professionals use AI at work (1 interview)" in text
    assert "Creatives: How creative professionals use AI (1 interview)" in text
    assert "Who drives the creative decisions" in _text(guides[creatives:])
    assert "Who drives the creative decisions" not in _text(guides[:creatives])
    assert "Colleagues and workplace culture" in _text(guides[workforce:creatives])
    # Every section keeps an anchor of its own: the study guide's as before, the creatives' prefixed.
    assert 'id="guide-tasks"' in guides and 'id="creatives-guide-creative-work"' in guides
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_an_interview_page_names_its_splits_title_and_links_to_its_guide(both_splits):
    html = (both_splits / "interviews" / "creativity_0001" / "index.html").read_text(encoding="utf-8")
    profile = html[html.index("<dt>Study split</dt>") : html.index("<dt>Occupation, as stated</dt>")]
    assert _text(profile) == "Study split creatives How creative professionals use AI"
    assert '<a href="../../methodology/#creatives-guide">interview guide of the creatives split</a>' in html
    assert '<h3 id="section-project">A recent project</h3>' in html
    # The site's own title stays the study's.
    assert "<title>Interview creativity_0001 · How professionals use AI at work</title>" in html


def test_the_participants_page_and_the_splits_compared_name_each_splits_title(both_splits):
    participants = (both_splits / "participants" / "index.html").read_text(encoding="utf-8")
    rows = [
        (_text(split), _text(study))
        for split, study in re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', participants)
    ]
    assert rows[:2] == [
        ("Creatives", "How creative professionals use AI Creative professionals: writers, artists, musicians, "
         "designers and others."),
        ("Workforce", "How professionals use AI at work Members of the general workforce, across occupations."),
    ]  # fmt: skip
    home = (both_splits / "index.html").read_text(encoding="utf-8")
    compared = _text(home[home.index('id="splits-title"') :])
    assert "Creatives: How creative professionals use AI; Workforce: How professionals use AI at work." in compared
    assert "Each split’s interviews are summarised with its own interview guide." in compared


# --- The cache: editing one split's guide analyses only that split's interviews again.


def test_editing_one_splits_guide_analyses_only_that_splits_interviews_again(tmp_path):
    study, inputs = _study_with_both_splits(tmp_path)
    out = tmp_path / "site"
    first = build_site([inputs], out, study, executor="serial")
    assert (first.analysed_fresh, first.analysed_cached) == (2, 0)

    creatives = study.parent / "guide-creatives.toml"
    creatives.write_text(creatives.read_text(encoding="utf-8").replace('"A recent project"', '"One recent project"'))
    second = build_site([inputs], out, study, executor="serial")
    assert (second.analysed_fresh, second.analysed_cached) == (1, 1)
    creative = next(s for s in second.report.interviews if s.id == "creativity_0001")
    assert "One recent project" in [s.title for s in creative.sections]
    clerk = next(s for s in second.report.interviews if s.id == "work_0001")
    assert clerk == next(s for s in first.report.interviews if s.id == "work_0001")

    # The study's guide is the workforce's: editing it analyses the workforce interview only.
    guide = study.parent / "guide.toml"
    guide.write_text(guide.read_text(encoding="utf-8").replace('"AI in the workday"', '"AI in a working day"'))
    third = build_site([inputs], out, study, executor="serial")
    assert (third.analysed_fresh, third.analysed_cached) == (1, 1)
    clerk = next(s for s in third.report.interviews if s.id == "work_0001")
    assert "AI in a working day" in [s.title for s in clerk.sections]
