"""The whole site, built with Pelican from the seed study: pages exist, links resolve, exports hold.
(What the search index holds is test_search's.)"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

SEED_IDS = ["work_0079", "work_0085", "work_0469", "work_0487", "work_0803"]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.h1 = 0
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(a["id"])
        if tag == "h1":
            self.h1 += 1
        if tag == "script":
            self.scripts.append(a)
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append(a[attr])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_text(text: str) -> str:
    """Text as Jinja's autoescaping writes it."""
    from markupsafe import escape

    return str(escape(text))


@pytest.fixture
def site(seed_site):
    return seed_site.output


def test_the_seed_site_has_every_page_kind(site, config):
    assert (site / "index.html").exists()
    assert (site / "methodology" / "index.html").exists()
    assert (site / "interviews" / "index.html").exists()
    assert sorted(p.name for p in (site / "interviews").iterdir() if p.is_dir()) == SEED_IDS
    themes = sorted(p.name for p in (site / "themes").iterdir() if p.is_dir())
    assert themes == sorted([*(t.slug for t in config.codebook), "emerging"])


def test_every_internal_link_and_anchor_resolves(site, config):
    # The only links out of the site: the sources of the published figures and the data licence the study
    # configures.
    sources = {r.url for r in config.references} | {config.data_licence_url}
    pages = {p: parse(p) for p in site.rglob("*.html")}
    base = "http://site.invalid/"
    broken = []
    for path, page in pages.items():
        here = base + path.relative_to(site).as_posix()
        for link in page.links:
            url = urljoin(here, link)
            if not url.startswith(base):
                assert urlparse(url).scheme in ("mailto", "") or url in sources, f"{path}: external link {link}"
                continue
            target, fragment = urldefrag(url)
            rel = unquote(target[len(base) :])
            file = site / rel
            if rel == "" or rel.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(site)} -> {link}")
            elif fragment and file.suffix == ".html" and fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(site)} -> {link} (no #{fragment})")
    assert broken == []


def test_each_page_has_one_h1_and_no_third_party_resources(site, config):
    # Links a reader follows to a published figure's source or the data licence are not resources the page loads.
    sources = {r.url for r in config.references} | {config.data_licence_url}
    for path in site.rglob("*.html"):
        page = parse(path)
        assert page.h1 == 1, path
        for link in page.links:
            assert not re.match(r"(https?:)?//", link) or "localhost" in link or link in sources, (path, link)


def test_quotes_link_to_the_exact_turn_of_their_interview(site):
    data = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))
    interviews = json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))
    turns_by_id = {i["id"]: i for i in interviews["interviews"]}
    for theme in data["themes"]:
        html = (site / "themes" / theme["slug"] / "index.html").read_text(encoding="utf-8")
        for q in theme["quotes"]:
            assert f"interviews/{q['interview_id']}/#turn-{q['turn']}" in html
            assert q["interview_id"] in turns_by_id


def test_exports_follow_the_documented_schema(site):
    interviews = json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))
    assert interviews["schema_version"] == 1 and interviews["N"] == 5
    for i in interviews["interviews"]:
        assert {"id", "split", "occupation", "occupation_group", "interaction_style", "themes", "key_quotes"} <= set(i)
        for t in i["themes"]:
            assert set(t) == {"slug", "evidence", "probability"} and all(
                set(e) == {"text", "turn"} for e in t["evidence"]
            )
            # One probability per quote, most probable first.
            assert len(t["probability"]) == len(t["evidence"]) and t["probability"] == sorted(t["probability"])[::-1]
        assert all(set(q) == {"text", "turn"} for q in i["key_quotes"])
    themes = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))
    for t in themes["themes"]:
        assert {"slug", "label", "n", "N", "interviews"} <= set(t)
        assert t["n"] == len(t["interviews"]) and t["N"] == 5
    header = (site / "data" / "themes.csv").read_text().split("\n")[0]
    assert header == "slug,label,n,N,percent,interviews"


