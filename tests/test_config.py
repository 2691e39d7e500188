"""Study configuration: the defaults load, and mistakes get a message that says how to fix them."""

from __future__ import annotations

import pytest
from conftest import copy_study

from generator.config import SITE_NAMES, load_config
from generator.errors import ConfigError

REQUIRED_THEMES = [
    "saves-time", "social-stigma", "job-security", "skill-erosion", "accuracy-trust",
    "sycophancy", "privacy-confidentiality", "human-judgement", "oversight-role",
]  # fmt: skip


def test_default_study_has_the_required_themes_each_with_a_definition_and_examples(config):
    slugs = [t.slug for t in config.codebook]
    assert slugs[: len(REQUIRED_THEMES)] == REQUIRED_THEMES
    for theme in config.codebook:
        assert theme.definition and theme.include and theme.exclude and len(theme.examples) >= 2 and theme.cues
    assert [s.slug for s in config.guide][:2] == ["introduction", "tasks"]
    assert config.labels.participant == ("User",)


@pytest.fixture
def study(tmp_path):
    return copy_study(tmp_path)


def test_a_mistyped_key_gets_did_you_mean(study):
    study.write_text(study.read_text().replace("subtitle =", "subtitel ="))
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{study}: unknown key 'subtitel' in the study configuration; "
        "did you mean 'subtitle' (one line under the title)?"
    )


def test_a_theme_without_definition_is_refused(study):
    codebook = study.parent / "codebook.toml"
    text = codebook.read_text()
    start = text.index('definition = "The participant says AI saves')
    codebook.write_text(text[:start] + text[text.index("\n", start) + 1 :])
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{codebook}: [[theme]] number 1 ('saves-time') has no definition; "
        "every theme needs one, it is published on the methodology page"
    )


def test_a_duplicate_theme_slug_is_refused(study):
    codebook = study.parent / "codebook.toml"
    codebook.write_text(codebook.read_text().replace('slug = "sycophancy"', 'slug = "saves-time"'))
    with pytest.raises(ConfigError, match="theme slug 'saves-time' is used twice; slugs are URLs and must be unique"):
        load_config(study)


def test_a_missing_config_file_names_the_path(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path / "nope.toml")
    assert str(e.value) == f"{tmp_path / 'nope.toml'}: configuration file not found; create it or pass --config"


@pytest.mark.parametrize("cue", ["", "*", "~ *"])
def test_a_cue_that_matches_no_word_or_every_word_is_refused_naming_the_theme(study, cue):
    codebook = study.parent / "codebook.toml"
    codebook.write_text(codebook.read_text().replace('"save* ~ time",', f'"save* ~ time", "{cue}",', 1))
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{codebook}: [[theme]] number 1 ('saves-time') has the cue {cue!r}, which matches no word or every word; "
        "write words, with * only at the end of one (verif*)"
    )


def test_theme_and_section_behaviour_are_codebook_and_guide_fields(config):
    themes = {t.slug: t for t in config.codebook}
    assert themes["social-stigma"].about_others and not themes["saves-time"].about_others
    assert themes["job-security"].about_future and themes["job-security"].others_as_subject
    sections = {s.slug: s for s in config.guide}
    assert sections["introduction"].framing and sections["closing"].framing
    assert sections["interaction"].direct and not sections["tasks"].direct


