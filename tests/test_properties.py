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

LABELS = Labels(("Assistant", "AI"), ("User",))

# Pieces a participant might paste; mixed with arbitrary text by the strategies below.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))", "![x](http://evil.example/p.png)", "{{ 7*7 }}", "{% include 'base.html' %}",
    "{# c #}", "Title: x", "save_as: ../evil.html", "<iframe src=//evil.example>", "</p></li></ol><script>",
    "<svg/onload=alert(1)>", "&lt;script&gt;", "\"'><script>alert(1)</script>", "<!--", "]]>", "<style>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>", "User:", "AI:", "\n\nUser:", "\n\nAI: ",
]  # fmt: skip
# A NUL byte makes the file binary, which is reported, not built: tested with the reader above.
fragments = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_characters="\x00"), max_size=40))
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


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=answers, second=answers)
def test_no_generated_html_page_contains_an_executable_construct_from_the_input(tmp_path_factory, first, second):
    root = tmp_path_factory.mktemp("prop")
    inputs = root / "in"
    inputs.mkdir()
    body = (
        "Assistant: Hello! How do you use AI at work?\n\n"
        f"User: I am a teacher and AI saves me time. {first}\n\n"
        "AI: What worries you?\n\n"
        f"User: I always double-check its answers because it gets things wrong. {second}\n"
    )
    (inputs / "p1.txt").write_text(body, encoding="utf-8")
    result = build_site([inputs], root / "site", copy_study(root), skip_invalid=True)
    for page in sorted(result.output.rglob("*.html")):
        assert executable_constructs(page.read_text(encoding="utf-8")) == [], page
