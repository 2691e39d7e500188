"""Write: Report -> Pelican content, figures and exports on disk; then Pelican renders the site.

This package is the only place that writes files. Content is rewritten only where its
bytes changed, and files left over from an earlier build are removed, so the content
folder always mirrors exactly the current report.
"""

from __future__ import annotations

import csv
import filecmp
import functools
import hashlib
import html
import io
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.config import StudyConfig
from generator.models import Report
from generator.synthesise import MIN_GROUP
from generator.synthesise.editions import Edition
from generator.write.editions import edition_pages, editions_export
from generator.write.exports import emerging_export, interviews_csv, interviews_export, themes_csv, themes_export
from generator.write.figures import (
    FIGURES_VERSION,
    Bar,
    bar_chart,
    cloud_weights,
    prevalence_bars,
    share_card_png,
    wordcloud_png,
)
from generator.write.pages import GROUP_LABELS, Page, build_pages, percent_label

__all__ = ["write_content", "ContentStats"]


class ContentStats:
    """What writing the content folder did, for the build summary."""

    def __init__(self) -> None:
        self.written = 0
        self.unchanged = 0
        self.removed = 0
        self.pages = 0


class FigureCache:
    """Figures are slow to draw: reuse the bytes drawn for the same input before. Entries this
    build did not use are removed at its end, so the folder does not grow with every rebuild."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[Path] = set()

    def get(self, key: str, draw: Callable[[], bytes | None]) -> bytes | None:
        if self.folder is None:
            return draw()
        path = self.folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.bin"
        self.used.add(path)
        if path.exists():
            return path.read_bytes() or None
        data = draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data or b"")
        return data

    def prune(self) -> None:
        if self.folder is not None and self.folder.exists():
            for path in self.folder.glob("*.bin"):
                if path not in self.used:
                    path.unlink()


def share_card(cache: FigureCache, report_title: str, headline: str, figure: str, detail: str) -> bytes:
    key = f"{FIGURES_VERSION}share{report_title}{headline}{figure}{detail}"
    return cache.get(key, functools.partial(share_card_png, report_title, headline, figure, detail)) or b""


def write_content(
    report: Report,
    config: StudyConfig,
    root: Path,
    edition: str,
    figure_cache: Path | None = None,
    history: tuple[Edition, ...] = (),
) -> ContentStats:
    stats = ContentStats()
    keep: set[Path] = set()
    cache = FigureCache(figure_cache)
    if not config.privacy.quotes:
        # Themes and aggregate figures only: no participant sentence reaches any page, export or index.
        report = replace(
            report,
            themes=tuple(replace(f, quotes=()) for f in report.themes),
            emerging=tuple(replace(e, quotes=()) for e in report.emerging),
        )

    def put(relative: str, data: bytes) -> None:
        path = root / relative
        keep.add(path)
        if path.exists() and path.read_bytes() == data:
            stats.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stats.written += 1

    figures: dict[str, dict[str, Any]] = {}

    def chart(name: str, bars: list[Bar], xlabel: str, caption: str, what: str) -> dict[str, Any]:
        """A chart as SVG, PNG and CSV, with what the template needs for its figure and data table."""
        key = f"{FIGURES_VERSION}{name}{bars}{xlabel}"
        drawn: dict[str, bytes] = {}

        def draw(fmt: str) -> bytes:
            if not drawn:
                drawn.update(bar_chart(bars, xlabel))
            return drawn[fmt]

        for fmt in ("svg", "png"):
            data = cache.get(key + fmt, functools.partial(draw, fmt))
            put(f"figures/{name}.{fmt}", data or b"")
        rows = [[b.label, b.n, b.N, f"{100 * b.n / b.N:.1f}", f"{b.low:.1f}", f"{b.high:.1f}"] for b in bars]
        put(
            f"figures/{name}.csv",
            _csv([what.lower().replace(" ", "_"), "n", "N", "percent", "ci95_low", "ci95_high"], rows),
        )
        summary = "; ".join(f"{b.label} {percent_label(b.n, b.N)} ({b.n} of {b.N})" for b in bars)
        return {
            "svg": f"figures/{name}.svg",
            "png": f"figures/{name}.png",
            "csv": f"figures/{name}.csv",
            "alt": f"Bar chart. {caption} {summary}.",
            "caption": caption,
            "what": what,
            "rows": [
                {"label": b.label, "n": b.n, "N": b.N, "percent_label": percent_label(b.n, b.N),
                 "interval": f"{b.low:.0f}–{b.high:.0f}%"}
                for b in bars
            ],
        }  # fmt: skip

    for finding in report.themes:
        png = cache.get(
            f"{FIGURES_VERSION}wordcloud{finding.slug}{cloud_weights(finding)}",
            functools.partial(wordcloud_png, finding),
        )
        if png is None:
            continue
        name = f"figures/wordcloud-{finding.slug}.png"
        put(name, png)
        words = [w for w, _ in finding.word_weights]
        figures[f"wordcloud-{finding.slug}"] = {
            "src": name,
            "alt": f"Word cloud of the words participants used most in statements coded '{finding.label}'; "
            f"the largest are: {', '.join(words[:8])}.",
            "words": words[:30],
        }
    if report.N:
        figures["prevalence"] = chart(
            "prevalence",
            prevalence_bars(report),
            f"Share of interviews (N = {report.N})",
            f"Share of the {report.N} interviews in which each theme was coded, with 95% intervals (n of N).",
            "Theme",
        )
    for f in report.themes:
        bars = [Bar(GROUP_LABELS[g.name], g.n, g.N, g.low, g.high) for g in f.by_group if not g.too_small]
        if len(bars) >= 2:
            figures[f"groups-{f.slug}"] = chart(
                f"groups-{f.slug}",
                bars,
                f"Share of each group's interviews coded '{f.label}'",
                f"Interviews coded “{f.label}” in each occupation group with at least {MIN_GROUP} interviews, "
                "with 95% intervals (n of N).",
                "Occupation group",
            )

    put(
        "figures/share/report.png",
        share_card(cache, config.title, config.subtitle, "", f"{report.N} interviews"),
    )
    for f in report.themes:
        card = share_card(cache, config.title, f.label, percent_label(f.n, f.N), f"{f.n} of {f.N} interviews")
        put(f"figures/share/{f.slug}.png", card)

    def put_chunks(relative: str, chunks: Iterable[str]) -> None:
        """put() for an export too large to hold as one string: written aside, kept only if it differs."""
        path = root / relative
        keep.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        with fresh.open("w", encoding="utf-8", newline="") as f:
            f.writelines(chunks)
        if path.exists() and filecmp.cmp(path, fresh, shallow=False):
            fresh.unlink()
            stats.unchanged += 1
        else:
            fresh.replace(path)
            stats.written += 1

    pages: Iterable[Page] = build_pages(report, config, figures, edition)
    if history:
        pages = itertools.chain(pages, edition_pages(history, config))
        put("data/editions.json", _json(editions_export(history), indent=1))
    for page in pages:
        put(f"pages/{page.save_as.removesuffix('index.html').strip('/') or 'home'}.html", _stub(page).encode("utf-8"))
        # Compact: page data is a build intermediate, and only compact JSON uses the C encoder
        # (indenting 1,000 pages' data took 2.7 s of every rebuild).
        put(page.data_path, _json(page.data))
        stats.pages += 1

    if config.privacy.quotes:
        put_chunks("data/interviews.json", interviews_export(report, edition))
        put("data/interviews.csv", interviews_csv(report).encode("utf-8"))
    put("data/themes.json", _json(themes_export(report, edition), indent=2))
    put("data/emerging.json", _json(emerging_export(report, edition), indent=2))
    put("data/themes.csv", themes_csv(report).encode("utf-8"))

    cache.prune()
    if root.exists():
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in keep:
                path.unlink()
                stats.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return stats


def _json(data: Any, indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    return (json.dumps(data, ensure_ascii=False, indent=indent, separators=separators) + "\n").encode("utf-8")


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _stub(page: Page) -> str:
    def meta(name: str, value: str) -> str:
        return f'<meta name="{name}" content="{html.escape(value, quote=True)}">'

    slug = page.save_as.removesuffix("/index.html").removesuffix("index.html").replace("/", "-") or "home"
    return "\n".join(
        [
            "<html><head>",
            f"<title>{html.escape(page.title)}</title>",
            meta("template", page.template),
            meta("slug", slug),
            meta("url", page.url),
            meta("save_as", page.save_as),
            meta("data", page.data_path),
            "</head><body></body></html>",
            "",
        ]
    )
