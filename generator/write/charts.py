"""What the site's figures show (pure): each chart's bars and captions, each share card's words, and
the data a page needs to show a figure with its alternative text and data table. figures.py draws
them; figure_cache.py keeps what it drew."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from generator.agreement import Agreement
from generator.config import StudyConfig
from generator.models import Report, ThemeFinding
from generator.synthesise import MIN_GROUP
from generator.synthesise.report_level import overview
from generator.write.encode import csv_text
from generator.write.figure_cache import Drawing
from generator.write.figures import (
    FIGURES_VERSION,
    Bar,
    bar_chart,
    chart_size,
    cloud_weights,
    has_cloud,
    narrow_bar_chart,
    prevalence_bars,
    share_card_png,
    wordcloud_png,
)
from generator.write.format import GROUP_LABELS, STYLE_LABELS, percent, percent_label, percent_range
from generator.write.views.agreement import near_chance, unreported_values
from generator.write.views.summary import summary


@dataclass(frozen=True)
class Chart:
    name: str
    bars: list[Bar]
    xlabel: str
    caption: str
    what: str

    @property
    def key(self) -> str:
        return f"{FIGURES_VERSION}{self.name}{self.bars}{self.xlabel}"


# A share card: the report's title, the headline, the figure and the detail line.
Card = tuple[str, str, str, str]


def charts(report: Report, agreement: Agreement | None = None) -> list[Chart]:
    found = []
    if report.N:
        found.append(
            Chart(
                "prevalence",
                prevalence_bars(report),
                f"Share of interviews (N = {report.N})",
                f"Share of the {report.N} interviews in which each theme was coded, with 95% intervals (n of N).",
                "Theme",
            )
        )
    for d in report.dimensions:
        several = "; an interview can have several" if d.multiple else ""
        # A value the coder never gives, or tells little better than chance, has no share to draw: its bar
        # would read as a finding (the page says why it is missing).
        # A dimension whose coder is little better than chance has none: its page shows the human coding.
        skip = unreported_values(agreement, d)
        bars = [Bar(v.label, v.n, v.N, v.share.low, v.share.high) for v in d.values if v.slug not in skip]
        if near_chance(agreement, d.slug) or not bars:
            continue
        never = [v.label for v in d.values if v.slug in skip]
        left_out = f" Not shown: {', '.join(never)}, which the coder cannot tell reliably." if never else ""
        found.append(
            Chart(
                f"dimensions/{d.slug}",
                bars,
                f"Share of interviews (N = {d.N})",
                f"Share of the {d.N} interviews coded with each value of “{d.label}”{several}, "
                f"with 95% intervals (n of N).{left_out}",
                "Value",
            )
        )
    for f in report.themes:
        bars = [Bar(GROUP_LABELS[g.name], g.n, g.N, g.low, g.high) for g in f.by_group if not g.too_small]
        if len(bars) >= 2:
            found.append(
                Chart(
                    f"groups-{f.slug}",
                    bars,
                    f"Share of each group's interviews coded '{f.label}'",
                    f"Interviews coded “{f.label}” in each occupation group with at least {MIN_GROUP} interviews, "
                    "with 95% intervals (n of N).",
                    "Occupation group",
                )
            )
    return found + overview_charts(report)


def overview_charts(report: Report) -> list[Chart]:
    """The report-level charts: interaction styles, and who was interviewed (splits, occupation groups)."""
    if not report.N:
        return []
    ov = overview(report)
    found = [
        Chart(
            "interaction-styles",
            [Bar(STYLE_LABELS[s.name], s.n, s.N, s.low, s.high) for s in ov.styles.shares],
            f"Share of interviews (N = {report.N})",
            f"How participants describe working with AI: share of the {report.N} interviews coded with each "
            "interaction style, with 95% intervals (n of N).",
            "Interaction style",
        ),
        Chart(
            "occupation-groups",
            [Bar(GROUP_LABELS[g.name], g.n, g.N, g.low, g.high) for g in ov.groups],
            f"Share of interviews (N = {report.N})",
            f"Occupation groups of the {report.N} participants, from the occupation each stated, with 95% "
            "intervals (n of N).",
            "Occupation group",
        ),
    ]
    if len(ov.splits) > 1:
        found.append(
            Chart(
                "splits",
                # Split sizes are the study's design, not estimates: no interval whiskers.
                [Bar(s.name, s.n, s.N, percent(s.n, s.N), percent(s.n, s.N)) for s in ov.splits],
                f"Share of interviews (N = {report.N})",
                f"Interviews in each study split, of all {report.N} (n of N).",
                "Study split",
            )
        )
    return found


def clouds(report: Report) -> list[ThemeFinding]:
    """The themes whose evidence has words enough for a word cloud."""
    return [f for f in report.themes if has_cloud(f)]


def cards(report: Report, config: StudyConfig) -> list[tuple[str, Card]]:
    """Each share card's file and what it shows."""
    # The report's card carries the summary's first sentence: the figure a stranger sees first.
    sentences = summary(report, config)
    headline = sentences[0]["text"] if sentences else config.subtitle
    found = [("figures/share/report.png", (config.title, headline, "", f"{report.N} interviews"))]
    for f in report.themes:
        found.append(
            (
                f"figures/share/{f.slug}.png",
                (config.title, f.label, percent_label(f.n, f.N), f"{f.n} of {f.N} interviews"),
            )
        )
    return found


