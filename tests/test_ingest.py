"""Ingest: every format, turn splitting, encoding repair, and the exact error for each bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, SEEDS

from generator.ingest import MAX_TRANSCRIPT_CHARS, Labels, read_transcripts

LABELS = Labels()


def read(*paths: Path):
    return read_transcripts(list(paths), LABELS)


def test_seeds_read_with_their_dialog_ids_and_no_problems():
    result = read(SEEDS)
    assert result.problems == ()
    assert sorted(t.id for t in result.transcripts) == ["work_0079", "work_0085", "work_0469", "work_0487", "work_0803"]


def test_seed_mojibake_is_repaired_and_each_repair_is_recorded_with_its_line():
    for t in read(SEEDS).transcripts:
        text = "\n".join(turn.text for turn in t.turns)
        assert "â€“" not in text
        assert "no right or wrong answers – we're" in t.turns[0].text
        assert len(t.repairs) == 1
        repair = t.repairs[0]
        source_line = t.source.read_text(encoding="utf-8").split("\n")[repair.line - 1]
        assert "â€“" in source_line and "â€“" in repair.before and "–" in repair.after


def test_seed_turns_start_with_the_interviewer_and_alternate_speakers():
    t = next(t for t in read(SEEDS).transcripts if t.id == "work_0079")
    assert t.turns[0].speaker == "interviewer" and t.turns[0].label == "Assistant"
    assert t.turns[1].speaker == "participant" and t.turns[1].text == "No, let's begin!"
    assert [turn.number for turn in t.turns] == list(range(1, len(t.turns) + 1))
    # Each turn's line points at its label in the file.
    lines = t.source.read_text(encoding="utf-8").split("\n")
    for turn in t.turns:
        assert lines[turn.line - 1].startswith(turn.label + ":")


def test_plain_turn_file_takes_its_id_from_the_file_name_and_keeps_empty_interviewer_turns():
    (t,) = read(DATA / "plain-turns").transcripts
    assert t.id == "nurse_01"
    assert [(x.speaker, x.text) for x in t.turns[2:4]] == [("interviewer", ""), ("participant", "Hello?")]


def test_label_lookalikes_inside_an_answer_are_not_new_turns():
    (t,) = read(DATA / "label-lookalikes").transcripts
    assert [x.speaker for x in t.turns] == ["interviewer", "participant", "participant", "interviewer"]
    assert "Me: what I said\nFrustrated: how I felt\nAlso the AI: replied inline." in t.turns[1].text
    # `Me:` after a blank line is still not a configured label: it stays in the answer.
    assert t.turns[2].text == "And when I paste an example:\n\nMe: not a new turn either"


def test_jsonl_records_are_read_and_a_bad_line_is_reported_without_losing_the_others():
    result = read(DATA / "jsonl")
    assert [t.id for t in result.transcripts] == ["j_1", "j_2"]
    assert [str(p) for p in result.problems] == [
        f"{DATA / 'jsonl' / 'batch.jsonl'}:4: is not valid JSON (Expecting value); write one JSON object per line"
    ]


def test_configured_labels_replace_the_defaults():
    labels = Labels(interviewer=("Interviewer",), participant=("Participant",))
    (t,) = read_transcripts([DATA / "unknown-labels"], labels).transcripts
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("interviewer", "How do you use AI?"),
        ("participant", "For emails."),
    ]


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (
            "missing-speaker-label",
            "notes.txt:1: no speaker turns found (known labels: 'Assistant:', 'AI:', 'User:'); "
            "start each turn with a label such as 'User:' at the start of a line after a blank line",
        ),
        (
            "unknown-labels",
            "other_labels.txt:1: no speaker turns found; 'Interviewer:' is not a configured speaker label "
            "(known: 'Assistant:', 'AI:', 'User:'); add 'Interviewer' to [labels] in the study configuration, "
            "or relabel the turns",
        ),
        (
            "latin1-bytes",
            "latin1.txt:3: byte 0xe9 is not valid UTF-8; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        ),
        (
            "duplicate-id",
            f"more.csv:2: duplicate transcript id 'a' (first seen at {DATA / 'duplicate-id' / 'a.txt'}:1); "
            "give each interview a unique id, or remove the duplicate",
        ),
        (
            "text-before-first-turn",
            "stray.txt:1: text before the first speaker turn: 'Notes from the call'; "
            "start the transcript with a speaker label, or remove the stray text",
        ),
        (
            "csv-missing-column",
            "wrong_header.csv:1: CSV header has no 'transcript_id' or 'text' column (found 'id', 'transcript'); "
            "name the columns 'transcript_id' and 'text'",
        ),
        (
            "csv-broken-quote",
            "broken.csv:5: CSV record starting here is malformed (unexpected end of data); "
            "close the quoted field with '\"' and double any '\"' inside it",
        ),
        (
            "no-participant-turns",
            "silent.txt:1: transcript 'silent' has no participant turns (labels 'User:'); "
            "check the participant's speaker label in [labels] of the study configuration",
        ),
        ("empty-file", "empty.txt: is empty; remove the file or export the transcript again"),
        (
            "binary-file",
            "blob.txt:1: contains NUL bytes, so it looks like a binary file, not a transcript; "
            "export the transcript as plain text (UTF-8)",
        ),
        (
            "dialog-without-id",
            "dialog.md:5: Dialog header has no '**Transcript ID:** ...' line before '---'; "
            "add the transcript's id under the '# Dialog' heading",
        ),
    ],
)
def test_each_bad_input_gets_one_exact_message_naming_file_line_and_fix(scenario, message):
    result = read(DATA / scenario)
    assert [str(p) for p in result.problems] == [f"{DATA / scenario}/{message}"]


def test_a_broken_csv_record_does_not_lose_the_records_before_it():
    assert [t.id for t in read(DATA / "csv-broken-quote").transcripts] == ["ok_1"]


def test_unsupported_files_in_an_input_folder_are_reported_not_ignored(tmp_path):
    (tmp_path / "a.txt").write_text("AI: hi\n\nUser: hello there\n")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    result = read(tmp_path)
    assert [t.id for t in result.transcripts] == ["a"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'notes.docx'}: unsupported file type '.docx'; use .txt or .md for one transcript, "
        ".csv or .jsonl for many, or move the file out of the input folder"
    ]


def test_ids_that_are_not_safe_in_urls_are_rejected(tmp_path):
    (tmp_path / "t.jsonl").write_text('{"transcript_id": "../etc/passwd", "text": "AI: hi\\n\\nUser: hello"}\n')
    assert [str(p) for p in read(tmp_path).problems] == [
        f"{tmp_path / 't.jsonl'}:1: transcript id '../etc/passwd' cannot be used in a URL; "
        "use up to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
    ]


def test_utf16_with_bom_is_decoded(tmp_path):
    (tmp_path / "u16.txt").write_bytes("AI: Café?\n\nUser: Oui, le café.\n".encode("utf-16"))
    (t,) = read(tmp_path).transcripts
    assert t.turns[1].text == "Oui, le café."


def test_curly_quotes_and_html_entities_in_answers_are_not_restyled(tmp_path):
    text = "AI: hi\n\nUser: I said “don’t” &amp; meant it – ﬁne.\n"
    (tmp_path / "q.txt").write_text(text, encoding="utf-8")
    (t,) = read(tmp_path).transcripts
    assert t.turns[1].text == "I said “don’t” &amp; meant it – ﬁne."
    assert t.repairs == ()


def test_a_bad_byte_in_a_large_csv_loses_only_its_own_record(tmp_path):
    # The file is read a record at a time: one bad byte costs its own record, not the file.
    rows = "".join(f'r{i},"AI: Question {i}?\n\nUser: {"Answer. " * 40}"\n' for i in range(30))
    data = b"transcript_id,text\n" + rows.encode() + b'bad,"AI: hi\n\nUser: caf\xe9"\n' + b'after,"AI: a\n\nUser: b"\n'
    (tmp_path / "big.csv").write_bytes(data)
    result = read(tmp_path)
    assert len(data) > 8192
    assert [t.id for t in result.transcripts] == [f"r{i}" for i in range(30)] + ["after"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'big.csv'}:94: byte 0xe9 is not valid UTF-8; "
        "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"
    ]


def test_jsonl_saved_as_utf16_without_a_byte_order_mark_is_decoded(tmp_path):
    line = '{"transcript_id": "u", "text": "AI: Café?\\n\\nUser: Oui, le café."}\n'
    (tmp_path / "u.jsonl").write_bytes(line.encode("utf-16-le"))
    (t,) = read(tmp_path).transcripts
    assert t.turns[1].text == "Oui, le café."


def test_a_csv_field_longer_than_the_csv_modules_own_limit_is_read(tmp_path):
    # Python's csv reader stops at 131,072 characters a field unless told otherwise; transcripts may be longer.
    long = "AI: Tell me more?\n\nUser: " + "I keep a log of every prompt. " * 5000
    assert 131_072 < len(long) < MAX_TRANSCRIPT_CHARS
    (tmp_path / "long.csv").write_text(
        f'transcript_id,text\nlong,"{long}"\nafter,"AI: a\n\nUser: b"\n', encoding="utf-8"
    )
    result = read(tmp_path)
    assert result.problems == ()
    assert [t.id for t in result.transcripts] == ["long", "after"]
    assert len(result.transcripts[0].turns[1].text) == len(long) - len("AI: Tell me more?\n\nUser: ") - 1


def test_a_csv_record_over_the_transcript_limit_is_reported_at_its_line_and_the_records_after_it_are_read(tmp_path):
    answer = "I keep a log of every prompt. " * 1000  # 30,000 characters a line
    at_limit = ("AI: Go on?\n\nUser: " + answer + "\n") * 33
    at_limit += "x" * (MAX_TRANSCRIPT_CHARS - len(at_limit))
    over = at_limit + "x\n\nUser: and more."  # the reader stops inside the field, two lines before it ends
    one_line = "AI: Go on? User: " + "y" * MAX_TRANSCRIPT_CHARS  # the reader stops on the record's only line
    rows = [("first", "AI: a\n\nUser: b"), ("at_limit", at_limit), ("over", over), ("middle", "AI: c\n\nUser: d")]
    rows += [("one_line", one_line), ("last", 'AI: e\n\nUser: "f", she said')]
    text = "transcript_id,text\n" + "".join(f'{i},"{t.replace(chr(34), chr(34) * 2)}"\n' for i, t in rows)
    (tmp_path / "big.csv").write_text(text, encoding="utf-8")
    result = read(tmp_path)
    assert [t.id for t in result.transcripts] == ["first", "at_limit", "middle", "last"]
    assert result.transcripts[-1].turns[1].text == '"f", she said'
    fix = "check that the record holds one interview transcript and that its quoted field ends with '\"'"
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'big.csv'}:{line}: CSV record starting here has a field over 1,000,000 characters, "
        f"far longer than one interview; {fix}"
        for line in (105, 210)
    ]


def test_a_jsonl_record_with_a_lone_surrogate_or_deep_nesting_costs_that_record_only():
    result = read(DATA / "jsonl-broken-records")
    assert [t.id for t in result.transcripts] == ["jr_1", "jr_4"]
    path = DATA / "jsonl-broken-records" / "records.jsonl"
    assert [str(p) for p in result.problems] == [
        f"{path}:2: text holds \\ud83d, half of a character (an unpaired UTF-16 surrogate); "
        "export the file again from its source, or remove the escape",
        f'{path}:3: JSON is nested too deeply to read; write each line as {{"transcript_id": "...", "text": "..."}}',
    ]


def test_a_jsonl_line_of_100000_nested_brackets_is_reported_at_its_line(tmp_path):
    good = '{"transcript_id": "ok", "text": "AI: Hi\\n\\nUser: Fine."}\n'
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "\n" + '{"a": ' * 100_000 + "\n" + good, encoding="utf-8")
    result = read(tmp_path)
    assert [t.id for t in result.transcripts] == ["ok"]
    assert [(p.line, p.what) for p in result.problems] == [(n, "JSON is nested too deeply to read") for n in (1, 2)]


@pytest.mark.parametrize(
    ("name", "turns"),
    [
        ("mac", [(1, "How do you use AI?"), (3, "For the rota.\nAnd for emails."), (6, "Anything else?"), (8, "No.")]),
        (
            "doubled",
            [(1, "How do you use AI?"), (3, "For the rota."), (5, "Anything else?"), (7, "It checks my maths.")],
        ),
        ("cr_dialog", [(7, "Hi"), (9, "Hello there.")]),
        ("cr_csv", [(2, "Hi"), (4, "Fine."), (6, "Why?"), (8, "Because.")]),
        ("cr_csv_2", [(9, "Hi"), (11, "Windows.")]),
        ("cr_jsonl", [(1, "Hi"), (1, "Fine.")]),
        ("cr_jsonl_2", [(2, "Hi"), (2, "Twice.")]),
    ],
)
def test_carriage_returns_are_line_breaks_so_no_answer_folds_into_the_question(name, turns):
    result = read(DATA / "cr-line-breaks")
    assert result.problems == ()
    (t,) = [t for t in result.transcripts if t.id == name]
    assert [(turn.line, turn.text) for turn in t.turns] == turns
    assert [turn.speaker for turn in t.turns] == ["interviewer", "participant"] * (len(turns) // 2)
