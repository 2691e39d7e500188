"""Search (write/search.py): what goes into the Pagefind index for a page, and what never does; on a
site of three hand-written pages, and on the built seed site."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import SEEDS

from generator.ingest import read_transcripts
from generator.write import search
from generator.write.search import index_site

SEED_IDS = ["work_0079", "work_0085", "work_0469", "work_0487", "work_0803"]

PAGES = {
    "themes/saves-time/index.html": "<main data-pagefind-body><h1>Saves time</h1><p>They mention zebrafish.</p></main>",
    "interviews/a/index.html": (
        "<main data-pagefind-body><h1>Interview a</h1><p>Summary: quokka.</p>"
        '<a href="#turn-2" data-pagefind-ignore>Turn 2</a>'
        '<section aria-labelledby="transcript" data-pagefind-ignore><p>AI: Tell me about narwhals.</p></section>'
        "</main>"
    ),
    # An interview past [limits] search_interviews: its page has no searchable region.
    "interviews/b/index.html": "<main><h1>Interview b</h1><p>axolotl</p></main>",
}


def indexed(site: Path) -> dict[str, str]:
    """What Pagefind indexed and shows in result excerpts, by page URL."""
    out = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        out[data["url"]] = data["content"]
    return out


def write_site(site: Path, pages: dict[str, str]) -> None:
    for rel, body in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f'<!doctype html><html lang="en"><head><title>t</title></head><body>{body}</body>')


def test_only_the_searchable_region_of_a_page_is_indexed_never_its_transcript_or_links(tmp_path):
    site = tmp_path / "site"
    write_site(site, PAGES)
    index_site(site, tmp_path / "cache")
    found = indexed(site)
    assert set(found) == {"/themes/saves-time/", "/interviews/a/"}
    assert "zebrafish" in found["/themes/saves-time/"] and "quokka" in found["/interviews/a/"]
    everything = " ".join(found.values())
    assert "narwhals" not in everything and "axolotl" not in everything and "Turn 2" not in everything


def test_the_same_pages_reuse_the_last_index_and_a_changed_page_is_indexed_again(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, PAGES)
    index_site(site, cache)
    again = tmp_path / "again"
    write_site(again, PAGES)

    def no_pagefind(*args, **kwargs):
        raise AssertionError("Pagefind ran although no searchable page changed")

    monkeypatch.setattr(subprocess, "run", no_pagefind)
    index_site(again, cache)
    assert set(indexed(again)) == {"/themes/saves-time/", "/interviews/a/"}
    monkeypatch.undo()
    changed = tmp_path / "changed"
    write_site(changed, PAGES | {"interviews/b/index.html": "<main data-pagefind-body><p>axolotl</p></main>"})
    index_site(changed, cache)
    assert "axolotl" in indexed(changed)["/interviews/b/"]
    # The cache keeps one index: the one this build used.
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 1


def test_pagefind_failing_is_one_error_with_what_it_said(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write_site(site, PAGES)

    def failing(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, "", "Error: could not write the index\n")

    monkeypatch.setattr(search.subprocess, "run", failing)
    with pytest.raises(Exception, match="^Pagefind could not index the site: Error: could not write the index$"):
        index_site(site, tmp_path / "cache")


# --- The built seed site.


def test_every_interview_is_searchable_by_what_was_said_not_the_links_and_labels_around_it(seed_site):
    """A search for "turn" or "link" must not match every page, and an excerpt must not read
    "Turn 4 · Link to this quote" between two quotes."""
    found = indexed(seed_site.output)
    assert {f"/interviews/{i}/" for i in SEED_IDS} <= set(found)
    for url, text in found.items():
        assert not re.search(r"(?i)\bturn \d+|link to this|@misc\{|encoding repairs? w", text), url
    page = found["/interviews/work_0085/"]
    # A label and its value are two words, so a search for the value finds the page.
    assert "Study split workforce How professionals use AI at work." in page  # the split, then its own title
    assert "Occupation group Community and social service." in page
    # The participant's words are still there.
    assert "a little too people-pleasy" in page


def test_no_interviewer_turn_is_indexed(seed_site, config):
    """The index holds summaries and quotes, which are the participants' words; the interviewer's
    questions are in the full transcript only, which is never indexed."""
    everything = " ".join(" ".join(indexed(seed_site.output).values()).split())
    asked = [
        " ".join(turn.text.split())
        for t in read_transcripts([SEEDS], config.labels).transcripts
        for turn in t.turns
        if turn.speaker == "interviewer" and len(turn.text) > 60
    ]
    assert len(asked) > 20
    assert [q for q in asked if q in everything] == []


def test_a_search_result_from_the_emerging_themes_says_they_are_candidates_not_findings(seed_site):
    fragments = (seed_site.output / "pagefind" / "fragment").glob("*.pf_fragment")
    pages = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :]) for f in fragments]
    emerging = next(p for p in pages if p["url"] == "/themes/emerging/")
    assert emerging["meta"]["title"] == "Emerging themes (candidates, not findings)"


def entries(site: Path) -> dict[str, dict]:
    """Each page's search entry (its text and its metadata, the title a result shows), by page URL."""
    out = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        out[data["url"]] = data
    return out


def test_an_interview_s_result_is_titled_by_occupation_and_split_not_by_its_id(seed_site):
    titles = {url: e["meta"]["title"] for url, e in entries(seed_site.output).items()}
    assert titles["/interviews/work_0079/"] == "Interview · Psychotherapist · workforce"
    assert titles["/interviews/work_0469/"] == "Interview · Customer service · workforce"
    assert titles["/interviews/work_0085/"] == "Interview · Occupation not stated · workforce"
    assert not [title for title in titles.values() if re.search(r"work_\d", title)]


def test_a_sentence_an_interview_page_shows_twice_is_in_its_search_entry_once(seed_site):
    """A result shows the matching sentence once, not once per section that quotes it (summary, theme
    evidence, dimension evidence)."""
    found = entries(seed_site.output)
    interviews = json.loads((seed_site.output / "data" / "interviews.json").read_text(encoding="utf-8"))
    repeated = 0
    for i in interviews["interviews"]:
        shown = [q["text"] for q in i["key_quotes"]]
        shown += [q["text"] for section in i["sections"] for q in section["summary"]]
        shown += [q["text"] for theme in i["themes"] for q in theme["evidence"]]
        shown += [q["text"] for values in i["dimension_evidence"].values() for v in values for q in v["evidence"]]
        shown += [i["interaction_evidence"]["text"]] if i["interaction_evidence"] else []
        text = " ".join(found[f"/{i['url']}"]["content"].split())
        for sentence in set(shown):
            said = " ".join(sentence.split())
            # Only sentences that are no part of another: those may rightly be found twice.
            if shown.count(sentence) > 1 and not any(said in other and said != other for other in shown):
                repeated += 1
                assert text.count(said) == 1, (i["id"], sentence)
    assert repeated >= 3