def _chart_files(bars: list[Bar], xlabel: str) -> tuple[bytes | None, ...]:
    drawn = bar_chart(bars, xlabel)
    return drawn["svg"], drawn["png"]


def _one(draw: Any, *args: Any) -> tuple[bytes | None, ...]:
    return (draw(*args),)


def drawings(
    charts: list[Chart], clouds: list[ThemeFinding], cards: list[tuple[str, Card]]
) -> list[tuple[tuple[str, ...], Drawing]]:
    """Every figure file drawn for the site, with the drawing that makes it: a chart is laid out once
    and saved as SVG and PNG, so one drawing makes both its files; its narrow SVG, for phones, is a
    layout of its own."""
    found: list[tuple[tuple[str, ...], Drawing]] = []
    for c in charts:
        files = (f"figures/{c.name}.svg", f"figures/{c.name}.png")
        found.append(
            (files, Drawing((c.key + "svg", c.key + "png"), functools.partial(_chart_files, c.bars, c.xlabel)))
        )
        found.append(
            (
                (f"figures/narrow/{c.name}.svg",),
                Drawing((c.key + "narrow-svg",), functools.partial(_one, narrow_bar_chart, c.bars, c.xlabel)),
            )
        )
    for f in clouds:
        key = f"{FIGURES_VERSION}wordcloud{f.slug}{cloud_weights(f)}"
        found.append(((f"figures/wordcloud-{f.slug}.png",), Drawing((key,), functools.partial(_one, wordcloud_png, f))))
    for name, card in cards:
        key = f"{FIGURES_VERSION}share{''.join(card)}"
        found.append(((name,), Drawing((key,), functools.partial(_one, share_card_png, *card))))
    return found


def chart_csv(c: Chart) -> tuple[bytes]:
    """The chart's data as figures/<name>.csv (a one-file figure, like a drawing's)."""
    rows = [[b.label, b.n, b.N, f"{percent(b.n, b.N):.1f}", f"{b.low:.1f}", f"{b.high:.1f}"] for b in c.bars]
    header = [c.what.lower().replace(" ", "_"), "n", "N", "percent", "ci95_low", "ci95_high"]
    return (csv_text(header, rows).encode("utf-8"),)


def figure_data(charts: list[Chart], clouds: list[ThemeFinding]) -> dict[str, dict[str, Any]]:
    """What the templates need to show each figure, by name."""
    return {c.name: _chart_data(c) for c in charts} | {f"wordcloud-{f.slug}": _cloud_data(f) for f in clouds}


def _chart_data(c: Chart) -> dict[str, Any]:
    """A chart's figure and its data table."""
    summary = "; ".join(f"{b.label} {percent_label(b.n, b.N)} ({b.n} of {b.N})" for b in c.bars)
    # The drawn sizes, so the page keeps the chart's space before it loads and nothing below jumps.
    width, height = chart_size(c.bars)
    narrow_width, narrow_height = chart_size(c.bars, narrow=True)
    return {
        "svg": f"figures/{c.name}.svg",
        "narrow": f"figures/narrow/{c.name}.svg",
        "width": width,
        "height": height,
        "narrow_width": narrow_width,
        "narrow_height": narrow_height,
        "png": f"figures/{c.name}.png",
        "csv": f"figures/{c.name}.csv",
        "alt": f"Bar chart. {c.caption} {summary}.",
        "caption": c.caption,
        "what": c.what,
        "rows": [
            {"label": b.label, "n": b.n, "N": b.N, "percent_label": percent_label(b.n, b.N),
             "interval": percent_range(b.low, b.high)}
            for b in c.bars
        ],
    }  # fmt: skip


def _cloud_data(finding: ThemeFinding) -> dict[str, Any]:
    words = [w for w, _ in finding.word_weights]
    return {
        "src": f"figures/wordcloud-{finding.slug}.png",
        "alt": f"Word cloud of the words participants used most in statements coded '{finding.label}'; "
        f"the largest are: {', '.join(words[:8])}.",
        "words": words[:30],
    }
