"""Exchange with QDA tools (REFI-QDA): `report export` writes a project that validates against the
published schema and whose every selection cuts exactly its evidence sentence; `report import` turns
what a person changed in a QDA tool into review decisions, whatever the tool did to line breaks.

"Another tool" here is QualCoder (https://github.com/ccbogel/QualCoder), an open-source QDA tool. Its
REFI-QDA export is a Qt dialog over its SQLite project and cannot run headless, so `qualcoder_export`
below writes what it writes (src/qualcoder/refi.py, RefiExport, at commit 593292cb): new random GUIDs
for every object, users named after the owners of codings, `origin` its version, the `sources`
folder, text files in UTF-8 with a BOM and, with its "MAXQDA line endings" option, CRLF line breaks
while positions still count LF; one PlainTextSelection per coding, named with the selected text.
A variant counts positions on the CRLF text, shifting each selection one character per line break
before it, as the tools QualCoder's own importer compensates for do.
"""

from __future__ import annotations

import html
import io
import json
import random
import re
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import CONFIG, DATA, ROOT, SEEDS, copy_study
from lxml import etree

from generator import execute
from generator.cli import main
from generator.exchange import export_project, import_project, load_study, record_export, study_model
from generator.exchange.exports import coding_digest, read_records
from generator.exchange.positions import COUNTINGS, Positions
from generator.review.suggestions import load_study as load_review

SCHEMAS = ROOT / "generator" / "exchange" / "schema"
NS = {"q": "urn:QDA-XML:project:1.0"}
TODAY = "2026-06-01"
# A participant sentence of the seed study (work_0487, turn 16) that shows job security, which the coder
# does not code there.
JOB_SENTENCE = (
    "I feel like social media management-as far as overseeing community groups, pages, etc. are pretty safe "
    "right now due to a lot of companies and organizations, specifically mine, wanting that human interaction "
    "and oversight."
)


@pytest.fixture(scope="module")
def seed():
    return load_study([SEEDS], CONFIG)


@pytest.fixture(scope="module")
def seed_qdpx(seed):
    return export_project(seed)


def open_project(data: bytes) -> tuple[etree._Element, dict[str, str]]:
    """project.qde and each text source's text by the source's name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {}
        for source in root.iterfind(".//q:TextSource", NS):
            member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            texts[source.get("name")] = archive.read(member).decode("utf-8")
    return root, texts


def site(tmp_path: Path) -> list[str]:
    """Where a command's analysis keeps its cache (the build's, beside the site): the test's own folder."""
    return ["--site", str(tmp_path / "site")]


def labels(root) -> dict[str, str]:
    return {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}


# --- Export


def test_the_project_validates_against_the_published_refi_qda_schema(seed_qdpx):
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "Project.xsd"))
    root, _ = open_project(seed_qdpx)
    assert schema.validate(root), schema.error_log


def test_every_evidence_sentence_is_a_selection_that_cuts_exactly_that_sentence(seed, seed_qdpx):
    root, texts = open_project(seed_qdpx)
    code_label = labels(root)
    theme_label = {t.slug: t.label for t in seed.config.codebook}
    exported = set()
    for source in root.iterfind(".//q:TextSource", NS):
        text = texts[source.get("name")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            cut = text[int(selection.get("startPosition")) : int(selection.get("endPosition"))]
            assert cut == selection.get("name")
            for ref in selection.iterfind("q:Coding/q:CodeRef", NS):
                exported.add((source.get("name"), code_label[ref.get("targetGUID")], cut))
    evidence = {
        (s.id, theme_label[t.slug], q.text) for s in seed.report.interviews for t in s.themes for q in t.evidence
    }
    assert len(evidence) >= 10
    assert exported == evidence


def test_interview_text_is_laid_out_turn_by_turn_with_the_sites_turn_numbers(seed, seed_qdpx):
    _, texts = open_project(seed_qdpx)
    first = seed.report.interviews[0]
    text = texts[first.id]
    turns = seed.report.transcripts[first.id].turns
    assert text.startswith(f"[1] {turns[0].label}: {turns[0].text}\n\n[2] {turns[1].label}: ")
    assert text.endswith(f"[{turns[-1].number}] {turns[-1].label}: {turns[-1].text}\n")
    assert "\r" not in text and not text.startswith("\ufeff")


def test_two_exports_of_the_same_inputs_are_byte_identical(seed, seed_qdpx):
    assert export_project(seed) == seed_qdpx
    with zipfile.ZipFile(io.BytesIO(seed_qdpx)) as archive:
        names = archive.namelist()
        assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:])
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_tool_and_each_reviewer_are_users_and_a_coding_a_reviewer_added_is_theirs(tmp_path):
    config = copy_study(tmp_path)
    reviews = config.parent / "reviews"
    reviews.mkdir()
    (reviews / "alice.jsonl").write_text(
        '# mine\n{"decision": "reject", "interview": "work_0085", "theme": "sycophancy", "reviewer": "Alice Ng", '
        '"date": "2026-05-01"}\n\n'
    )
    add = {"decision": "add", "interview": "work_0487", "theme": "job-security", "turn": 16, "sentence": JOB_SENTENCE}
    (reviews / "bob.jsonl").write_text(json.dumps({**add, "reviewer": "bob", "date": "2026-05-02"}) + "\n")
    data = export_project(load_study([SEEDS], config))
    root, texts = open_project(data)
    users = {u.get("name"): u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}
    assert sorted(users) == ["Alice Ng", "bob", "interview-report"]
    # A user's GUID is the same in every export of the study: an import recognises the reviewer it exported.
    (reviews / "alice.jsonl").unlink()
    again, _ = open_project(export_project(load_study([SEEDS], config)))
    assert {u.get("name"): u.get("guid") for u in again.iterfind("q:Users/q:User", NS)} == {
        "bob": users["bob"],
        "interview-report": users["interview-report"],
    }
    code = next(c.get("guid") for c in root.iterfind(".//q:Code", NS) if c.get("name") == "Job security")
    made = {}
    for selection in root.iterfind(".//q:PlainTextSelection", NS):
        text = texts[selection.getparent().get("name")]
        words = text[int(selection.get("startPosition")) : int(selection.get("endPosition"))]
        for coding in selection.iterfind("q:Coding", NS):
            assert coding.get("creatingUser") == selection.get("creatingUser")
            made[(words, coding.find("q:CodeRef", NS).get("targetGUID"))] = coding.get("creatingUser")
    assert made.pop((JOB_SENTENCE, code)) == users["bob"]
    assert set(made.values()) == {users["interview-report"]}


