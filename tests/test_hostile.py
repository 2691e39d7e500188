"""Hostile and broken inputs: shown as text and never executed, reported and never fatal to the rest,
and nothing identifying published.

tests/data/hostile/ holds transcripts with markup, scripts, template syntax, Pelican-like
metadata lines and seeded identifiers, beside broken files of every kind a researcher meets.
"""

from __future__ import annotations

import gzip
import html.parser
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, SEEDS, copy_study

from generator.config import SITE_NAMES
from generator.errors import ConfigError, InvalidInputError
from generator.ingest import Labels, read_transcripts
from generator.pipeline import build_site

HOSTILE = DATA / "hostile"

# Seeded in pii_contact.txt; the study lists the names and the clinic.
SEEDED = [
    "maria.gonzalez@riverside-clinic.example",
    "555-0132",
    "415) 555",
    "7946 0958",
    "mariag-notes.example.com",
    "www.riverside-clinic.example",
    "Amphitheatre Parkway",
    "Daniel",
    "Okafor",
    "Riverside Clinic",
]
PRIVACY = """
[privacy]
names = ["Daniel Okafor", "Maria Gonzalez"]
organisations = ["Riverside Clinic"]
"""


def hostile_study(root: Path, publish: str = "full") -> Path:
    config = copy_study(root)
    with config.open("a", encoding="utf-8") as f:
        f.write(PRIVACY.replace("[privacy]", f'[privacy]\npublish = "{publish}"'))
    return config


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    result = build_site([HOSTILE], root / "site", hostile_study(root), skip_invalid=True)
    return result


def published_text(site: Path) -> dict[Path, str]:
    """Every file of the site as text a reader or a crawler could get at, search fragments unzipped."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in {".png", ".ico", ".woff", ".woff2", ".wasm"}:
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path] = data.decode("utf-8", errors="replace")
    return texts


class _Executable(html.parser.HTMLParser):
    """Collects every construct in a page that a browser would run or load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"iframe", "object", "embed", "svg", "base", "meta"} and not _our_meta(tag, attrs):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction"} and value and _unsafe_url(value):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src or _unsafe_url(src) or "theme/js/" not in src and "pagefind/" not in src:
                self.found.append(f"<script src={src!r}>")
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("inline script")


