"""The Data page (data/): every file the build published under data/, with its real size, its schema and
the data licence; and the REFI-QDA project published beside the other exports."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from lxml import etree, html
from test_exchange import NS, SCHEMAS, open_project

from generator.errors import BuildError
from generator.models import Report
from generator.publication import publish
from generator.write.format import size_label
from generator.write.views.data import data_page


@pytest.fixture(scope="module")
def site(seed_site):
    return seed_site.output


@pytest.fixture(scope="module")
def page(site):
    return html.fromstring((site / "data" / "index.html").read_bytes())


def listed(page) -> dict[str, tuple[int, str]]:
    """The files table: each file's name, its size in bytes and the size as the page says it."""
    rows = {}
    for row in page.xpath('//table[@class="data-files"]/tbody/tr'):
        size = row.xpath(".//data")[0]
        rows[row.xpath("./th//code")[0].text] = (int(size.get("value")), size.text)
    return rows


def fields(page, name: str) -> set[str]:
    """The field names the page documents for one file (a placeholder in italics as written)."""
    section = page.get_element_by_id("file-" + name.replace(".", "-")).getparent()
    names = set()
    for cell in section.xpath('.//table[@class="data-fields"]/tbody/tr/th'):
        # A placeholder's name, or the name's own code spans (not those of the type beside it).
        placeholder = cell.xpath("./em")
        names |= {placeholder[0].text} if placeholder else {c.text for c in cell.xpath("./code")}
    return names


def readable(size: int) -> str:
    """What a reader expects to see for a size, worked out here, not by the code under test."""
    if size < 1000:
        return f"{size} bytes"
    if size < 999_950:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def test_every_data_file_is_listed_with_its_size_on_disk(site, page):
    on_disk = {p.name: p.stat().st_size for p in (site / "data").iterdir() if p.name != "index.html"}
    assert {"interviews.json", "themes.csv", "editions.json", "project.qdpx"} <= set(on_disk)
    assert {name: size for name, (size, _) in listed(page).items()} == on_disk
    for name, (size, label) in listed(page).items():
        assert label == readable(size), name
    # Each name links to the file itself.
    links = page.xpath('//table[@class="data-files"]//a/@href')
    assert sorted(link.rsplit("/", 1)[-1] for link in links) == sorted(on_disk)
    assert all(link.endswith("/data/" + link.rsplit("/", 1)[-1]) for link in links)


def test_the_data_page_dates_its_edition_as_the_footer_does_and_gives_the_id_the_files_carry(site, page):
    edition = json.loads((site / "data" / "editions.json").read_text(encoding="utf-8"))["editions"][-1]
    exported = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))["edition"]
    header = " ".join(page.xpath('//header[@class="page-header"]')[0].text_content().split())
    assert f"Edition {edition['date']}," in header
    assert exported == edition["id"] != edition["date"]
    assert f"field reads {exported}." in header
    footer = " ".join(page.xpath("//footer")[0].text_content().split())
    assert f"Edition {edition['date']}," in footer


def test_every_footer_links_the_data_page_instead_of_listing_exports(site):
    for path in ("index.html", "methodology/index.html", "data/index.html"):
        footer = html.fromstring((site / path).read_bytes()).xpath("//footer")[0]
        data_links = [a for a in footer.xpath(".//a") if a.get("href").endswith("/data/")]
        assert [a.text_content() for a in data_links] == ["Data: every export, with its schema and licence"], path
        assert not [a for a in footer.xpath(".//a") if a.get("href").endswith((".json", ".csv"))], path


def test_sizes_read_as_a_reader_counts_them():
    assert [size_label(n) for n in (1, 999, 1000, 65_234, 999_949, 999_950, 1_234_567)] == [
        "1 byte", "999 bytes", "1.0 kB", "65.2 kB", "999.9 kB", "1.0 MB", "1.2 MB",
    ]  # fmt: skip


def test_each_json_export_is_documented_field_by_field_as_it_is_written(site, page):
    """The page's schema is checked against the files themselves, not against the catalogue it comes from."""
    data = site / "data"
    dimensions = {d["slug"] for d in json.loads((data / "dimensions.json").read_text(encoding="utf-8"))["dimensions"]}
    interview = json.loads((data / "interviews.json").read_text(encoding="utf-8"))["interviews"][0]
    assert dimensions and dimensions <= set(interview)
    assert fields(page, "interviews.json") == (set(interview) - dimensions) | {"dimension slug"}
    theme = json.loads((data / "themes.json").read_text(encoding="utf-8"))["themes"][0]
    assert fields(page, "themes.json") == set(theme)
    dimension = json.loads((data / "dimensions.json").read_text(encoding="utf-8"))["dimensions"][0]
    assert fields(page, "dimensions.json") == set(dimension)
    cluster = json.loads((data / "emerging.json").read_text(encoding="utf-8"))["clusters"]
    assert cluster and fields(page, "emerging.json") == set(cluster[0])
    edition = json.loads((data / "editions.json").read_text(encoding="utf-8"))["editions"][0]
    assert fields(page, "editions.json") == set(edition)


