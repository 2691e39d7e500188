"""Property-based tests (Hypothesis): no input crashes the reader, no input text runs in a page,
and redaction never lets a generated identifier through."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import copy_study
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import executable_constructs

from generator.config import Privacy
from generator.errors import Problem
from generator.ingest import Labels, parse_record
from generator.ingest.formats import RawRecord, read_records
from generator.models import Transcript
from generator.pipeline import build_site
from generator.redact import Redactor
from generator.redact.normalise import fold

LABELS = Labels(("Assistant", "AI"), ("User",))

# Pieces a participant might paste; mixed with arbitrary text by the strategies below.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))", "![x](http://evil.example/p.png)", "{{ 7*7 }}", "{% include 'base.html' %}",
    "{# c #}", "Title: x", "save_as: ../evil.html", "<iframe src=//evil.example>", "</p></li></ol><script>",
    "<svg/onload=alert(1)>", "&lt;script&gt;", "\"'><script>alert(1)</script>", "<!--", "]]>", "<style>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>", "User:", "AI:", "\n\nUser:", "\n\nAI: ",
]  # fmt: skip
# A NUL byte makes the file binary, which is reported, not built: tested with the reader above. A lone
# surrogate cannot be written to a UTF-8 file at all (Hypothesis once drew "\uda14" here).
fragments = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=40),
)
answers = st.lists(fragments, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_becomes_a_transcript_or_a_problem(text):
    result = parse_record(RawRecord("t1", Path("t1.txt"), 1, text), LABELS)
    assert isinstance(result, Transcript | Problem)
    if isinstance(result, Transcript):
        assert [t.number for t in result.turns] == list(range(1, len(result.turns) + 1))
        assert any(t.speaker == "participant" for t in result.turns)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".csv", ".jsonl"]))
def test_any_bytes_in_any_supported_file_are_read_or_reported_never_a_crash(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for record in read_records(path):
        assert isinstance(record, RawRecord | Problem)
        if isinstance(record, Problem):
            assert record.path == path and record.what and record.fix
        else:
            assert isinstance(parse_record(record, LABELS), Transcript | Problem)


# Any code point, surrogates too (JSON can spell half a character as an escape), and line-break oddities.
json_texts = st.lists(
    st.text(st.characters(exclude_categories=()), max_size=60)
    | st.sampled_from(["\ud800", "\udfff", "\udce9", "\ud83d\ude00", "\r", "\r\r", "\r\n", "\n\nUser: "]),
    max_size=8,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=json_texts)
def test_any_json_lines_text_is_read_or_reported_and_every_transcript_read_can_be_written(tmp_path, text):
    path = tmp_path / "input.jsonl"
    record = {"transcript_id": "p", "text": "AI: Hi\n\nUser: " + text}
    path.write_text(json.dumps(record) + "\n" + json.dumps(record | {"transcript_id": "q"}) + "\n")
    results = [r if isinstance(r, Problem) else parse_record(r, LABELS) for r in read_records(path)]
    assert len(results) == 2
    for result in results:
        assert isinstance(result, Transcript | Problem)
        if isinstance(result, Transcript):
            for turn in result.turns:
                turn.text.encode("utf-8")
                assert "\r" not in turn.text


emails = st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?@[a-z]{2,10}\.(com|org|net|co\.uk|example)", fullmatch=True)
phones = st.sampled_from(["+1 (415) 555-0132", "415-555-0199", "+44 20 7946 0958", "020 7946 0123"])


@settings(max_examples=200, deadline=None)
@given(before=st.text(max_size=60), email=emails, phone=phones, after=st.text(max_size=60))
def test_redaction_removes_every_generated_email_and_phone_number(before, email, phone, after):
    text = f"{before} mail {email} or call {phone} {after}"
    redactor = Redactor(Privacy())
    spans = redactor.spans(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))  # no overlaps, in order
    cleaned = redactor.clean(text)
    assert email not in cleaned
    assert re.sub(r"\D", "", phone)[-7:] not in re.sub(r"\D", "", cleaned)


# Obfuscations: what hides an identifier from a naive filter and not from a reader.
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
LOOK_ALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "i": "\u0456"}
LISTED_NAMES = ["Margaret Thornbury", "Daniel Okafor", "Maria Gonzalez", "Siobhan O'Leary"]
WORDS = st.lists(st.sampled_from(["we", "talked", "about", "rota", "planning", "later", "today", "notes"]), min_size=1)
TOUCHING = ["", "—", "–", "…", "...", "/", "&", "«", "»", "(", ")", '"', "'", ";", ",", ".", "!", "?", ":", "“", "”",
            "‘", "’", "<", ">", "[", "]", "*", "|", "-", "--"]  # fmt: skip
REDACTION = settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def obfuscated(draw, text: str) -> str:
    """The text with invisible characters inserted, and letters made full-width or Cyrillic look-alikes."""
    out = []
    for c in text:
        way = draw(st.sampled_from(["plain", "plain", "full-width", "look-alike", "invisible before"]))
        if way == "full-width" and c.isascii() and c.isalnum():
            c = chr(ord(c) + 0xFEE0)
        elif way == "look-alike":
            c = LOOK_ALIKE.get(c, c)
        elif way == "invisible before":
            c = draw(st.sampled_from(INVISIBLE)) + c
        out.append(c)
    return "".join(out)


def folded(text: str) -> str:
    """The text as a reader sees it: invisible characters gone, full-width and look-alike letters plain."""
    return fold(text).lower()


@REDACTION
@given(data=st.data(), name=st.sampled_from(LISTED_NAMES), before=WORDS, after=WORDS)
def test_a_listed_name_is_redacted_however_it_is_obfuscated(data, name, before, after):
    variant = data.draw(st.sampled_from([name, name.split()[0], name.split()[-1], name.upper()]))
    text = f"{' '.join(before)} {data.draw(obfuscated(variant))} {' '.join(after)}"
    cleaned = Redactor(Privacy(names=tuple(LISTED_NAMES))).clean(text)
    assert folded(variant) not in folded(cleaned)
    assert cleaned.startswith(" ".join(before) + " ") and cleaned.endswith(" " + " ".join(after))


@REDACTION
@given(data=st.data(), email=emails, left=st.sampled_from(TOUCHING), right=st.sampled_from(TOUCHING))
def test_an_email_is_redacted_whatever_touches_it_and_however_it_is_obfuscated(data, email, left, right):
    text = f"write {left}{data.draw(obfuscated(email))}{right} today"
    cleaned = Redactor(Privacy()).clean(text)
    assert folded(email) not in folded(cleaned) and "[EMAIL-1]" in cleaned
    assert cleaned.startswith(f"write {left}") and cleaned.endswith(f"{right} today")


SPELLED_AT = [" at ", "[at]", " (at) ", "{at}", " AT ", "%40", " @ "]
SPELLED_DOT = [" dot ", "[dot]", " (dot) ", " DOT "]


# Pronouns and articles are never read as a mailbox ("look at it dot com"), so none is generated as one.
NOT_MAILBOXES = set("a an the this that my our your their his her its it me us them some any".split())
LOCAL_PARTS = st.from_regex(r"[a-z]{2,8}[0-9]{0,2}", fullmatch=True).filter(lambda w: w not in NOT_MAILBOXES)


@REDACTION
@given(data=st.data(), local=LOCAL_PARTS, domain=st.sampled_from(["outlook", "gmail", "riverside-clinic"]))
def test_a_spelled_out_email_is_redacted(data, local, domain):
    at = data.draw(st.sampled_from(SPELLED_AT))
    dot = data.draw(st.sampled_from(SPELLED_DOT if at in (" at ", " AT ") else [*SPELLED_DOT, "."]))
    text = f"reach me: {local}{at}{domain}{dot}com thanks"
    assert Redactor(Privacy()).clean(text) == "reach me: [EMAIL-1] thanks"


CANONICAL_PHONES = ["+1 415 555 0132", "(415) 555-0132", "415-555-0199", "+44 20 7946 0958", "020 7946 0123"]
SMALL_NUMBERS = st.lists(st.integers(1, 99).map(str), max_size=12).map(" ".join)


@REDACTION
@given(phone=st.sampled_from(CANONICAL_PHONES), before=SMALL_NUMBERS, after=SMALL_NUMBERS)
def test_a_phone_number_inside_a_run_of_other_numbers_is_redacted(phone, before, after):
    text = f"figures {before} {phone} {after} end"
    cleaned = Redactor(Privacy()).clean(text)
    assert "[PHONE-1]" in cleaned and phone not in cleaned
    assert re.sub(r"\D", "", phone)[-7:] not in re.sub(r"\D", "", cleaned)
    assert cleaned.startswith("figures ") and cleaned.endswith(" end")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=answers, second=answers)
def test_no_generated_html_page_contains_an_executable_construct_from_the_input(tmp_path, first, second):
    # One study for every example, each a rebuild with the interview changed: its caches save half of a
    # build, and a rebuild publishes what a build from scratch does (test_publication).
    root = tmp_path
    inputs = root / "in"
    inputs.mkdir(exist_ok=True)
    config = root / "content" / "study.toml"
    body = (
        "Assistant: Hello! How do you use AI at work?\n\n"
        f"User: I am a teacher and AI saves me time. {first}\n\n"
        "AI: What worries you?\n\n"
        f"User: I always double-check its answers because it gets things wrong. {second}\n"
    )
    (inputs / "p1.txt").write_text(body, encoding="utf-8")
    result = build_site([inputs], root / "site", config if config.exists() else copy_study(root), skip_invalid=True)
    for page in sorted(result.output.rglob("*.html")):
        assert executable_constructs(page.read_text(encoding="utf-8")) == [], page
