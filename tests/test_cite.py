"""Citations (write/cite.py): the plain-text and BibTeX forms a reader copies from a page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.write.cite import citation_authors, cite, is_group

TITLE = "Teachers & AI: 100% honest_notes"


@pytest.fixture
def study(config):
    return replace(config, title=TITLE, authors=("Ada Lovelace", "Alan Turing"), site_url="https://example.org/r")


def test_the_report_is_cited_with_its_authors_edition_and_absolute_address(study):
    c = cite(study, "2026-11-23", "")
    assert c.url == "https://example.org/r/"
    assert (
        c.text
        == "Ada Lovelace, Alan Turing. Teachers & AI: 100% honest_notes. Edition 2026-11-23. https://example.org/r/"
    )
    assert c.bibtex == (
        "@misc{teachersai100honestnotes2026,\n"
        "  title = {Teachers \\& AI: 100\\% honest\\_notes},\n"
        "  author = {Ada Lovelace and Alan Turing},\n"
        "  year = {2026},\n"
        "  note = {Edition 2026-11-23},\n"
        "  url = {https://example.org/r/}\n"
        "}"
    )


def test_a_finding_is_cited_as_a_part_of_the_report_under_its_own_key(study):
    c = cite(study, "2026-11-23", "#finding-saves-time", "Finding: AI saves time", "saves-time")
    assert c.text == (
        "Ada Lovelace, Alan Turing. Finding: AI saves time. In: Teachers & AI: 100% honest_notes. "
        "Edition 2026-11-23. https://example.org/r/#finding-saves-time"
    )
    assert c.bibtex.splitlines()[:3] == [
        "@misc{teachersai100honestnotes2026-saves-time,",
        "  title = {Finding: AI saves time},",
        "  booktitle = {Teachers \\& AI: 100\\% honest\\_notes},",
    ]


def test_without_a_site_address_or_authors_the_report_is_its_own_corporate_author(study):
    anonymous = replace(study, authors=(), site_url="")
    c = cite(anonymous, "2027-01-05", "themes/job-security/", "Job security", "job-security")
    assert c.url == "/themes/job-security/"
    # As APA cites a work without an author: the title leads.
    assert c.text == "Job security. In: Teachers & AI: 100% honest_notes. Edition 2027-01-05. /themes/job-security/"
    # Braced twice, so BibTeX keeps the title whole as one corporate name, not a first name and a surname.
    assert "  author = {{Teachers \\& AI: 100\\% honest\\_notes}},\n" in c.bibtex
    assert "  year = {2027},\n" in c.bibtex
    assert citation_authors(anonymous) == ("Teachers & AI: 100% honest_notes",)
    assert citation_authors(study) == ("Ada Lovelace", "Alan Turing")


def test_the_default_study_names_its_authors_in_every_citation(config, seed_site):
    assert config.authors == ("interview-report contributors",)
    home = (seed_site.output / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_author" content="interview-report contributors">' in home
    # Braced twice: BibTeX files the group under its whole name, not as "contributors, interview-report".
    assert "  author = {{interview-report contributors}},\n" in home
    assert '<p class="citation__text">interview-report contributors. How professionals use AI at work.' in home


def test_a_group_author_is_kept_whole_in_bibtex_and_a_person_is_left_for_bibtex_to_split(study):
    authors = ("interview-report contributors", "Ada Lovelace", "Ludwig van Beethoven", "Institute of Education",
               "Turing, Alan", "al-Khwarizmi Musa")  # fmt: skip
    c = cite(replace(study, authors=authors), "2026-11-23", "")
    assert (
        "  author = {{interview-report contributors} and Ada Lovelace and Ludwig van Beethoven"
        " and {Institute of Education} and Turing, Alan and al-Khwarizmi Musa},\n"
    ) in c.bibtex
    # The plain text and the citation_author names carry no braces.
    assert c.text.startswith("interview-report contributors, Ada Lovelace, Ludwig van Beethoven, ")
    assert not is_group("Research Team") and is_group("the Research Team")