def _replace_in(file, old, new):
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'slug = "saves-time"',
            'slug = "saves-time"\naliases = ["../../../x"]',
            "[[theme]] number 1 ('saves-time'): alias '../../../x' must be up to 100 lowercase letters, digits "
            "and single hyphens, e.g. 'saves-time'",
        ),
        (
            'slug = "saves-time"',
            'slug = "saves-time"\naliases = ["../quotes"]',
            "[[theme]] number 1 ('saves-time'): alias '../quotes' must be up to 100 lowercase letters, digits "
            "and single hyphens, e.g. 'saves-time'",
        ),
        (
            'slug = "saves-time"',
            'slug = "saves-time"\naliases = ["old-name", "../methodology"]',
            "[[theme]] number 1 ('saves-time'): alias '../methodology' must be up to 100 lowercase letters, digits "
            "and single hyphens, e.g. 'saves-time'",
        ),
        (
            'slug = "saves-time"',
            'slug = "' + "a" * 101 + '"',
            f"[[theme]] number 1: slug {'a' * 101!r} must be up to 100 lowercase letters, digits "
            "and single hyphens, e.g. 'saves-time'",
        ),
        (
            'slug = "sycophancy"',
            'slug = "emerging"',
            "[[theme]] number 6 ('emerging'): slug 'emerging' is the name of the emerging themes page "
            "(themes/emerging/); choose another slug",
        ),
        (
            'slug = "saves-time"',
            'slug = "saves-time"\naliases = ["quotes"]',
            "[[theme]] number 1 ('saves-time'): alias 'quotes' is the name of the quote wall (quotes/); "
            "remove it from aliases",
        ),
        (
            'slug = "sycophancy"',
            'slug = "report"',
            "[[theme]] number 6 ('report'): slug 'report' is the name of the report's share card "
            "(figures/share/report.png); choose another slug",
        ),
        (
            'slug = "sycophancy"',
            'slug = "saves-time-slide"',
            "[[theme]] number 6 ('saves-time-slide'): slug 'saves-time-slide' has the page name of the slide of "
            "'saves-time' (themes/saves-time/slide/); choose another slug",
        ),
        (
            'slug = "sycophancy"',
            'slug = "sycophancy"\naliases = ["people-pleasing", "people-pleasing-slide"]',
            "[[theme]] number 6 ('sycophancy'): alias 'people-pleasing-slide' has the page name of the slide of "
            "'people-pleasing' (themes/people-pleasing/slide/); remove it from aliases",
        ),
    ],
    ids=["traversal", "over-quotes", "over-methodology", "too-long", "emerging", "quotes", "report", "slide"]
    + ["alias-slide"],
)
def test_a_theme_name_that_leaves_its_folder_or_takes_a_site_name_is_refused_naming_the_theme(study, old, new, message):
    codebook = study.parent / "codebook.toml"
    _replace_in(codebook, old, new)
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{codebook}: {message}"


@pytest.mark.parametrize("name", sorted(SITE_NAMES))
def test_every_name_the_site_uses_is_refused_as_a_slug_and_as_an_alias(study, name):
    codebook = study.parent / "codebook.toml"
    _replace_in(codebook, 'slug = "saves-time"', f'slug = "{name}"')
    with pytest.raises(ConfigError, match=f"slug '{name}' is the name of .*; choose another slug$"):
        load_config(study)
    _replace_in(codebook, f'slug = "{name}"', f'slug = "saves-time"\naliases = ["{name}"]')
    with pytest.raises(ConfigError, match=f"alias '{name}' is the name of .*; remove it from aliases$"):
        load_config(study)


# --- Malformed configurations: each is a ConfigError naming the file and the fix, never a traceback.
LATIN1_FIX = "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"


def test_a_number_where_the_agreement_path_belongs_is_refused(study):
    _replace_in(study, 'agreement = "../eval/agreement.json"', "agreement = 5")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f'{study}: agreement = 5: must be text; write it in double quotes, e.g. agreement = "../eval/agreement.json"'
    )


def test_a_latin1_study_file_is_refused_at_the_line_of_the_first_bad_byte(study):
    text = study.read_text(encoding="utf-8").replace("How professionals", "Café professionals")
    study.write_bytes(text.encode("latin-1"))
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{study}:2: byte 0xe9 is not valid UTF-8; {LATIN1_FIX}"


@pytest.mark.parametrize("name", ["guide.toml", "codebook.toml"])
def test_a_latin1_guide_or_codebook_is_refused_at_its_line(study, name):
    file = study.parent / name
    file.write_bytes(b"# caf\xe9\n" + file.read_bytes())
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{file}:1: byte 0xe9 is not valid UTF-8; {LATIN1_FIX}"


def test_a_study_file_saved_with_a_byte_order_mark_loads(study, config):
    study.write_bytes(b"\xef\xbb\xbf" + study.read_bytes())
    assert load_config(study).title == config.title


def test_a_folder_passed_as_the_study_file_is_refused(study):
    with pytest.raises(ConfigError) as e:
        load_config(study.parent)
    assert (
        str(e.value) == f"{study.parent}: is a folder, not the configuration file; pass --config the study's TOML file"
    )


