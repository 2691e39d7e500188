"""The interview guide and the codebook: guide.toml's [[section]]s and codebook.toml's [[theme]]s (and its
[[dimension]]s, read by dimensions.py).

Slugs and aliases become URLs and file names, so they are checked here, once; every error names the
theme or section it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config.dimensions import CodebookDimension, load_dimensions
from generator.config.values import _bool, _check_keys, _read_toml, _str, _str_list, check_table
from generator.errors import ConfigError
from generator.sitenames import SITE_NAMES

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Slugs end up inside file names (figures/wordcloud-<slug>.png, pagedata/redirects/themes-<alias>-slide.json);
# ids are capped at 100 characters for the same reason.
MAX_SLUG = 100


@dataclass(frozen=True)
class GuideSection:
    """A section of the interview protocol and the questions that open it."""

    slug: str
    title: str
    questions: tuple[str, ...]
    # Found by the analysis from recurring questions, not listed in the configuration.
    automatic: bool = False
    # Pleasantries (consent, thanks): answers here are never key quotes or emerging statements.
    framing: bool = False
    # Asks directly how they work with AI: its answers decide the interaction style first.
    direct: bool = False


@dataclass(frozen=True)
class CodebookTheme:
    slug: str
    label: str
    definition: str
    include: str
    exclude: str
    examples: tuple[str, ...]
    # Cue phrases the coder looks for in participant sentences; see analyse/coding.py.
    cues: tuple[str, ...]
    # Old slugs this theme was published under; their URLs keep working.
    aliases: tuple[str, ...] = ()
    # Count only experience: a cue after "would", "could", "might" or "hope" is not evidence.
    experienced_only: bool = False
    # The theme *is* other people's views ("my coworkers think it's cheating"): a report counts.
    about_others: bool = False
    # The theme *is* a view of the future ("I can imagine roles like mine going"): not a mere possibility.
    about_future: bool = False
    # The definition covers other people's lot ("many people will lose their skills").
    others_as_subject: bool = False
    # A worry or a problem participants raise: the summary names the most common of these.
    concern: bool = False


def _load_guide(path: Path, study: Path, setting: str = "'guide'") -> tuple[GuideSection, ...]:
    """The guide file's sections; `setting` names the study file's key that points at it, for messages."""
    raw = _read_toml(
        path,
        "interview guide",
        f"create it, or set {setting} in {study} to its path",
        f"set {setting} in {study} to the interview guide's TOML file",
    )
    _check_keys(raw, {"section"}, path, "the interview guide")
    sections = []
    for i, item in enumerate(_entries(raw, "section", path), start=1):
        where = f"{path}: [[section]] number {i}"
        check_table(item, path, "guide", "section", f"[[section]] number {i}{_named(item)}: ")
        slug = _slug(item, where)
        sections.append(
            GuideSection(
                slug=slug,
                title=_str(item, "title", path, slug),
                questions=tuple(_str_list(item, "questions", path, [])),
                framing=_bool(item, "framing", path),
                direct=_bool(item, "direct", path),
            )
        )
    _unique([s.slug for s in sections], path, "section")
    return tuple(sections)


def _load_codebook(path: Path, study: Path) -> tuple[tuple[CodebookTheme, ...], tuple[CodebookDimension, ...]]:
    """The codebook's themes and dimensions."""
    raw = _read_toml(
        path,
        "codebook",
        f"create it, or set 'codebook' in {study} to its path",
        f"set 'codebook' in {study} to the codebook's TOML file",
    )
    _check_keys(raw, {"theme", "dimension"}, path, "the codebook")
    themes = []
    for i, item in enumerate(_entries(raw, "theme", path), start=1):
        where = f"{path}: [[theme]] number {i}"
        check_table(item, path, "codebook", "theme", f"[[theme]] number {i}{_named(item)}: ")
        slug = _slug(item, where)
        if "definition" not in item:
            raise ConfigError(
                f"{where} ('{slug}') has no definition; every theme needs one, it is published on the methodology page"
            )
        themes.append(
            CodebookTheme(
                slug=slug,
                label=_str(item, "label", path, slug),
                definition=_str(item, "definition", path, ""),
                include=_str(item, "include", path, ""),
                exclude=_str(item, "exclude", path, ""),
                examples=tuple(_str_list(item, "examples", path, [])),
                cues=tuple(_str_list(item, "cues", path, [])),
                aliases=tuple(
                    _name(alias, f"{where} ('{slug}')", "alias") for alias in _str_list(item, "aliases", path, [])
                ),
                experienced_only=_bool(item, "experienced_only", path),
                about_others=_bool(item, "about_others", path),
                about_future=_bool(item, "about_future", path),
                others_as_subject=_bool(item, "others_as_subject", path),
                concern=_bool(item, "concern", path),
            )
        )
        _check_cues(themes[-1], where)
    _unique([s for t in themes for s in (t.slug, *t.aliases)], path, "theme")
    _check_theme_names(themes, path)
    return tuple(themes), load_dimensions(raw, path)