def test_the_interviews_index_is_the_whole_table_in_id_order_with_its_sort_and_filter_hooks(site):
    from lxml import html

    page = html.parse(str(site / "interviews" / "index.html")).getroot()
    table = page.get_element_by_id("interviews-table")
    exported = json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"]
    # Without JavaScript: every interview, in the order the caption states, and no controls that cannot work.
    assert "Sorted by interview id." in table.find("caption").text_content()
    assert page.get_element_by_id("interview-filters").get("hidden") is not None
    headers = table.xpath("thead/tr/th")
    assert {th.get("scope") for th in headers} == {"col"}
    assert [(th.text_content(), th.get("aria-sort")) for th in headers if th.get("aria-sort")] == [
        ("Interview", "ascending")
    ]
    names = [th.text_content() for th in headers]
    assert names == [
        "Interview", "Split", "Occupation, as stated", "Occupation group", "Style", "What AI is used for",
        # The two dimensions the coder tells little better than chance (eval/agreement.json) say so.
        "Overall feeling about AI at work (not reliable)", "How the workplace treats AI use",
        "Expected future use (not reliable)", "Themes", "Themes coded",
    ]  # fmt: skip
    # A list of values (uses of AI, themes coded) is filtered on, not sorted by.
    unsorted = [th.text_content() for th in headers if th.get("data-sort") is None]
    assert unsorted == ["What AI is used for", "Themes coded"]
    rows = table.xpath("tbody/tr")
    assert [r.xpath("th[@scope='row']")[0].text_content() for r in rows] == SEED_IDS
    for row, interview in zip(rows, exported, strict=True):
        cells = dict(zip(names, (c.text_content() for c in row.xpath("th|td")), strict=True))
        assert cells["Split"] == row.get("data-split") == interview["split"]
        assert cells["Occupation, as stated"] == interview["occupation"]
        assert row.get("data-group") == interview["occupation_group"]
        assert row.get("data-style") == interview["interaction_style"]
        assert row.get("data-theme").split() == [t["slug"] for t in interview["themes"]]
        assert cells["Themes"] == str(len(interview["themes"]))
        assert row.get("data-dim-ai_uses").split() == interview["ai_uses"]
        for slug in ("sentiment", "workplace_stance", "future_use"):
            assert row.get(f"data-dim-{slug}") == interview[slug]
    # Each filter's options are values the rows carry, under the attribute the filter names.
    for select in page.get_element_by_id("interview-filters").xpath(".//select"):
        carried = {v for r in rows for v in r.get(f"data-{select.get('name')}").split()}
        assert {o.get("value") for o in select.xpath("option") if o.get("value")} == carried, select.get("name")


def test_home_page_ranks_findings_and_states_denominators(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    themes = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    ranked = sorted(themes, key=lambda t: (-t["n"], t["slug"]))
    positions = [html.index(f'id="finding-{t["slug"]}"') for t in ranked]
    assert positions == sorted(positions)
    for t in ranked:
        assert f"{t['n']} of 5 interviews" in html


def test_each_finding_on_the_home_page_leads_with_a_quote_no_higher_finding_shows(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    themes = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    shown: set[str] = set()
    for t in sorted(themes, key=lambda t: (-t["n"], t["slug"])):
        if not t["quotes"]:
            continue
        article = html[html.index(f'id="finding-{t["slug"]}"') :]
        article = article[: article.index("</article>")]
        lead = next(q["text"] for q in t["quotes"] if html_text(q["text"]) in article)
        unused = [q["text"] for q in t["quotes"] if q["text"] not in shown]
        assert lead == (unused[0] if unused else t["quotes"][0]["text"])
        shown.add(lead)


def test_the_full_transcript_has_an_anchor_per_turn(site):
    for tid in SEED_IDS:
        page = parse(site / "interviews" / tid / "index.html")
        turns = json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))
        n = next(i["turns"] for i in turns["interviews"] if i["id"] == tid)
        assert {f"turn-{k}" for k in range(1, n + 1)} <= page.ids


def test_scripts_are_only_our_own_files_never_inline(site):
    # The content security policy allows no inline script; every page reads without JavaScript.
    for path in site.rglob("*.html"):
        for script in parse(path).scripts:
            assert script.get("src", "").endswith(".js") and "//" not in script["src"], (path, script)
        assert "script-src 'self'" in path.read_text(encoding="utf-8") or 'http-equiv="refresh"' in path.read_text(
            encoding="utf-8"
        )


def test_methodology_reports_agreement_per_theme_including_the_weak_ones(site, config):
    from conftest import ROOT

    html = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    agreement = json.loads((ROOT / "eval" / "agreement.json").read_text(encoding="utf-8"))
    labels = {t.slug: t.label for t in config.codebook}
    assert "Agreement with careful independent coding" in html
    for t in agreement["themes"]:
        row = html[html.index(f'<th scope="row">{labels[t["slug"]]}', html.index("agreement-caption")) :]
        row = row[: row.index("</tr>")]
        if t["f1"] is None:  # neither side coded it: shown as not measurable, never as a perfect score
            assert "<td>n/a</td>" in row and "(weak)" not in row
            assert "cannot be measured here" in html
            continue
        low, high = t["f1_interval"]
        assert f"<td>{t['f1']:.2f}</td><td>{low:.2f}–{high:.2f}</td>" in row
        assert ("(weak)" in row) == (t["f1"] < 0.6)
    # Every headline figure is given with its interval: 64 interviews is a small sample.
    low, high = agreement["interaction_style_accuracy_interval"]
    style = agreement["interaction_style_accuracy"]
    assert f"interaction style in {style:.0%} (95% interval {low * 100:.0f}–{high:.0%})" in html
    low, high = agreement["macro_f1_interval"]
    assert f"macro F1 is {agreement['macro_f1']:.2f} (95% interval {low:.2f}–{high:.2f})" in html