def test_an_export_reads_the_decisions_as_the_build_does_and_refuses_a_bad_line(tmp_path, capsys):
    config = copy_study(tmp_path)
    (config.parent / "reviews").mkdir()
    (config.parent / "reviews" / "bob.jsonl").write_text('{"decision": "accept", "reviewer": "bob"}\n')
    argv = ["export", "--output", str(tmp_path / "study.qdpx"), "--config", str(config), "--input", str(SEEDS)]
    assert main([*argv, *site(tmp_path)]) == 2
    assert f'{config.parent / "reviews" / "bob.jsonl"}:1: no interview; write e.g. "interview": "work_0079"' in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "study.qdpx").exists()


def test_style_split_and_occupation_are_case_variables(seed, seed_qdpx):
    root, _ = open_project(seed_qdpx)
    names = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    cases = {
        case.get("name"): {
            names[v.find("q:VariableRef", NS).get("targetGUID")]: v.findtext("q:TextValue", namespaces=NS)
            for v in case.iterfind("q:VariableValue", NS)
        }
        for case in root.iterfind("q:Cases/q:Case", NS)
    }
    assert cases == {
        s.id: {
            "interaction_style": s.interaction_style,
            "split": s.profile.split,
            "occupation": s.profile.occupation,
            "occupation_group": s.profile.occupation_group,
        }
        for s in seed.report.interviews
    }


def test_the_codebook_alone_validates_and_carries_each_themes_definition(tmp_path, seed, capsys):
    out = tmp_path / "codebook.qdc"
    assert main(["export", "--format", "qdc", "--output", str(out), "--config", str(CONFIG)]) == 0
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "Codebook.xsd"))
    root = etree.parse(out)
    assert schema.validate(root), schema.error_log
    codes = root.getroot().findall("{urn:QDA-XML:codebook:1.0}Codes/{urn:QDA-XML:codebook:1.0}Code")
    assert [c.get("name") for c in codes] == [t.label for t in seed.config.codebook]
    saves = codes[0].findtext("{urn:QDA-XML:codebook:1.0}Description")
    assert saves.startswith(seed.config.codebook[0].definition + "\nInclude: ")
    assert capsys.readouterr().out == f"Wrote {out}: the codebook's 9 codes.\n"


def _study_at(tmp_path: Path, publish: str) -> Path:
    config = copy_study(tmp_path)
    config.write_text(config.read_text() + f'\n[privacy]\npublish = "{publish}"\n')
    return config


def test_aggregates_level_refuses_a_project_and_says_what_can_be_exported(tmp_path, capsys):
    config = _study_at(tmp_path, "aggregates")
    out = tmp_path / "study.qdpx"
    assert main(["export", "--output", str(out), "--config", str(config), "--input", str(SEEDS), *site(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f'error: {config}: [privacy] publish = "aggregates" publishes no participant\'s words, so there is no '
        "interview text to export; export the codebook alone (--format qdc), or choose a level that publishes quotes\n"
    )
    assert not out.exists()
    assert main(["export", "--format", "qdc", "--output", str(tmp_path / "c.qdc"), "--config", str(config)]) == 0


def test_summaries_level_exports_only_the_quoted_sentences_of_participants(tmp_path, seed):
    config = _study_at(tmp_path, "summaries")
    root, texts = open_project(export_project(load_study([SEEDS], config)))
    for s in seed.report.interviews:
        text = texts[s.id]
        for theme in s.themes:
            for q in theme.evidence:
                assert q.text in text
        interviewer = [t for t in seed.report.transcripts[s.id].turns if t.speaker == "interviewer"]
        assert all(f"[{t.number}] {t.label}:" not in text for t in interviewer)
        assert len(text) < sum(len(t.text) for t in seed.report.transcripts[s.id].turns) / 2
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "Project.xsd"))
    assert schema.validate(root), schema.error_log


def test_the_export_carries_the_redacted_text_only(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "nurse_01.txt").write_text(
        "AI: Could you tell me about how AI fits into your typical workday?\n\n"
        "User: I am a nurse. Write to me at jo.bloggs@example.org about it. It saves me an hour a shift.\n"
    )
    _, texts = open_project(export_project(load_study([inputs], CONFIG)))
    assert "jo.bloggs@example.org" not in texts["nurse_01"]
    assert "Write to me at [EMAIL-1] about it." in texts["nurse_01"]


