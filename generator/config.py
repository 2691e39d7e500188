"""The study configuration: title, speaker labels, interview guide and codebook.

Read once from TOML and validated here; every later stage trusts these types. An
unknown key is an error with a "did you mean" hint, because a mistyped key would
otherwise silently fall back to a default and change the report.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ConfigError
from generator.ingest.turns import Labels
from generator.sitenames import SITE_NAMES

_OCCUPATIONS = Path(__file__).resolve().parent / "analyse" / "occupations.toml"
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


# What the site publishes, from most to least: every transcript; summaries and quotes
# (with the quoted turns); themes and aggregate figures only.
PUBLISH_LEVELS = ("full", "summaries", "aggregates")
DETECTORS = ("email", "url", "phone", "address")


@dataclass(frozen=True)
class Privacy:
    """How much the site publishes and what is redacted before anything is analysed or written."""

    publish: str = "full"
    detect: tuple[str, ...] = DETECTORS
    names: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    phone_regions: tuple[str, ...] = ("US", "GB")

    @property
    def full_transcripts(self) -> bool:
        return self.publish == "full"

    @property
    def quotes(self) -> bool:
        return self.publish != "aggregates"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a very large study's site and search index a size a reader's browser and this machine handle.

    Interviews past a limit keep their summary page; the limits only take the full transcript
    or the search entry away, counted from the first interview in input order so that adding
    interviews never changes what earlier ones publish.
    """

    # None: every interview's full transcript (when the publication level allows it).
    full_transcripts: int | None = None
    # Interview summaries in the search index; findings, themes and quotes are always indexed.
    search_interviews: int | None = 10_000


@dataclass(frozen=True)
class StudyConfig:
    title: str
    subtitle: str
    description: str
    credit: str
    labels: Labels
    splits: tuple[tuple[str, str], ...]
    guide: tuple[GuideSection, ...]
    codebook: tuple[CodebookTheme, ...]
    source: Path
    # sha256 of everything the analysis reads from the configuration; part of cache keys.
    fingerprint: str = ""
    # Tool-versus-human agreement (from `report eval --write`), published on the methodology page.
    agreement: dict[str, Any] | None = None
    # Where the site will be published (https://...), for absolute permalinks, citations and share cards.
    site_url: str = ""
    authors: tuple[str, ...] = ()
    privacy: Privacy = field(default_factory=lambda: Privacy())
    limits: Limits = field(default_factory=lambda: Limits())

    def split_of(self, transcript_id: str) -> str:
        """The study split an id belongs to, from its prefix (`work_0001` -> workforce)."""
        for prefix, name in self.splits:
            if transcript_id.startswith(prefix):
                return name
        return "other"

    def theme(self, slug: str) -> CodebookTheme:
        return next(t for t in self.codebook if t.slug == slug)


_STUDY_KEYS = {
    "title", "subtitle", "description", "credit", "labels", "splits", "guide", "codebook", "agreement",
    "site_url", "authors", "privacy", "limits",
}  # fmt: skip
_LIMIT_KEYS = {"full_transcripts", "search_interviews"}
_PRIVACY_KEYS = {"publish", "detect", "names", "organisations", "terms", "terms_file", "phone_regions"}
_LABEL_KEYS = {"interviewer", "participant"}
_SECTION_KEYS = {"slug", "title", "questions", "framing", "direct"}
_THEME_KEYS = {
    "slug", "label", "definition", "include", "exclude", "examples", "cues", "aliases", "experienced_only",
    "about_others", "about_future", "others_as_subject",
}  # fmt: skip


def load_config(path: Path) -> StudyConfig:
    """Read study.toml and the guide and codebook files it names."""
    study = _read_toml(path, "configuration file", "create it or pass --config", "pass --config the study's TOML file")
    _check_keys(study, _STUDY_KEYS, path, "the study configuration")
    labels_raw = study.get("labels", {})
    _check_keys(labels_raw, _LABEL_KEYS, path, "[labels]")
    labels = Labels(
        interviewer=tuple(_str_list(labels_raw, "interviewer", path, ["Assistant", "AI"])),
        participant=tuple(_str_list(labels_raw, "participant", path, ["User"])),
    )
    overlap = set(labels.interviewer) & set(labels.participant)
    if overlap:
        raise ConfigError(
            f"{path}: label {sorted(overlap)[0]!r} is both interviewer and participant; keep it in one list"
        )
    splits_raw = study.get("splits", {})
    if not isinstance(splits_raw, dict) or not all(isinstance(v, str) for v in splits_raw.values()):
        raise ConfigError(f'{path}: [splits] must map id prefixes to split names, e.g. work_ = "workforce"')
    # Longest prefix first, so `work_extra_` wins over `work_`.
    splits = tuple(sorted(splits_raw.items(), key=lambda kv: (-len(kv[0]), kv[0])))

    guide_path = path.parent / _str(study, "guide", path, "guide.toml")
    codebook_path = path.parent / _str(study, "codebook", path, "codebook.toml")
    guide, codebook = _load_guide(guide_path, path), _load_codebook(codebook_path, path)
    fingerprint = hashlib.sha256(
        repr((labels, splits, guide, codebook, _OCCUPATIONS.read_bytes())).encode("utf-8")
    ).hexdigest()
    return StudyConfig(
        title=_str(study, "title", path, "Interview report"),
        subtitle=_str(study, "subtitle", path, ""),
        description=_str(study, "description", path, ""),
        credit=_str(study, "credit", path, ""),
        labels=labels,
        splits=splits,
        guide=guide,
        codebook=codebook,
        source=path,
        fingerprint=fingerprint,
        agreement=_load_agreement(study, path),
        site_url=_site_url(study, path),
        authors=tuple(_str_list(study, "authors", path, [])),
        privacy=_load_privacy(study.get("privacy", {}), path),
        limits=_load_limits(study.get("limits", {}), path),
    )


