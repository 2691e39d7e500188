"""Editions: links from an earlier edition keep working, and the report says what changed."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from conftest import build


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_edition_1_url_resolves_in_edition_2(seed_copy, monkeypatch):
    # Edition 1: three of the seed interviews, with the seed study's caches but no published history.
    study, out = seed_copy, seed_copy.output
    shutil.rmtree(out)
    later = study.root / "later"
    later.mkdir()
    for seed in sorted(study.inputs.iterdir())[3:]:
        seed.rename(later / seed.name)
    build(study)  # 2026-11-23
    edition_1 = pages(out)
    first_id = json.loads((out / "data" / "editions.json").read_text(encoding="utf-8"))["editions"][0]["id"]

    # Edition 2, a week later: two more interviews, a changed definition, a renamed theme.
    for seed in later.iterdir():
        seed.rename(study.inputs / seed.name)
    codebook = study.config.parent / "codebook.toml"
    text = codebook.read_text(encoding="utf-8")
    text = text.replace('slug = "sycophancy"', 'slug = "people-pleasing"\naliases = ["sycophancy"]')
    text = text.replace("The participant says AI saves them time", "The participant reports that AI saves them time")
    codebook.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")  # 2026-11-30
    build(study)

    assert set(edition_1) <= set(pages(out))
    redirect = (out / "themes" / "sycophancy" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../themes/people-pleasing/"' in redirect
    history = json.loads((out / "data" / "editions.json").read_text(encoding="utf-8"))["editions"]
    assert [e["date"] for e in history] == ["2026-11-23", "2026-11-30"]
    assert (out / "editions" / first_id / "index.html").exists()
    changes = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "2 added, 0 changed, 0 removed." in changes
    # The renamed theme is compared with its own earlier figure, not shown as new.
    assert "new theme" not in changes and "removed" not in changes.split("Interviews")[0]


def test_rebuilding_the_same_inputs_keeps_the_edition_and_its_date(seed_copy, monkeypatch):
    # The seed site was built on 2026-11-23.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build(seed_copy)
    history = json.loads((seed_copy.output / "data" / "editions.json").read_text(encoding="utf-8"))["editions"]
    assert [e["date"] for e in history] == ["2026-11-23"]


def every_file_as_text(site: Path) -> dict[str, str]:
    """Every published file, search index fragments unzipped, as text."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def transcript_of(study, interview_id: str) -> Path:
    return next(p for p in study.inputs.iterdir() if f"**Transcript ID:** {interview_id}\n" in p.read_text())


def test_a_withdrawn_interview_s_id_is_gone_from_every_file_at_the_next_build(seed_copy, monkeypatch):
    assert any("work_0085" in text for text in every_file_as_text(seed_copy.output).values())
    transcript_of(seed_copy, "work_0085").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build(seed_copy)
    texts = every_file_as_text(seed_copy.output)
    assert "data/editions.json" in texts and any(p.startswith("pagefind/") for p in texts)
    assert [path for path, text in texts.items() if "work_0085" in text or "work_0085" in path] == []
    assert "0 added, 0 changed, 1 removed." in texts["changes/index.html"]
    history = json.loads(texts["data/editions.json"])
    assert history["schema_version"] == 2 and [len(e["interview_keys"]) for e in history["editions"]] == [5, 4]


def test_what_changed_links_only_to_pages_the_build_publishes(seed_copy, monkeypatch):
    study, out = seed_copy, seed_copy.output
    study.config.write_text(
        study.config.read_text(encoding="utf-8") + '\n[privacy]\npublish = "aggregates"\n', encoding="utf-8"
    )
    shutil.rmtree(out)
    later = study.root / "later"
    later.mkdir()
    for interview_id in ("work_0469", "work_0803"):
        path = transcript_of(study, interview_id)
        path.rename(later / path.name)
    build(study)
    for seed in later.iterdir():
        seed.rename(study.inputs / seed.name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build(study)
    changes = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "2 added, 0 changed, 0 removed." in changes
    links = re.findall(r'href="([^"#?]+)', changes)
    local = [link for link in links if not link.startswith(("http:", "https:", "mailto:"))]
    missing = [link for link in local if not (out / link.lstrip("./")).exists() and not (out / link).exists()]
    assert missing == [] and not [link for link in local if "interviews/" in link]
    assert "work_0469" not in changes and "work_0803" not in changes


def test_a_history_written_with_ids_is_read_and_rewritten_without_them(seed_copy, monkeypatch):
    path = seed_copy.output / "data" / "editions.json"
    history = json.loads(path.read_text(encoding="utf-8"))
    # As an earlier version wrote it: the interviews by id, one of them since withdrawn.
    history["editions"][0]["interviews"] = [["work_0079", "0" * 16], ["work_9999", "1" * 16]]
    del history["editions"][0]["interview_keys"]
    path.write_text(json.dumps(history), encoding="utf-8")
    transcript_of(seed_copy, "work_0803").unlink()  # a change, so this build is a new edition
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build(seed_copy)
    texts = every_file_as_text(seed_copy.output)
    assert [p for p, text in texts.items() if "work_9999" in text] == []
    # work_0079 under another content hash: changed; the other three seeds: added; work_9999: removed.
    assert "3 added, 1 changed, 1 removed." in texts["changes/index.html"]
    assert "work_0079" in json.dumps(history) and "work_0079" not in texts["data/editions.json"]


def nav(page: Path) -> list[str]:
    """The main navigation's items, as a reader reads them."""
    text = page.read_text(encoding="utf-8")
    block = text[text.index('<nav class="site-nav"') : text.index("</nav>")]
    return re.findall(r">([^<>]+)</a>", block)


def test_what_changed_joins_the_nav_only_once_there_is_an_earlier_edition(seed_site, seed_copy, monkeypatch):
    # The seed site is a first edition: there is nothing to compare it with.
    first = seed_site.output
    assert nav(first / "index.html") == ["Findings", "Quotes", "Interviews", "Methodology", "Search", "Data"]
    # The page stays for the footer's "Edition …" link, which says it is the first edition.
    assert "This is the first edition of the report" in (first / "changes" / "index.html").read_text(encoding="utf-8")
    transcript_of(seed_copy, "work_0085").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build(seed_copy)
    second = seed_copy.output
    every = ["Findings", "Quotes", "Interviews", "Methodology", "What changed", "Search", "Data"]
    assert nav(second / "index.html") == every
    # On every page, interview pages too (their render cache must not keep the first edition's nav).
    assert nav(second / "interviews" / "work_0079" / "index.html") == every
