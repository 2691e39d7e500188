"""The study configuration: title, speaker labels, splits, privacy and limits, with the guides and codebook it names.

Read once from TOML and validated here; every later stage trusts these types. Every key is checked
against the settings registry (settings.py) first: an unknown key is an error with a "did you mean"
hint, because a mistyped key would otherwise silently fall back to a default and change the report.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phonenumbers import SUPPORTED_REGIONS

from generator.agreement import Agreement
from generator.agreement_json import agreement_from_json
from generator.config.codebook import CodebookTheme, GuideSection, _load_codebook, _load_guide
from generator.config.dimensions import CodebookDimension
from generator.config.references import Reference, load_references
from generator.config.settings import NAMED, TABLES, settings_in
from generator.config.splits import StudySplit, load_splits
from generator.config.values import _bool, _check_keys, _read_text, _read_toml, _str, _str_list, check_table
from generator.errors import ConfigError
from generator.ingest.turns import Labels

_OCCUPATIONS = Path(__file__).resolve().parent.parent / "analyse" / "occupations.toml"


# What the site publishes, from most to least: every transcript; summaries and quotes
# (with the quoted turns); themes and aggregate figures only.
PUBLISH_LEVELS = ("full", "summaries", "aggregates")
# "name": people's names nobody listed (a title and a name, a first name and a surname); listed names
# are always redacted.
DETECTORS = ("email", "url", "phone", "address", "name")


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
    # sha256 of what the analysis of every interview reads from the configuration, the guides apart: an
    # interview's cache key adds its own split's guide (`analysis_fingerprint`), so editing one split's
    # guide analyses only that split's interviews again.
    fingerprint: str = ""
    # sha256 of the whole configuration the analysis reads, every guide included: a new one is a new edition.
    # Without [split.NAME] guides it is the digest the study's fingerprint always was, so a study's
    # edition history does not start a new edition for a configuration that has not changed.
    study_fingerprint: str = ""
    # Each split's own title, description and guide, from [split.NAME]; a split without one has the study's.
    split_settings: tuple[StudySplit, ...] = ()
    # Tool-versus-human agreement (from `report eval --write`), published on the methodology page.
    agreement: Agreement | None = None
    # Where the site will be published (https://...), for absolute permalinks, citations and share cards.
    site_url: str = ""
    authors: tuple[str, ...] = ()
    privacy: Privacy = field(default_factory=lambda: Privacy())
    limits: Limits = field(default_factory=lambda: Limits())
    # The codebook's categorical dimensions (sentiment, what AI is used for, ...), coded once per interview.
    dimensions: tuple[CodebookDimension, ...] = ()
    # Figures published elsewhere for the same study, shown beside the findings they correspond to.
    references: tuple[Reference, ...] = ()
    # [review] publish_reviewers: name the reviewers on the site (the publication step reads it).
    publish_reviewers: bool = False
    # [data] licence and licence_url: what a reader may do with the files under data/ (the Data page).
    data_licence: str = ""
    data_licence_url: str = ""

    def split_of(self, transcript_id: str) -> str:
        """The study split an id belongs to, from its prefix (`work_0001` -> workforce)."""
        for prefix, name in self.splits:
            if transcript_id.startswith(prefix):
                return name
        return "other"

    def split_setting(self, split: str) -> StudySplit:
        """A split's own settings; a split without [split.NAME] has none (empty title, the study's guide)."""
        return next((s for s in self.split_settings if s.name == split), StudySplit(split))

    def guide_of(self, split: str) -> tuple[GuideSection, ...]:
        """The interview guide a split's interviews were held with: its own, else the study's."""
        own = self.split_setting(split).guide
        return self.guide if own is None else own

    def analysis_fingerprint(self, split: str) -> str:
        """What an interview of `split` is analysed with from the configuration: part of its cache key."""
        return _with_guide(self.fingerprint, self.guide_of(split))

    def theme(self, slug: str) -> CodebookTheme:
        return next(t for t in self.codebook if t.slug == slug)

    def dimension(self, slug: str) -> CodebookDimension:
        return next(d for d in self.dimensions if d.slug == slug)


_LIMIT_KEYS = set(settings_in("study", "limits"))
_PRIVACY_KEYS = set(settings_in("study", "privacy"))


def load_config(path: Path) -> StudyConfig:
    """Read study.toml and the guide and codebook files it names."""
    study = _read_toml(path, "configuration file", "create it or pass --config", "pass --config the study's TOML file")
    # Every key and value type against the registry first: each read below finds the type it expects.
    check_table(study, path, "study", "")
    for table in sorted(TABLES):
        # [splits] has no fixed keys: its one setting checked it above; [split.NAME]'s are checked per name.
        if table in study and table != "splits" and table not in NAMED:
            check_table(study[table], path, "study", table, f"[{table}] ")
    labels_raw = study.get("labels", {})
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
    # Longest prefix first, so `work_extra_` wins over `work_`.
    splits = tuple(sorted(splits_raw.items(), key=lambda kv: (-len(kv[0]), kv[0])))

    guide_path = path.parent / _str(study, "guide", path, "guide.toml")
    codebook_path = path.parent / _str(study, "codebook", path, "codebook.toml")
    guide = _load_guide(guide_path, path)
    split_settings = load_splits(study, path, splits)
    codebook, dimensions = _load_codebook(codebook_path, path)
    # Dimensions join the tuple only where there are some, so a codebook without them keeps its fingerprint.
    shared = (labels, splits, codebook, _OCCUPATIONS.read_bytes(), *((dimensions,) if dimensions else ()))
    fingerprint = hashlib.sha256(repr(shared).encode("utf-8")).hexdigest()
    whole = hashlib.sha256(repr((*shared[:2], guide, *shared[2:])).encode("utf-8")).hexdigest()
    own_guides = [(s.name, s.guide) for s in split_settings if s.guide is not None]
    if own_guides:
        whole = hashlib.sha256(f"{whole}{own_guides!r}".encode()).hexdigest()
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
        study_fingerprint=whole,
        split_settings=split_settings,
        agreement=_load_agreement(study, path),
        site_url=_site_url(study, path),
        authors=tuple(_str_list(study, "authors", path, [])),
        privacy=_load_privacy(study.get("privacy", {}), path),
        limits=_load_limits(study.get("limits", {}), path),
        dimensions=dimensions,
        references=load_references(study, path, codebook, splits),
        publish_reviewers=_bool(study.get("review", {}), "publish_reviewers", path),
        data_licence=_str(study.get("data", {}), "licence", path, ""),
        data_licence_url=_licence_url(study.get("data", {}), path),
    )


@functools.lru_cache(maxsize=64)
def _with_guide(fingerprint: str, guide: tuple[GuideSection, ...]) -> str:
    # Remembered: every interview's key asks, and a study has a handful of guides.
    return hashlib.sha256(f"{fingerprint}\0{guide!r}".encode()).hexdigest()


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
        if region not in SUPPORTED_REGIONS:
            # The United Kingdom's ISO code is GB; UK, like EL for Greece, is an exceptional reservation.
            alias = {"UK": "GB", "EN": "GB", "EL": "GR"}.get(region)
            near = [alias] if alias else difflib.get_close_matches(region, sorted(SUPPORTED_REGIONS), 3, 0.5)
            hint = f"use {' or '.join(repr(n) for n in near)}" if near else "use a two-letter ISO 3166 code like 'GB'"
            raise ConfigError(
                f"{path}: [privacy] phone_regions: {region!r} is not a region code; {hint} "
                "(the valid codes are listed in phonenumbers.SUPPORTED_REGIONS)"
            )
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


def _licence_url(table: dict[str, Any], path: Path) -> str:
    url = _str(table, "licence_url", path, "")
    if url and not re.fullmatch(r"https?://\S+", url):
        raise ConfigError(
            f"{path}: [data] licence_url {url!r} must be an absolute http(s) address, "
            "e.g. 'https://creativecommons.org/licenses/by/4.0/'"
        )
    return url


def _load_agreement(table: dict[str, Any], study: Path) -> Agreement | None:
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
    try:
        return agreement_from_json(raw)
    except ValueError as e:
        raise ConfigError(f"{path}: not an agreement file written by `report eval --write` ({e}); {fix}") from None
