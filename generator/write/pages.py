"""Report -> page data: the finished values each template displays (pure, no I/O).

Every URL is site-root-relative without a leading slash; templates prefix SITEURL.
Interview pages are addressed by transcript id, themes by codebook slug, turns by number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.config import StudyConfig
from generator.models import InterviewSummary, Quote, Report, Share, ThemeFinding, ThemeQuote
from generator.synthesise import MIN_GROUP
from generator.write.cite import cite

GROUP_LABELS = {
    "education": "Education",
    "healthcare": "Healthcare",
    "community_social_service": "Community and social service",
    "business_finance": "Business and finance",
    "management": "Management",
    "computer_it_data": "Computing, IT and data",
    "engineering_architecture": "Engineering and architecture",
    "science_research": "Science and research",
    "arts_design_media_writing": "Arts, design, media and writing",
    "marketing_sales": "Marketing and sales",
    "customer_service": "Customer service",
    "office_admin": "Office and administration",
    "legal": "Legal",
    "trades_manufacturing_logistics": "Trades, manufacturing and logistics",
    "other": "Other",
    "unknown": "Not stated",
}


@dataclass(frozen=True)
class Page:
    """One page to write: its stub metadata and the data its template displays."""

    title: str
    template: str
    url: str
    save_as: str
    data_path: str
    data: dict[str, Any]


# "unclear" is said in words, so a reader never takes a missing description for a style.
STYLE_LABELS = {
    "collaborative": "collaborative",
    "delegating": "delegating",
    "mixed": "mixed",
    "unclear": "unclear (not described in the interview)",
}


def interview_url(interview_id: str) -> str:
    return f"interviews/{interview_id}/"


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def turn_url(interview_id: str, turn: int) -> str:
    return f"{interview_url(interview_id)}#turn-{turn}"


def quote_anchor(quote: Quote) -> str:
    """Stable across rebuilds: the turn number plus a hash of the exact words."""
    digest = hashlib.sha1(quote.text.encode("utf-8")).hexdigest()[:8]
    return f"quote-{quote.turn}-{digest}"


def percent(n: int, N: int) -> int:
    """Whole percent, rounded half up: 12.5% reads as 13%, as a reader rounding by hand expects."""
    return (200 * n + N) // (2 * N) if N else 0


def percent_label(n: int, N: int) -> str:
    return f"{percent(n, N)}%"


def interval_label(share: Share) -> str:
    return f"95% CI {share.low:.0f}–{share.high:.0f}%"


def _share_rows(shares: tuple[Share, ...], labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "name": labels.get(s.name, s.name) if labels else s.name,
            "n": s.n,
            "N": s.N,
            "percent_label": percent_label(s.n, s.N),
            "interval": interval_label(s),
            "too_small": s.too_small,
        }
        for s in shares
    ]


def headline(finding: ThemeFinding, config: StudyConfig) -> str:
    noun = "interview" if finding.N == 1 else "interviews"
    definition = config.theme(finding.slug).definition
    return f"{finding.n} of {finding.N} {noun} ({percent_label(finding.n, finding.N)}): {definition}"


def build_pages(
    report: Report, config: StudyConfig, figures: dict[str, dict[str, Any]], edition: str = ""
) -> Iterator[Page]:
    """Every page of the site, in a fixed order, one at a time (80,000 interview pages' data never sit in
    memory together). `edition` is the edition id (it starts with its date)."""
    labels = {t.slug: t.label for t in config.codebook}
    date = edition[:10]
    privacy = config.privacy
    yield _home(report, config, figures, date)
    yield _methodology(report, config)
    if privacy.quotes:
        yield _interviews_index(report, labels)
    for f in report.themes:
        yield _theme(f, report, config, figures, date)
        yield _slide(f, report, config, date)
    yield _emerging(report)
    if privacy.quotes:
        yield _quote_wall(report)
    yield _search(report, config)
    for theme in config.codebook:
        for alias in theme.aliases:
            yield _redirect(theme_url(alias), theme_url(theme.slug), theme.label)
            yield _redirect(slide_url(alias), slide_url(theme.slug), theme.label)
    if not privacy.quotes:
        return
    full = full_transcripts(report, config)
    quoted = quoted_sentences(report) if full < report.N else None
    searchable = searchable_interviews(report, config)
    ids = [s.id for s in report.interviews]
    for i, summary in enumerate(report.interviews):
        prev_id = ids[i - 1] if i > 0 else None
        next_id = ids[i + 1] if i + 1 < len(ids) else None
        yield _interview(
            summary,
            labels,
            prev_id,
            next_id,
            None if i < full else quoted,
            searchable=i < searchable,
            limited_to=full if privacy.full_transcripts and i >= full else None,
        )


def _first(limit: int | None, N: int) -> int:
    """How many interviews, counted from the first, a [limits] value lets through."""
    return N if limit is None else min(limit, N)


def full_transcripts(report: Report, config: StudyConfig) -> int:
    """How many interviews, counted from the first, publish their full transcript."""
    return _first(config.limits.full_transcripts, report.N) if config.privacy.full_transcripts else 0


def searchable_interviews(report: Report, config: StudyConfig) -> int:
    """How many interviews, counted from the first, have their summary in the search index."""
    return _first(config.limits.search_interviews, report.N) if config.privacy.quotes else 0


def _search(report: Report, config: StudyConfig) -> Page:
    indexed = searchable_interviews(report, config)
    data = {"kind": "search", "interviews_indexed": indexed, "N": report.N, "quotes": config.privacy.quotes}
    return Page("Search", "search", "search/", "search/index.html", "pagedata/search.json", data)


def quoted_sentences(report: Report) -> dict[tuple[str, int], list[str]]:
    """Every participant sentence the site quotes, by (interview, turn), in the order it was said.

    Without full transcripts an interview page still carries each quoted turn, holding only
    its quoted sentences, so every quote's link lands on the words it quotes.
    """
    found: dict[tuple[str, int], set[str]] = {}

    def add(interview_id: str, quote: Quote | ThemeQuote) -> None:
        found.setdefault((interview_id, quote.turn), set()).add(quote.text)

    for s in report.interviews:
        for q in (
            *s.key_quotes,
            *(q for sec in s.sections for q in sec.sentences),
            *(q for t in s.themes for q in t.evidence),
            *([s.style_evidence] if s.style_evidence else []),
        ):
            add(s.id, q)
    for f in report.themes:
        for tq in f.quotes:
            add(tq.interview_id, tq)
    for e in report.emerging:
        for tq in e.quotes:
            add(tq.interview_id, tq)
    by_id = {s.id: s for s in report.interviews}
    ordered: dict[tuple[str, int], list[str]] = {}
    for (interview_id, turn), texts in found.items():
        said = next(t.text for t in by_id[interview_id].transcript.turns if t.number == turn)
        ordered[(interview_id, turn)] = sorted(texts, key=lambda text: (said.find(text), text))
    return ordered


def _citation(config: StudyConfig, date: str, path: str, part: str | None = None, key: str = "") -> dict[str, str]:
    c = cite(config, date, path, part, key)
    return {"text": c.text, "bibtex": c.bibtex, "url": c.url}


def theme_quote_anchor(q: ThemeQuote) -> str:
    """Stable: the interview, the turn and a hash of the exact words, never a position in a list."""
    digest = hashlib.sha1(q.text.encode("utf-8")).hexdigest()[:8]
    return f"quote-{q.interview_id}-{q.turn}-{digest}"


def _theme_quote(q: ThemeQuote, occupations: dict[str, str]) -> dict[str, Any]:
    return {
        "text": q.text,
        "interview_id": q.interview_id,
        "turn": q.turn,
        "url": turn_url(q.interview_id, q.turn),
        "occupation": occupations[q.interview_id],
        "anchor": theme_quote_anchor(q),
    }


def _q(interview_id: str, quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "turn": quote.turn, "url": turn_url(interview_id, quote.turn)}


def splits(report: Report) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for s in report.interviews:
        counts[s.profile.split] = counts.get(s.profile.split, 0) + 1
    return [{"name": name, "n": n} for name, n in sorted(counts.items())]


def _home(report: Report, config: StudyConfig, figures: dict[str, dict[str, Any]], date: str) -> Page:
    findings = []
    shown: set[tuple[str, int, str]] = set()
    for f in report.findings:
        # A reader scanning the findings should meet a different voice under each: take the best
        # quote not already leading a higher-ranked finding, the best one if all are.
        fresh = [q for q in f.quotes if (q.interview_id, q.turn, q.text) not in shown]
        candidates = fresh or list(f.quotes)
        top = candidates[0] if candidates else None
        if top is not None:
            shown.add((top.interview_id, top.turn, top.text))
        findings.append(
            {
                "slug": f.slug,
                "label": f.label,
                "definition": f.definition,
                "n": f.n,
                "N": f.N,
                "percent": percent(f.n, f.N),
                "percent_label": percent_label(f.n, f.N),
                "interval": interval_label(f.share),
                "url": theme_url(f.slug),
                "anchor": f"finding-{f.slug}",
                "headline": headline(f, config),
                "citation": _citation(config, date, f"#finding-{f.slug}", f"Finding: {f.label}", f.slug),
                "slide_url": slide_url(f.slug),
                "agreement": coder_agreement(config, f.slug),
                "quote": {
                    "text": top.text,
                    "interview_id": top.interview_id,
                    "turn": top.turn,
                    "url": turn_url(top.interview_id, top.turn),
                }
                if top
                else None,
            }
        )
    data = {
        "kind": "home",
        "title": config.title,
        "subtitle": config.subtitle,
        "description": config.description,
        "N": report.N,
        "splits": splits(report),
        "findings": findings,
        "chart": figures.get("prevalence"),
        "citation": _citation(config, date, ""),
        "share": {"image": "figures/share/report.png", "title": config.title, "description": config.description},
        "emerging": {"url": EMERGING_URL, "count": len(report.emerging)},
        "skipped": [{"source": s.source, "message": s.message} for s in report.skipped],
    }
    return Page(config.title, "home", "", "index.html", "pagedata/home.json", data)


def _methodology(report: Report, config: StudyConfig) -> Page:
    repaired = [s for s in report.interviews if s.transcript.repairs]
    data = {
        "kind": "methodology",
        "N": report.N,
        "splits": splits(report),
        "method": [
            f"This report is generated from {report.N} interview transcripts by interview-report. "
            "Each transcript is split into speaker turns; only the participant's turns are ever used as evidence, "
            "so the interviewer's questions and paraphrases never count towards a finding.",
            "Interviewer questions are matched to the sections of the interview guide below by word overlap; "
            "follow-up questions stay in the section they follow. Each section summary is made of the participant's "
            "own sentences, chosen for how informative they are and never edited.",
            "Themes are coded from the codebook below: a theme is present in an interview when at least one of the "
            "participant's sentences matches one of the theme's cue phrases and is stated as their own view "
            "(not negated, not hypothetical, not a report of what other people think). Each coded theme keeps the "
            "sentences that show it, linked to the exact turn.",
            "Prevalence is the number of interviews in which a theme is coded (n) "
            "out of all interviews in the report (N).",
        ],
        "guide": [
            {"slug": s.slug, "title": s.title, "questions": list(s.questions), "automatic": s.automatic}
            for s in config.guide
        ],
        "codebook": [
            {
                "slug": t.slug,
                "label": t.label,
                "definition": t.definition,
                "include": t.include,
                "exclude": t.exclude,
                "examples": list(t.examples),
                "url": theme_url(t.slug),
            }
            for t in config.codebook
        ],
        "limitations": [
            "Coding is automatic and based on cue phrases: it misses themes expressed in unusual words and can "
            "count a sentence that uses a cue in another sense. "
            "Every count links to its evidence so a reader can check.",
            "Prevalence counts interviews in which a participant raised a theme; the interview guide asks about some "
            "themes directly, so their prevalence partly reflects the questions asked.",
            "Participants chose to take part; the figures describe these interviews, not a population.",
        ],
        "repairs": {"interviews": len(repaired), "count": sum(len(s.transcript.repairs) for s in repaired)},
        "privacy": _privacy(report, config),
        "skipped": [{"source": s.source, "message": s.message} for s in report.skipped],
        "credit": config.credit,
        "agreement": _agreement(config),
    }
    return Page(
        "Methodology", "methodology", "methodology/", "methodology/index.html", "pagedata/methodology.json", data
    )


EMERGING_URL = "themes/emerging/"

_PUBLISHED = {
    "full": "Published: full transcripts (after redaction), summaries, quotes, themes and aggregate figures.",
    "summaries": "Published: summaries and quotes, each interview page showing only the quoted passages of its "
    "turns; full transcripts are not published.",
    "aggregates": "Published: themes and aggregate figures only; no transcript, summary or quote is published.",
}
_KIND_NAMES = {
    "email": "e-mail addresses",
    "url": "web addresses",
    "phone": "phone numbers",
    "address": "postal addresses",
    "name": "names of people",
    "organisation": "names of organisations",
    "term": "other listed terms",
}


def _privacy(report: Report, config: StudyConfig) -> dict[str, Any]:
    privacy = config.privacy
    detected = [_KIND_NAMES[k] for k in privacy.detect]
    listed = [
        name
        for name, entries in (
            ("names of people", privacy.names),
            ("names of organisations", privacy.organisations),
            ("other terms", privacy.terms),
        )
        if entries
    ]
    what = f"Detected automatically: {', '.join(detected) or 'nothing'}."
    if listed:
        what += f" Listed by the researchers: {', '.join(listed)}."
    counts = report.redactions.counts if report.redactions else ()
    return {
        "level": privacy.publish,
        "published": _PUBLISHED[privacy.publish],
        "redaction": "Before any analysis, identifying details are replaced by a marker such as [NAME-1] or "
        "[EMAIL-1], numbered within each interview so the same person keeps the same marker; markers already in "
        f"the transcripts, such as [REDACTED], are kept. {what} Quotes are the participants' exact words "
        "except for these markers.",
        "counts": [{"what": _KIND_NAMES[k], "n": n} for k, n in counts if n],
        "interviews": report.redactions.interviews if report.redactions else 0,
    }


def _redirect(old: str, new: str, label: str) -> Page:
    """An old address (a renamed theme's slug) keeps working: its page points to the new one."""
    data = {"kind": "redirect", "target": new, "label": label}
    name = old.strip("/").replace("/", "-")
    return Page(label, "redirect", old, f"{old}index.html", f"pagedata/redirects/{name}.json", data)


def _emerging(report: Report) -> Page:
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    data = {
        "kind": "emerging",
        "N": report.N,
        "clusters": [
            {
                "anchor": f"emerging-{e.key.replace(' ', '-')}",
                "keywords": list(e.keywords),
                "interviews": e.interviews,
                "sentences": e.sentences,
                "percent_label": percent_label(e.interviews, report.N),
                "quotes": [
                    {
                        "text": q.text,
                        "interview_id": q.interview_id,
                        "turn": q.turn,
                        "url": turn_url(q.interview_id, q.turn),
                        "occupation": occupations[q.interview_id],
                    }
                    for q in e.quotes
                ],
            }
            for e in report.emerging
        ],
    }
    return Page(
        "Emerging themes", "emerging", EMERGING_URL, "themes/emerging/index.html", "pagedata/emerging.json", data
    )


THEME_PAGE_QUOTES = 6
QUOTES_URL = "quotes/"


def _quote_wall(report: Report) -> Page:
    """Representative quotes of every theme, each tagged for filtering by theme, split and group."""
    profiles = {s.id: s.profile for s in report.interviews}
    groups: list[dict[str, Any]] = []
    for f in report.findings:
        items: list[dict[str, Any]] = []
        for q in f.quotes:
            p = profiles[q.interview_id]
            items.append(
                {
                    **_theme_quote(q, {q.interview_id: p.occupation}),
                    "anchor": f"{f.slug}-{theme_quote_anchor(q)}",
                    "theme": f.slug,
                    "split": p.split,
                    "group": p.occupation_group,
                    "group_label": GROUP_LABELS[p.occupation_group],
                }
            )
        if items:
            groups.append({"slug": f.slug, "label": f.label, "url": theme_url(f.slug), "quotes": items})
    every = [q for g in groups for q in g["quotes"]]
    present_groups = sorted({q["group"] for q in every}, key=lambda g: GROUP_LABELS[g])
    data = {
        "kind": "quotes",
        "groups": groups,
        "count": len(every),
        "filters": {
            "themes": [{"value": g["slug"], "label": g["label"]} for g in groups],
            "splits": [{"value": s, "label": s} for s in sorted({q["split"] for q in every})],
            "groups": [{"value": g, "label": GROUP_LABELS[g]} for g in present_groups],
        },
    }
    return Page("Quote wall", "quotes", QUOTES_URL, "quotes/index.html", "pagedata/quotes.json", data)


# Below this F1 a theme's automatic coding is flagged as weak on the methodology page.
WEAK_F1 = 0.6


def coder_agreement(config: StudyConfig, slug: str) -> dict[str, Any] | None:
    """How far the coder of one theme agrees with careful independent coding, for beside its figure:
    F1 with its interval, and whether the figure is only indicative (F1 under WEAK_F1)."""
    raw = config.agreement
    theme = next((t for t in raw["themes"] if t["slug"] == slug), None) if raw else None
    if raw is None or theme is None or theme.get("f1") is None:
        return None
    return {
        "f1": _two_places(theme["f1"]),
        "interval": _span(theme.get("f1_interval"), "{:.2f}"),
        "indicative": theme["f1"] < WEAK_F1,
        "n": raw.get("n"),
        "url": "methodology/#agreement",
    }


def _agreement(config: StudyConfig) -> dict[str, Any] | None:
    raw = config.agreement
    if raw is None:
        return None
    labels = {t.slug: t.label for t in config.codebook}
    keys = ("part", "n", "occupation_group_accuracy", "interaction_style_accuracy", "macro_f1", "pooled_kappa")
    themes = raw["themes"]
    coders = raw.get("between_coders")
    coder_kappa = {t["slug"]: t["kappa"] for t in coders["themes"]} if coders else {}
    return {
        **_figures(raw, keys),
        "macro_f1_themes": raw.get("macro_f1_themes", len(themes)),
        "evidence": _share_of(raw.get("evidence_shown_correct")),
        "sentence_level": raw.get("part") == "test",
        "themes_total": len(themes),
        "between_coders": _figures(coders, keys[1:]) if coders else None,
        "themes": [
            {
                "label": labels.get(t["slug"], t["slug"]),
                "weak": t["f1"] is not None and t["f1"] < WEAK_F1,
                "measured": t["f1"] is not None,
                **{k: _two_places(t[k]) for k in ("precision", "recall", "f1", "kappa")},
                "f1_interval": _span(t.get("f1_interval"), "{:.2f}") or "n/a",
                **{k: f"{t[k]:.0f}%" for k in ("human_prevalence", "tool_prevalence")},
                "coders_kappa": _two_places(coder_kappa.get(t["slug"])) if coders else None,
            }
            for t in raw["themes"]
        ],
    }


def _figures(raw: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The figures, each with its 95% interval as text ("55–77%", "0.50–0.70"); an agreement
    file written before intervals were measured has none, and the page then shows none."""
    out = {k: raw.get(k) for k in keys}
    for k in keys:
        if k in ("part", "n"):
            continue
        out[f"{k}_interval"] = _span(raw.get(f"{k}_interval"), "{:.0%}" if k.endswith("accuracy") else "{:.2f}")
    return out


def _span(bounds: list[float] | None, form: str) -> str | None:
    if not bounds:
        return None
    low, high = (form.format(x) for x in bounds)
    return f"{low.rstrip('%')}–{high}"


def _share_of(pair: list[int] | None) -> dict[str, Any] | None:
    """[correct, shown] as the methodology page states it."""
    if not pair or not pair[1]:
        return None
    return {"n": pair[0], "N": pair[1], "percent_label": percent_label(pair[0], pair[1])}


def _two_places(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _interviews_index(report: Report, labels: dict[str, str]) -> Page:
    rows = [
        {
            "id": s.id,
            "url": interview_url(s.id),
            "split": s.profile.split,
            "occupation": s.profile.occupation,
            "occupation_group_label": GROUP_LABELS[s.profile.occupation_group],
            "interaction_style": STYLE_LABELS[s.interaction_style],
            "themes": [{"slug": t.slug, "label": labels[t.slug], "url": theme_url(t.slug)} for t in s.themes],
        }
        for s in report.interviews
    ]
    data = {"kind": "interviews", "interviews": rows}
    return Page("Interviews", "interviews", "interviews/", "interviews/index.html", "pagedata/interviews.json", data)


def slide_url(slug: str) -> str:
    return f"{theme_url(slug)}slide/"


def _slide(f: ThemeFinding, report: Report, config: StudyConfig, date: str) -> Page:
    """A 16:9 view of one finding: the number, the sentence, one quote, the citation."""
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    data = {
        "kind": "slide",
        "slug": f.slug,
        "label": f.label,
        "percent_label": percent_label(f.n, f.N),
        "n": f.n,
        "N": f.N,
        "interval": interval_label(f.share),
        "headline": headline(f, config),
        "agreement": coder_agreement(config, f.slug),
        "quote": _theme_quote(f.quotes[0], occupations) if f.quotes else None,
        "citation": _citation(config, date, theme_url(f.slug), f.label, f.slug),
        "theme_url": theme_url(f.slug),
    }
    return Page(
        f"{f.label} (slide)", "slide", slide_url(f.slug), f"themes/{f.slug}/slide/index.html",
        f"pagedata/slides/{f.slug}.json", data,
    )  # fmt: skip


def _theme(f: ThemeFinding, report: Report, config: StudyConfig, figures: dict[str, Any], date: str) -> Page:
    wordcloud = figures.get(f"wordcloud-{f.slug}")
    theme = config.theme(f.slug)
    occupations = {s.id: s.profile.occupation for s in report.interviews}
    data = {
        "kind": "theme",
        "slug": f.slug,
        "label": f.label,
        "definition": theme.definition,
        "include": theme.include,
        "exclude": theme.exclude,
        "n": f.n,
        "N": f.N,
        "percent": percent(f.n, f.N),
        "percent_label": percent_label(f.n, f.N),
        "interval": interval_label(f.share),
        "headline": headline(f, config),
        "agreement": coder_agreement(config, f.slug),
        "min_group": MIN_GROUP,
        "by_split": _share_rows(f.by_split) if len(f.by_split) > 1 else [],
        "by_group": _share_rows(f.by_group, GROUP_LABELS),
        "quotes": [_theme_quote(q, occupations) for q in f.quotes[:THEME_PAGE_QUOTES]],
        "citation": _citation(config, date, theme_url(f.slug), f.label, f.slug),
        "slide_url": slide_url(f.slug),
        "share": {
            "image": f"figures/share/{f.slug}.png",
            "title": f"{f.label}: {percent_label(f.n, f.N)} of interviews",
            "description": headline(f, config),
        },
        "chart": figures.get(f"groups-{f.slug}"),
        "cooccurs": [{"slug": c.slug, "label": c.label, "n": c.n, "url": theme_url(c.slug)} for c in f.cooccurs],
        "wordcloud": wordcloud,
        "interviews": [{"id": i, "url": interview_url(i), "occupation": occupations[i]} for i in f.interviews]
        if config.privacy.quotes
        else [],
    }
    return Page(
        f.label, "theme", theme_url(f.slug), f"themes/{f.slug}/index.html", f"pagedata/themes/{f.slug}.json", data
    )


def _interview(
    s: InterviewSummary,
    labels: dict[str, str],
    prev_id: str | None,
    next_id: str | None,
    quoted: dict[tuple[str, int], list[str]] | None = None,
    *,
    searchable: bool = True,
    limited_to: int | None = None,
) -> Page:
    turns = []
    for t in s.transcript.turns:
        if quoted is None:
            paragraphs = [p.strip() for p in t.text.split("\n\n") if p.strip()]
        elif (s.id, t.number) in quoted:
            paragraphs = quoted[(s.id, t.number)]
        else:
            continue
        turns.append(
            {
                "number": t.number,
                "speaker": t.speaker,
                "speaker_label": "Participant" if t.speaker == "participant" else "Interviewer",
                "anchor": f"turn-{t.number}",
                "paragraphs": paragraphs,
            }
        )
    data = {
        "kind": "interview",
        "id": s.id,
        "split": s.profile.split,
        "occupation": s.profile.occupation,
        "occupation_group_label": GROUP_LABELS[s.profile.occupation_group],
        "interaction_style": STYLE_LABELS[s.interaction_style],
        "style_evidence": _q(s.id, s.style_evidence) if s.style_evidence else None,
        "sections": [
            {"slug": sec.slug, "title": sec.title, "sentences": [_q(s.id, q) for q in sec.sentences]}
            for sec in s.sections
            if sec.sentences
        ],
        "themes": [
            {
                "slug": t.slug,
                "label": labels[t.slug],
                "url": theme_url(t.slug),
                "evidence": [_q(s.id, q) for q in t.evidence],
            }
            for t in s.themes
        ],
        "key_quotes": [{**_q(s.id, q), "anchor": quote_anchor(q)} for q in s.key_quotes],
        "turns": turns,
        "full_transcript": quoted is None,
        # Past [limits] search_interviews the page stays out of the search index.
        "searchable": searchable,
        # Set when the transcript is withheld by [limits] full_transcripts, not by the publication level.
        "full_transcripts_limit": limited_to,
        "repairs": len(s.transcript.repairs),
        "prev": {"id": prev_id, "url": interview_url(prev_id)} if prev_id else None,
        "next": {"id": next_id, "url": interview_url(next_id)} if next_id else None,
    }
    return Page(
        f"Interview {s.id}",
        "interview",
        interview_url(s.id),
        f"interviews/{s.id}/index.html",
        f"pagedata/interviews/{s.id}.json",
        data,
    )