# --- QualCoder's REFI-QDA export, as its refi.py writes it (see the module docstring)


def _guids(seed: int):
    rng = random.Random(seed)
    while True:
        yield str(uuid.UUID(int=rng.getrandbits(128), version=4))


def qualcoder_export(
    exported: bytes,
    remove=(),
    add=(),
    cases=None,
    *,
    new_codes=(),
    crlf_file=True,
    crlf_positions=False,
    names=True,
    coder_made_nothing=False,
    importer=None,
) -> bytes:
    """Our export, imported into QualCoder, edited, and exported again by QualCoder.

    remove: (interview, code label, selected text) of tool codings the person deleted;
    add: (interview, start, end, code label, coder, "YYYY-MM-DD hh:mm:ss") of codings they made;
    new_codes: labels of codes the person created (with no description);
    cases: {interview: {variable: value}} changed case variables;
    importer: the user a tool that does not keep who made each coding gives every coding it imported.
    """
    root, texts = open_project(exported)
    by_guid = labels(root)
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    # QualCoder's tables after importing our file: one code_text row per coding, owned by the selection's user.
    rows = []
    for source in root.iterfind(".//q:TextSource", NS):
        name = source.get("name")
        for sel in source.iterfind("q:PlainTextSelection", NS):
            s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
            for ref in sel.iterfind("q:Coding/q:CodeRef", NS):
                label = by_guid[ref.get("targetGUID")]
                if (name, label, texts[name][s:e]) not in remove:
                    owner = importer or users[sel.get("creatingUser")]
                    rows.append((name, label, s, e, owner, "2026-05-01 09:00:00"))
    rows += [(interview, label, s, e, coder, date) for interview, s, e, label, coder, date in add]
    guid = _guids(7)
    owners = sorted({r[4] for r in rows} | {"interview-report"}) if not coder_made_nothing else ["interview-report"]
    user_guid = {o: next(guid) for o in owners}
    code_guid = {label: next(guid) for label in (*by_guid.values(), *new_codes)}
    ours = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    variables = list(ours.values())
    var_guid = {v: next(guid) for v in variables}
    stamp = "2026-05-01T09:00:00Z"
    xml = '<?xml version="1.0" encoding="utf-8"?>\n<Project '
    xml += 'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    xml += f'name="study.qda" origin="QualCoder 3.7" creatingUserGUID="{next(guid)}" creationDateTime="{stamp}" '
    xml += 'xmlns="urn:QDA-XML:project:1.0">\n<Users>\n'
    xml += "".join(f'<User guid="{g}" name="{html.escape(o)}" />\n' for o, g in user_guid.items())
    xml += "</Users>\n<CodeBook>\n<Codes>\n"
    for code in root.iterfind("q:CodeBook/q:Codes/q:Code", NS):
        memo = html.escape(code.findtext("q:Description", namespaces=NS))
        xml += f'<Code guid="{code_guid[code.get("name")]}" name="{html.escape(code.get("name"))}" isCodable="true" '
        xml += f'color="{code.get("color")}">\n<Description>{memo}</Description>\n</Code>\n'
    for label in new_codes:
        xml += f'<Code guid="{code_guid[label]}" name="{html.escape(label)}" isCodable="true" color="#ff0000" />\n'
    xml += "</Codes>\n</CodeBook>\n<Variables>\n"
    for v in variables:
        xml += f'<Variable guid="{var_guid[v]}" name="{v}" typeOfVariable="Text" >\n<Description />\n</Variable>\n'
    xml += "</Variables>\n<Cases>\n"
    files = {}
    for case in root.iterfind("q:Cases/q:Case", NS):
        name = case.get("name")
        xml += f'<Case guid="{next(guid)}" name="{html.escape(name)}">\n<Description />\n'
        for holder in case.iterfind("q:VariableValue", NS):
            variable = ours[holder.find("q:VariableRef", NS).get("targetGUID")]
            value = (cases or {}).get(name, {}).get(variable, holder.findtext("q:TextValue", namespaces=NS))
            xml += f'<VariableValue>\n<VariableRef targetGUID="{var_guid[variable]}" />\n'
            xml += f"<TextValue>{html.escape(value)}</TextValue>\n</VariableValue>\n"
        # QualCoder gives the case's SourceRef the source's first GUID and the TextSource a second one.
        xml += f'<SourceRef targetGUID="{next(guid)}"/>\n</Case>\n'
    xml += "</Cases>\n<Sources>\n"
    for name, text in texts.items():
        plain = f"{next(guid)}.txt"
        files[plain] = text
        xml += f'<TextSource plainTextPath="internal://{plain}" creatingUser="{user_guid["interview-report"]}" '
        xml += f'creationDateTime="{stamp}" guid="{next(guid)}" name="{html.escape(name)}">\n'
        for source, label, s, e, owner, date in rows:
            if source != name:
                continue
            start, end = s, e
            if crlf_positions:  # counted on the CRLF text: one more per line break before each position
                start, end = s + text[:s].count("\n"), e + text[:e].count("\n")
            xml += f'<PlainTextSelection guid="{next(guid)}" startPosition="{start}" endPosition="{end}" '
            if names:
                xml += f'name="{html.escape(text[s:e])}" '
            xml += f'creatingUser="{user_guid[owner]}" creationDateTime="{date.replace(" ", "T")}Z">\n'
            xml += f'<Coding guid="{next(guid)}" creatingUser="{user_guid[owner]}" >\n'
            xml += f'<CodeRef targetGUID="{code_guid[label]}" />\n</Coding>\n</PlainTextSelection>\n'
        xml += "</TextSource>\n"
    xml += "</Sources>\n</Project>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml.encode("utf-8"))
        archive.writestr("sources/", b"")
        for plain, text in files.items():
            body = text.replace("\n", "\r\n") if crlf_file else text
            archive.writestr(f"sources/{plain}", body.encode("utf-8-sig"))
    return buffer.getvalue()


