"""The files a build publishes under data/: what each one holds, field by field (pure data).

The one description of the exports: the Data page shows it beside each file's size, and the README's
"Data export schema" is generated from it (`python tools/settings_reference.py`; tests/test_readme.py
fails while the two differ, and tests/test_data_page.py while a file the build writes has no entry).
Text is Markdown with `code` spans only, so the page and the README can both show it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class DataFile:
    """One file under data/."""

    name: str
    format: str
    # One sentence: what the file is for.
    summary: str
    # Where it is not written by every build, when it is ("where ..."); empty: always.
    when: str
    # How the file is laid out, before its fields.
    layout: str
    fields: tuple[Field, ...]
    # What a reader should know that is not a field.
    notes: str = ""


_INTERVIEWS = "where the site publishes interview pages: `[privacy] publish` is `full` or `summaries`"
_QUOTE = '`{"text", "turn"}`: `text` is an exact substring of the participant\'s turn number `turn`'
_THEME_QUOTE = '`{"interview_id", "text", "turn"}`'
_SHARE = '`{"name", "n", "N", "ci95", "too_small"}`'

CATALOGUE: tuple[DataFile, ...] = (
    DataFile(
        "interviews.json",
        "JSON",
        "Every interview as the report codes it: profile, themes and dimensions with their evidence, key quotes "
        "and section summaries.",
        _INTERVIEWS,
        '`{"schema_version": 1, "edition", "N", "interviews": [...]}` (`edition` is the edition\'s id, as in '
        "`editions.json`; `N` the number of interviews), one object per interview, by id. A quote "
        "is " + _QUOTE + " (the interview page's `#turn-N` anchor).",
        (
            Field("id", "string", "transcript id"),
            Field("url", "string", "the interview page, relative to the site root"),
            Field("split", "string", "study split from the id prefix (`workforce`, `creatives`, ...)"),
            Field("occupation", "string", "occupation as the participant stated it, or `not stated`"),
            Field(
                "occupation_group",
                "string",
                "one of `education`, `healthcare`, `community_social_service`, `business_finance`, `management`, "
                "`computer_it_data`, `engineering_architecture`, `science_research`, `arts_design_media_writing`, "
                "`marketing_sales`, `customer_service`, `office_admin`, `legal`, `trades_manufacturing_logistics`, "
                "`other`, `unknown`",
            ),
            Field(
                "interaction_style",
                "string",
                "`collaborative`, `delegating`, `mixed`, or `unclear` (the participant described neither mode; "
                "never a silent default)",
            ),
            Field("interaction_evidence", "quote or null", "the sentence that shows the style"),
            Field(
                "themes",
                "list",
                '`{"slug", "evidence": [quote, ...], "probability": [number, ...]}` for each codebook theme coded: '
                "evidence most probable first, with the coder's probability for each (1.0 where the cue rules "
                "decided); the first is the sentence the theme's page lists for this interview",
            ),
            Field(
                "*dimension slug* (`ai_uses`, `sentiment`, `workplace_stance`, `future_use` in the default study)",
                "list of strings, or string or null",
                "the dimension's value slugs, most probable first, for a dimension with several values (up to "
                "`max_values`; empty where no sentence shows one); the value, or `null` where no sentence shows one "
                "and the dimension has no `default`, for a single-valued one. Every interview keeps these fields "
                "whatever the coder's reliability: **how far each dimension and value can be trusted is on the "
                "methodology page**; a dimension or value marked near chance there is the coder's guess, not a finding",
            ),
            Field(
                "dimension_evidence",
                "object",
                'per dimension slug, `[{"value", "probability", "evidence": [quote, ...], "evidence_probability": '
                "[number, ...]}]`: each value coded, the coder's probability for it (`null` where it came from the "
                "value definitions or is the `default`, coded because no sentence showed another value) and its "
                "evidence sentences, most probable first (none for the `default` without a sentence of its own)",
            ),
            Field("key_quotes", "list of quotes", "two to four representative sentences"),
            Field("sections", "list", '`{"slug", "turns": [int], "summary": [quote, ...]}` per guide section'),
            Field("turns", "int", "number of turns"),
            Field("encoding_repairs", "int", "ftfy repairs made to this transcript"),
        ),
    ),
    DataFile(
        "interviews.csv",
        "CSV",
        "One row per interview, for a spreadsheet: its profile and the themes and dimension values coded.",
        _INTERVIEWS,
        "A header row, then one row per interview, by id; lists are joined with `;`.",
        (
            Field("id", "text", "transcript id"),
            Field("split", "text", "study split"),
            Field("occupation", "text", "occupation as stated, or `not stated`"),
            Field("occupation_group", "text", "occupation group, as in `interviews.json`"),
            Field("interaction_style", "text", "`collaborative`, `delegating`, `mixed` or `unclear`"),
            Field("themes", "text", "the slugs of the themes coded, joined with `;`"),
            Field("turns", "whole number", "number of turns"),
            Field("*dimension slug*", "text", "one column per dimension: its values, joined with `;`"),
        ),
        "A cell that would start a spreadsheet formula (`=`, `+`, `-`, `@`) is written as text.",
    ),
    DataFile(
        "themes.json",
        "JSON",
        "Each codebook theme with its prevalence, its 95% interval, its subgroups and its best quotes.",
        "",
        '`{"schema_version": 1, "edition", "N", "themes": [...]}`, one object per codebook theme, in the '
        "codebook's order.",
        (
            Field("slug", "string", "the theme's permanent name; its page is `themes/<slug>/`"),
            Field("label", "string", "the theme's name"),
            Field("definition", "string", "what the theme covers"),
            Field("url", "string", "the theme's page, relative to the site root"),
            Field("n", "int", "interviews coded with the theme"),
            Field("N", "int", "all interviews"),
            Field("percent", "number", "`n` of `N`, in percent, to two places"),
            Field("ci95", "[low, high]", "the 95% Wilson interval, in percent"),
            Field(
                "by_split, by_occupation_group",
                "list",
                _SHARE + " per subgroup, largest first; `too_small` marks groups under 10 interviews, too few to "
                "compare",
            ),
            Field("interviews", "list of strings", "the ids of the interviews coded"),
            Field("quotes", "list", _THEME_QUOTE + ", best first (none where the site publishes no quotes)"),
            Field("cooccurs", "list", '`{"slug", "n"}`: interviews coded with both themes'),
        ),
    ),
    DataFile(
        "themes.csv",
        "CSV",
        "One row per theme: its prevalence and the interviews coded.",
        "",
        "A header row, then one row per theme, in the codebook's order.",
        (
            Field("slug", "text", "the theme's permanent name"),
            Field("label", "text", "the theme's name"),
            Field("n", "whole number", "interviews coded with the theme"),
            Field("N", "whole number", "all interviews"),
            Field("percent", "number", "`n` of `N`, in percent, to two places"),
            Field("interviews", "text", "the ids of the interviews coded, joined with `;`"),
        ),
    ),
    DataFile(
        "dimensions.json",
        "JSON",
        "Each codebook dimension (what AI is used for, overall feeling, ...) with the share of each value.",
        "where the codebook has dimensions",
        '`{"schema_version": 1, "edition", "N", "dimensions": [...]}`, one object per coded dimension.',
        (
            Field("slug, label, definition, url", "string", "the dimension, as the codebook names and defines it"),
            Field("multiple", "bool", "whether an interview takes several values"),
            Field("coder", "string", "`trained`, or `definitions` where coded from the value definitions"),
            Field("N", "int", "all interviews"),
            Field("coded", "int", "interviews with a value"),
            Field(
                "values",
                "list",
                "per value `slug`, `label`, `definition`, `n`, `N`, `percent`, `ci95`, `by_split` (as for themes), "
                "`interviews` and `quotes` (" + _THEME_QUOTE + ", most probable first)",
            ),
        ),
        "These are the coder's counts for every value, including those the methodology page marks near chance. "
        "Each dimension the coder tells better than chance has a chart, `figures/dimensions/<slug>.svg` (and "
        "`.png`, `.csv`), of the values it tells reliably.",
    ),
    DataFile(
        "dimensions.csv",
        "CSV",
        "One row per dimension value, for the whole study and for each study split.",
        "where the codebook has dimensions",
        "A header row, then for each value a row for the whole study followed by a row per study split.",
        (
            Field("dimension, value, label", "text", "the dimension's slug, the value's slug and its name"),
            Field("scope", "text", "`study` (all interviews) or `split` (one study split)"),
            Field("split", "text", "the split's name; empty where `scope` is `study`"),
            Field("n, N, percent", "number", "interviews with the value, of all, in percent to two places"),
            Field("ci95_low, ci95_high", "number", "the 95% Wilson interval, in percent"),
        ),
    ),
    DataFile(
        "emerging.json",
        "JSON",
        "Clusters of participant sentences no codebook theme covers: candidates for new codes, never findings.",
        "",
        '`{"schema_version": 1, "edition", "N", "clusters": [...]}`, one object per cluster.',
        (
            Field("key", "string", "the cluster's permanent key, from its words"),
            Field(
                "name",
                "quote or null",
                'its most representative statement, `{"interview_id", "text", "turn"}`, which the site shows as its '
                "name; `null` at the `aggregates` level",
            ),
            Field("keywords", "list of strings", "the words that mark it"),
            Field("interviews", "int", "how many interviews it spans"),
            Field("sentences", "int", "how many sentences it holds"),
            Field(
                "quotes",
                "list",
                "more statements, " + _THEME_QUOTE + ", most typical first, one an interview and none from the name's "
                "(none where the site publishes no quotes)",
            ),
        ),
    ),
    DataFile(
        "editions.json",
        "JSON",
        "The report's editions, oldest first: what each one counted, so a reader can see what changed.",
        "",
        '`{"schema_version": 2, "editions": [...]}`, one object per edition, oldest first. A rebuild of the same '
        "inputs keeps the last edition; changed inputs append one. Each edition's figures stay at "
        "`editions/<id>/`, and `changes/` compares the newest edition with the one before: how many "
        "interviews were added, changed and removed, naming and linking the added and changed ones only where "
        "interview pages are published.",
        (
            Field("id", "string", "`YYYY-MM-DD-` and 8 hex digits of the input fingerprint"),
            Field("date", "string", "the edition's date"),
            Field("fingerprint", "string", "sha256 of every transcript and the configuration"),
            Field("N", "int", "interviews in the edition"),
            Field("figures", "list", '`{"slug", "label", "n", "N", "ci95"}` per theme'),
            Field(
                "interview_keys",
                "list",
                "`[digest of the id, content hash]` pairs: no interview id is kept, so a withdrawn interview's id is "
                "gone from the site at the next build",
            ),
        ),
        "The history is read from the published `output/data/editions.json`, so keep the published folder (or that "
        "file) between builds; a history of schema 1, with ids, is read and rewritten without them.",
    ),
    DataFile(
        "project.qdpx",
        "REFI-QDA project (zip)",
        "The interviews and their coding as a project for a QDA tool (ATLAS.ti, MAXQDA, NVivo, QualCoder, any "
        "tool that reads the REFI-QDA standard).",
        _INTERVIEWS,
        'A zip archive laid out as `report export` writes one (see the README\'s "Exchanging with QDA tools"), '
        "of what the site publishes: whole transcripts where the site shows them, else only the quoted sentences of "
        "the quoted turns; with the codings this report counts, after review.",
        (
            Field(
                "project.qde",
                "XML (`urn:QDA-XML:project:1.0`)",
                "the codebook's themes as codes, each interview as a text source and a case (with the variables "
                "`interaction_style`, `occupation`, `occupation_group` and `split`), and every evidence sentence as "
                "a selection coded with its themes",
            ),
            Field(
                "sources/<guid>.txt",
                "UTF-8 text",
                "one per interview: a paragraph per turn, `[N] Label: text`, `N` the turn number the site's "
                "`#turn-N` links use",
            ),
        ),
        "Validated against the standard's published schema; the same inputs give the same bytes. Reviewers are "
        "named as users only where the study publishes their names (`[review] publish_reviewers`).",
    ),
)

BY_NAME = {f.name: f for f in CATALOGUE}


def readme_section() -> str:
    """The README's description of every file, between `<!-- exports -->` and `<!-- /exports -->`."""
    parts = []
    for f in CATALOGUE:
        when = f"written {f.when}" if f.when else "written by every build"
        parts.append(f"#### `{f.name}`\n\n{f.format}, {when}. {f.summary}\n\n{f.layout}\n")
        rows = ["| field | type | meaning |", "|---|---|---|"]
        rows += [f"| {field_name(x.name)} | {_cell(x.type)} | {_cell(x.meaning)} |" for x in f.fields]
        parts.append("\n".join(rows) + "\n")
        if f.notes:
            parts.append(f"{f.notes}\n")
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_name(name: str) -> str:
    """A field's name as code, each of several (`a, b`); a placeholder in italics stays as written."""
    if name.startswith("*"):
        return name
    return ", ".join(f"`{n}`" for n in name.split(", "))
