"""Every key of the study's configuration files, with its type, default and help text.

The one list the loader checks keys and value types against (an unknown key gets "did you mean"
from these names and their help) and the README's configuration reference is generated from
(`python tools/settings_reference.py`; tests/test_readme.py fails while the two differ). A new
setting goes here first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# text: a string; texts: a list of strings; flag: true or false; limit: a whole number or "none";
# prefixes: a table of id prefix -> split name; count: a whole number from 1; tables: an array of tables;
# percent: a number from 0 to 100.
Kind = Literal["text", "texts", "flag", "limit", "prefixes", "count", "tables", "percent"]
# The files, by role: the study file (any name, passed with --config) names the other two.
File = Literal["study", "guide", "codebook"]

KIND_NAMES: dict[Kind, str] = {
    "text": "text",
    "texts": "list of text",
    "flag": "true or false",
    "limit": 'whole number or `"none"`',
    "prefixes": "table of text",
    "count": "whole number from 1",
    "tables": "array of tables",
    "percent": "number from 0 to 100",
}


@dataclass(frozen=True)
class Setting:
    file: File
    # "" for the top of the study file; a [table] of it ("labels", "privacy", "limits"), a table of named
    # tables ("split": [split.creatives]) or an array of
    # tables of it ("reference"); or the array of tables the guide and the codebook are made of
    # ("section", "theme", "dimension", "dimension.value").
    section: str
    key: str
    kind: Kind
    # As the README shows it (Markdown).
    default: str
    # What it does, as the README shows it (Markdown); its first clause is the "did you mean" hint.
    help: str
    # A value as a user would write it in TOML, for the fix in an error message.
    example: str

    @property
    def name(self) -> str:
        """How the README and the messages name it: `title`, `[privacy] publish`, `[splits]`."""
        if self.kind == "prefixes":
            return f"[{self.key}]"
        if self.section in NAMED and self.file == "study":
            return f"[{self.section}.NAME] {self.key}"
        if self.section in ARRAYS and self.file == "study":
            return f"[[{self.section}]] {self.key}"
        if self.section and self.file == "study":
            return f"[{self.section}] {self.key}"
        return self.key

    @property
    def hint(self) -> str:
        """The help's first clause in plain text, short enough for a one-line error."""
        text = self.help.replace("`", "").replace("*", "")
        for stop in (";", ": ", " ("):
            text = text.split(stop, 1)[0]
        return text


def _s(file: File, section: str, key: str, kind: Kind, default: str, help: str, example: str) -> Setting:
    return Setting(file, section, key, kind, default, help, example)