def _load_limits(table: Any, path: Path) -> Limits:
    _check_keys(table, _LIMIT_KEYS, path, "[limits]")
    values: dict[str, int | None] = {}
    for key in sorted(_LIMIT_KEYS):
        if key not in table:
            continue
        value = table[key]
        # TOML has no null: the word "none" lifts a limit (0 is a limit: publish none).
        if value == "none":
            values[key] = None
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[key] = value
        else:
            raise ConfigError(f'{path}: [limits] {key} = {value!r}; use a whole number of interviews, or "none"')
    return Limits(**values)


def _load_privacy(table: Any, path: Path) -> Privacy:
    _check_keys(table, _PRIVACY_KEYS, path, "[privacy]")
    publish = _str(table, "publish", path, "full")
    if publish not in PUBLISH_LEVELS:
        raise ConfigError(f"{path}: [privacy] publish = {publish!r}; use one of {', '.join(PUBLISH_LEVELS)}")
    detect = tuple(_str_list(table, "detect", path, list(DETECTORS)))
    for kind in detect:
        if kind not in DETECTORS:
            raise ConfigError(f"{path}: [privacy] detect: unknown detector {kind!r}; known: {', '.join(DETECTORS)}")
    names = _str_list(table, "names", path, [])
    organisations = _str_list(table, "organisations", path, [])
    terms = _str_list(table, "terms", path, [])
    if "terms_file" in table:
        file = path.parent / _str(table, "terms_file", path, "")
        fix = f"set [privacy] terms_file in {path} to a text file, or remove it"
        for line in _read_text(file, "redaction terms file", fix, fix).splitlines():
            entry = line.split("#", 1)[0].strip()
            kind, _, value = entry.partition(":")
            if value and kind.strip() == "name":
                names.append(value.strip())
            elif value and kind.strip() == "organisation":
                organisations.append(value.strip())
            elif entry:
                terms.append(entry)
    regions = tuple(r.upper() for r in _str_list(table, "phone_regions", path, list(Privacy.phone_regions)))
    for region in regions:
        if not re.fullmatch(r"[A-Z]{2}", region):
            raise ConfigError(f"{path}: [privacy] phone_regions: {region!r} is not a two-letter country code like 'GB'")
    return Privacy(
        publish=publish,
        detect=detect,
        names=tuple(n for n in names if n),
        organisations=tuple(o for o in organisations if o),
        terms=tuple(t for t in terms if t),
        phone_regions=regions,
    )


def _site_url(study: dict[str, Any], path: Path) -> str:
    url = _str(study, "site_url", path, "").rstrip("/")
    if url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
        raise ConfigError(
            f"{path}: site_url {url!r} must be an absolute http(s) address, e.g. 'https://example.org/report'"
        )
    return url


def _load_agreement(table: dict[str, Any], study: Path) -> dict[str, Any] | None:
    if "agreement" not in table:
        return None
    path = study.parent / _str(table, "agreement", study, "", example="../eval/agreement.json")
    fix = f"run `report eval --write {path}`, or remove 'agreement' from {study}"
    point = f"set 'agreement' in {study} to the JSON file `report eval --write` wrote, or remove it"
    text = _read_text(path, "agreement file", fix, point)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}:{e.lineno}: not valid JSON ({e.msg} at column {e.colno}); {fix}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), list):
        raise ConfigError(f"{path}: not an agreement file written by `report eval --write` (no 'themes' list); {fix}")
    return raw


def _load_guide(path: Path, study: Path) -> tuple[GuideSection, ...]:
    raw = _read_toml(
        path,
        "interview guide",
        f"create it, or set 'guide' in {study} to its path",
        f"set 'guide' in {study} to the interview guide's TOML file",
    )
    _check_keys(raw, {"section"}, path, "the interview guide")
    sections = []
    for i, item in enumerate(raw.get("section", []), start=1):
        where = f"{path}: [[section]] number {i}"
        _check_keys(item, _SECTION_KEYS, path, f"[[section]] number {i}")
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


def _load_codebook(path: Path, study: Path) -> tuple[CodebookTheme, ...]:
    raw = _read_toml(
        path,
        "codebook",
        f"create it, or set 'codebook' in {study} to its path",
        f"set 'codebook' in {study} to the codebook's TOML file",
    )
    _check_keys(raw, {"theme"}, path, "the codebook")
    themes = []
    for i, item in enumerate(raw.get("theme", []), start=1):
        where = f"{path}: [[theme]] number {i}"
        _check_keys(item, _THEME_KEYS, path, f"[[theme]] number {i}")
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
            )
        )
        _check_cues(themes[-1], where)
    _unique([s for t in themes for s in (t.slug, *t.aliases)], path, "theme")
    _check_theme_names(themes, path)
    return tuple(themes)


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