def _our_meta(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The theme's own <meta> tags; a meta refresh to a javascript: or foreign URL is not ours."""
    if tag != "meta":
        return False
    content = dict(attrs).get("content") or ""
    return dict(attrs).get("http-equiv") != "refresh" or not _unsafe_url(content.partition("url=")[2])


def _unsafe_url(value: str) -> bool:
    v = re.sub(r"\s", "", value).lower()
    return v.startswith(("javascript:", "data:text", "vbscript:")) or "evil.example" in v


def executable_constructs(page: str) -> list[str]:
    parser = _Executable()
    parser.feed(page)
    return parser.found


def test_the_hostile_corpus_builds_with_every_good_transcript_and_a_message_for_every_bad_file(hostile_site):
    published = {s.id for s in hostile_site.report.interviews}
    assert published == {
        "hostile_csv_1", "hostile_csv_2", "hostile_markup", "pii_contact", "utf16_with_bom", "utf16_without_bom",
    }  # fmt: skip
    problems = {p.path.name for p in hostile_site.skipped}
    expected = {
        "broken_quote.csv", "empty.txt", "ids.csv", "latin1.txt", "missing_column.csv", "no_participant.txt",
        "nul_bytes.txt", "random_binary.md",
    }  # fmt: skip
    assert problems == expected
    for p in hostile_site.skipped:
        assert p.what and p.fix  # says what is wrong and what to do
        if p.path.suffix == ".csv" or p.path.name in {"latin1.txt", "nul_bytes.txt"}:
            assert p.line, f"{p} should name the line"


def test_skipped_files_are_published_by_their_name_in_the_input_folder_never_by_a_path_on_this_machine(hostile_site):
    sources = {s.source.split(":")[0] for s in hostile_site.report.skipped}
    assert sources == {p.path.name for p in hostile_site.skipped}  # the input folder holds them directly
    for path, text in published_text(hostile_site.output).items():
        assert str(HOSTILE.parent) not in text, f"a path on this machine is published in {path}"


def test_no_page_of_the_hostile_site_contains_an_executable_construct_from_the_input(hostile_site):
    pages = [p for p in sorted(hostile_site.output.rglob("*.html"))]
    assert len(pages) > 10
    for page in pages:
        assert executable_constructs(page.read_text(encoding="utf-8")) == [], page
    markup = (hostile_site.output / "interviews" / "hostile_markup" / "index.html").read_text(encoding="utf-8")
    # Shown as the literal text the participant typed...
    assert "&lt;script&gt;alert(&#39;pwn-script&#39;)&lt;/script&gt;" in markup
    assert "[click me](javascript:alert(&#39;pwn-link&#39;))" in markup
    assert "{{ &#39;pwn&#39; * 3 }}" in markup
    assert "Title: Hacked page" in markup
    # ...and never evaluated: no template ran, no page was saved where the metadata line asked.
    assert "pwnpwnpwn" not in markup
    assert not (hostile_site.output.parent / "evil.html").exists()
    assert not list(hostile_site.output.rglob("evil.html"))


def test_every_page_forbids_inline_script_in_its_content_security_policy(hostile_site):
    for page in sorted(hostile_site.output.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy, page
        script_src = re.search(r"script-src ([^;]+)", policy.group(1)).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_no_seeded_identifier_survives_anywhere_in_the_site(hostile_site):
    texts = published_text(hostile_site.output)
    assert any("pagefind" in str(p) for p in texts)  # the search index is scanned too
    for path, text in texts.items():
        for seeded in SEEDED:
            assert seeded.lower() not in text.lower(), f"{seeded!r} published in {path}"
    page = texts[hostile_site.output / "interviews" / "pii_contact" / "index.html"]
    page = page[page.index('id="transcript"') :]  # the full transcript, where each mention appears once
    # Consistent within the interview: the same person keeps one marker; the source's own marker is kept.
    assert page.count("[EMAIL-1]") == 2 and "[EMAIL-2]" not in page
    assert page.count("[NAME-1]") >= 4 and "[NAME-2]" not in page
    assert "[ORG-1]" in page and "[PHONE-2]" in page and "[URL-2]" in page and "[ADDRESS-1]" in page
    assert "[REDACTED]" in page


def test_the_build_counts_every_redaction(hostile_site):
    counts = dict(hostile_site.report.redactions.counts)
    # URLs: two in pii_contact, and the two evil.example links pasted in hostile_markup.
    assert counts["email"] == 2 and counts["phone"] == 2 and counts["url"] == 4 and counts["address"] == 1
    assert counts["organisation"] == 1 and counts["name"] == 4
    methodology = (hostile_site.output / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "2 e-mail addresses" in methodology and "4 names of people" in methodology


def test_without_skip_invalid_the_build_stops_naming_every_bad_file_and_publishes_nothing(tmp_path):
    with pytest.raises(InvalidInputError) as e:
        build_site([HOSTILE], tmp_path / "site", hostile_study(tmp_path))
    assert len(e.value.problems) == 13
    assert not (tmp_path / "site").exists()


def test_a_50_mb_file_gets_one_message_and_the_other_transcripts_still_build(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(DATA / "plain-turns", inputs)
    turn = "Assistant: And then?\n\nUser: " + "I used AI for the rota again. " * 40 + "\n\n"
    with (inputs / "huge.txt").open("w", encoding="utf-8") as f:
        for _ in range(50 * 1024 * 1024 // len(turn) + 1):
            f.write(turn)
    assert (inputs / "huge.txt").stat().st_size >= 50 * 1024 * 1024
    result = read_transcripts([inputs], Labels(("Assistant", "AI"), ("User",)))
    assert [t.id for t in result.transcripts] == ["nurse_01"]
    [problem] = result.problems
    assert problem.path.name == "huge.txt" and "longer than one interview" in problem.what


@pytest.mark.parametrize("publish", ["full", "summaries", "aggregates"])
def test_each_publication_level_publishes_what_it_says_and_no_more(tmp_path, hostile_site, publish):
    # Rebuilt from the full site and its work folder: what a level withholds must go at once.
    shutil.copytree(hostile_site.output.parent, tmp_path, dirs_exist_ok=True, symlinks=True)
    config = tmp_path / "content" / "study.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('publish = "full"', f'publish = "{publish}"'))
    result = build_site([HOSTILE], tmp_path / "site", config, skip_invalid=True)
    site = result.output
    texts = published_text(site)
    everything = "\n".join(texts.values())
    interviewer_only = "Where do you draw the line?"  # an interviewer turn of pii_contact
    quoted = {q.text for f in result.report.themes for q in f.quotes}
    assert quoted, "the hostile corpus should yield representative quotes"
    methodology = texts[site / "methodology" / "index.html"]
    if publish == "full":
        assert interviewer_only in everything
        assert (site / "data" / "interviews.json").exists()
    if publish == "summaries":
        assert interviewer_only not in everything
        page = texts[site / "interviews" / "pii_contact" / "index.html"]
        assert "Quoted passages" in page and "full transcripts are not published" in methodology
        # Every quote's link still lands on its turn, which holds the quoted words.
        for f in result.report.themes:
            for q in f.quotes:
                target = texts[site / "interviews" / q.interview_id / "index.html"]
                assert f'id="turn-{q.turn}"' in target
    if publish == "aggregates":
        assert not (site / "interviews").exists() and not (site / "quotes").exists()
        assert not (site / "data" / "interviews.json").exists()
        for text in quoted:
            assert html_escape(text) not in everything and text not in everything
        assert "themes and aggregate figures only" in methodology
        for page in site.rglob("*.html"):
            assert not re.search(r'href="[./]*interviews/', page.read_text(encoding="utf-8")), page
    # Every level still reports every theme's prevalence.
    home = texts[site / "index.html"]
    for f in result.report.themes:
        assert f'id="finding-{f.slug}"' in home


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def test_a_rebuild_reuses_the_redaction_and_publishes_the_same_redacted_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    config = hostile_study(tmp_path)
    first = build_site([HOSTILE], tmp_path / "site", config, skip_invalid=True)
    entries = sorted((tmp_path / ".site-build" / "cache" / "redaction").glob("*.json"))
    assert len(entries) == first.report.N
    before = published_text(first.output)
    second = build_site([HOSTILE], tmp_path / "site", config, skip_invalid=True)
    assert second.report.redactions == first.report.redactions
    assert published_text(second.output) == before
    assert sorted((tmp_path / ".site-build" / "cache" / "redaction").glob("*.json")) == entries
    # Listing one more name changes the privacy settings: every transcript is scanned again,
    # under new entries, and the entries for the old settings are deleted.
    config.write_text(config.read_text().replace('"Maria Gonzalez"', '"Maria Gonzalez", "Okafor"'))
    build_site([HOSTILE], tmp_path / "site", config, skip_invalid=True)
    after = sorted((tmp_path / ".site-build" / "cache" / "redaction").glob("*.json"))
    assert len(after) == len(entries) and not set(after) & set(entries)


def test_a_sentence_that_is_mostly_redaction_markers_is_not_a_key_quote(hostile_site):
    pii = next(s for s in hostile_site.report.interviews if s.id == "pii_contact")
    assert pii.key_quotes, "the interview still has key quotes"
    assert all("[EMAIL-1] or on [PHONE-1]" not in q.text for q in pii.key_quotes)


# Every name a study's configuration or transcripts choose that could become part of a path: theme slugs and
# aliases, guide section slugs, split names, and transcript ids from each input format (the file name for
# plain turns). Each carries a traversal.
TRAVERSAL = DATA / "traversal-ids"
# Deep enough to climb out of the work folder from themes/ in the content folder.
ESCAPE = "../../../../../x"
CONFIG_ROUTES = {
    "theme slug": (
        "codebook.toml",
        'slug = "saves-time"',
        f'slug = "{ESCAPE}"',
        f"[[theme]] number 1: slug '{ESCAPE}' must be up to 100 lowercase letters, digits and single hyphens, "
        "e.g. 'saves-time'",
    ),
    "theme alias": (
        "codebook.toml",
        'slug = "saves-time"',
        f'slug = "saves-time"\naliases = ["{ESCAPE}"]',
        f"[[theme]] number 1 ('saves-time'): alias '{ESCAPE}' must be up to 100 lowercase letters, digits "
        "and single hyphens, e.g. 'saves-time'",
    ),
    "guide section slug": (
        "guide.toml",
        'slug = "introduction"',
        f'slug = "{ESCAPE}"',
        f"[[section]] number 1: slug '{ESCAPE}' must be up to 100 lowercase letters, digits and single hyphens, "
        "e.g. 'saves-time'",
    ),
}


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _outside(written: set[Path], *folders: Path) -> list[Path]:
    return sorted(p for p in written if not any(p.is_relative_to(f) for f in folders))


@pytest.mark.parametrize("route", sorted(CONFIG_ROUTES))
def test_a_traversal_in_a_configured_name_is_refused_and_writes_nothing(tmp_path, route):
    file, old, new, message = CONFIG_ROUTES[route]
    config = copy_study(tmp_path / "study")
    text = (config.parent / file).read_text(encoding="utf-8")
    assert old in text
    (config.parent / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "a" / "b" / "c" / "site"
    before = _files(tmp_path)
    with pytest.raises(ConfigError) as e:
        try:
            build_site([DATA / "plain-turns"], out, config, executor="serial")
        finally:
            assert _outside(_files(tmp_path) - before, out, out.parent / ".site-build") == []
    assert str(e.value) == f"{config.parent / file}: {message}"
    assert _files(tmp_path) == before


@pytest.fixture(scope="module")
def traversal_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("traversal")
    config = copy_study(root / "study")
    text = config.read_text(encoding="utf-8")
    assert '"work_" = "workforce"' in text
    # The published figures and the split's own settings name the split as well: [[reference]] split and
    # [split.NAME] must be a configured split.
    text = text.replace('split = "workforce"', f'split = "{ESCAPE}"').replace(
        "[split.workforce]", f'[split."{ESCAPE}"]'
    )
    config.write_text(text.replace('"work_" = "workforce"', f'"work_" = "{ESCAPE}"\n"nurse" = "/tmp/x-split"'))
    out = root / "a" / "b" / "c" / "site"
    before = _files(root)
    result = build_site(
        [DATA / "plain-turns", TRAVERSAL, TRAVERSAL / "...txt"], out, config, skip_invalid=True, executor="serial"
    )
    return root, out, _files(root) - before, result


def test_traversal_in_split_names_and_transcript_ids_writes_nothing_outside_the_output_and_work_folder(
    traversal_site,
):
    root, out, written, result = traversal_site
    # The build lock beside the output too: it must outlive a work folder deleted to start cold.
    assert _outside(written, out, out.parent / ".site-build", out.parent / ".site.lock") == []
    assert [s.id for s in result.report.interviews] == ["nurse_01"]
    assert sorted(str(p.path.relative_to(DATA)) + f":{p.line}" for p in result.skipped) == [
        "traversal-ids/...txt:1", "traversal-ids/dialog.md:6", "traversal-ids/ids.csv:2", "traversal-ids/ids.csv:5",
        "traversal-ids/ids.jsonl:1", "traversal-ids/ids.jsonl:2",
    ]  # fmt: skip
    assert all("cannot be used in a URL" in p.what for p in result.skipped)


def test_every_name_the_built_site_uses_beside_the_themes_is_refused_as_a_theme_name(traversal_site, config):
    # A page or folder the writer or the templates add later must be refused as a slug too: this fails until it is.
    _, out, _, _ = traversal_site
    content = out.parent / ".site-build" / "content"

    def names(folder: Path) -> set[str]:
        return {p.name.partition(".")[0] for p in folder.iterdir() if not p.name.startswith(".")}

    slugs = {t.slug for t in config.codebook}
    used = names(out) | (names(out / "themes") - slugs) | names(out / "themes" / sorted(slugs)[0])
    used |= (
        names(content)
        | names(content / "pagedata")
        | names(content / "pages")
        | (names(content / "figures" / "share") - slugs)
    )
    used |= {p.stem for p in (content / "figures").glob("*.*") if not any(s in p.stem for s in slugs)}
    assert used - set(SITE_NAMES) == set()


# Formulas a spreadsheet would run, in the places the researcher's own files put text into CSV exports.
FORMULA_LABELS = {
    "saves-time": '=HYPERLINK("https://evil.example","x")',
    "social-stigma": "+1+1",
    "job-security": "-2+3",
    "skill-erosion": "@SUM(1)",
}


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("formulas")
    config = copy_study(root)
    codebook = config.parent / "codebook.toml"
    text = codebook.read_text(encoding="utf-8")
    for slug, label in FORMULA_LABELS.items():
        start = text.index(f'slug = "{slug}"')
        end = text.index("\n", text.index("label = ", start))
        text = text[:start] + f"slug = {slug!r}\nlabel = '{label}'" + text[end:]
    codebook.write_text(text, encoding="utf-8")
    study = config.read_text(encoding="utf-8")
    formula = "=cmd|' /C calc'!A0"
    # As [[reference]] and [split.NAME] name it.
    study = study.replace('split = "workforce"', f'split = "{formula}"').replace(
        "[split.workforce]", f'[split."{formula}"]'
    )
    config.write_text(study.replace('"work_" = "workforce"', f'"work_" = "{formula}"'), encoding="utf-8")
    out = root / "site"
    build_site([SEEDS], out, config, executor="serial")
    return out


def _csv_cells(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_a_theme_label_that_starts_a_formula_reaches_themes_csv_guarded(formula_site):
    labels = {row[0]: row[1] for row in _csv_cells(formula_site / "data" / "themes.csv")[1:]}
    assert {slug: labels[slug] for slug in FORMULA_LABELS} == {
        slug: "'" + label for slug, label in FORMULA_LABELS.items()
    }


def test_a_split_name_that_starts_a_formula_reaches_interviews_csv_guarded(formula_site):
    rows = _csv_cells(formula_site / "data" / "interviews.csv")
    splits = {row[1] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in splits
    assert not any(cell[:1] in "=+-@" for row in rows for cell in row if cell)


def test_no_cell_of_any_csv_the_site_offers_starts_a_formula(formula_site):
    cells = {
        f"{path.relative_to(formula_site)}: {cell}"
        for path in sorted(formula_site.rglob("*.csv"))
        for row in _csv_cells(path)
        for cell in row
        if cell[:1] in ("=", "+", "-", "@")
    }
    assert cells == set()
