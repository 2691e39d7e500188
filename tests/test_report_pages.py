"""The report read as a report: the opening summary, who was interviewed, interaction style as a finding,
the splits compared with a two-proportion test, published reference figures beside the findings, and each
theme's coded interviews listed with their evidence so a reader can audit the finding.

Expected figures are worked out by hand in the comments, never with the code under test."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from conftest import AXE, CONFIG, ROOT, copy_study
from playwright.sync_api import expect

from generator.config import ConfigError, load_config
from generator.config.references import Reference
from generator.models import CodedTheme, InterviewSummary, Profile, Quote, Share, Transcript
from generator.publication import publish
from generator.synthesise import synthesise_report
from generator.synthesise.splits import compare_splits, two_proportion_test
from generator.write.format import GROUP_LABELS
from generator.write.views.home import home_page
from generator.write.views.participants import participants_page
from generator.write.views.style_finding import style_page
from generator.write.views.summary import summary

SOURCE = "Introducing Anthropic Interviewer: What 1,250 professionals told us about working with AI"
URL = "https://www.anthropic.com/research/anthropic-interviewer"


def share(n: int, N: int, name: str = "x") -> Share:
    return Share(name, n, N, 0.0, 100.0, N < 10)


# --- The two-proportion test ----------------------------------------------------------------------


def test_the_two_proportion_test_matches_a_hand_computed_example():
    # 45 of 100 against 30 of 100: pooled p = 75/200 = 0.375, se = sqrt(0.375 * 0.625 * (1/100 + 1/100))
    # = sqrt(0.0046875) = 0.0684653, z = 0.15 / 0.0684653 = 2.19089; two-sided p = 2 * (1 - Phi(2.19089))
    # = 0.02846 (normal table: Phi(2.19) = 0.98574).
    test = two_proportion_test(share(45, 100), share(30, 100))
    assert test.z == pytest.approx(2.19089, abs=1e-4)
    assert test.p == pytest.approx(0.02846, abs=1e-4)
    assert test.significant
    assert test.points == pytest.approx(15.0)


def test_a_difference_the_test_does_not_find_is_not_called_one():
    # 12 of 40 against 9 of 40: pooled 21/80 = 0.2625, se = sqrt(0.2625 * 0.7375 * 0.05) = 0.098386,
    # z = 0.075 / 0.098386 = 0.7623, p = 0.4459.
    test = two_proportion_test(share(12, 40), share(9, 40))
    assert test.z == pytest.approx(0.7623, abs=1e-3)
    assert test.p == pytest.approx(0.4459, abs=1e-3)
    assert not test.significant


def test_splits_all_or_none_coded_and_small_splits_are_never_called_different():
    none_coded = two_proportion_test(share(0, 20), share(0, 30))
    assert (none_coded.z, none_coded.p, none_coded.significant) == (None, None, False)
    # A split under 10 interviews is shown but not tested: 9 of 9 against 0 of 50 gives no test at all.
    assert compare_splits((share(0, 50, "a"), share(9, 9, "b"))) == ()
    assert len(compare_splits((share(0, 50, "a"), share(9, 10, "b"), share(1, 12, "c")))) == 3


# --- The summary, from a tiny study ---------------------------------------------------------------


def _interviews(prefix: str, split: str, total: int, coded: dict[str, int], styles: dict[str, int]):
    """`total` interviews of one split: the first coded[slug] of them coded with each theme, and the
    styles handed out in order."""
    style_list = [s for s, k in styles.items() for _ in range(k)]
    assert len(style_list) == total
    found = []
    for i in range(total):
        themes = tuple(
            CodedTheme(slug, (Quote(f"Participant sentence {i} for {slug}.", 2),), (0.9,))
            for slug, k in coded.items()
            if i < k
        )
        found.append(
            InterviewSummary(
                profile=Profile(f"{prefix}{i:04d}", split, "teacher", "education" if i % 2 else "legal", None),
                sections=(),
                interaction_style=style_list[i],  # type: ignore[arg-type]
                style_evidence=None,
                themes=themes,
                key_quotes=(),
                turns=10,
                repairs=0,
            )
        )
    return found


def _report(config, workforce: dict[str, int], creatives: dict[str, int]):
    interviews = _interviews(
        "work_", "workforce", 30, workforce, {"collaborative": 15, "delegating": 9, "mixed": 3, "unclear": 3}
    ) + _interviews(
        "creativity_", "creatives", 20, creatives, {"collaborative": 10, "delegating": 4, "mixed": 2, "unclear": 4}
    )
    transcripts = [Transcript(s.id, Path("t.txt"), 1, ()) for s in interviews]
    return synthesise_report(interviews, transcripts, config)


REFERENCE = Reference(
    finding="saves-time",
    category="",
    split="workforce",
    value=86.0,
    measure="reported in the study's survey that AI saves them time",
    sample="1,000 general-workforce participants",
    source=SOURCE,
    url=URL,
    difference="A survey answer; here, what participants said.",
)

# Saves time 24 of 30 and 16 of 20 (40 of 50); accuracy-trust, a concern, 21 of 30 and 4 of 20 (25 of 50),
# a difference (z = 0.5 / 0.144338 = 3.46, p = 0.0005); job-security, a concern, 6 of 30 and 4 of 20 (10 of
# 50); human-judgement, not a concern, 3 of 30 and 2 of 20.
WORKFORCE = {"saves-time": 24, "accuracy-trust": 21, "job-security": 6, "human-judgement": 3}
CREATIVES = {"saves-time": 16, "accuracy-trust": 4, "job-security": 4, "human-judgement": 2}


@pytest.fixture(scope="module")
def tiny(config):
    return _report(config, WORKFORCE, CREATIVES), replace(config, references=(REFERENCE,))


def test_the_summary_states_each_rules_sentence_with_its_figures(tiny):
    report, config = tiny
    texts = [s["text"] for s in summary(report, config)]
    assert texts == [
        # Wilson's interval of 40 of 50 is 66.9-88.8%, wholly over half: "Most participants".
        "Most participants raised “AI saves time”: 80% of interviews (40 of 50), more than any other theme.",
        "The concerns raised most often were “Accuracy and verification”, in 50% of interviews (25 of 50), "
        "and “Job security”, in 20% of interviews (10 of 50).",
        "The splits differ most on “Accuracy and verification”: 70% of workforce interviews (21 of 30) against "
        "20% of creatives interviews (4 of 20), a difference a two-proportion test finds at the 5% level.",
        # Styles: 15 + 10 = 25 collaborative, 9 + 4 = 13 delegating, 3 + 2 = 5 mixed of 50; the default
        # study's agreement file puts style accuracy at 0.47, under 0.6.
        "Describing how they work with AI, participants collaborate with it in 50% of interviews (25 of 50), "
        "delegate to it in 26% of interviews (13 of 50) and do both in 10% of interviews (5 of 50); indicative "
        "only, as the automatic coding of style agrees with careful coding in 47% of interviews.",
        # 86% published against 24 of 30 = 80% here: 6 points apart, more than the 5 called close.
        "A figure published for this study is higher: 86% of 1,000 general-workforce participants reported in "
        "the study's survey that AI saves them time, against 80% of workforce interviews (24 of 30) here, where "
        "a different definition is counted.",
    ]


def test_every_figure_in_the_summary_links_to_its_evidence_and_no_sentence_quotes_a_participant(tiny):
    report, config = tiny
    sentences = summary(report, config)
    links = [(p["text"], p["url"]) for s in sentences for p in s["parts"] if "url" in p]
    assert ("80% of interviews (40 of 50)", "themes/saves-time/") in links
    assert ("70% of workforce interviews (21 of 30)", "themes/accuracy-trust/#by-split") in links
    assert ("50% of interviews (25 of 50)", "interaction-style/#style-collaborative") in links
    assert ("80% of workforce interviews (24 of 30)", "themes/saves-time/#published") in links
    assert any(url == URL for _, url in links)
    # Every figure ("NN% of ...") is a link.
    for s in sentences:
        for p in s["parts"]:
            if "url" not in p:
                assert not re.search(r"\d+% of", p["text"]), p["text"]
    assert not any("Participant sentence" in s["text"] for s in sentences)


def test_a_sentence_whose_condition_is_not_met_is_absent(config):
    # No split difference (accuracy-trust 15 of 30 against 10 of 20: both 50%), no concern coded, the
    # largest theme 20 of 50 (Wilson 27.6-53.5%: not wholly over half), and no published figure.
    report = _report(config, {"saves-time": 12}, {"saves-time": 8})
    kinds = [s["kind"] for s in summary(report, replace(config, references=()))]
    assert kinds == ["leading", "styles_indicative"]
    texts = [s["text"] for s in summary(report, replace(config, references=()))]
    assert texts[0] == "The theme participants raised most often was “AI saves time”: 40% of interviews (20 of 50)."
    same = _report(config, {"saves-time": 24, "accuracy-trust": 15}, {"saves-time": 16, "accuracy-trust": 10})
    assert "split_difference" not in [s["kind"] for s in summary(same, config)]


def test_a_published_figure_close_to_this_reports_is_called_close(config):
    report = _report(config, WORKFORCE, CREATIVES)
    close = replace(REFERENCE, value=82.0)  # 82% against 80%: 2 points
    sentences = summary(report, replace(config, references=(close,)))
    assert sentences[-1]["kind"] == "published_close"
    assert sentences[-1]["text"].startswith("A figure published for this study is close to this report’s: 82% of")


def test_the_share_card_and_link_previews_carry_the_first_summary_sentence(tiny, config):
    from generator.write.charts import cards

    report, config = tiny
    first = "Most participants raised “AI saves time”: 80% of interviews (40 of 50), more than any other theme."
    assert cards(report, config)[0] == ("figures/share/report.png", (config.title, first, "", "50 interviews"))
    home = home_page(report, config, {}, "2026-01-01")
    assert home.data["share"]["description"] == first


# --- The report-level pages' data -----------------------------------------------------------------


def test_the_splits_compared_table_names_only_the_differences_the_test_finds(tiny):
    report, config = tiny
    table = home_page(report, config, {}, "2026-01-01").data["splits_compared"]
    assert [s["name"] for s in table["splits"]] == ["workforce", "creatives"]
    rows = {r["label"]: r for r in table["rows"]}
    accuracy = rows["Accuracy and verification"]
    assert [c["percent_label"] for c in accuracy["cells"]] == ["70%", "20%"]
    assert accuracy["differences"] == [{"higher": "workforce", "lower": "creatives", "p": "p < 0.001"}]
    assert rows["AI saves time"]["differences"] == []  # 80% and 80%
    assert table["tested"] == 9  # one pair of splits, nine themes


def test_the_style_page_gives_each_style_n_of_N_per_split_with_the_published_figures(tiny, config):
    report, _ = tiny
    page = style_page(publish(report, config), config, {})
    styles = {s["name"]: s for s in page.data["styles"]}
    assert (styles["collaborative"]["n"], styles["collaborative"]["N"]) == (25, 50)
    assert (styles["unclear"]["n"], styles["unclear"]["N"]) == (7, 50)
    by_split = {r["name"]: r for r in page.data["by_split"]}
    assert [c["n"] for c in by_split["delegating"]["cells"]] == [9, 4]
    # Each style's test names the splits it compares: 9 of 30 delegating against 4 of 20.
    test = by_split["delegating"]["tests"][0]
    assert (test["first"], test["first_label"], test["second"], test["second_label"]) == (
        "workforce",
        "30%",
        "creatives",
        "20%",
    )
    assert page.data["agreement"]["accuracy"] == "47%" and page.data["agreement"]["indicative"]
    # The default study lists the published 65% augmentative and 35% automative beside the style finding.
    published = {r["value_label"]: r for r in page.data["references"]}
    assert set(published) == {"65%", "35%"}
    assert published["65%"]["own"]["n"] == 15 and published["65%"]["own"]["N"] == 30  # collaborative, workforce
    assert published["65%"]["url"] == URL


def test_who_was_interviewed_gives_split_sizes_and_the_occupation_mix(tiny):
    report, config = tiny
    page = participants_page(publish(report, config), config, {})
    assert [(s["name"], s["n"], s["percent_label"]) for s in page.data["splits"]] == [
        ("workforce", 30, "60%"),
        ("creatives", 20, "40%"),
    ]
    # Odd-numbered interviews are in education: 15 of 30 and 10 of 20.
    education = next(g for g in page.data["groups"] if g["name"] == "education")
    assert (education["n"], education["N"]) == (25, 50)
    assert [c["n"] for c in education["by_split"]] == [15, 10]


# --- [[reference]] in study.toml ------------------------------------------------------------------


def _study_with(tmp_path: Path, reference: str) -> Path:
    study = copy_study(tmp_path)
    study.write_text(study.read_text(encoding="utf-8") + "\n[[reference]]\n" + reference, encoding="utf-8")
    return study


GOOD = f"""finding = "saves-time"
split = "workforce"
value = 86
measure = "said so"
sample = "1,000 participants"
source = "A source"
url = "{URL}"
difference = "A survey answer."
"""


def test_the_default_study_lists_anthropics_published_figures_with_their_source():
    references = load_config(CONFIG).references
    figures = {(r.finding, r.category, r.split): r.value for r in references}
    assert figures[("saves-time", "", "workforce")] == 86
    assert figures[("social-stigma", "", "workforce")] == 69
    assert figures[("saves-time", "", "creatives")] == 97
    assert figures[("interaction_style", "collaborative", "workforce")] == 65
    assert figures[("interaction_style", "delegating", "workforce")] == 35
    assert {(r.source, r.url) for r in references} == {(SOURCE, URL)}
    assert all(r.difference and r.measure and r.sample for r in references)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('finding = "saves-time"', 'finding = "saves-tme"'),
            "[[reference]] number 10: finding 'saves-tme' is not a theme of the codebook; did you mean 'saves-time'?",
        ),
        (
            ('split = "workforce"', 'split = "scientist"'),
            "[[reference]] number 10: split 'scientist' is not a study split; did you mean 'scientists'?",
        ),
        (("value = 86", "value = 186"), "[[reference]] number 10: value = 186: must be a number from 0 to 100"),
        (("value = 86", 'value = "86%"'), '[[reference]] number 10: value = "86%": must be a number from 0 to 100'),
        (('sample = "1,000 participants"\n', ""), "[[reference]] number 10 has no sample; add one, e.g. sample ="),
        (
            ('finding = "saves-time"', 'finding = "interaction_style"'),
            '[[reference]] number 10: finding = "interaction_style" needs a category; add category = one of '
            "collaborative, delegating, mixed, unclear",
        ),
        (
            (f'url = "{URL}"', 'url = "www.example.org"'),
            "[[reference]] number 10: url 'www.example.org' must be an absolute http(s) address",
        ),
        (('difference = "A survey answer."', 'diference = "x"'), "unknown key 'diference' in [[reference]] number 10"),
    ],
)
def test_a_malformed_reference_is_refused_naming_it_and_the_fix(tmp_path, change, message):
    study = _study_with(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert message in str(e.value)
    assert str(e.value).startswith(f"{study}:")


def test_a_well_formed_reference_is_read(tmp_path):
    config = load_config(_study_with(tmp_path, GOOD))
    assert config.references[-1] == Reference(
        "saves-time", "", "workforce", 86.0, "said so", "1,000 participants", "A source", URL, "A survey answer."
    )


# --- The built site, in a real browser --------------------------------------------------------------


@pytest.fixture(scope="module")
def two_split_site(tmp_path_factory):
    """The seed interviews as two splits of ten: each seed twice as workforce and twice as creatives."""
    from generator.pipeline import build_site

    root = tmp_path_factory.mktemp("two-splits")
    inputs = root / "transcripts"
    inputs.mkdir()
    for path in sorted((ROOT / "content" / "transcripts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        old = re.search(r"\*\*Transcript ID:\*\* (\S+)", text)[1]
        for prefix in ("work_9", "work_8", "creativity_9", "creativity_8"):
            new = prefix + old[-3:]
            (inputs / f"{new}.txt").write_text(text.replace(old, new), encoding="utf-8")
    out = root / "site"
    build_site([inputs], out, copy_study(root))
    return out


def test_the_built_home_page_opens_with_the_summary_and_compares_the_splits(two_split_site):
    home = (two_split_site / "index.html").read_text(encoding="utf-8")
    assert home.index('id="summary-title"') < home.index('id="findings-title"')
    summary_html = home[home.index('id="summary-title"') : home.index('id="participants-title"')]
    assert '<a href="./themes/human-judgement/">100% of interviews (20 of 20)</a>' in summary_html
    # Identical interviews in both splits: every share is the same, so no difference is named.
    splits = home[home.index('id="splits-title"') :]
    assert "None found" in splits and "higher than" not in splits
    # The share card's words are the first sentence.
    first = "Most participants raised “Kept human: judgement, relationships, voice”: 100% of interviews (20 of 20)"
    assert f'<meta property="og:description" content="{first}, more than any other theme.">' in home
    methodology = (two_split_site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "pooled two-proportion z-test, two-sided" in methodology
    assert "not adjusted for multiple comparisons" in methodology


def test_the_reference_figures_appear_beside_their_findings_with_the_source(built_site):
    theme = (built_site / "themes" / "saves-time" / "index.html").read_text(encoding="utf-8")
    published = theme[theme.index('id="published"') : theme.index("How this theme is coded")]
    assert "<strong>86%</strong> of 1,000 general-workforce participants" in published
    assert f'<a href="{URL}">{SOURCE}</a>' in published
    assert "Why they differ" in published
    style = (built_site / "interaction-style" / "index.html").read_text(encoding="utf-8")
    assert "<strong>65%</strong>" in style and "<strong>35%</strong>" in style
    assert (built_site / "participants" / "index.html").exists()
    assert (built_site / "figures" / "occupation-groups.svg").exists()
    assert (built_site / "figures" / "interaction-styles.png").exists()


@pytest.fixture(scope="module")
def two_split_url(two_split_site):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(two_split_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", ["", "participants/", "interaction-style/", "themes/accuracy-trust/", "methodology/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_report_pages(browser, two_split_url, path, scheme):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(two_split_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    context.close()
    assert [f"{v['id']}: {v['help']} ({v['impact']})" for v in result["violations"]] == []


def test_the_summary_reads_at_phone_width_without_sideways_scrolling(browser, two_split_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(two_split_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("heading", name="Summary").is_visible()
    context.close()


def test_at_aggregates_level_the_style_page_quotes_no_one(tmp_path):
    from generator.pipeline import build_site

    study = copy_study(tmp_path)
    study.write_text(study.read_text(encoding="utf-8") + '\n[privacy]\npublish = "aggregates"\n', encoding="utf-8")
    out = tmp_path / "site"
    build_site([ROOT / "content" / "transcripts"], out, study)
    style = (out / "interaction-style" / "index.html").read_text(encoding="utf-8")
    assert 'class="quote"' not in style
    assert "Each style’s share of the interviews" in style
    theme = (out / "themes" / "saves-time" / "index.html").read_text(encoding="utf-8")
    assert "Interviews coded with this theme" not in theme and "interviews/work_" not in theme
    shutil.rmtree(out)


def test_a_reference_to_a_renamed_themes_old_slug_follows_the_rename(tmp_path):
    study = _study_with(tmp_path, GOOD)
    codebook = study.parent / "codebook.toml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(
        text.replace('slug = "saves-time"', 'slug = "time-saved"\naliases = ["saves-time"]'), encoding="utf-8"
    )
    assert load_config(study).references[-1].finding == "time-saved"


# --- A theme you can audit: every coded interview with its best evidence sentence -----------------


def html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_each_theme_lists_every_coded_interview_with_a_sentence_said_in_the_turn_it_links_to(built_site):
    interviews = json.loads((built_site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"]
    themes = json.loads((built_site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    listed = 0
    for t in themes:
        coded = {i["id"]: i for i in interviews if t["slug"] in {c["slug"] for c in i["themes"]}}
        page = html(built_site / "themes" / t["slug"] / "index.html")
        items = page.xpath("//ul[@id='coded']/li")
        ids = [item.xpath("./span/a")[0].text for item in items]
        assert ids == sorted(coded), t["slug"]
        for item, interview_id in zip(items, ids, strict=True):
            i = coded[interview_id]
            said = item.xpath("./q")[0].text
            interview_link, turn_link = (a.get("href") for a in item.xpath("./span/a"))
            assert interview_link == f"../../interviews/{interview_id}/"
            turn = int(turn_link.removeprefix(f"../../interviews/{interview_id}/#turn-"))
            # The linked turn on the interview's page is the participant's, and holds these exact words.
            interview_page = html(built_site / "interviews" / interview_id / "index.html")
            (said_in,) = interview_page.xpath(f"//li[@id='turn-{turn}']")
            assert "turn--participant" in said_in.get("class")
            assert any(said in p.text_content() for p in said_in.xpath("./p[@class='turn__text']"))
            # It is the sentence the interview's page shows first as evidence for this theme.
            (evidence,) = [
                li
                for li in interview_page.xpath("//ul[@class='theme-evidence']/li")
                if words(li.xpath("./h3")[0]) == t["label"]
            ]
            assert evidence.xpath(".//ul[@class='sentences']/li/q")[0].text == said
            assert words(item.xpath("./span")[0]).endswith(
                f"· {i['split']} · {GROUP_LABELS[i['occupation_group']]}"
                + ("" if i["occupation"] == "not stated" else f" · {i['occupation']}")
            )
            listed += 1
    assert listed == sum(len(i["themes"]) for i in interviews)


def test_the_coded_list_stays_out_of_the_search_index(built_site):
    # Theme pages are searchable; hundreds of sentences each would bury them, and would put interviews
    # past [limits] search_interviews in the index through the back door.
    page = html(built_site / "themes" / "saves-time" / "index.html")
    (section,) = page.xpath("//section[.//ul[@id='coded']]")
    assert section.get("data-pagefind-ignore") is not None


@pytest.fixture
def paged_by_8(browser, two_split_url):
    """The theme coded in the most of the twenty interviews, its list paged by 8 instead of 25, so that
    twenty interviews make three pages."""
    page = browser.new_page()

    def smaller_pages(route):
        body = route.fetch().text().replace('data-page-size="25"', 'data-page-size="8"')
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route("**/themes/*/", smaller_pages)
    yield page
    page.close()


def test_the_coded_list_filters_by_split_and_words_and_pages_with_the_keyboard(
    paged_by_8, two_split_url, two_split_site
):
    themes = json.loads((two_split_site / "data" / "themes.json").read_text(encoding="utf-8"))["themes"]
    theme = max(themes, key=lambda t: (t["n"], t["slug"]))
    assert theme["n"] == 20
    page = paged_by_8
    page.goto(f"{two_split_url}themes/{theme['slug']}/")
    items, pager = page.locator("#coded > li"), page.get_by_role("navigation", name=re.compile("^Pages of interviews"))
    shown = page.locator("#coded > li:visible")
    status = page.locator('form[data-filter-for="coded"] [data-page-status]')
    filters = page.get_by_role("group", name="Show interviews")
    previous, next_ = pager.get_by_role("button", name="Previous"), pager.get_by_role("button", name="Next")
    expect(shown).to_have_count(8)
    expect(status).to_have_text("Showing 1–8 of 20 interviews")
    expect(previous).to_be_disabled()
    next_.click()
    expect(status).to_have_text("Showing 9–16 of 20 interviews")
    expect(pager.locator("[data-page-status]")).to_have_text("Showing 9–16 of 20 interviews")
    expect(page.locator("#live-status")).to_have_text("Showing 9–16 of 20 interviews")
    assert shown.first.inner_text() == items.nth(8).inner_text()
    # The last page by the keyboard: Next is then disabled, and focus goes to Previous rather than the page's top.
    next_.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Showing 17–20 of 20 interviews")
    expect(shown).to_have_count(4)
    expect(next_).to_be_disabled()
    expect(previous).to_be_focused()

    filters.get_by_label("Study split").select_option("creatives")
    expect(status).to_have_text("Showing 1–8 of 10 interviews (filtered from 20)")
    assert set(page.eval_on_selector_all("#coded > li:not([hidden])", "els => els.map((e) => e.dataset.split)")) == {
        "creatives"
    }
    expect(page.locator("#live-status")).to_have_text("Showing 1–8 of 10 interviews (filtered from 20)")

    # Words: the longest word of the first sentence, in every creatives interview whose line holds it.
    lines = [" ".join(t.split()).lower() for t in items.all_inner_texts()]
    splits = items.evaluate_all("els => els.map((e) => e.dataset.split)")
    word = max(re.findall(r"[a-z]+", lines[0]), key=len)
    holding = sum(1 for line, split in zip(lines, splits, strict=True) if word in line and split == "creatives")
    assert 0 < holding < 10
    filters.get_by_label("Containing the words").fill(word.upper())
    expect(status).to_have_text(f"Showing 1–{holding} of {holding} interviews (filtered from 20)")
    expect(pager).to_be_hidden()  # one page: nothing to turn

    filters.get_by_role("button", name="Show all").click()
    expect(status).to_have_text("Showing 1–8 of 20 interviews")
    expect(shown).to_have_count(8)


def test_without_javascript_the_coded_list_is_whole_and_offers_no_controls(browser, two_split_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{two_split_url}themes/human-judgement/")
    expect(page.locator("#coded > li:visible")).to_have_count(20)
    assert not page.get_by_role("navigation", name=re.compile("^Pages of interviews")).is_visible()
    assert not page.get_by_role("group", name="Show interviews").is_visible()
    context.close()
