"""What a reader does in a real browser: copy a link, filter quotes, search, read in dark mode, and
the pages pass axe-core's WCAG 2.2 AA rules."""

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
@pytest.mark.parametrize("path", ["", "themes/job-security/", "interviews/work_0001/", "quotes/", "methodology/"])
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