@pytest.mark.parametrize(("key", "what"), [("guide", "interview guide"), ("codebook", "codebook")])
def test_a_guide_or_codebook_path_that_names_a_folder_is_refused(study, key, what):
    (study.parent / "folder").mkdir()
    _replace_in(study, f'{key} = "{key}.toml"', f'{key} = "folder"')
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{study.parent / 'folder'}: is a folder, not the {what}; set '{key}' in {study} to the {what}'s TOML file"
    )


def test_a_missing_codebook_names_the_setting_that_points_at_it(study):
    _replace_in(study, 'codebook = "codebook.toml"', 'codebook = "codebok.toml"')
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{study.parent / 'codebok.toml'}: codebook not found; create it, or set 'codebook' in {study} to its path"
    )


def test_a_toml_syntax_error_is_reported_at_its_line(study):
    study.write_text(study.read_text(encoding="utf-8") + "title = \n", encoding="utf-8")
    line = study.read_text(encoding="utf-8").count("\n")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{study}:{line}: not valid TOML (Invalid value at column 9); fix the syntax there"


def _agreement_fix(agreement, study):
    return f"run `report eval --write {agreement}`, or remove 'agreement' from {study}"


def test_an_agreement_file_that_is_not_json_is_refused_at_its_line(study):
    agreement = study.parent / "../eval/agreement.json"
    agreement.write_text('{"themes": [\n  {"slug": "saves-time"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{agreement}:3: not valid JSON (Expecting ',' delimiter at column 1); {_agreement_fix(agreement, study)}"
    )


def test_an_agreement_file_without_themes_is_refused(study):
    agreement = study.parent / "../eval/agreement.json"
    agreement.write_text("[]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{agreement}: not an agreement file written by `report eval --write` (no 'themes' list); "
        f"{_agreement_fix(agreement, study)}"
    )


def test_an_agreement_file_in_latin1_or_a_folder_is_refused(study):
    agreement = study.parent / "../eval/agreement.json"
    agreement.write_bytes(b'{"note": "caf\xe9", "themes": []}\n')
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{agreement}:1: byte 0xe9 is not valid UTF-8; {LATIN1_FIX}"
    agreement.unlink()
    agreement.mkdir()
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == (
        f"{agreement}: is a folder, not the agreement file; "
        f"set 'agreement' in {study} to the JSON file `report eval --write` wrote, or remove it"
    )