def _edits(seed):
    """A wrong coding to remove and a sentence to code: chosen from the analysis, not from the export."""
    label = {t.slug: t.label for t in seed.config.codebook}
    coded = next(s for s in seed.report.interviews if len(s.themes) >= 1)
    theme = coded.themes[0]
    wrong = theme.evidence[0]
    other = next(s for s in seed.report.interviews if s.id != coded.id)
    new_theme = next(t for t in seed.config.codebook if t.slug not in other.theme_slugs)
    sentence = other.key_quotes[0]
    return (coded.id, theme.slug, label[theme.slug], wrong), (other.id, new_theme.slug, new_theme.label, sentence)


def _positions_of(exported: bytes, interview: str, turn: int, sentence: str) -> tuple[int, int]:
    _, texts = open_project(exported)
    text = texts[interview]
    turn_at = text.index(f"[{turn}] ")
    start = text.index(sentence, turn_at)
    return start, start + len(sentence)


@pytest.mark.parametrize(
    "line_breaks",
    [
        {"crlf_file": True},  # QualCoder's "MAXQDA line endings": CRLF file, LF positions
        {"crlf_file": False},
        {"crlf_file": True, "crlf_positions": True},  # one character per line break
        {"crlf_file": True, "crlf_positions": True, "names": False},  # ... and no words to check against
    ],
    ids=["crlf-file", "lf-file", "crlf-positions", "crlf-positions-unnamed"],
)
def test_a_coding_removed_and_one_added_in_qualcoder_become_a_reject_and_an_add(tmp_path, seed, seed_qdpx, line_breaks):
    (coded, slug, label, wrong), (other, new_slug, new_label, sentence) = _edits(seed)
    start, end = _positions_of(seed_qdpx, other, sentence.turn, sentence.text)
    project = tmp_path / "study.qdpx"
    project.write_bytes(
        qualcoder_export(
            seed_qdpx,
            remove={(coded, label, wrong.text)},
            add=[(other, start, end, new_label, "alice", "2026-05-02 14:30:00")],
            **line_breaks,
        )
    )
    result = import_project(project, seed, None, TODAY)
    assert result.unplaced == ()
    note = "from study.qdpx (QualCoder 3.7)"
    assert [json.loads(d.as_json()) for d in result.decisions] == sorted(
        [
            {"decision": "reject", "interview": coded, "theme": slug, "turn": wrong.turn, "sentence": wrong.text,
             "reviewer": "alice", "date": TODAY, "note": note},
            {"decision": "add", "interview": other, "theme": new_slug, "turn": sentence.turn,
             "sentence": sentence.text, "reviewer": "alice", "date": "2026-05-02", "note": note},
        ],
        key=lambda d: d["interview"],
    )  # fmt: skip


def test_a_tool_that_forgets_who_coded_what_still_gives_the_persons_changes(tmp_path, seed, seed_qdpx):
    (coded, slug, label, wrong), (other, new_slug, new_label, sentence) = _edits(seed)
    start, end = _positions_of(seed_qdpx, other, sentence.turn, sentence.text)
    project = tmp_path / "p.qdpx"
    project.write_bytes(
        qualcoder_export(
            seed_qdpx,
            remove={(coded, label, wrong.text)},
            add=[(other, start, end, new_label, "alice", "2026-05-02 14:30:00")],
            importer="alice",
        )
    )
    # The export it came from is on record, as `report export` keeps it.
    record_export(study_model(seed), tmp_path / "reviews")
    result = import_project(project, seed, None, TODAY, read_records(tmp_path / "reviews", seed.config.title))
    said = [(d.decision, d.interview, d.theme, d.sentence, d.reviewer) for d in result.decisions]
    assert sorted(said) == sorted(
        [("reject", coded, slug, wrong.text, "alice"), ("add", other, new_slug, sentence.text, "alice")]
    )
    assert result.notes == (
        "the project has no coding by interview-report: QualCoder 3.7 did not keep who made each coding, so codings "
        "that match the export's were taken as the tool's, and the others as a person's",
    )


def test_an_unchanged_project_imports_as_no_decisions(seed, seed_qdpx, tmp_path):
    project = tmp_path / "same.qdpx"
    project.write_bytes(seed_qdpx)
    assert import_project(project, seed, None, TODAY) == import_project(project, seed, "anyone", TODAY)
    result = import_project(project, seed, None, TODAY)
    assert (result.decisions, result.unplaced) == ((), ())
    project.write_bytes(qualcoder_export(seed_qdpx, crlf_positions=True))
    assert import_project(project, seed, None, TODAY).decisions == ()