def _entries(raw: dict[str, Any], name: str, path: Path) -> list[Any]:
    """The file's [[section]]s or [[theme]]s; `theme = "x"` is a mistake, not an empty codebook."""
    entries = raw.get(name, [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: '{name}' must be [[{name}]] tables; write each as a [[{name}]] line with its keys")
    return entries


def _named(item: Any) -> str:
    """` ('saves-time')` after an entry's number when its slug is usable in a message."""
    slug = item.get("slug") if isinstance(item, dict) else None
    return f" ('{slug}')" if isinstance(slug, str) and SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG else ""


_CUE_WORD = re.compile(r"[\w'’-]")


def _check_cues(theme: CodebookTheme, where: str) -> None:
    """A cue with no word in it would match every sentence: the theme would be coded everywhere."""
    for cue in theme.cues:
        body = cue[1:] if cue.startswith("-") else cue
        words = [w for w in body.split() if w not in ("~", "~~")]
        if not words or any(not _CUE_WORD.search(w.rstrip("*")) for w in words):
            raise ConfigError(
                f"{where} ('{theme.slug}') has the cue {cue!r}, which matches no word or every word; "
                "write words, with * only at the end of one (verif*)"
            )
        inner = next((w for w in words if "*" in w.rstrip("*")), None)
        if inner is not None:
            # `*` inside a word would be a literal asterisk: the cue could never match.
            raise ConfigError(
                f"{where} ('{theme.slug}') has the cue {cue!r}, with * inside the word {inner!r}; "
                "put * only at the end of a word (verif*), or write the words out"
            )


def _slug(item: dict[str, Any], where: str) -> str:
    return _name(item.get("slug"), where, "slug")


def _name(name: object, where: str, what: str) -> str:
    """A slug or alias: it becomes part of URLs and file names, so no separators, dots or spaces."""
    if not isinstance(name, str) or not SLUG.fullmatch(name) or len(name) > MAX_SLUG:
        raise ConfigError(
            f"{where}: {what} {name!r} must be up to {MAX_SLUG} lowercase letters, digits and single hyphens, "
            "e.g. 'saves-time'"
        )
    return name


def _check_theme_names(themes: list[CodebookTheme], path: Path) -> None:
    """Refuse a theme slug or alias whose pages or files would take the place of another page's."""
    names = {name for t in themes for name in (t.slug, *t.aliases)}
    for i, theme in enumerate(themes, start=1):
        for name in (theme.slug, *theme.aliases):
            what = "slug" if name == theme.slug else "alias"
            where = f"{path}: [[theme]] number {i} ('{theme.slug}')"
            fix = "choose another slug" if what == "slug" else "remove it from aliases"
            if name in SITE_NAMES:
                raise ConfigError(f"{where}: {what} '{name}' is the name of {SITE_NAMES[name]}; {fix}")
            base = name.removesuffix("-slide")
            # themes/<base>/slide/ and themes/<base>-slide/ differ as URLs, but their page names and
            # redirect data files are both `themes-<base>-slide`: one would replace the other.
            if base != name and base in names:
                raise ConfigError(
                    f"{where}: {what} '{name}' has the page name of the slide of '{base}' (themes/{base}/slide/); {fix}"
                )


def _unique(slugs: list[str], path: Path, what: str) -> None:
    seen = set()
    for slug in slugs:
        if slug in seen:
            raise ConfigError(f"{path}: {what} slug '{slug}' is used twice; slugs are URLs and must be unique")
        seen.add(slug)
