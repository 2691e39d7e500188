"""The README documents every setting and every command and option (Datasette's pattern): adding one
without documenting it fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import cli
from generator.config.settings import BLOCKS, SETTINGS, reference_table
from generator.config.values import check_table
from generator.write.catalogue import readme_section

README = (ROOT / "README.md").read_text(encoding="utf-8")
REGENERATE = "run `python tools/settings_reference.py` and commit the README"


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_each_configuration_table_in_the_readme_is_the_registrys(block):
    start = README.find(f"<!-- settings: {block} -->\n")
    assert start != -1, f"README.md has no <!-- settings: {block} --> block; add one where its table belongs"
    end = README.index("<!-- /settings -->", start)
    table = README[README.index("\n", start) + 1 : end]
    assert table == reference_table(block), f"README.md's {block} table is not the registry's; {REGENERATE}"


def test_the_readme_s_data_export_schema_is_the_catalogue_the_data_page_shows():
    start = README.find("<!-- exports -->\n")
    assert start != -1, "README.md has no <!-- exports --> block; add one under 'Data export schema'"
    block = README[README.index("\n", start) + 1 : README.index("<!-- /exports -->", start)]
    assert block == "\n" + readme_section() + "\n", f"README.md's export schema is not the catalogue's; {REGENERATE}"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: f"{s.file}:{s.name}")
def test_every_setting_is_documented_with_its_help(setting):
    # Independent of the table renderer: the name in backticks, and the help text, each appear.
    assert f"`{setting.name}`" in README and setting.help in README, f"{setting.name} is not in README.md"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: f"{s.file}:{s.name}")
def test_every_settings_example_is_a_value_the_loader_accepts(setting):
    value = tomllib.loads(f"x = {setting.example}")["x"]
    if setting.kind == "prefixes":
        value = {"work_": value}
    check_table({setting.key: value}, Path("study.toml"), setting.file, setting.section)


def _section(heading: str) -> str:
    """The README's text from a `### heading` to the next heading."""
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#)", README, re.S | re.M)
    assert match, f"README.md has no '### {heading}' section"
    return match[1]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_each_of_its_options_is_documented(name):
    text = _section(f"report {name}")
    for param in cli.commands[name].params:
        for option in (*param.opts, *param.secondary_opts):
            assert f"`{option}" in text, f"report {name} {option} is not documented in its README section"


def test_the_readme_documents_no_command_that_does_not_exist():
    documented = re.findall(r"^### report (\S+)$", README, re.M)
    assert sorted(documented) == sorted(cli.commands)