def test_methodology_sets_the_tool_against_how_far_two_annotators_agree(site):
    from conftest import ROOT

    html = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    coders = json.loads((ROOT / "eval" / "agreement.json").read_text(encoding="utf-8"))["between_coders"]
    assert f"coded the same {coders['n']} interviews independently" in html
    assert f"interaction style in {coders['interaction_style_accuracy']:.0%}" in html
    assert '<th scope="col" class="num">Kappa, two annotators</th>' in html
    table = html[html.index("agreement-caption") : html.index("</table>", html.index("agreement-caption"))]
    for t in coders["themes"]:
        assert f"<td>{'n/a' if t['kappa'] is None else format(t['kappa'], '.2f')}</td></tr>" in table


def test_each_finding_shows_its_coders_agreement_and_weak_ones_are_marked_indicative(site, config):
    from conftest import ROOT

    agreement = {t["slug"]: t for t in json.loads((ROOT / "eval" / "agreement.json").read_text())["themes"]}
    home = (site / "index.html").read_text(encoding="utf-8")
    for theme in config.codebook:
        t = agreement[theme.slug]
        if t["f1"] is None:
            continue
        low, high = t["f1_interval"]
        note = f"F1 {t['f1']:.2f} ({low:.2f}–{high:.2f})"
        page = (site / "themes" / theme.slug / "index.html").read_text(encoding="utf-8")
        slide = (site / "themes" / theme.slug / "slide" / "index.html").read_text(encoding="utf-8")
        finding = home[home.index(f'id="finding-{theme.slug}"') :]
        finding = finding[: finding.index("</article>")]
        for html in (page, slide, finding):
            assert note in html, theme.slug
            assert ("Indicative" in html) == (t["f1"] < 0.6), theme.slug


def _section(html: str, start: str, end: str = "</section>") -> str:
    """The stretch of a page from `start` to the next `end`."""
    at = html.index(start)
    return html[at : html.index(end, at)]


def test_each_emerging_theme_is_named_by_a_participants_words_linked_to_where_they_said_them(site):
    clusters = json.loads((site / "data" / "emerging.json").read_text(encoding="utf-8"))["clusters"]
    assert clusters
    page = (site / "themes" / "emerging" / "index.html").read_text(encoding="utf-8")
    for c in clusters:
        name, anchor = c["name"], "emerging-" + c["key"].replace(" ", "-")
        section = _section(page, f'id="{anchor}"')
        assert html_text(name["text"]) in _section(section, f'id="{anchor}-title"', "</h2>")
        assert f'href="../../interviews/{name["interview_id"]}/#turn-{name["turn"]}"' in section
        # Said by the participant, in the turn the link lands on.
        interview = (site / "interviews" / name["interview_id"] / "index.html").read_text(encoding="utf-8")
        turn = _section(interview, f'<li class="turn turn--participant" id="turn-{name["turn"]}">', "</li>")
        assert html_text(name["text"]) in turn
        # The words it was clustered on stay, as secondary text under the name.
        assert f"Words used: {html_text(', '.join(c['keywords']))}" in section


def test_an_emerging_theme_does_not_look_like_a_finding(site):
    page = (site / "themes" / "emerging" / "index.html").read_text(encoding="utf-8")
    clusters = json.loads((site / "data" / "emerging.json").read_text(encoding="utf-8"))["clusters"]
    for c in clusters:
        section = _section(page, f'id="emerging-{c["key"].replace(" ", "-")}"')
        assert "Candidate theme" in section and "a candidate for a new code, not a finding" in section
        # Counts in words, never a share of the study as a figure.
        assert f"{c['sentences']} sentences from {c['interviews']} interviews" in section
        assert not re.search(r"\d%", section)
    assert not re.search(r'class="[^"]*\b(stat|stat__\w+|finding|finding__\w+|findings)\b', page)


def test_no_emerging_theme_is_ranked_among_the_findings(site):
    clusters = json.loads((site / "data" / "emerging.json").read_text(encoding="utf-8"))["clusters"]
    home = (site / "index.html").read_text(encoding="utf-8")
    ranked = _section(home, 'aria-labelledby="findings-title"') + _section(home, 'aria-labelledby="summary-title"')
    for c in clusters:
        for said in (c["name"]["text"], *(q["text"] for q in c["quotes"]), ", ".join(c["keywords"])):
            assert html_text(said) not in ranked, said
    assert "themes/emerging/" not in ranked
    # Only the separate link beyond the codebook leads there.
    beyond = _section(home, 'aria-labelledby="emerging-title"')
    assert "Beyond the codebook" in beyond and 'href="./themes/emerging/"' in beyond
    themes = {t["slug"] for t in json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]}
    assert not themes & {"emerging", *(c["key"] for c in clusters)}
    assert not (site / "themes" / "emerging" / "slide").exists()
