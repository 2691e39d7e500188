"""Reading the configuration files and checking each table's keys and value types against the registry.

Every way a file can be unreadable, and every key or value of the wrong kind, is a ConfigError that
names the file, the table (or the theme or section) and the key, and says how to write it instead.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from generator.config.settings import ARRAYS, NAMED, TABLES, File, Setting, settings_in
from generator.errors import ConfigError


def _read_toml(path: Path, what: str, if_missing: str, point: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(path, what, if_missing, point))
    except tomllib.TOMLDecodeError as e:
        # tomllib puts the position in its message only: "Invalid value (at line 3, column 9)".
        at = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(e))
        if at:
            raise ConfigError(
                f"{path}:{at[2]}: not valid TOML ({at[1]} at column {at[3]}); fix the syntax there"
            ) from None
        raise ConfigError(f"{path}: not valid TOML ({e}); fix the syntax at the position shown") from None


def _read_text(path: Path, what: str, if_missing: str, point: str) -> str:
    """A configuration file's text; every way it can be unreadable is a ConfigError naming it.

    `if_missing` says how to fix a path that does not exist; `point` how to name the right file instead.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found; {if_missing}") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not the {what}; {point}") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the {what} ({e.strerror}); make it readable, or {point}") from None
    try:
        # Editors on Windows may begin a UTF-8 file with a byte order mark; it is not part of the text.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ConfigError(
            f"{path}:{line}: byte 0x{data[e.start]:02x} is not valid UTF-8; "
            "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"
        ) from None


_FILE_NAMES = {"study": "the study configuration", "guide": "the interview guide", "codebook": "the codebook"}


def check_table(table: Any, path: Path, file: File, section: str, where: str = "") -> None:
    """Refuse a key the registry does not list for this table, or a value of the wrong kind.

    `where` names the table in messages: "" for the top of the study file, "[privacy] ",
    "[[theme]] number 3 ('saves-time'): ".
    """
    what = where.rstrip(": ") or _FILE_NAMES[file]
    if not isinstance(table, dict):
        header = f"[{section}]" if file == "study" else f"[[{section}]]"
        raise ConfigError(f"{path}: {what} must be a table; write a {header} line with its keys under it")
    allowed = settings_in(file, section)
    top = file == "study" and section == ""
    tables = TABLES if top else {}
    arrays = ARRAYS if top else {}
    for key in sorted(table):
        if key in tables and key not in allowed:
            if not isinstance(table[key], dict):
                fix = (
                    f"write a [{key}.NAME] line for each, with its keys under it"
                    if key in NAMED
                    else f"write a [{key}] line with its keys under it"
                )
                raise ConfigError(f"{path}: {key} = {_shown(table[key])}: must be a table; {fix}")
        elif key in arrays:
            if not isinstance(table[key], list) or not all(isinstance(item, dict) for item in table[key]):
                fix = f"write each as a [[{key}]] line with its keys under it"
                raise ConfigError(f"{path}: {key} = {_shown(table[key])}: must be [[{key}]] tables; {fix}")
        elif key not in allowed:
            hint = _did_you_mean(key, file, section, tables | arrays)
            raise ConfigError(f"{path}: unknown key '{key}' in {what}; {hint}")
        else:
            _check_value(allowed[key], table[key], path, where)


def _did_you_mean(key: str, file: File, section: str, tables: dict[str, str]) -> str:
    """The key's place in another table, else a close name in this one with what it does, else the list."""
    # TOML puts every key after a [table] line into that table: a newcomer's commonest slip.
    if section and key in settings_in(file, ""):
        return f"'{key}' belongs at the top of the file: move it above the first [table] line"
    for table in TABLES if file == "study" else ():
        if table != section and key in settings_in(file, table):
            return f"'{key}' belongs in [{table}]: move it under the [{table}] line"
    hints = {name: s.hint for name, s in settings_in(file, section).items()} | tables
    close = difflib.get_close_matches(key, sorted(hints), n=1)
    if close:
        return f"did you mean '{close[0]}' ({hints[close[0]]})?"
    return f"known keys: {', '.join(sorted(hints))}"


def _check_value(setting: Setting, value: Any, path: Path, where: str) -> None:
    key = setting.key
    if setting.kind == "text" and not isinstance(value, str):
        fix = f"write it in double quotes, e.g. {key} = {setting.example}"
    elif setting.kind == "texts" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        fix = f"write a list of text in square brackets, e.g. {key} = {setting.example}"
    elif setting.kind == "flag" and not isinstance(value, bool):
        fix = f"write {key} = true or {key} = false, without quotes"
    elif setting.kind == "limit" and not (
        value == "none" or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)
    ):
        fix = 'use a whole number of interviews, or "none"'
    elif setting.kind == "count" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        fix = f"write a whole number from 1, without quotes, e.g. {key} = {setting.example}"
    elif setting.kind == "tables" and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
        fix = f"write each as a [[{setting.section}.{key}]] table with its keys under it"
    elif setting.kind == "percent" and not (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100
    ):
        fix = f"write the figure in percent without quotes or a % sign, e.g. {key} = {setting.example}"
    elif setting.kind == "prefixes":
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: {key} = {_shown(value)}: must be a table; {_splits_fix()}")
        for prefix, name in sorted(value.items()):
            if isinstance(name, dict):
                # [splits.creatives] with a guide under it: the settings of a split have their own table.
                raise ConfigError(
                    f"{path}: [{key}.{_key(prefix)}] is a table; [{key}] maps id prefixes to split names, "
                    f"and a split's own title and guide go under a [split.{_key(prefix)}] line"
                )
            if not isinstance(name, str):
                raise ConfigError(f"{path}: [{key}] {_key(prefix)} = {_shown(name)}: must be text; {_splits_fix()}")
        return
    else:
        return
    raise ConfigError(f"{path}: {where}{key} = {_shown(value)}: must be {_KIND_WORDS[setting.kind]}; {fix}")


_KIND_WORDS = {
    "text": "text",
    "texts": "a list of text",
    "flag": "true or false",
    "limit": "a count of interviews",
    "count": "a whole number from 1",
    "tables": "tables",
    "percent": "a number from 0 to 100",
}


def _splits_fix() -> str:
    return 'map each id prefix to its split\'s name under a [splits] line, e.g. "work_" = "workforce"'


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)


def _shown(value: Any) -> str:
    """A value as it was written in TOML, cut short: `5`, `"yes"`, `[1, 2]`, `true`."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list):
        text = "[" + ", ".join(_shown(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{_key(k)} = {_shown(v)}" for k, v in value.items()) + "}"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_keys(table: Any, allowed: set[str], path: Path, what: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {what} must be a table")
    for key in sorted(table):
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(allowed))}"
            raise ConfigError(f"{path}: unknown key '{key}' in {what}; {hint}")


def _str(table: dict[str, Any], key: str, path: Path, default: str, example: str = "...") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(
            f"{path}: '{key}' must be a string, got {type(value).__name__} {value!r}; "
            f'write it in double quotes, e.g. {key} = "{example}"'
        )
    return value.strip()


def _bool(table: dict[str, Any], key: str, path: Path) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: '{key}' must be true or false, got {value!r}")
    return value


def _str_list(table: dict[str, Any], key: str, path: Path, default: list[str]) -> list[str]:
    value = table.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return [v.strip() for v in value]