def test_a_latin1_redaction_terms_file_is_refused_at_its_line(study):
    terms = study.parent / "terms.txt"
    terms.write_bytes(b"name: Jane Doe\norganisation: Caf\xe9 Rouge\n")
    study.write_text(study.read_text(encoding="utf-8") + '\n[privacy]\nterms_file = "terms.txt"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{terms}:2: byte 0xe9 is not valid UTF-8; {LATIN1_FIX}"


# --- Every kind of configuration mistake: one message naming the file, the table, theme or section, the key
# as it was written, and the fix. Each case: (file, text to replace, replacement, message after "{path}: ").
MISTAKES = {
    "misspelt key in a table": (
        "study.toml",
        "[labels]\n",
        '[labels]\nparticipnt = ["User"]\n',
        "unknown key 'participnt' in [labels]; did you mean 'participant' (participant speaker labels)?",
    ),
    "misspelt table": (
        "study.toml",
        "[splits]",
        '[privcy]\npublish = "full"\n\n[splits]',
        "unknown key 'privcy' in the study configuration; "
        "did you mean 'privacy' (what the site publishes and redacts)?",
    ),
    "top-level key under a table": (
        "study.toml",
        'participant = ["User"]\n',
        'participant = ["User"]\nsite_url = "https://example.org"\n',
        "unknown key 'site_url' in [labels]; 'site_url' belongs at the top of the file: "
        "move it above the first [table] line",
    ),
    "table key at the top": (
        "study.toml",
        'guide = "guide.toml"\n',
        'guide = "guide.toml"\npublish = "summaries"\n',
        "unknown key 'publish' in the study configuration; 'publish' belongs in [privacy]: "
        "move it under the [privacy] line",
    ),
    "number where text belongs in a table": (
        "study.toml",
        "[splits]",
        "[privacy]\npublish = 5\n\n[splits]",
        '[privacy] publish = 5: must be text; write it in double quotes, e.g. publish = "summaries"',
    ),
    "text where a list belongs": (
        "study.toml",
        'participant = ["User"]',
        'participant = "User"',
        '[labels] participant = "User": must be a list of text; write a list of text in square brackets, '
        'e.g. participant = ["User"]',
    ),
    "a table written as a value": (
        "study.toml",
        'guide = "guide.toml"\n',
        'guide = "guide.toml"\nprivacy = "aggregates"\n',
        'privacy = "aggregates": must be a table; write a [privacy] line with its keys under it',
    ),
    "split name that is not text": (
        "study.toml",
        '"work_" = "workforce"',
        '"work_" = 3',
        "[splits] work_ = 3: must be text; map each id prefix to its split's name under a [splits] line, "
        'e.g. "work_" = "workforce"',
    ),
    "negative limit": (
        "study.toml",
        "[splits]",
        "[limits]\nsearch_interviews = -5\n\n[splits]",
        '[limits] search_interviews = -5: must be a count of interviews; use a whole number of interviews, or "none"',
    ),
    "quoted boolean in a theme": (
        "codebook.toml",
        "experienced_only = true",
        'experienced_only = "yes"',
        "[[theme]] number 1 ('saves-time'): experienced_only = \"yes\": must be true or false; "
        "write experienced_only = true or experienced_only = false, without quotes",
    ),
    "misspelt key in a theme": (
        "codebook.toml",
        'label = "AI saves time"',
        'label = "AI saves time"\ncue = ["saving time"]',
        "unknown key 'cue' in [[theme]] number 1 ('saves-time'); "
        "did you mean 'cues' (what the coder looks for in participant sentences)?",
    ),
    "list where text belongs in a guide section": (
        "guide.toml",
        'title = "Introduction and consent"',
        'title = ["Introduction", "consent"]',
        '[[section]] number 1 (\'introduction\'): title = ["Introduction", "consent"]: must be text; '
        'write it in double quotes, e.g. title = "Tasks and tools"',
    ),
    "a star inside a cue word": (
        "codebook.toml",
        '"save* ~ time",',
        '"save* ~ time", "ti*me sav*",',
        "[[theme]] number 1 ('saves-time') has the cue 'ti*me sav*', with * inside the word 'ti*me'; "
        "put * only at the end of a word (verif*), or write the words out",
    ),
    "a label in both lists": (
        "study.toml",
        'participant = ["User"]',
        'participant = ["User", "AI"]',
        "label 'AI' is both interviewer and participant; keep it in one list",
    ),
    "a site address that is not absolute": (
        "study.toml",
        'guide = "guide.toml"\n',
        'guide = "guide.toml"\nsite_url = "example.org/report"\n',
        "site_url 'example.org/report' must be an absolute http(s) address, e.g. 'https://example.org/report'",
    ),
    "a licence address that is not absolute": (
        "study.toml",
        'licence_url = "https://creativecommons.org/licenses/by/4.0/"',
        'licence_url = "creativecommons.org/licenses/by/4.0/"',
        "[data] licence_url 'creativecommons.org/licenses/by/4.0/' must be an absolute http(s) address, "
        "e.g. 'https://creativecommons.org/licenses/by/4.0/'",
    ),
    "a data setting outside its table": (
        "study.toml",
        'guide = "guide.toml"\n',
        'guide = "guide.toml"\nlicence = "CC BY 4.0"\n',
        "unknown key 'licence' in the study configuration; 'licence' belongs in [data]: move it under the [data] line",
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_configuration_mistake_is_one_message_naming_its_place_and_the_fix(study, mistake):
    name, old, new, message = MISTAKES[mistake]
    file = study.parent / name
    _replace_in(file, old, new)
    with pytest.raises(ConfigError) as e:
        load_config(study)
    assert str(e.value) == f"{file}: {message}"


def test_an_empty_study_file_gets_the_documented_defaults(tmp_path):
    study = copy_study(tmp_path)
    study.write_text("", encoding="utf-8")
    config = load_config(study)
    assert (config.title, config.subtitle, config.site_url, config.authors, config.agreement) == (
        "Interview report", "", "", (), None,
    )  # fmt: skip
    assert (config.labels.interviewer, config.labels.participant) == (("Assistant", "AI"), ("User",))
    assert config.split_of("work_0001") == "other"
    assert (config.privacy.publish, config.privacy.phone_regions) == ("full", ("US", "GB"))
    assert (config.limits.full_transcripts, config.limits.search_interviews) == (None, 10_000)
    assert (config.data_licence, config.data_licence_url) == ("", "")
