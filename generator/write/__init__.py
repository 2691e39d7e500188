"""Write: Report -> Pelican content, figures and exports on disk; then Pelican renders the site.

This package is the only place that writes files. Content is rewritten only where its
bytes changed, and files left over from an earlier build are removed before Pelican reads
the folder, so what Pelican renders and copies is exactly the current report.
"""

from __future__ import annotations

import contextlib
import csv
import filecmp
import functools
import hashlib
import html
import io
import itertools
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from generator.config import StudyConfig
from generator.memo import store
from generator.models import Report, ThemeFinding
from generator.synthesise import MIN_GROUP
from generator.synthesise.editions import Edition
from generator.write.editions import edition_pages, editions_export
from generator.write.exports import (
    emerging_export,
    interviews_csv,
    interviews_export,
    spreadsheet_safe,
    themes_csv,
    themes_export,
)
from generator.write.figures import (
    FIGURES_VERSION,
    Bar,
    bar_chart,
    cloud_weights,
    has_cloud,
    prevalence_bars,
    share_card_png,
    wordcloud_png,
)
from generator.write.pages import GROUP_LABELS, Page, build_pages, percent_label

__all__ = ["ContentStats", "ContentWriting", "start_content"]


class ContentStats:
    """What writing the content folder did, for the build summary."""

    def __init__(self) -> None:
        self.written = 0
        self.unchanged = 0
        self.removed = 0
        self.pages = 0


@dataclass(frozen=True)
class Drawing:
    """One figure's files: their cache keys, and a picklable call that draws them all, in order."""

    keys: tuple[str, ...]
    draw: Callable[[], tuple[bytes | None, ...]]


# The first word of a figure cache entry: a figure follows, or the drawing made none (too few words).
_FIGURE, _NO_FIGURE = b"figure", b"none"