def test_a_tool_coding_the_person_coded_again_under_their_name_is_an_accept(tmp_path, seed, seed_qdpx):
    (coded, slug, label, wrong), _ = _edits(seed)
    start, end = _positions_of(seed_qdpx, coded, wrong.turn, wrong.text)
    project = tmp_path / "p.qdpx"
    project.write_bytes(qualcoder_export(seed_qdpx, add=[(coded, start, end, label, "bo", "2026-05-03 08:00:00")]))
    [decision] = import_project(project, seed, None, TODAY).decisions
    said = (decision.decision, decision.interview, decision.theme, decision.sentence, decision.reviewer)
    assert said == ("accept", coded, slug, wrong.text, "bo")


def test_what_cannot_be_placed_is_listed_with_the_reason(tmp_path, seed, seed_qdpx):
    interview = seed.report.interviews[0]
    question = next(
        t for t in seed.report.transcripts[interview.id].turns if t.speaker == "interviewer" and t.number > 1
    )
    _, texts = open_project(seed_qdpx)
    at = texts[interview.id].index(question.text)
    label = seed.config.codebook[0].label
    project = tmp_path / "p.qdpx"
    project.write_bytes(
        qualcoder_export(
            seed_qdpx,
            add=[
                (interview.id, at, at + 20, label, "alice", "2026-05-02 10:00:00"),
                (interview.id, 0, 3, label, "alice", "2026-05-02 10:00:00"),
            ],
        )
    )
    result = import_project(project, seed, None, TODAY)
    assert result.decisions == ()
    words = html.unescape(texts[interview.id][at : at + 20])
    assert result.unplaced == (
        f"{interview.id}: characters {at}-{at + 20} ({words!r}) coded {label!r} by alice: it is in the "
        f"interviewer's turn {question.number}; only what the participant said can be evidence",
        f"{interview.id}: characters 0-3 ('[1]') coded {label!r} by alice: it covers no sentence the participant "
        "said (a speaker label or the space between turns)",
    )


def test_a_code_the_codebook_lacks_and_a_source_the_study_lacks_are_listed(tmp_path, seed, seed_qdpx):
    _, (other, _, _, sentence) = _edits(seed)
    start, end = _positions_of(seed_qdpx, other, sentence.turn, sentence.text)
    when = "2026-05-02 10:00:00"
    data = qualcoder_export(seed_qdpx, add=[(other, start, end, "Cost", "alice", when)], new_codes=["Cost"])
    missing = seed.report.interviews[-1].id
    # The source renamed, in the <Sources> after the <Cases> (where the case keeps its name).
    data = _rewrite(data, lambda xml: 'name="notes.txt"'.join(xml.rsplit(f'name="{missing}"', 1)))
    project = tmp_path / "p.qdpx"
    project.write_bytes(data)
    result = import_project(project, seed, None, TODAY)
    assert result.decisions == ()
    assert result.unplaced == (
        f"{other}: characters {start}-{end} ({_short(sentence.text)!r}) coded 'Cost' by alice: the codebook has no "
        "code 'Cost'; add it to codebook.toml (or rename it to a theme's label) and import again",
    )
    assert result.notes == (
        f"1 interview(s) of the report are not in the project ({missing}); their codings were left as they are",
    )