SETTINGS: tuple[Setting, ...] = (
    _s("study", "", "title", "text", "`Interview report`", "report title (site name, home page heading)",
       '"How professionals use AI at work"'),
    _s("study", "", "subtitle", "text", "empty", "one line under the title",
       '"Findings from AI-led interviews"'),
    _s("study", "", "description", "text", "empty", "a sentence on what the report covers",
       '"Professionals describe the tasks they hand to AI."'),
    _s("study", "", "credit", "text", "empty", "credit line for the data, shown in the footer and methodology",
       '"Transcripts: Anthropic Interviewer dataset (CC-BY)"'),
    _s("study", "", "guide", "text", "`guide.toml`",
       "the interview guide file (of every split without a `[split.NAME] guide` of its own)", '"guide.toml"'),
    _s("study", "", "codebook", "text", "`codebook.toml`", "the codebook file", '"codebook.toml"'),
    _s("study", "", "site_url", "text", "none: site-relative",
       "where the site will be published (`https://...`): makes permalinks, citations and share cards absolute",
       '"https://example.org/report"'),
    _s("study", "", "authors", "texts", "none",
       "list of authors, for citations; a group (no comma, a lowercase word: "
       '`"interview-report contributors"`) stays whole in BibTeX', '["Ada Lovelace"]'),
    _s("study", "", "agreement", "text", "none",
       "tool-versus-human agreement written by `report eval --write`, published on the methodology page",
       '"../eval/agreement.json"'),
    _s("study", "labels", "interviewer", "texts", '`["Assistant", "AI"]`',
       "interviewer speaker labels, without the colon", '["Assistant", "AI"]'),
    _s("study", "labels", "participant", "texts", '`["User"]`', "participant speaker labels", '["User"]'),
    _s("study", "", "splits", "prefixes", "none: split `other`",
       'transcript id prefix -> study split, e.g. `"work_" = "workforce"`', '"workforce"'),
    _s("study", "split", "title", "text", "none",
       "the split's own title, shown where the split is described (the methodology and participants pages, "
       "the splits compared, its interviews' pages); the site and report keep the study's `title`",
       '"How creative professionals use AI"'),
    _s("study", "split", "description", "text", "none", "one line on who the split's participants are",
       '"Writers, artists, musicians and designers"'),
    _s("study", "split", "guide", "text", "the study's `guide`",
       "the interview guide the split's interviews were held with: their turns are matched to its sections",
       '"guide-creatives.toml"'),
    _s("study", "privacy", "publish", "text", "`full`",
       "how much the site publishes: `full` (every transcript, redacted), `summaries` (summaries and quotes; "
       "interview pages show only the "
       "quoted sentences under their turn, so every quote link still lands), `aggregates` (themes and figures "
       "only: no interview pages, quote wall, quotes or per-interview exports)", '"summaries"'),
    _s("study", "privacy", "detect", "texts", "all five",
       "detectors to run: `email` (also spelled out: `jane dot doe at outlook dot com`, `jane[at]outlook[dot]com`), "
       "`url` (with a scheme, `www.`, or a bare domain with a real top-level domain), `phone` (libphonenumber), "
       "`address` (pyap2: US, Canadian and UK street addresses; PO boxes; UK postcodes), `name` (people nobody "
       "listed: a title and a name, or a first name and a surname from Faker's name lists)",
       '["email", "phone"]'),
    _s("study", "privacy", "phone_regions", "texts", '`["US", "GB"]`',
       "countries whose national phone formats are recognised, as libphonenumber's region codes (`GB`, not `UK`; "
       "the list is `phonenumbers.SUPPORTED_REGIONS`); numbers with `+` are found anyway", '["GB", "DE"]'),
    _s("study", "privacy", "names", "texts", "none",
       "people to redact; each part of a name of three letters or more (`Jane`, `Doe`) is redacted too, but not "
       "a lower-case particle (`van`, `de`) or an initial", '["Jane Doe"]'),
    _s("study", "privacy", "organisations", "texts", "none", "organisations to redact", '["Acme Ltd"]'),
    _s("study", "privacy", "terms", "texts", "none", "any other terms to redact (shown as `[REDACTED]`)",
       '["Project Falcon"]'),
    _s("study", "privacy", "terms_file", "text", "none",
       "a researcher-maintained list, one per line: `name: Jane Doe`, `organisation: Acme`, or a plain term; "
       "`#` starts a comment", '"redact.txt"'),
    _s("study", "limits", "full_transcripts", "limit", '`"none"` (no limit)',
       "publish the full transcript of at most this many interviews, counted from the first in input order; "
       "the rest keep their summary page with the quoted passages, and say why", "5000"),
    _s("study", "limits", "search_interviews", "limit", "`10000`",
       "index at most this many interview summaries for search (findings, themes and quotes are always "
       "indexed); the search page states the coverage", "20000"),
    _s("study", "data", "licence", "text", "none: the Data page says no licence is stated",
       "the licence the files under `data/` are published under, as its name or SPDX identifier (`CC-BY-4.0`); "
       "shown on the Data page with the study's `credit`", '"CC-BY-4.0"'),
    _s("study", "data", "licence_url", "text", "none: the licence is named, not linked",
       "where the licence's text is (`https://...`), linked from the Data page",
       '"https://creativecommons.org/licenses/by/4.0/"'),
    _s("study", "review", "publish_reviewers", "flag", "`false`",
       "name the reviewers on the site: who reviewed each coding on the interview pages, and each reviewer's "
       "count of decisions on the methodology page; off, the site says only how many codings were reviewed and "
       "by how many people (decision notes are never published)", "true"),
    _s("guide", "section", "slug", "text", "required",
       "the section's permanent name: lowercase letters, digits and single hyphens", '"tasks"'),
    _s("guide", "section", "title", "text", "the slug", "the section's heading on interview pages",
       '"Tasks and tools"'),
    _s("guide", "section", "questions", "texts", "none",
       "the canonical questions that open the section; interviewer turns are matched to the closest",
       '["What do you use AI for at work?"]'),
    _s("guide", "section", "framing", "flag", "`false`",
       "consent and thanks: its answers are never key quotes or emerging statements", "true"),
    _s("guide", "section", "direct", "flag", "`false`",
       "it asks how the participant works with AI: its answers decide the interaction style first", "true"),
    _s("codebook", "theme", "slug", "text", "required", "the theme's permanent URL, `themes/<slug>/`",
       '"saves-time"'),
    _s("codebook", "theme", "label", "text", "the slug", "the theme's name on the site", '"Saves time"'),
    _s("codebook", "theme", "definition", "text", "required",
       "what the theme covers; published on the methodology page", '"The participant says AI saves them time."'),
    _s("codebook", "theme", "include", "text", "empty", "what counts as the theme, for coders",
       '"Any concrete time saving."'),
    _s("codebook", "theme", "exclude", "text", "empty", "what does not count, for coders",
       '"Hoped-for savings."'),
    _s("codebook", "theme", "examples", "texts", "none", "example sentences that show the theme",
       '["It cut my drafting time in half."]'),
    _s("codebook", "theme", "cues", "texts", "none",
       "what the coder looks for in participant sentences (the cue syntax is below)", '["save* ~ time"]'),
    _s("codebook", "theme", "aliases", "texts", "none",
       "old slugs: each keeps a redirect page, and the \"What changed\" page compares the theme with its "
       "figures under the old slug", '["time-saving"]'),
    _s("codebook", "theme", "experienced_only", "flag", "`false`",
       'a cue after "would", "could", "might" or "hope" is not evidence, for themes about what participants '
       "have experienced", "true"),
    _s("codebook", "theme", "about_others", "flag", "`false`",
       "the theme *is* other people's views, so \"my coworkers think it's cheating\" counts", "true"),
    _s("codebook", "theme", "about_future", "flag", "`false`",
       'the theme is a view of the future, so "I can imagine roles like mine going" is the theme, not a mere '
       "possibility", "true"),
    _s("codebook", "theme", "others_as_subject", "flag", "`false`",
       'the definition covers other people\'s lot, "many people will lose their skills"', "true"),
    _s("codebook", "dimension", "slug", "text", "required",
       "the dimension's field name in `data/interviews.json` and its page, `dimensions/<slug>/`: lowercase "
       "words joined by single underscores", '"sentiment"'),
    _s("codebook", "dimension", "label", "text", "the slug", "the dimension's name on the site",
       '"Overall feeling about AI at work"'),
    _s("codebook", "dimension", "definition", "text", "required",
       "what the dimension records about an interview; published on its page and the methodology page",
       '"How the participant, on balance, feels about using AI in their own work."'),
    _s("codebook", "dimension", "multiple", "flag", "`false`",
       "several values per interview (one to `max_values`) instead of exactly one", "true"),
    _s("codebook", "dimension", "max_values", "count", "every value",
       "with `multiple`: code at most this many values per interview, the most probable", "4"),
    _s("codebook", "dimension", "default", "text", "none",
       "the value that needs no evidence (e.g. `not_mentioned`): coded when no sentence shows another value; "
       "without one, such an interview has no value for the dimension", '"not_mentioned"'),
    _s("codebook", "dimension", "value", "tables", "required",
       "the dimension's values, at least two, each a `[[dimension.value]]` table (keys below), in the order "
       "pages list them", '[{slug = "positive", definition = "Clearly favourable overall."}]'),
    _s("codebook", "dimension.value", "slug", "text", "required",
       "the value as `data/interviews.json` writes it: lowercase words joined by single underscores",
       '"positive"'),
    _s("codebook", "dimension.value", "label", "text", "the slug, in words", "the value's name on the site",
       '"Positive"'),
    _s("codebook", "dimension.value", "definition", "text", "required",
       "what belongs under the value; published, and read by the coder where the trained model does not know "
       "the dimension", '"Clearly favourable overall: praise, satisfaction, enthusiasm."'),
    _s("codebook", "dimension.value", "exclude", "text", "empty", "what does not belong, for coders and readers",
       '"Minor practical reservations alone do not make it mixed."'),
    _s("codebook", "dimension.value", "examples", "texts", "none",
       "example participant sentences that show the value", '["It has made my job so much easier."]'),
    _s("codebook", "theme", "concern", "flag", "`false`",
       "the theme is a worry or a problem participants raise: the home page's summary names the most common "
       "of these themes", "true"),
    _s("study", "reference", "finding", "text", "required",
       "the finding a published figure is shown beside: a theme's slug, or `interaction_style`", '"saves-time"'),
    _s("study", "reference", "category", "text", "required for `interaction_style`",
       "the interaction style the figure is of: `collaborative`, `delegating`, `mixed` or `unclear`",
       '"collaborative"'),
    _s("study", "reference", "split", "text", "none: all interviews",
       "the study split the figure is compared with, a split name from `[splits]`", '"workforce"'),
    _s("study", "reference", "value", "percent", "required", "the published figure, in percent", "86"),
    _s("study", "reference", "measure", "text", "required",
       'what was asked or counted, as it completes "86% of the sample ...": a survey answer or what was said',
       '"said in a survey that AI saves them time"'),
    _s("study", "reference", "sample", "text", "required", "who the published figure is of, with their number",
       '"1,000 workforce participants"'),
    _s("study", "reference", "source", "text", "required", "the source's title, as published",
       '"Introducing Anthropic Interviewer"'),
    _s("study", "reference", "url", "text", "required", "the source's address (`https://...`)",
       '"https://www.anthropic.com/research/anthropic-interviewer"'),
    _s("study", "reference", "difference", "text", "required",
       "one line on how the published figure's definition differs from this report's",
       '"A survey answer; here, what participants said in the interview."'),
)  # fmt: skip