class FigureCache:
    """Figures are slow to draw: reuse the bytes drawn for the same input before. Entries this
    build did not use are removed at its end, so the folder does not grow with every rebuild.

    What the cache lacks is drawn in worker processes (`start`) while this process writes the
    pages: adding one interview changes every chart's n of N, and drawing a dozen charts one
    after another was most of such a rebuild.
    """

    def __init__(self, folder: Path | None, workers: int = 1) -> None:
        self.folder = folder
        self.workers = workers
        self.used: set[Path] = set()
        self.pending: dict[str, tuple[Future[tuple[bytes | None, ...]], int]] = {}
        self.pool: ProcessPoolExecutor | None = None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.bin"

    def _read(self, path: Path) -> tuple[bytes | None] | None:
        """The entry's figure (None: the theme has no cloud), or None for an entry absent or not whole.

        An entry is a header holding its payload's digest, then the payload: a bare file could not
        tell a figure cut short by a full disk from one drawn that way, and a 0-byte entry was once
        published as a share card.
        """
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head, _, payload = raw.partition(b"\n")
        kind, _, sha = head.partition(b" ")
        if kind not in (_FIGURE, _NO_FIGURE) or sha != hashlib.sha256(payload).hexdigest().encode():
            return None
        return (payload if kind == _FIGURE else None,)

    def start(self, drawings: Iterable[Drawing]) -> None:
        if self.folder is None or self.workers < 2:
            return
        missing = [d for d in drawings if not all(self._read(self._path(k)) for k in d.keys)]
        if len(missing) < 2:
            return
        from generator.execute import pool_context

        self.pool = ProcessPoolExecutor(min(self.workers, len(missing)), mp_context=pool_context())
        for drawing in missing:
            future = self.pool.submit(drawing.draw)
            for i, key in enumerate(drawing.keys):
                self.pending[key] = (future, i)

    def get(self, key: str, draw: Callable[[], bytes | None]) -> bytes | None:
        if self.folder is None:
            return draw()
        path = self._path(key)
        self.used.add(path)
        if (entry := self._read(path)) is not None:
            return entry[0]
        # Absent or not whole: drawn again, and the entry replaced.
        if key in self.pending:
            future, i = self.pending.pop(key)
            data = future.result()[i]
        else:
            data = draw()
        payload = data or b""
        kind = _FIGURE if data is not None else _NO_FIGURE
        store(path, kind + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        return data

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def prune(self) -> None:
        if self.folder is not None and self.folder.exists():
            for path in self.folder.iterdir():
                if path.suffix in (".bin", ".tmp") and path not in self.used:
                    path.unlink()


def _chart_files(bars: list[Bar], xlabel: str) -> tuple[bytes | None, ...]:
    drawn = bar_chart(bars, xlabel)
    return drawn["svg"], drawn["png"]


def _chart_file(bars: list[Bar], xlabel: str, i: int) -> bytes | None:
    return _chart_files(bars, xlabel)[i]


def _one(draw: Callable[..., bytes | None], *args: Any) -> tuple[bytes | None, ...]:
    return (draw(*args),)


@dataclass(frozen=True)
class _Chart:
    name: str
    bars: list[Bar]
    xlabel: str
    caption: str
    what: str

    @property
    def key(self) -> str:
        return f"{FIGURES_VERSION}{self.name}{self.bars}{self.xlabel}"


def _charts(report: Report) -> list[_Chart]:
    charts = []
    if report.N:
        charts.append(
            _Chart(
                "prevalence",
                prevalence_bars(report),
                f"Share of interviews (N = {report.N})",
                f"Share of the {report.N} interviews in which each theme was coded, with 95% intervals (n of N).",
                "Theme",
            )
        )
    for f in report.themes:
        bars = [Bar(GROUP_LABELS[g.name], g.n, g.N, g.low, g.high) for g in f.by_group if not g.too_small]
        if len(bars) >= 2:
            charts.append(
                _Chart(
                    f"groups-{f.slug}",
                    bars,
                    f"Share of each group's interviews coded '{f.label}'",
                    f"Interviews coded “{f.label}” in each occupation group with at least {MIN_GROUP} interviews, "
                    "with 95% intervals (n of N).",
                    "Occupation group",
                )
            )
    return charts


def _cloud_key(finding: ThemeFinding) -> str:
    return f"{FIGURES_VERSION}wordcloud{finding.slug}{cloud_weights(finding)}"


def _cards(report: Report, config: StudyConfig) -> list[tuple[str, tuple[str, str, str, str]]]:
    """Each share card's file and what it shows."""
    cards = [("figures/share/report.png", (config.title, config.subtitle, "", f"{report.N} interviews"))]
    for f in report.themes:
        cards.append(
            (
                f"figures/share/{f.slug}.png",
                (config.title, f.label, percent_label(f.n, f.N), f"{f.n} of {f.N} interviews"),
            )
        )
    return cards


def _card_key(card: tuple[str, str, str, str]) -> str:
    return f"{FIGURES_VERSION}share{''.join(card)}"


class _Folder:
    """The content folder: files are written only where their bytes changed, and replaced, never
    rewritten in place (the published site may hold a hard link to the old file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.keep: set[Path] = set()
        self.stats = ContentStats()

    def reserve(self, relative: str) -> None:
        """Keep a file this build will write later (a figure still being drawn)."""
        self.keep.add(self.root / relative)

    def put(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        self.keep.add(path)
        if path.exists() and path.read_bytes() == data:
            self.stats.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        fresh.write_bytes(data)
        fresh.replace(path)
        self.stats.written += 1

    def put_chunks(self, relative: str, chunks: Iterable[str]) -> None:
        """put() for an export too large to hold as one string: written aside, kept only if it differs."""
        path = self.root / relative
        self.keep.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        with fresh.open("w", encoding="utf-8", newline="") as f:
            f.writelines(chunks)
        if path.exists() and filecmp.cmp(path, fresh, shallow=False):
            fresh.unlink()
            self.stats.unchanged += 1
        else:
            fresh.replace(path)
            self.stats.written += 1

    def remove_the_rest(self) -> None:
        """Remove what an earlier build wrote and this one did not, so the folder mirrors this report."""
        if self.root.exists():
            for path in sorted(self.root.rglob("*"), reverse=True):
                if path.is_file() and path not in self.keep:
                    path.unlink()
                    self.stats.removed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()


def _figure_files(
    cache: FigureCache,
    charts: list[_Chart],
    clouds: list[ThemeFinding],
    cards: list[tuple[str, tuple[str, str, str, str]]],
) -> list[tuple[str, Callable[[], bytes]]]:
    """Each figure file, and how to get its bytes: from the cache, a drawing worker, or drawn here."""

    def cached(key: str, draw: Callable[[], bytes | None]) -> Callable[[], bytes]:
        return lambda: cache.get(key, draw) or b""

    files: list[tuple[str, Callable[[], bytes]]] = []
    for c in charts:
        for i, fmt in enumerate(("svg", "png")):
            draw = functools.partial(_chart_file, c.bars, c.xlabel, i)
            files.append((f"figures/{c.name}.{fmt}", cached(c.key + fmt, draw)))
        files.append((f"figures/{c.name}.csv", functools.partial(_chart_csv, c)))
    for f in clouds:
        files.append((f"figures/wordcloud-{f.slug}.png", cached(_cloud_key(f), functools.partial(wordcloud_png, f))))
    for name, card in cards:
        files.append((name, cached(_card_key(card), functools.partial(share_card_png, *card))))
    return files


class ContentWriting:
    """Pages and exports written, and nothing else left in the folder; figures still being drawn.
    `finish` writes the figures (under `figures/`, which Pelican does not read); leaving the `with`
    block stops any drawing still running, so a failed build leaves no worker behind."""

    def __init__(self, folder: _Folder, cache: FigureCache, figures: list[tuple[str, Callable[[], bytes]]]) -> None:
        self.folder, self.cache, self.figures = folder, cache, figures

    def __enter__(self) -> ContentWriting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cache.close()

    def finish(self) -> ContentStats:
        for name, data in self.figures:
            self.folder.put(name, data())
        self.cache.close()
        self.cache.prune()
        return self.folder.stats


def start_content(
    report: Report,
    config: StudyConfig,
    root: Path,
    edition: str,
    figure_cache: Path | None = None,
    history: tuple[Edition, ...] = (),
    workers: int = 1,
) -> ContentWriting:
    """Write the pages and exports, with the figures they show drawing in `workers` processes
    meanwhile; the caller renders the site and calls `finish` before it is published. Adding one
    interview moves every chart's n of N, and drawing them was most of such a rebuild."""
    folder = _Folder(root)
    put = folder.put
    cache = FigureCache(figure_cache, workers)
    if not config.privacy.quotes:
        # Themes and aggregate figures only: no participant sentence reaches any page, export or index.
        report = replace(
            report,
            themes=tuple(replace(f, quotes=()) for f in report.themes),
            emerging=tuple(replace(e, quotes=()) for e in report.emerging),
        )
    charts = _charts(report)
    clouds = [f for f in report.themes if has_cloud(f)]
    cards = _cards(report, config)
    cache.start(
        [Drawing((c.key + "svg", c.key + "png"), functools.partial(_chart_files, c.bars, c.xlabel)) for c in charts]
        + [Drawing((_cloud_key(f),), functools.partial(_one, wordcloud_png, f)) for f in clouds]
        + [Drawing((_card_key(card),), functools.partial(_one, share_card_png, *card)) for _, card in cards]
    )
    figure_files = _figure_files(cache, charts, clouds, cards)
    writing = ContentWriting(folder, cache, figure_files)
    with contextlib.ExitStack() as on_error:
        on_error.push(writing)
        figures = {c.name: _chart_data(c) for c in charts} | {f"wordcloud-{f.slug}": _cloud_data(f) for f in clouds}
        pages: Iterable[Page] = build_pages(report, config, figures, edition)
        if history:
            pages = itertools.chain(pages, edition_pages(history, config))
            put("data/editions.json", _json(editions_export(history), indent=True))
        for page in pages:
            save_as = page.save_as.removesuffix("index.html").strip("/") or "home"
            put(f"pages/{save_as}.html", _stub(page).encode("utf-8"))
            # Compact: page data is a build intermediate, and only compact JSON uses the C encoder
            # (indenting 1,000 pages' data took 2.7 s of every rebuild).
            put(page.data_path, _json(page.data))
            folder.stats.pages += 1

        if config.privacy.quotes:
            folder.put_chunks("data/interviews.json", interviews_export(report, edition))
            put("data/interviews.csv", interviews_csv(report).encode("utf-8"))
        put("data/themes.json", _json(themes_export(report, edition), indent=True))
        put("data/emerging.json", _json(emerging_export(report, edition), indent=True))
        put("data/themes.csv", themes_csv(report).encode("utf-8"))
        for name, _ in figure_files:
            folder.reserve(name)
        # Before Pelican reads the folder, not after: it renders every stub and copies every export it
        # finds, so a page or export an earlier build wrote and this one did not (an interview withdrawn,
        # a lower publication level) would otherwise be published once more.
        folder.remove_the_rest()
        on_error.pop_all()
    return writing


def _chart_csv(c: _Chart) -> bytes:
    rows = [[b.label, b.n, b.N, f"{100 * b.n / b.N:.1f}", f"{b.low:.1f}", f"{b.high:.1f}"] for b in c.bars]
    return _csv([c.what.lower().replace(" ", "_"), "n", "N", "percent", "ci95_low", "ci95_high"], rows)


def _chart_data(c: _Chart) -> dict[str, Any]:
    """What the template needs for a chart's figure and its data table."""
    summary = "; ".join(f"{b.label} {percent_label(b.n, b.N)} ({b.n} of {b.N})" for b in c.bars)
    return {
        "svg": f"figures/{c.name}.svg",
        "png": f"figures/{c.name}.png",
        "csv": f"figures/{c.name}.csv",
        "alt": f"Bar chart. {c.caption} {summary}.",
        "caption": c.caption,
        "what": c.what,
        "rows": [
            {"label": b.label, "n": b.n, "N": b.N, "percent_label": percent_label(b.n, b.N),
             "interval": f"{b.low:.0f}–{b.high:.0f}%"}
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


def _json(data: Any, indent: bool = False) -> bytes:
    """UTF-8 JSON, compact, or indented by two spaces for the exports people read. orjson writes the text
    json.dumps(ensure_ascii=False) writes with the same separators, in a tenth of the time when indented
    (json's indenting encoder is pure Python)."""
    return orjson.dumps(data, option=(orjson.OPT_INDENT_2 if indent else 0) | orjson.OPT_APPEND_NEWLINE)


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    # Chart rows carry theme labels, which may start with a formula character.
    writer.writerows([spreadsheet_safe(c) if isinstance(c, str) else c for c in row] for row in rows)
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