def test_a_code_renamed_in_the_qda_tool_is_still_its_theme(tmp_path, seed, seed_qdpx):
    _, (other, new_slug, new_label, sentence) = _edits(seed)
    start, end = _positions_of(seed_qdpx, other, sentence.turn, sentence.text)
    data = qualcoder_export(seed_qdpx, add=[(other, start, end, new_label, "alice", "2026-05-02 10:00:00")])
    # New GUIDs (QualCoder's) and a new name: only the description the export wrote still names the theme.
    data = _rewrite(data, lambda xml: xml.replace(f'name="{html.escape(new_label)}"', 'name="Renamed"', 1))
    project = tmp_path / "p.qdpx"
    project.write_bytes(data)
    [decision] = import_project(project, seed, None, TODAY).decisions
    assert (decision.decision, decision.theme, decision.sentence) == ("add", new_slug, sentence.text)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _rewrite(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith(".qde"):
                body = change(body.decode("utf-8")).encode("utf-8")
            archive.writestr(info, body)
    return buffer.getvalue()


def test_removals_no_user_can_be_named_for_need_a_reviewer(tmp_path, seed, seed_qdpx):
    (coded, slug, label, wrong), _ = _edits(seed)
    project = tmp_path / "p.qdpx"
    project.write_bytes(qualcoder_export(seed_qdpx, remove={(coded, label, wrong.text)}, coder_made_nothing=True))
    result = import_project(project, seed, None, TODAY)
    assert result.decisions == ()
    assert result.unplaced == (
        f"{coded}: 1 of the tool's codings were removed, and the project does not say by whom (its users: none but "
        "the tool); pass --reviewer NAME",
    )
    [decision] = import_project(project, seed, "Dana", TODAY).decisions
    assert (decision.decision, decision.reviewer, decision.sentence) == ("reject", "Dana", wrong.text)


def test_only_a_coding_the_recorded_export_had_is_read_as_removed(tmp_path, seed, seed_qdpx):
    (coded, slug, label, wrong), _ = _edits(seed)
    # A coding of the report's that the export the project came from did not have (the coder, taught by
    # decisions since, makes it now): the project lacks it, and nobody removed it.
    later = next((s.id, t, q) for s in seed.report.interviews for t in s.themes for q in t.evidence if s.id != coded)
    labels = {t.slug: t.label for t in seed.config.codebook}
    project = tmp_path / "p.qdpx"
    project.write_bytes(
        qualcoder_export(
            seed_qdpx, remove={(coded, label, wrong.text), (later[0], labels[later[1].slug], later[2].text)}
        )
    )
    given = {
        coding_digest(s.id, t.slug, q.turn, q.text)
        for s in seed.report.interviews
        for t in s.themes
        for q in t.evidence
        if (s.id, t.slug, q) != (later[0], later[1].slug, later[2])
    }
    folder = tmp_path / "reviews" / "exports"
    folder.mkdir(parents=True)
    (folder / "0123456789abcdef.json").write_text(
        json.dumps({"format": 1, "study": seed.config.title, "codings": sorted(given)})
    )
    records = read_records(tmp_path / "reviews", seed.config.title)
    result = import_project(project, seed, "Dana", TODAY, records)
    said = [(d.decision, d.interview, d.theme, d.sentence, d.reviewer) for d in result.decisions]
    assert said == [("reject", coded, slug, wrong.text, "Dana")]
    assert result.notes == ()
    # With no record to go by, both are read as removed, and the import says what it compared with.
    result = import_project(project, seed, "Dana", TODAY)
    assert len(result.decisions) == 2
    assert result.notes == (
        "no recorded export of this study holds every coding of the tool's this project has (report export records "
        "each in reviews/exports/), so it was compared with what report export writes now: 2 coding(s) it would "
        "write that the project lacks were taken as removed",
    )


def test_a_coding_the_export_gave_its_reviewer_is_no_change_and_one_they_removed_is_a_reject(tmp_path):
    config = copy_study(tmp_path)
    add = {"decision": "add", "interview": "work_0487", "theme": "job-security", "turn": 16, "sentence": JOB_SENTENCE}
    (config.parent / "reviews").mkdir()
    (config.parent / "reviews" / "bo.jsonl").write_text(json.dumps({**add, "reviewer": "Bo", "date": "2026-05-02"}))
    study = load_study([SEEDS], config)
    data = export_project(study)
    record_export(study_model(study), config.parent / "reviews")
    records = read_records(config.parent / "reviews", study.config.title)
    project = tmp_path / "p.qdpx"
    project.write_bytes(qualcoder_export(data))
    assert import_project(project, study, None, TODAY, records).decisions == ()
    # Another person who codes the same sentence agrees with Bo.
    start, end = _positions_of(data, "work_0487", 16, JOB_SENTENCE)
    project.write_bytes(
        qualcoder_export(data, add=[("work_0487", start, end, "Job security", "Cy", "2026-05-03 10:00:00")])
    )
    said = [
        (d.decision, d.theme, d.sentence, d.reviewer)
        for d in import_project(project, study, None, TODAY, records).decisions
    ]
    assert said == [("accept", "job-security", JOB_SENTENCE, "Cy")]
    # Bo's coding removed in the tool: a reject, by the one person the project names.
    project.write_bytes(qualcoder_export(data, remove={("work_0487", "Job security", JOB_SENTENCE)}))
    said = [(d.decision, d.theme, d.sentence) for d in import_project(project, study, "Dana", TODAY, records).decisions]
    assert said == [("reject", "job-security", JOB_SENTENCE)]


def test_a_changed_case_variable_is_a_set_decision(tmp_path, seed, seed_qdpx):
    first = seed.report.interviews[0].id
    project = tmp_path / "p.qdpx"
    project.write_bytes(
        qualcoder_export(
            seed_qdpx,
            cases={first: {"occupation": "midwife", "interaction_style": "bossy", "split": "creatives"}},
        )
    )
    result = import_project(project, seed, "Dana", TODAY)
    assert [json.loads(d.as_json()) for d in result.decisions] == [
        {"decision": "set", "interview": first, "field": "occupation", "value": "midwife", "reviewer": "Dana",
         "date": TODAY, "note": "from p.qdpx (QualCoder 3.7)"},
    ]  # fmt: skip
    assert result.unplaced == (
        f"{first}: case variable interaction_style = 'bossy': not a style the report knows; use one of "
        "collaborative, delegating, mixed, unclear",
        f"{first}: case variable split = 'creatives': split follows from the interview id and cannot be changed",
    )


# --- Positions, counted the ways tools count them


@pytest.mark.parametrize(
    ("counting", "start", "end", "selected"),
    [
        (0, 2, 4, "b\n"),
        (1, 3, 6, "b\n"),  # CRLF: the line break before counts two, and the one selected
        (1, 2, 4, "\nb"),  # a position between CR and LF belongs to the line break
        (2, 4, 7, "😀c"),  # UTF-16: the emoji counts two
        (3, 6, 9, "😀c"),
    ],
)
def test_positions_are_read_as_the_tool_counted_them(counting, start, end, selected):
    text = "a\nb\n😀c"
    span = Positions(text, COUNTINGS[counting]).span(start, end)
    assert span is not None and text[span[0] : span[1]] == selected


# --- The command line: the researcher's round trip, and files it cannot read


def test_export_edit_in_qualcoder_import_writes_the_reviewers_decisions_file(tmp_path, seed, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    config = copy_study(tmp_path)
    exported = tmp_path / "study.qdpx"
    common = ["--config", str(config), "--input", str(SEEDS), *site(tmp_path)]
    assert main(["export", "--output", str(exported), *common]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {exported}: 5 interviews, 9 codes, ")
    (coded, slug, label, wrong), (other, new_slug, new_label, sentence) = _edits(seed)
    data = exported.read_bytes()
    start, end = _positions_of(data, other, sentence.turn, sentence.text)
    edited = tmp_path / "from-qualcoder.qdpx"
    edited.write_bytes(
        qualcoder_export(
            data,
            remove={(coded, label, wrong.text)},
            add=[(other, start, end, new_label, "alice", "2026-05-02 14:30:00")],
        )
    )
    argv = ["import", str(edited), "--config", str(config), "--input", str(SEEDS), *site(tmp_path)]
    assert main(argv) == 0
    decisions = config.parent / "reviews" / "alice.jsonl"
    assert capsys.readouterr().out == f"{decisions}: 2 decision(s) added (1 add, 1 reject)\n"
    lines = decisions.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# report import from-qualcoder.qdpx, 2026-06-01"
    assert sorted(json.loads(line)["decision"] for line in lines[1:]) == ["add", "reject"]
    # Importing the same file again finds nothing new: the report already holds its changes.
    assert main(argv) == 0
    assert capsys.readouterr().out == "No changes to codings or cases found: no decisions written.\n"
    assert decisions.read_text(encoding="utf-8").splitlines() == lines


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        ("qdpx-not-a-zip", "is not a .qdpx project (not a zip archive); export it again from your QDA tool"),
        ("qdpx-no-project-qde", "has no project.qde inside; export it again from your QDA tool as a REFI-QDA project "
         "(.qdpx)"),
        ("qdpx-invalid-xml", "project.qde line 4: not well-formed XML (mismatched tag: line 4, column 2); export it "
         "again from your QDA tool"),
        ("qdpx-not-refi-qda", "is not a REFI-QDA project (its root element is 'Document' in 'urn:other-tool', not "
         "'Project' in 'urn:QDA-XML:project:1.0'); export it again from your QDA tool"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_project_is_refused_in_one_line(scenario, message, tmp_path, capsys):
    config = copy_study(tmp_path)
    path = DATA / scenario / "project.qdpx"
    assert main(["import", str(path), "--config", str(config), "--input", str(SEEDS)]) == 1
    assert capsys.readouterr().err == f"error: {path}: {message}\n"


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.qdpx")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope.qdpx'}: no such file; give the .qdpx or .qdc file your QDA tool exported\n"
    )


def test_a_codebook_changed_in_a_qda_tool_is_shown_as_the_edits_to_make(tmp_path, capsys):
    config = copy_study(tmp_path)
    qdc = tmp_path / "c.qdc"
    assert main(["export", "--format", "qdc", "--output", str(qdc), "--config", str(config)]) == 0
    capsys.readouterr()
    xml = qdc.read_text(encoding="utf-8")
    xml = xml.replace('name="AI saves time"', 'name="Time saved"')
    first_code_end = xml.index("</Code>") + len("</Code>")
    new = (
        '\n  <Code guid="0b7c59b0-8d0e-4d39-9a51-0c0c2a1f3e11" name="Cost of tools" isCodable="true">'
        "<Description>Money spent on AI subscriptions.</Description></Code>"
    )
    qdc.write_text(xml[:first_code_end] + new + xml[first_code_end:], encoding="utf-8")
    assert main(["import", str(qdc), "--config", str(config)]) == 0
    assert capsys.readouterr().out == (
        'theme "saves-time": interview-report has a different label; to take it, set in its [[theme]]:\n'
        '    label = "Time saved"\n'
        "code 'Cost of tools' is not in the codebook; to code it, add to codebook.toml:\n"
        "    [[theme]]\n"
        '    slug = "cost-of-tools"\n'
        '    label = "Cost of tools"\n'
        '    definition = "Money spent on AI subscriptions."\n'
        "    cues = []  # the phrases the coder looks for; see the comments at the top of codebook.toml\n"
        "2 difference(s) from the study's codebook; codebook.toml was not changed.\n"
    )


def test_the_shipped_schemas_are_the_ones_their_provenance_names():
    import hashlib

    provenance = (SCHEMAS / "PROVENANCE.md").read_text(encoding="utf-8")
    for name in ("Project.xsd", "Codebook.xsd"):
        digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
        assert f"`{digest}`" in provenance, f"{name}'s sha256 is not the one PROVENANCE.md records"


def test_import_output_and_reviewer_options_choose_the_file_and_the_name(tmp_path, seed, seed_qdpx, capsys):
    config = copy_study(tmp_path)
    (coded, slug, label, wrong), _ = _edits(seed)
    project = tmp_path / "p.qdpx"
    project.write_bytes(qualcoder_export(seed_qdpx, remove={(coded, label, wrong.text)}, coder_made_nothing=True))
    mine = tmp_path / "mine.jsonl"
    argv = ["import", str(project), "--config", str(config), "--input", str(SEEDS), *site(tmp_path)]
    assert main([*argv, "--reviewer", "Dana", "--output", str(mine)]) == 0
    assert capsys.readouterr().out == (
        f"{mine}: 1 decision(s) added (1 reject)\n"
        # The project came from an export the study has no record of (the test's own, not `report export`'s).
        "note: no recorded export of this study holds every coding of the tool's this project has (report export "
        "records each in reviews/exports/), so it was compared with what report export writes now: 1 coding(s) it "
        "would write that the project lacks were taken as removed\n"
    )
    [line] = [json.loads(x) for x in mine.read_text().splitlines() if not x.startswith("#")]
    assert (line["decision"], line["reviewer"], line["sentence"]) == ("reject", "Dana", wrong.text)
    assert not (config.parent / "reviews").exists()


def test_export_to_a_folder_is_refused(tmp_path, capsys):
    assert main(["export", "--output", str(tmp_path), "--config", str(CONFIG)]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path}: is a folder; give the file to write, e.g. --output {tmp_path / 'study.qdpx'}\n"
    )


# --- The researcher's round trip, as a reader of the site sees it: export, edit in a QDA tool, import, rebuild

# The one sentence the coder takes as sycophancy in work_0085 (turn 18).
SYCOPHANTIC = (
    "AI might sometimes be able to offer AI-based therapy but people quickly find that AI is a little too "
    "people-pleasy and struggles with truth too much."
)
# A sentence the coder takes as accuracy and verification in work_0079 (turn 4). Rejected, it teaches the
# coder, which then codes other sentences of that theme: codings the exported project never had.
NOT_ACCURACY = (
    "I often use it to help me improve my notes, e.g. pasting into AI (I never use identifying information in my "
    "clinical notes, so no confidentiality issues) and getting the model to make them more concise, check for "
    "spelling errors etc."
)


def read_page(site: Path, page: str) -> str:
    """A page's words as a reader sees them: no tags, no scripts, entities decoded, spaces collapsed."""
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_round_trip_through_a_qda_tool_shows_on_the_site_and_a_second_import_changes_nothing(
    seed_copy, capsys, monkeypatch
):
    study = seed_copy
    common = ["--config", str(study.config), "--input", str(study.inputs)]
    build = ["build", "--output", str(study.output), "--executor", "serial", *common]
    before = read_page(study.output, "themes/sycophancy")
    assert "2 of 5 interviews" in before and SYCOPHANTIC in before
    assert "0 of 5 interviews" in read_page(study.output, "themes/job-security")

    exported = study.root / "study.qdpx"
    assert main(["export", "--output", str(exported), *common, "--site", str(study.output)]) == 0
    # In QualCoder, two codings are deleted, and Ana Lima codes a sentence as job security.
    data = exported.read_bytes()
    start, end = _positions_of(data, "work_0487", 16, JOB_SENTENCE)
    edited = study.root / "from-qualcoder.qdpx"
    edited.write_bytes(
        qualcoder_export(
            data,
            remove={("work_0085", "Sycophancy", SYCOPHANTIC), ("work_0079", "Accuracy and verification", NOT_ACCURACY)},
            add=[("work_0487", start, end, "Job security", "Ana Lima", "2026-05-02 14:30:00")],
        )
    )
    capsys.readouterr()
    importing = ["import", str(edited), *common, "--site", str(study.output)]
    assert main(importing) == 0
    decisions = study.config.parent / "reviews" / "ana-lima.jsonl"
    assert capsys.readouterr().out == f"{decisions}: 3 decision(s) added (1 add, 2 reject)\n"
    assert main(build) == 0

    sycophancy = read_page(study.output, "themes/sycophancy")
    assert "1 of 5 interviews" in sycophancy and SYCOPHANTIC not in sycophancy
    assert "0 of 1 coding reviewed." in sycophancy
    job = read_page(study.output, "themes/job-security")
    assert "1 of 5 interviews" in job and "1 of 1 coding reviewed, by 1 reviewer." in job
    assert f"{JOB_SENTENCE} Interview work_0487, turn 16" in job
    raw = (study.output / "themes" / "job-security" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../interviews/work_0487/#turn-16"' in raw
    assert "Reviewed by 1 person." in read_page(study.output, "interviews/work_0487")
    assert NOT_ACCURACY not in read_page(study.output, "themes/accuracy-trust")
    methodology = read_page(study.output, "methodology")
    assert "3 decisions by 1 reviewer, on 3 interviews" in methodology
    assert "Of the 2 the coder had made, they kept" in methodology
    assert "Reviewers also coded a theme in 1 interview where the coder had not." in methodology
    published = site_files(study.output)
    assert not [name for name, data in published.items() if b"Ana Lima" in data]

    # The same project imported again: the study already holds its changes, so nothing is written or rebuilt
    # (the codings the taught coder made since are not codings the person removed).
    recorded = decisions.read_bytes()
    capsys.readouterr()
    assert main(importing) == 0
    assert capsys.readouterr().out == "No changes to codings or cases found: no decisions written.\n"
    assert decisions.read_bytes() == recorded
    assert main(build) == 0
    assert site_files(study.output) == published

    # The next export gives the coding Ana Lima added to her, and no longer holds the one she removed. It and
    # the review screen read the analysis the build cached with the coder her decisions taught: no interview
    # is analysed again (one analysis for the three, generator/analysis.py).
    analysed = []
    summarise = execute.summarise_interview
    monkeypatch.setattr(execute, "summarise_interview", lambda t, a: analysed.append(t.id) or summarise(t, a))
    again = study.root / "again.qdpx"
    assert main(["export", "--output", str(again), *common, "--site", str(study.output)]) == 0
    assert len(load_review([study.inputs], study.output, study.config).profiles) == 5
    assert analysed == []
    root, texts = open_project(again.read_bytes())
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    coded = {
        (source.get("name"), texts[source.get("name")][int(s.get("startPosition")) : int(s.get("endPosition"))]):
            users[s.get("creatingUser")]
        for source in root.iterfind(".//q:TextSource", NS)
        for s in source.iterfind("q:PlainTextSelection", NS)
    }  # fmt: skip
    assert coded[("work_0487", JOB_SENTENCE)] == "Ana Lima"
    assert ("work_0085", SYCOPHANTIC) not in coded
