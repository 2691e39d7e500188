"""`report review`: the review screen in a real browser (keyboard only, a reload, two tabs, axe), its
refusals of other tokens, hosts and origins, and the decisions file it writes."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import AXE, CONFIG, SEEDS, copy_study
from playwright.sync_api import Page, expect

from generator import cli
from generator.config import load_config
from generator.errors import ReportError
from generator.ingest import read_transcripts
from generator.review.queue import ReviewQueue
from generator.review.record import Decision, DecisionLog, reviewer_file
from generator.review.server import ReviewServer
from generator.review.suggestions import Suggestion, load_study, order_suggestions

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DATE = "2026-11-30"


@pytest.fixture(scope="session")
def study(tmp_path_factory):
    """The seed study, analysed once as `report review` analyses it (16 suggestions)."""
    return load_study([SEEDS], tmp_path_factory.mktemp("review") / "site", CONFIG)


@pytest.fixture(scope="session")
def transcripts():
    """The seed transcripts as ingest reads them: where every sentence shown must come from."""
    return {t.id: t for t in read_transcripts([SEEDS], load_config(CONFIG).labels).transcripts}


@pytest.fixture
def server(study, tmp_path):
    running = ReviewServer(study, tmp_path / "reviews", "Ana María", date=lambda: DATE)
    running.start()
    yield running
    running.shutdown()


def lines(server: ReviewServer) -> list[dict]:
    path = server.log.path
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def shown(page: Page) -> tuple[str, str]:
    """The item on screen: (theme label, highlighted sentence)."""
    expect(page.locator("#item")).to_be_visible()
    return page.locator("#theme-label").inner_text(), page.locator("#turn-text mark").inner_text()


def open_screen(context, server: ReviewServer) -> Page:
    page = context.new_page()
    page.goto(server.url)
    expect(page.locator("#progress")).to_contain_text("to go")
    return page


def test_a_keyboard_alone_reviews_three_items_and_each_decision_is_on_disk_before_the_next(
    browser, server, transcripts
):
    context = browser.new_context()
    page = open_screen(context, server)
    themes = {t.label: t.slug for t in server.study.config.codebook}
    expect(page.locator("#progress")).to_have_text("0 decided, 16 to go")

    # 1: accept with the key.
    label, sentence = shown(page)
    context_text = page.locator("#turn-text").inner_text()
    assert sentence in context_text and len(context_text) > len(sentence)  # the turn around it, not the sentence alone
    page.keyboard.press("a")
    expect(page.locator("#status")).to_contain_text(f"Saved: accepted “{sentence[:20]}")
    assert lines(server)[-1]["sentence"] == sentence and lines(server)[-1]["decision"] == "accept"
    # Focus moves to the next item's heading, so a screen reader starts there.
    expect(page.locator("#item-heading")).to_be_focused()
    first = (themes[label], sentence)

    # 2: reject by reaching the button with Tab and pressing Enter: every control is reachable.
    label, sentence = shown(page)
    assert (themes[label], sentence) != first
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "reject":
            break
    expect(page.get_by_role("button", name="Reject")).to_be_focused()
    # Visible focus: the focused button is outlined.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text(f"Saved: rejected “{sentence[:20]}")
    second = (themes[label], sentence)

    # 3: add another theme (t, arrow to the second choice, Enter), then accept the suggested one.
    label, sentence = shown(page)
    page.keyboard.press("t")
    dialog = page.get_by_role("dialog", name="Add another theme to this sentence")
    expect(dialog).to_be_visible()
    radios = dialog.get_by_role("radio")
    expect(radios.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    added_label = radios.nth(1).evaluate("r => r.parentElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#status")).to_contain_text(f"Saved: added {added_label} to “{sentence[:20]}")
    assert shown(page) == (label, sentence)  # still this item: the suggested theme is not decided yet
    page.keyboard.press("a")
    expect(page.locator("#status")).to_contain_text(f"Saved: accepted “{sentence[:20]}")
    expect(page.locator("#progress")).to_have_text("3 decided, 13 to go")
    context.close()

    written = lines(server)
    assert [(d["decision"], d["theme"], d["sentence"]) for d in written] == [
        ("accept", first[0], first[1]),
        ("reject", second[0], second[1]),
        ("add", themes[added_label], sentence),
        ("accept", themes[label], sentence),
    ]
    for d in written:
        assert d["reviewer"] == "Ana María" and d["date"] == DATE
        turn = next(t for t in transcripts[d["interview"]].turns if t.number == d["turn"])
        assert turn.speaker == "participant" and d["sentence"] in turn.text
    assert server.log.path == Path(server.log.path.parent, "Ana-María.jsonl")


def test_a_reload_mid_review_resumes_at_the_next_undecided_item_and_the_file_holds_exactly_the_decisions(
    browser, server
):
    context = browser.new_context()
    page = open_screen(context, server)
    decided = []
    for key in ("a", "r"):
        decided.append(shown(page)[1])
        page.keyboard.press(key)
        expect(page.locator("#progress")).to_have_text(f"{len(decided)} decided, {16 - len(decided)} to go")
    upcoming = shown(page)
    page.reload()
    expect(page.locator("#progress")).to_have_text("2 decided, 14 to go")
    assert shown(page) == upcoming
    assert [(d["decision"], d["sentence"]) for d in lines(server)] == [("accept", decided[0]), ("reject", decided[1])]
    # A new server on the same file (the review stopped and started again) resumes there too.
    again = ReviewServer(server.study, server.log.path.parent, "Ana María", date=lambda: DATE)
    again.start()
    try:
        page.goto(again.url)
        expect(page.locator("#progress")).to_have_text("2 decided, 14 to go")
        assert shown(page) == upcoming
    finally:
        again.shutdown()
    context.close()


def test_two_tabs_at_once_are_given_different_items_and_never_decide_one_twice(browser, server):
    context = browser.new_context()
    one, two = open_screen(context, server), open_screen(context, server)
    seen = []
    for _ in range(3):
        for tab, key in ((one, "a"), (two, "r")):
            seen.append(shown(tab)[1])
            tab.keyboard.press(key)
            expect(tab.locator("#status")).to_contain_text("Saved:")
            expect(tab.locator("#status")).to_contain_text(seen[-1][:20])
    context.close()
    assert len(set(seen)) == 6
    written = lines(server)
    assert len(written) == 6 and len({(d["interview"], d["theme"], d["sentence"]) for d in written}) == 6
    assert [d["decision"] for d in written] == ["accept", "reject"] * 3


def test_when_two_tabs_show_the_last_item_the_later_decision_wins_and_the_screen_says_so(browser, study, tmp_path):
    # Every item but the last decided already, by hand, in the reviewer's file.
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    rows = [
        {"decision": "accept", "interview": s.interview, "theme": s.theme, "turn": s.turn, "sentence": s.sentence,
         "reviewer": "ana", "date": DATE}
        for s in study.suggestions[:-1]
    ]  # fmt: skip
    (reviews / "ana.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    server = ReviewServer(study, reviews, "ana", date=lambda: DATE)
    server.start()
    try:
        context = browser.new_context()
        one, two = open_screen(context, server), open_screen(context, server)
        last = study.suggestions[-1].sentence
        assert shown(one)[1] == shown(two)[1] == last
        expect(two.locator("#notice")).to_have_text("Another tab also shows this item: nothing else is left to review.")
        one.keyboard.press("a")
        expect(one.locator("#done-heading")).to_be_visible()
        two.keyboard.press("r")
        expect(two.locator("#status")).to_contain_text(
            "It had been accepted already (in another tab?); this later decision is the one that counts."
        )
        context.close()
    finally:
        server.shutdown()
    written = lines(server)[len(rows) :]
    assert [(d["decision"], d["sentence"]) for d in written] == [("accept", last), ("reject", last)]


def test_undo_takes_the_last_decision_out_of_the_file_and_shows_its_item_again(browser, server):
    context = browser.new_context()
    page = open_screen(context, server)
    first = shown(page)
    page.keyboard.press("a")
    expect(page.locator("#progress")).to_have_text("1 decided, 15 to go")
    second = shown(page)
    page.keyboard.press("s")
    expect(page.locator("#progress")).to_have_text("1 decided, 15 to go (1 skipped)")
    assert shown(page) not in (first, second)
    page.keyboard.press("u")  # the skip
    expect(page.locator("#status")).to_have_text("Undone: the skip.")
    assert shown(page) == second
    page.keyboard.press("u")  # the accept
    expect(page.locator("#status")).to_contain_text("Undone: accept of “")
    expect(page.locator("#progress")).to_have_text("0 decided, 16 to go")
    assert shown(page) == first
    assert lines(server) == []
    expect(page.get_by_role("button", name="Undo")).to_be_disabled()
    context.close()


def test_the_participants_profile_is_corrected_from_the_keyboard_and_a_correction_undone(browser, server, study):
    context = browser.new_context()
    page = open_screen(context, server)
    shown(page)
    interview = page.locator("#item-meta").inner_text().split(",")[0].removeprefix("Interview ")
    read = study.profiles[interview]
    expect(page.locator("#profile-occupation")).to_have_text(read.occupation)
    style = "mixed" if read.interaction_style != "mixed" else "delegating"

    page.keyboard.press("p")
    dialog = page.get_by_role("dialog", name=f"Correct the profile of interview {interview}")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Interaction style")).to_be_focused()
    page.keyboard.type(style[0])  # a closed select takes the option its first letter names
    page.keyboard.press("Tab")
    expect(dialog.get_by_label("Occupation, in a few words")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("midwife")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#status")).to_have_text(
        f"Saved: the interaction style set to “{style}”, the occupation set to “midwife” of interview {interview}."
    )
    assert lines(server) == [
        {"decision": "set", "interview": interview, "field": "interaction_style", "value": style,
         "reviewer": "Ana María", "date": DATE},
        {"decision": "set", "interview": interview, "field": "occupation", "value": "midwife",
         "reviewer": "Ana María", "date": DATE},
    ]  # fmt: skip
    expect(page.locator("#profile-style")).to_have_text(style)
    expect(page.locator("#profile-occupation")).to_have_text("midwife")
    expect(page.locator("#profile-evidence")).to_have_text("")  # the coder's sentence showed another style
    expect(page.get_by_role("button", name="Correct the profile")).to_be_focused()
    expect(page.locator("#progress")).to_have_text("0 decided, 16 to go")  # a correction decides no suggestion

    page.keyboard.press("u")
    expect(page.locator("#status")).to_have_text(
        f"Undone: the occupation of interview {interview} set to “midwife”, removed from the file."
    )
    expect(page.locator("#profile-occupation")).to_have_text(read.occupation)
    assert [line["field"] for line in lines(server)] == ["interaction_style"]
    context.close()


def test_a_correction_the_format_cannot_hold_or_that_changes_nothing_is_refused(server, study):
    interview = next(iter(study.profiles))
    read = study.profiles[interview]
    url = f"http://127.0.0.1:{server.port}/api/fields"
    headers = {"X-Review-Token": server.token, "X-Review-Client": "test-tab-1", "Content-Type": "application/json"}

    def post(body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    assert post({"interview": interview, "field": "interaction_style", "value": "bossy"}) == (
        400,
        {"error": "interaction style must be one of collaborative, delegating, mixed, unclear"},
    )
    assert post({"interview": interview, "field": "occupation_group", "value": read.occupation_group}) == (
        400,
        {"error": f"the occupation group of interview {interview} is already {read.occupation_group!r}"},
    )
    assert post({"interview": interview, "field": "split", "value": "creatives"}) == (
        400,
        {"error": "field must be one of interaction_style, occupation, occupation_group"},
    )
    assert post({"interview": "work_9999", "field": "occupation", "value": "nurse"}) == (
        400,
        {"error": "no such interview"},
    )
    assert post({"interview": interview, "field": "occupation", "value": "x" * 121}) == (
        400,
        {"error": "the occupation is longer than 120 characters; say it in a few words"},
    )
    assert lines(server) == []
    status, answer = post({"interview": interview, "field": "occupation", "value": "  school   nurse "})
    assert (status, answer["saved"]["value"], answer["profile"]["occupation"]["value"]) == (
        200,
        "school nurse",
        "school nurse",
    )


def test_a_correction_the_screen_saves_is_one_the_build_applies(server, study):
    from generator.models import InterviewSummary, Profile
    from generator.review.apply import apply_decisions
    from generator.review.decisions import read_decisions
    from generator.review.match import locate

    interview = next(iter(study.profiles))
    server.set_field({"interview": interview, "field": "occupation_group", "value": "healthcare"})
    decisions, problems = read_decisions(server.log.path.parent)
    located, missing = locate(decisions, list(study.transcripts.values()), study.config.codebook)
    assert (problems, missing) == ((), ())
    assert [(d.decision, d.interview, d.field, d.value, d.reviewer) for d in decisions] == [
        ("set", interview, "occupation_group", "healthcare", "Ana María")
    ]
    # The build applies it as it applies any `set` line (test_review covers the site it then writes).
    before = InterviewSummary(
        profile=Profile(interview, "workforce", "nurse", "education", None),
        sections=(),
        interaction_style="mixed",
        style_evidence=None,
        themes=(),
        key_quotes=(),
        turns=0,
        repairs=0,
    )
    [after], _ = apply_decisions([before], located, [t.slug for t in study.config.codebook])
    assert (after.profile.occupation_group, after.reviewed_fields) == (
        "healthcare",
        (("occupation_group", ("Ana María",)),),
    )


def _status(url: str, headers: dict[str, str], body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_a_wrong_token_another_host_or_a_foreign_origin_is_refused(server):
    api = f"http://127.0.0.1:{server.port}/api/items"
    page = f"http://127.0.0.1:{server.port}/"
    tab = {"X-Review-Client": "test-tab-1"}
    assert _status(api, {**tab, "X-Review-Token": server.token}) == 200
    assert _status(page + f"?token={server.token}", {}) == 200
    assert _status(page, {}) == 403
    assert _status(page + "?token=guess", {}) == 403
    assert _status(api, {**tab, "X-Review-Token": server.token[:-1]}) == 403
    assert _status(api + f"?token={server.token}", tab) == 403  # the API takes the token in its header only
    # DNS rebinding: a page at evil.example whose name now points here sends its own Host.
    assert _status(api, {**tab, "X-Review-Token": server.token, "Host": f"evil.example:{server.port}"}) == 403
    decision = json.dumps({"item": 0, "decision": "accept"}).encode()
    post = {**tab, "X-Review-Token": server.token, "Content-Type": "application/json"}
    assert _status(api.replace("items", "decisions"), {**post, "Origin": "http://evil.example"}, decision) == 403
    assert _status(api.replace("items", "decisions"), {**post, "Origin": "null"}, decision) == 403
    assert _status(api.replace("items", "decisions"), {**post, "Sec-Fetch-Site": "cross-site"}, decision) == 403
    assert lines(server) == []
    assert _status(api.replace("items", "decisions"), post, decision) == 200
    assert len(lines(server)) == 1


def test_a_page_on_another_origin_cannot_decide_or_read_anything(browser, server):
    # Another local site (another port is another origin) tries with the token itself, as a stolen link would give it.
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"http://localhost:{server.port}/favicon.svg?token={server.token}")  # any page of another origin
    outcome = page.evaluate(
        """async ([url, token]) => {
            try {
                const r = await fetch(url, {method: "POST", headers: {"X-Review-Token": token,
                    "X-Review-Client": "evil-tab-1", "Content-Type": "application/json"},
                    body: JSON.stringify({item: 0, decision: "reject"})});
                return r.status;
            } catch (e) { return "blocked"; }
        }""",
        [f"http://127.0.0.1:{server.port}/api/decisions", server.token],
    )
    context.close()
    assert outcome in (403, "blocked")
    assert lines(server) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_item_or_its_dialogs(browser, server, scheme):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    # axe is injected as a script: the page's own policy forbids that, so the test bypasses it.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = open_screen(context, server)
    shown(page)
    page.add_script_tag(path=str(AXE))
    scan = "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
    found = page.evaluate(scan, AXE_TAGS)
    page.keyboard.press("t")
    expect(page.get_by_role("dialog")).to_be_visible()
    found += page.evaluate(scan, AXE_TAGS)
    page.keyboard.press("Escape")
    page.keyboard.press("p")
    expect(page.get_by_role("dialog", name="Correct the profile")).to_be_visible()
    found += page.evaluate(scan, AXE_TAGS)
    context.close()
    problems = [f"{v['id']} ({v['impact']}): {v['help']} e.g. {v['nodes'][0]['target']}" for v in found]
    assert problems == []


def test_the_screen_without_javascript_says_it_needs_it(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url)
    expect(page.get_by_text("The review screen needs JavaScript")).to_be_visible()
    assert page.get_by_role("button").count() == 0  # no control that cannot work
    context.close()


# --- The queue and the decisions file, without a browser.


def _suggestion(interview: str, theme: str, p: float, threshold: float | None, turn: int = 1) -> Suggestion:
    return Suggestion(interview, theme, turn, f"{interview} {theme} {p}", p, threshold)


def test_suggestions_come_least_certain_first_and_rule_coded_ones_last():
    from generator.models import CodedTheme, InterviewSummary, Profile, Quote

    def summary(id_: str, themes: tuple[CodedTheme, ...]) -> InterviewSummary:
        return InterviewSummary(
            profile=Profile(id_, "s", "", "", None), sections=(), interaction_style="unclear",
            style_evidence=None, themes=themes, key_quotes=(), turns=4, repairs=0,
        )  # fmt: skip

    codebook = load_config(CONFIG).codebook
    summaries = [
        summary("b", (CodedTheme("saves-time", (Quote("far", 1), Quote("near", 2)), (0.99, 0.72)),)),
        summary("a", (CodedTheme("my-rule-theme", (Quote("rules", 3),), ()),)),
        summary("c", (CodedTheme("accuracy-trust", (Quote("closest", 4),), (0.74,)),)),
    ]
    order = order_suggestions(summaries, codebook, {"saves-time": 0.7, "accuracy-trust": 0.75})
    # |p - threshold|: 0.01, 0.02, 0.29; the rule-coded theme has no probability and comes last.
    assert [s.sentence for s in order] == ["closest", "near", "far", "rules"]


def test_each_tab_is_shown_another_item_until_none_is_left():
    items = tuple(_suggestion(f"i{n}", "t", 0.5, 0.5) for n in range(3))
    queue = ReviewQueue(items)
    pages = [queue.page(tab, size=2) for tab in ("tab-one", "tab-two", "tab-three")]
    assert [p.items for p in pages] == [(0, 1), (1, 2), (2,)]
    assert not any(p.shared for p in pages)
    four = queue.page("tab-four", size=2)  # nothing free: shown again, and said to be
    assert four.items == (0, 1) and four.shared
    # A tab asking again keeps its item (a reload), and moving on lets it go to the others.
    assert queue.page("tab-two", size=2).items == (1,)
    queue.skip("tab-one", 0)
    skipped = queue.page("tab-one", size=2)  # 1 and 2 are on tabs two and three
    assert skipped.items == (1, 2) and skipped.shared
    assert queue.page("tab-five", size=2).items == (0,)


def test_a_tabs_hold_on_its_item_lapses_when_it_stops_asking():
    now = [0.0]
    items = tuple(_suggestion(f"i{n}", "t", 0.5, 0.5) for n in range(3))
    queue = ReviewQueue(items, clock=lambda: now[0])
    assert queue.page("tab-one").items == (0, 1, 2)
    assert queue.page("tab-two").items == (1, 2)
    now[0] = 16 * 60.0
    assert queue.page("tab-two").items == (0, 1, 2)


def test_a_decision_without_a_sentence_decides_every_item_of_its_theme_in_that_interview():
    items = (_suggestion("i1", "t", 0.5, 0.5, 1), _suggestion("i1", "t", 0.6, 0.5, 2), _suggestion("i2", "t", 0.5, 0.5))
    queue = ReviewQueue(items, [Decision("reject", "i1", "t", None, None, "ana", DATE)])
    page = queue.page("tab-one")
    assert page.items == (2,) and page.decided == 2 and page.remaining == 1


def test_the_decisions_file_is_one_json_line_per_decision_in_the_shared_format(tmp_path):
    log = DecisionLog(reviewer_file(tmp_path / "reviews", "Ana María"))
    log.append(Decision("accept", "work_0001", "saves-time", 4, "It saves me “hours”.", "Ana María", DATE))
    log.append(Decision("add", "work_0001", "job-security", 4, "It saves me “hours”.", "Ana María", DATE))
    assert (tmp_path / "reviews" / "Ana-María.jsonl").read_text(encoding="utf-8") == (
        '{"decision": "accept", "interview": "work_0001", "theme": "saves-time", "turn": 4, '
        '"sentence": "It saves me “hours”.", "reviewer": "Ana María", "date": "2026-11-30"}\n'
        '{"decision": "add", "interview": "work_0001", "theme": "job-security", "turn": 4, '
        '"sentence": "It saves me “hours”.", "reviewer": "Ana María", "date": "2026-11-30"}\n'
    )


def test_undo_removes_only_the_last_line_recording_that_decision_and_keeps_comments_and_hand_edits(tmp_path):
    path = tmp_path / "ana.jsonl"
    accept = Decision("accept", "i1", "t", 1, "A.", "ana", DATE)
    reject = Decision("reject", "i1", "t", 1, "A.", "ana", DATE)
    path.write_text(f"# reviewed on the train\n{accept.line()}\n{reject.line()}{accept.line().rstrip()}", "utf-8")
    log = DecisionLog(path)
    log.append(reject)  # after a last line without its newline: still a line of its own
    assert log.remove(accept)
    assert (
        path.read_text(encoding="utf-8") == f"# reviewed on the train\n{accept.line()}\n{reject.line()}{reject.line()}"
    )
    assert [d.decision for d in log.read()] == ["accept", "reject", "reject"]
    assert not log.remove(Decision("add", "i1", "u", 1, "A.", "ana", DATE))


def test_a_line_of_the_reviewers_file_that_is_not_a_decision_is_an_error_at_its_line(tmp_path, capsys):
    content = copy_study(tmp_path).parent
    (content / "reviews").mkdir()
    (content / "reviews" / "ana.jsonl").write_text(
        '{"decision": "accept", "interview": "work_0079"}\n\n{"decision": "maybe"}\n'
    )
    code = cli.main(["review", "--input", str(SEEDS), "--config", str(content / "study.toml"),
                     "--output", str(tmp_path / "site"), "--reviewer", "ana"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"error: {content / 'reviews' / 'ana.jsonl'}:1: the line has no theme, so it is not a review decision; "
        "correct or remove the line, then start the review again\n"
    )


def test_the_reviewer_is_required_and_must_name_someone(monkeypatch, capsys):
    monkeypatch.delenv("REPORT_REVIEWER", raising=False)
    assert cli.main(["review"]) == 2
    assert "Missing option '--reviewer'" in capsys.readouterr().err
    monkeypatch.setenv("REPORT_REVIEWER", "  ")
    assert cli.main(["review"]) == 2
    assert "Error: Invalid value for --reviewer: give a name or handle" in capsys.readouterr().err


def test_a_reviewer_name_becomes_a_safe_file_name(tmp_path):
    assert reviewer_file(tmp_path, "Ana María").name == "Ana-María.jsonl"
    assert reviewer_file(tmp_path, "../../etc/passwd").name == "etc-passwd.jsonl"
    with pytest.raises(ReportError, match=r"^--reviewer '//': has no letter or digit to name the decisions file after"):
        reviewer_file(tmp_path, "//")


def test_report_review_prints_an_address_with_its_token_and_stops_on_ctrl_c(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    config = copy_study(tmp_path)
    env = {**os.environ, "REPORT_REVIEWER": "ana", "COLUMNS": "300"}
    command = [sys.executable, "-m", "generator", "review", "--input", str(SEEDS), "--config", str(config),
               "--output", str(tmp_path / "site")]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"Reviewing 16 suggestions as ana; decisions go to {config.parent / 'reviews' / 'ana.jsonl'}\n"
        address = re.fullmatch(r"Open (http://127\.0\.0\.1:\d+/\?token=[\w-]{43})  \(.*\)\n", process.stdout.readline())
        assert address, "no address printed"
        assert _status(address[1], {}) == 200
        assert _status(address[1][:-3] + "abc", {}) == 403
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out == f"Stopped. 0 decisions in {config.parent / 'reviews' / 'ana.jsonl'}\n"
    assert err == ""
