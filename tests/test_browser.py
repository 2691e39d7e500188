"""What a reader does in a real browser: copy a link, filter quotes, filter and sort the interviews,
search, read in dark mode, and the pages pass axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import AXE, ROOT, Study, _serve, build
from playwright.sync_api import expect

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only the violations are wanted: axe then skips detailing every passing element, which costs it most time.
AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def test_copy_link_puts_the_findings_permalink_on_the_clipboard(browser, base_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(base_url)
    first = page.locator("article.finding").first
    anchor = first.get_attribute("id")
    first.get_by_role("button", name="Copy link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}#{anchor}"
    assert first.get_by_role("button", name="Link copied").is_visible()
    # Screen readers hear it: the status region says so.
    expect(page.locator("#live-status")).to_have_text(re.compile(r"^Link copied"))
    context.close()


def test_the_permalink_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    href = page.locator("article.finding a.permalink").first.get_attribute("href")
    assert href.startswith("#finding-")
    assert page.get_by_role("button", name="Copy link").count() == 0  # nothing half-working
    page.goto(base_url + href)
    assert page.locator(f"article{href}").is_visible()
    context.close()


def test_the_quote_wall_filters_by_theme(page, base_url, built_site):
    page.goto(base_url + "quotes/")
    total = page.locator("[data-quote]").count()
    themes = json.loads((built_site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    theme = max(themes, key=lambda t: (len(t["quotes"]), t["slug"]))
    page.select_option("select[name=theme]", theme["slug"])
    visible = page.locator("[data-quote]:visible")
    assert 0 < visible.count() < total
    assert {visible.nth(i).get_attribute("data-theme") for i in range(visible.count())} == {theme["slug"]}
    assert page.locator("#quote-count").inner_text() == f"{visible.count()} of {total} quotes shown"
    page.get_by_role("button", name="Show all").click()
    # The form resets first and the filter re-applies on the next tick, so wait for it as a reader would.
    expect(page.locator("[data-quote]:visible")).to_have_count(total)
    expect(page.locator("#quote-count")).to_have_text(f"{total} of {total} quotes shown")


def test_the_quote_wall_is_a_grouped_list_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "quotes/")
    assert not page.locator("#quote-filters").is_visible()  # no controls that cannot work
    assert page.locator("section.quote-group h2").count() >= 3
    assert page.locator("[data-quote]:visible").count() == page.locator("[data-quote]").count()
    context.close()


@pytest.fixture(scope="module")
def two_splits_url(seed_site, tmp_path_factory):
    """The seed study (all workforce) and one creatives interview: a copy of the first seed transcript
    under a creatives id, as the index filters by split, not by what was said. Rebuilt from the seed's
    warm cache, so only the new interview is analysed."""
    study = Study(tmp_path_factory.mktemp("two-splits"))
    shutil.copytree(seed_site.root, study.root, dirs_exist_ok=True, symlinks=True)
    first = sorted(study.inputs.iterdir())[0]
    text = first.read_text(encoding="utf-8")
    assert "**Transcript ID:** work_0079\n" in text
    (study.inputs / "creativity_0079.txt").write_text(
        text.replace("**Transcript ID:** work_0079", "**Transcript ID:** creativity_0079"), encoding="utf-8"
    )
    build(study)
    server = _serve(study.output)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def column(page, name: str) -> list[str]:
    """The text of one column in the rows a reader sees, top to bottom."""
    names = page.eval_on_selector_all("#interviews-table thead th", "ths => ths.map((th) => th.textContent.trim())")
    i = names.index(name)
    return page.eval_on_selector_all(
        "#interviews-table tbody tr:not([hidden])", f"rows => rows.map((r) => r.cells[{i}].textContent.trim())"
    )


def test_the_interviews_index_filters_by_split_sorts_by_a_column_and_says_how_many_it_shows(page, two_splits_url):
    page.goto(two_splits_url + "interviews/")
    count, status = page.locator("#interviews-count"), page.locator("#live-status")
    expect(count).to_have_text("Showing 6 of 6 interviews")
    ids = column(page, "Interview")
    assert ids == sorted(ids) and "creativity_0079" in ids

    page.get_by_label("Study split").select_option("creatives")
    expect(count).to_have_text("Showing 1 of 6 interviews")
    expect(status).to_have_text("Showing 1 of 6 interviews")  # what a screen reader hears
    assert column(page, "Interview") == ["creativity_0079"]
    page.get_by_label("Study split").select_option("workforce")
    expect(count).to_have_text("Showing 5 of 6 interviews")
    assert column(page, "Split") == ["workforce"] * 5

    # Sorting is a button in the column header; the header says the order, ties stay in id order.
    before = list(zip(column(page, "Occupation group"), column(page, "Interview"), strict=True))
    group = page.get_by_role("columnheader", name="Occupation group")
    group.get_by_role("button", name="Occupation group").click()
    expect(group).to_have_attribute("aria-sort", "ascending")
    expect(page.get_by_role("columnheader", name="Interview")).not_to_have_attribute("aria-sort", re.compile(".*"))
    expect(status).to_have_text("Sorted by Occupation group, ascending.")
    assert list(zip(column(page, "Occupation group"), column(page, "Interview"), strict=True)) == sorted(before)
    group.get_by_role("button").press("Enter")  # the keyboard does what the mouse does
    expect(group).to_have_attribute("aria-sort", "descending")
    descending = sorted(before, key=lambda row: row[1])
    descending.sort(key=lambda row: row[0], reverse=True)
    assert list(zip(column(page, "Occupation group"), column(page, "Interview"), strict=True)) == descending
    assert "Sorted by Occupation group, descending." in page.locator("#interviews-table caption").inner_text()

    # Clearing the filters keeps the order chosen.
    page.get_by_role("button", name="Clear filters").click()
    expect(count).to_have_text("Showing 6 of 6 interviews")
    assert column(page, "Occupation group") == sorted(column(page, "Occupation group"), reverse=True)


def test_the_interviews_index_narrows_to_an_occupation_typed_and_a_coded_value(page, base_url, built_site):
    interviews = json.loads((built_site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"]
    page.goto(base_url + "interviews/")
    page.get_by_label("Occupation contains").fill("PSYCHO")
    expect(page.locator("#interviews-count")).to_have_text("Showing 1 of 5 interviews")
    assert column(page, "Occupation, as stated") == ["psychotherapist"]
    page.get_by_label("Occupation contains").fill("")
    # A dimension's filter sits under "What was coded"; it matches one of a row's several values.
    page.locator("summary", has_text="What was coded").click()
    page.get_by_label("What AI is used for").select_option("coding_technical")
    expected = [i["id"] for i in interviews if "coding_technical" in i["ai_uses"]]
    assert 0 < len(expected) < 5
    expect(page.locator("#interviews-count")).to_have_text(f"Showing {len(expected)} of 5 interviews")
    assert column(page, "Interview") == expected
    expect(page.locator(".filters__chosen")).to_have_text(" (1 chosen)")


def test_the_interviews_index_is_the_whole_table_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "interviews/")
    assert not page.locator("#interview-filters").is_visible()  # no controls that cannot work
    assert page.locator("#interviews-table thead button").count() == 0
    assert page.locator("#interviews-table tbody tr:visible").count() == 5
    expect(page.get_by_role("region", name=re.compile("^Interviews, one per row"))).to_be_visible()
    context.close()


def test_search_finds_a_theme_by_a_word_from_its_quotes(page, base_url, built_site):
    themes = json.loads((built_site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    theme = next(t for t in themes if t["quotes"])
    word = max((w.strip(".,;:!?\"'()") for w in theme["quotes"][0]["text"].split()), key=len)
    page.goto(base_url + "search/")
    urls = page.evaluate(
        """async (word) => {
            const pagefind = await import("../pagefind/pagefind.js");
            const found = await pagefind.search(word);
            const data = await Promise.all(found.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }""",
        word,
    )
    assert any(f"themes/{theme['slug']}/" in u for u in urls), (word, urls)
    page.fill(".pagefind-ui__search-input", word)
    page.wait_for_selector(".pagefind-ui__result")
    assert page.locator(".pagefind-ui__result").count() > 0


def test_search_finds_an_interview_by_a_word_from_its_summary_and_nothing_else(page, base_url, built_site):
    interview = json.loads((built_site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"][-1]
    quote = interview["key_quotes"][0]["text"]
    word = max((w.strip(".,;:!?\"'()") for w in quote.split()), key=len)
    page.goto(base_url + "search/")
    page.fill(".pagefind-ui__search-input", word)
    expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
    while page.locator(".pagefind-ui__button").count():
        page.locator(".pagefind-ui__button").click()
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map((e) => e.href)")
    links = [link for link in links if "#" not in link]  # a page's own link, not its sections'
    assert any(link.endswith(interview["url"]) for link in links), (word, links)
    # Every highlighted match is the word searched for (or its stem), never a stand-in for it.
    marks = page.eval_on_selector_all(".pagefind-ui__result-excerpt mark", "els => els.map((e) => e.textContent)")
    assert marks and all(m.strip(".,;:!?\"'()").lower()[:4] == word.lower()[:4] for m in marks), (word, marks)


def test_dark_mode_follows_the_readers_preference(browser, base_url):
    def background(scheme: str) -> list[int]:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url)
        rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
        return [int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]

    assert sum(background("light")) > 600
    assert sum(background("dark")) < 150


# --- Every page kind, at a desktop and a phone width. The kinds come from the built site (each page's
# body says `page--<kind>`), so a page kind added later is checked without anyone listing it here.
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
KIND = re.compile(r'<body class="[^"]*\bpage--([\w-]+)')
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


@pytest.fixture(scope="module")
def every_kind_site(tmp_path_factory, seed_site):
    """The seed study with a theme renamed and rebuilt: the seed site's pages, plus the redirect page an old
    slug keeps and a "What changed" page with an edition to compare."""
    study = Study(tmp_path_factory.mktemp("every-kind"))
    shutil.copytree(seed_site.root, study.root, dirs_exist_ok=True, symlinks=True)
    codebook = study.config.parent / "codebook.toml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(text.replace('slug = "sycophancy"', 'slug = "people-pleasing"\naliases = ["sycophancy"]'))
    build(study)
    return study.output


@pytest.fixture(scope="module")
def every_kind_url(every_kind_site):
    server = _serve(every_kind_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def pages_by_kind(site: Path) -> dict[str, list[str]]:
    """Each page kind the site has, with its pages' paths; a page that declares no kind is under ""."""
    kinds: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        found = KIND.search(path.read_text(encoding="utf-8"))
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        kinds.setdefault(found.group(1) if found else "", []).append(url)
    return kinds


def one_page_of_each_kind(site: Path) -> dict[str, str]:
    """The longest page of each kind: the one with the most content to get wrong."""
    return {
        kind: max(urls, key=lambda u: ((site / u / "index.html").stat().st_size, u))
        for kind, urls in sorted(pages_by_kind(site).items())
    }


def stay_on(page, site: Path, base: str, url: str) -> None:
    """Open a page and stay on it. A redirect page refreshes to where its theme moved; that request is
    answered 204 No Content, which leaves the browser where it was, so the redirect page is what is checked."""
    refresh = REFRESH.search((site / url / "index.html").read_text(encoding="utf-8"))
    if not refresh:
        page.goto(base + url)
        return
    target = urljoin(base + url, refresh.group(1))
    page.route(target, lambda route: route.fulfill(status=204))
    # Wait for the answer, not the request: a route removed before it answers lets the request through.
    with page.expect_response(target):
        page.goto(base + url)
    page.unroute(target)
    assert page.url == base + url, f"left /{url} for {page.url}"


def test_the_browser_tests_see_a_page_of_every_template(every_kind_site):
    kinds = pages_by_kind(every_kind_site)
    assert "" not in kinds, f"pages that declare no kind (body class page--<kind>): {kinds.get('')}"
    templates = {p.stem for p in (ROOT / "theme" / "templates").glob("*.html")} - {"base", "page"}
    assert templates - kinds.keys() == set(), "a page kind the browser tests never see"


def test_axe_finds_no_wcag_22_aa_violation_on_any_page_kind_at_desktop_or_phone_width(
    browser, every_kind_site, every_kind_url
):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    problems = []
    for width, viewport in WIDTHS.items():
        # axe is injected as a script: the page's own policy forbids that, so the test bypasses it.
        context = browser.new_context(bypass_csp=True, viewport=viewport)
        page = context.new_page()
        for kind, url in one_page_of_each_kind(every_kind_site).items():
            stay_on(page, every_kind_site, every_kind_url, url)
            page.add_script_tag(path=str(AXE))
            # One page load for both: the reader's preference switches the colours, not the page. The
            # colours depend on that preference alone, never on the width, so dark is checked once.
            for scheme in ("light", "dark") if width == "desktop" else ("light",):
                page.emulate_media(color_scheme=scheme)
                assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
                result = page.evaluate(AXE_RUN, AXE_TAGS)
                problems += [
                    f"/{url} ({kind}, {width} {viewport['width']} px, {scheme}): {v['id']} ({v['impact']}): "
                    f"{v['help']}, {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}"
                    for v in result["violations"]
                ]
        context.close()
    assert not problems, "\n".join(problems)


# A phone's width: nothing makes the page itself scroll sideways. A wide table may scroll inside its own
# region, which a keyboard can reach (tabindex="0") and a screen reader names (role="region" with a label).
SIDEWAYS = """() => {
  const scrollers = [...document.querySelectorAll("body *")].filter((e) =>
    e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowX));
  const named = (e) => (e.getAttribute("aria-label") || "").trim() ||
    (e.getAttribute("aria-labelledby") || "").split(" ")
      .map((id) => document.getElementById(id)?.textContent.trim()).join("");
  return {
    page: document.documentElement.scrollWidth, window: innerWidth,
    unlabelled: scrollers.filter((e) => !(e.getAttribute("role") === "region" && named(e) && e.tabIndex === 0))
      .map((e) => e.outerHTML.slice(0, 120)),
  };
}"""


def test_no_page_scrolls_sideways_on_a_phone_except_inside_a_labelled_region(browser, every_kind_site, every_kind_url):
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    problems = []
    for kind, urls in sorted(pages_by_kind(every_kind_site).items()):
        for url in urls:
            stay_on(page, every_kind_site, every_kind_url, url)
            found = page.evaluate(SIDEWAYS)
            if found["page"] > found["window"]:
                problems.append(f"/{url} ({kind}) is {found['page']} px wide in a {found['window']} px window")
            problems += [f"/{url} ({kind}) scrolls sideways in an unlabelled box: {e}" for e in found["unlabelled"]]
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize(
    "path", ["", "themes/job-security/", "interviews/work_0001/", "quotes/", "methodology/", "interviews/"]
)
def test_the_1000_interview_report_passes_axe_too(browser, workforce_url, path):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(workforce_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    context.close()
    assert [v["id"] for v in result["violations"]] == []


@pytest.mark.corpus
@pytest.mark.slow
def test_the_1000_interview_index_shows_200_rows_at_a_time_and_filters_and_sorts_them_all(page, workforce_url):
    page.goto(workforce_url + "interviews/")
    count = page.locator("#interviews-count")
    expect(count).to_have_text("Showing 200 of 1,000 interviews")
    assert column(page, "Interview") == [f"work_{i:04d}" for i in range(200)]
    page.get_by_role("button", name="Show 200 more").click()
    expect(count).to_have_text("Showing 400 of 1,000 interviews")
    # The keyboard continues at the first row added.
    expect(page.locator(":focus")).to_have_text("work_0200")
    # A filter looks at every interview, not only the rows on show, and starts again from the top.
    page.get_by_label("Occupation contains").fill("teacher")
    shown = column(page, "Occupation, as stated")
    assert shown and all("teacher" in o.lower() for o in shown)
    assert any(int(i.removeprefix("work_")) >= 400 for i in column(page, "Interview"))
    page.get_by_label("Occupation contains").fill("")
    # Sorting orders all 1,000: the first 200 by theme count, descending, are the 200 with the most themes.
    themes = page.get_by_role("columnheader", name="Themes", exact=True)
    themes.get_by_role("button").click()
    themes.get_by_role("button").click()
    expect(themes).to_have_attribute("aria-sort", "descending")
    expect(count).to_have_text("Showing 200 of 1,000 interviews")
    top = [int(n) for n in column(page, "Themes")]
    assert top == sorted(top, reverse=True) and len(top) == 200
    page.get_by_role("button", name="Show all 1,000").click()
    every = [int(n) for n in column(page, "Themes")]
    assert len(every) == 1000 and every == sorted(every, reverse=True) and every[:200] == top


@pytest.mark.corpus
@pytest.mark.slow
def test_every_finding_of_the_1000_interview_report_has_its_share_card_and_slide(workforce_site):
    themes = json.loads((workforce_site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    home = (workforce_site / "index.html").read_text(encoding="utf-8")
    for t in themes:
        assert (workforce_site / "figures" / "share" / f"{t['slug']}.png").stat().st_size > 10_000
        assert (workforce_site / "themes" / t["slug"] / "slide" / "index.html").exists()
        page = (workforce_site / "themes" / t["slug"] / "index.html").read_text(encoding="utf-8")
        assert f'content="../../figures/share/{t["slug"]}.png"' in page  # og:image
        assert f'id="finding-{t["slug"]}"' in home
    for name in ("prevalence.svg", "prevalence.png"):
        assert (workforce_site / "figures" / name).stat().st_size > 500
    with (workforce_site / "figures" / "prevalence.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["theme", "n", "N", "percent", "ci95_low", "ci95_high"]
    assert len(rows) == 1 + len(themes)
    assert all(row[2] == "1000" for row in rows[1:])  # every row states its denominator


def test_the_search_box_has_a_visible_label_and_results_name_who_was_interviewed(browser, base_url):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "search/")
    box = page.get_by_label("Words to search for")
    expect(box).to_be_visible()
    box.fill("colleagues")
    # Results load one by one: wait until an interview's has its title.
    expect(page.locator(".pagefind-ui__result-link", has_text="Interview · ").first).to_be_visible()
    titles = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map((e) => e.textContent.trim())")
    assert [t for t in titles if t.startswith("Interview")] and all(
        re.fullmatch(r"Interview · [^·]+ · workforce", t) for t in titles if t.startswith("Interview")
    ), titles
    # axe's best-practice rule for a box named only by its placeholder or title, beside the WCAG ones.
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {runOnly: ['label', 'label-title-only']})")
    context.close()
    assert [v["id"] for v in result["violations"]] == []


def test_a_phone_is_shown_the_narrow_chart_at_about_the_width_it_was_drawn_and_a_desktop_the_wide_one(
    browser, base_url
):
    shown = {}
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(urljoin(base_url, "participants/"))
        img = page.locator("figure.chart img").first
        img.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('figure.chart img').complete")
        shown[width] = img.evaluate("i => [i.currentSrc, i.getBoundingClientRect().width]")
        context.close()
    assert shown["phone"][0].endswith("/figures/narrow/occupation-groups.svg")
    assert shown["desktop"][0].endswith("/figures/occupation-groups.svg")
    # Drawn 360 px wide: on a 390 px phone it is shown at nearly that size, so its type is not shrunk.
    assert 300 <= shown["phone"][1] <= 390