def test_each_csv_export_is_documented_column_by_column(site, page):
    data = site / "data"
    dimensions = {d["slug"] for d in json.loads((data / "dimensions.json").read_text(encoding="utf-8"))["dimensions"]}
    for name in ("interviews.csv", "themes.csv", "dimensions.csv"):
        header = set(next(csv.reader(io.StringIO((data / name).read_text(encoding="utf-8")))))
        documented = fields(page, name)
        if "dimension slug" in documented:
            header = (header - dimensions) | {"dimension slug"}
        assert documented == header, name


def test_the_licence_and_the_credit_are_stated(page, config):
    licence = page.xpath('//a[@rel="license"]')
    assert [(a.text, a.get("href")) for a in licence] == [("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")]
    text = page.text_content()
    assert "These files are published under CC BY 4.0." in text
    assert "Transcripts: Anthropic Interviewer dataset (Anthropic, 2025), released under CC-BY." in text


def test_without_a_licence_the_page_states_none_and_links_none(config):
    unlicensed = replace(config, data_licence="", data_licence_url="")
    publication = publish(Report(interviews=(), themes=()), unlicensed)
    page = data_page(publication, unlicensed, {"themes.json": 10}, "2026-11-23")
    assert page.data["licence"] is None
    assert [f["name"] for f in page.data["files"]] == ["themes.json"]


def test_a_data_file_without_a_description_is_not_published_undescribed(config):
    publication = publish(Report(interviews=(), themes=()), config)
    with pytest.raises(BuildError) as e:
        data_page(publication, config, {"themes.json": 10, "notes.bin": 3}, "2026-11-23")
    assert str(e.value) == "data/notes.bin has no entry in generator/write/catalogue.py; describe it there"


def test_the_published_project_is_valid_refi_qda_and_holds_the_codings_the_site_counts(site):
    root, texts = open_project((site / "data" / "project.qdpx").read_bytes())
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "Project.xsd"))
    assert schema.validate(root), schema.error_log
    code_label = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    coded = set()
    for source in root.iterfind(".//q:TextSource", NS):
        for selection in source.iterfind("q:PlainTextSelection", NS):
            cut = texts[source.get("name")][int(selection.get("startPosition")) : int(selection.get("endPosition"))]
            for ref in selection.iterfind("q:Coding/q:CodeRef", NS):
                coded.add((source.get("name"), code_label[ref.get("targetGUID")], cut))
    labels = {t["slug"]: t["label"] for t in json.loads((site / "data" / "themes.json").read_text("utf-8"))["themes"]}
    interviews = json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"]
    published = {
        (i["id"], labels[t["slug"]], q["text"]) for i in interviews for t in i["themes"] for q in t["evidence"]
    }
    assert len(published) >= 10
    assert coded == published
    # No reviewer is named: the default study does not publish their names.
    assert [u.get("name") for u in root.iterfind(".//q:User", NS)] == ["interview-report"]


def test_the_cached_project_is_made_again_when_anything_it_shows_changes(config, tmp_path):
    from test_publication import configured, tiny_report

    from generator.cache import Cache
    from generator.models import CodedTheme, Quote
    from generator.write.project import project_bytes, project_key

    report = tiny_report()
    full = publish(report, configured(config, "full"))
    key = project_key(full, config)
    assert project_key(publish(tiny_report(), configured(config, "full")), config) == key
    # Only the quoted sentences, not whole transcripts.
    assert project_key(publish(report, configured(config, "summaries")), config) != key
    # A coding a reviewer removed.
    first = replace(report.interviews[0], themes=(CodedTheme("saves-time", (Quote("I still check it.", 2),)),))
    recoded = replace(report, interviews=(first, *report.interviews[1:]))
    assert project_key(publish(recoded, configured(config, "full")), config) != key
    # A codebook theme renamed.
    renamed = replace(config, codebook=(replace(config.codebook[0], label="Faster work"), *config.codebook[1:]))
    assert project_key(full, renamed) != key
    # From the cache, the same bytes as made afresh.
    cache = Cache(tmp_path, ".qdpx")
    made = project_bytes(full, config, cache)
    assert project_bytes(full, config, Cache(tmp_path, ".qdpx")) == made
    assert project_bytes(full, config, Cache(None, ".qdpx")) == made
