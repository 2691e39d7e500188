"""What redaction cannot reach inside the text: ids and file names are refused when they hold an identifier,
skipped files are named relative to their input and redacted, and a wrong phone region is refused at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import copy_study

from generator.config import Privacy, load_config
from generator.errors import ConfigError, Problem
from generator.ingest import Labels, read_transcripts
from generator.pipeline import check_inputs
from generator.redact import Redactor, refuse_identifying_names, skipped_inputs

LABELS = Labels(("Assistant", "AI"), ("User",))
TURNS = "AI: How do you use AI at work?\n\nUser: I draft rotas with it; it saves me an hour.\n"


def write(path: Path, text: str = TURNS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(path: Path, ids: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["transcript_id", "text"])
        out.writerows([i, TURNS] for i in ids)
    return path


def refused(inputs: Path, privacy: Privacy | None = None) -> tuple[list[str], list[Problem]]:
    result = refuse_identifying_names(read_transcripts([inputs], LABELS), Redactor(privacy or Privacy()))
    return [t.id for t in result.transcripts], list(result.problems)


def test_a_file_name_holding_a_persons_name_is_refused_at_the_file_with_the_fix(tmp_path):
    write(tmp_path / "nurse_01.txt")
    bad = write(tmp_path / "interview_Priya_Raman.txt")
    ids, problems = refused(tmp_path)
    assert ids == ["nurse_01"]
    assert [str(p) for p in problems] == [
        f"{bad}: the file name 'interview_Priya_Raman.txt' contains a person's name, and file names are published "
        "when a file is skipped; rename the file without it, e.g. 'interview-01.txt', and build again"
    ]


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("jane.doe@example.com.csv", "an e-mail address"),
        ("call-4155550132.csv", "a phone number"),
        ("notes_margaret_thornbury.csv", "a person's name"),
        ("Riverside-Clinic.csv", "an organisation listed in [privacy] organisations"),
    ],
)
def test_a_file_name_holding_an_identifier_is_refused_with_all_its_interviews(tmp_path, name, what):
    write_csv(tmp_path / name, ["work_0001", "work_0002"])
    ids, [problem] = refused(tmp_path, Privacy(names=("Margaret Thornbury",), organisations=("Riverside Clinic",)))
    assert ids == [] and problem.line is None and f"contains {what}," in problem.what


def line_of(path: Path, record_id: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(f"{record_id},"))


def test_an_id_holding_a_phone_number_or_a_listed_name_is_refused_at_its_line(tmp_path):
    source = write_csv(tmp_path / "batch.csv", ["work_0001", "4155550132", "thornbury-07"])
    ids, problems = refused(tmp_path, Privacy(names=("Margaret Thornbury",)))
    assert ids == ["work_0001"]
    assert [(p.path, p.line) for p in problems] == [
        (source, line_of(source, "4155550132")),
        (source, line_of(source, "thornbury-07")),
    ]
    assert str(problems[0]) == (
        f"{source}:{problems[0].line}: the transcript id '4155550132' contains a phone number, and ids are published "
        "in page addresses and data files; give the interview an id without it, e.g. 'interview-01', and build again"
    )
    assert "contains a person's name" in problems[1].what


@pytest.mark.parametrize("name", ["work_0001.txt", "transcript.de.txt", "10_main_street.txt", "2024-03-15_0930.txt"])
def test_ordinary_ids_and_file_names_are_accepted(tmp_path, name):
    write(tmp_path / name)
    ids, problems = refused(tmp_path)
    assert problems == [] and ids == [name.removesuffix(".txt")]


def test_report_check_lists_the_refused_file(tmp_path):
    config = copy_study(tmp_path / "study")
    inputs = tmp_path / "inputs"
    write(inputs / "nurse_01.txt")
    write(inputs / "Priya_Raman.txt")
    good, problems = check_inputs([inputs], config)
    assert good == 1 and [p.path.name for p in problems] == ["Priya_Raman.txt"]


def test_a_skipped_file_is_named_relative_to_its_input_folder_and_redacted(tmp_path):
    inputs = tmp_path / "home" / "jane" / "study"
    problems = [
        Problem(inputs / "batch 2" / "empty.txt", None, "the file is empty", "remove it"),
        Problem(inputs / "interview_Priya_Raman.txt", 3, "no speaker turns found", "add labels"),
        Problem(inputs / "maria@clinic.example.csv", None, "the file is empty", "remove it"),
        Problem(tmp_path / "single.txt", 1, "the file is empty", "remove it"),
    ]
    skipped = skipped_inputs(problems, [inputs, tmp_path / "single.txt"], Redactor(Privacy()))
    assert [s.source for s in skipped] == [
        "batch 2/empty.txt",
        "interview_[NAME-1].txt:3",
        "[EMAIL-1]",  # the address runs on into ".csv", which is redacted with it
        "single.txt:1",
    ]
    assert all(str(tmp_path) not in s.source + s.message for s in skipped)


def test_a_problem_quoting_a_file_name_is_redacted_in_the_published_list(tmp_path):
    problem = Problem(
        tmp_path / "interview_Priya_Raman.txt",
        None,
        "the file name 'interview_Priya_Raman.txt' contains a person's name",
        "rename the file",
    )
    [skipped] = skipped_inputs([problem], [tmp_path], Redactor(Privacy()))
    assert "Priya" not in skipped.message and "Raman" not in skipped.message


def privacy_config(tmp_path: Path, privacy: str) -> Path:
    config = copy_study(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + f"\n[privacy]\n{privacy}\n", encoding="utf-8")
    return config


def test_uk_as_a_phone_region_is_refused_naming_gb_and_where_the_codes_are(tmp_path):
    config = privacy_config(tmp_path, 'phone_regions = ["UK"]')
    with pytest.raises(ConfigError) as e:
        load_config(config)
    assert str(e.value) == (
        f"{config}: [privacy] phone_regions: 'UK' is not a region code; use 'GB' "
        "(the valid codes are listed in phonenumbers.SUPPORTED_REGIONS)"
    )


def test_an_unknown_phone_region_is_refused_with_near_matches(tmp_path):
    config = privacy_config(tmp_path, 'phone_regions = ["US", "USA"]')
    with pytest.raises(ConfigError) as e:
        load_config(config)
    assert str(e.value) == (
        f"{config}: [privacy] phone_regions: 'USA' is not a region code; use 'US' or 'UA' or 'SA' "
        "(the valid codes are listed in phonenumbers.SUPPORTED_REGIONS)"
    )


def test_valid_phone_regions_are_read_in_capitals(tmp_path):
    config = privacy_config(tmp_path, 'phone_regions = ["gb", "IE"]')
    assert load_config(config).privacy.phone_regions == ("GB", "IE")