# The study file's [tables], with the hint a misspelt table name gets.
TABLES = {
    "labels": "speaker labels",
    "splits": "study splits by id prefix",
    "privacy": "what the site publishes and redacts",
    "limits": "bounds for studies of tens of thousands of interviews",
    "review": "what the site says about the review decisions",
    "split": "each split's own title and interview guide",
    "data": "the licence of the published data files",
}
# Of those, the tables of tables, one per name: [split.creatives].
NAMED = {"split"}
# The study file's [[arrays]] of tables, with the hint a misspelt name gets.
ARRAYS = {
    "reference": "published figures shown beside the findings they correspond to",
}


def settings_in(file: File, section: str) -> dict[str, Setting]:
    """The keys allowed in one table, by name."""
    return {s.key: s for s in SETTINGS if s.file == file and s.section == section}


# The README's reference tables: one per block, between `<!-- settings: NAME -->` and `<!-- /settings -->`.
BLOCKS: dict[str, tuple[File, tuple[str, ...]]] = {
    "study": ("study", ("", "labels")),
    "privacy": ("study", ("privacy",)),
    "limits": ("study", ("limits",)),
    "reference": ("study", ("reference",)),
    "review": ("study", ("review",)),
    "split": ("study", ("split",)),
    "data": ("study", ("data",)),
    "guide": ("guide", ("section",)),
    "codebook": ("codebook", ("theme",)),
    "dimension": ("codebook", ("dimension",)),
    "dimension_value": ("codebook", ("dimension.value",)),
}


def reference_table(block: str) -> str:
    """One block of the README's configuration reference, as a Markdown table."""
    file, sections = BLOCKS[block]
    rows = ["| key | type | meaning | default |", "|---|---|---|---|"]
    for s in SETTINGS:
        if s.file == file and s.section in sections:
            help = s.help.replace("|", "\\|")
            rows.append(f"| `{s.name}` | {KIND_NAMES[s.kind]} | {help} | {s.default} |")
    return "\n".join(rows) + "\n"
