"""Figures drawn at build time: a word cloud per theme and the prevalence chart.

Deterministic: word clouds use a seed derived from the theme slug, and the SVG chart
is written without a date and with a fixed hash salt, so the same report gives the
same bytes.
"""

from __future__ import annotations

import io
import textwrap
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from generator.models import Report, ThemeFinding
from generator.write.format import percent, percent_label

# matplotlib and wordcloud are imported when a figure is drawn, not when the build starts:
# most rebuilds find every figure in the cache, and the imports cost most of a second.


def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")  # no display on a build machine
    import matplotlib.pyplot as plt

    return plt


CLOUD_SIZE = (800, 400)
# Bump when a figure's drawing code changes, so cached figures are drawn again.
FIGURES_VERSION = "4"


def cloud_weights(finding: ThemeFinding) -> tuple[tuple[str, float], ...]:
    """Word sizes in 5% steps of the largest: one more interview rarely changes a step, so the
    cloud is not redrawn on every rebuild, and a difference of one interview is invisible anyway."""
    if not finding.word_weights:
        return ()
    top = max(c for _, c in finding.word_weights)
    return tuple((w, max(1, round(20 * c / top)) / 20) for w, c in finding.word_weights)


def has_cloud(finding: ThemeFinding) -> bool:
    """Whether the theme's evidence has enough words for a word cloud."""
    return len(cloud_weights(finding)) >= 3


def wordcloud_png(finding: ThemeFinding) -> bytes | None:
    """A PNG word cloud of the words in the theme's evidence, or None with too few words."""
    if not has_cloud(finding):
        return None
    weights = dict(cloud_weights(finding))
    from wordcloud import WordCloud

    cloud = WordCloud(
        width=CLOUD_SIZE[0],
        height=CLOUD_SIZE[1],
        background_color="white",
        colormap="viridis",
        random_state=zlib.crc32(finding.slug.encode()),
        prefer_horizontal=0.95,
        max_words=len(weights),
    ).generate_from_frequencies(weights)
    buf = io.BytesIO()
    # Not optimize=True: it tripled the time to save for 4% fewer bytes, and the clouds and
    # cards are redrawn whenever their numbers move.
    cloud.to_image().save(buf, format="PNG")
    return buf.getvalue()


@dataclass(frozen=True)
class Bar:
    label: str
    n: int
    N: int
    low: float
    high: float


# A chart is drawn at 100 dpi: its width and height in CSS pixels, for the page's <img> size.
CHART_DPI = 100
WIDE_WIDTH = 7.5
# The narrow chart is drawn for a phone's ~360 px content width: shown there at about the size drawn,
# so its 10 pt text reads at about 13 px, where the wide one's 9 pt shrank to about 5 px.
NARROW_WIDTH = 3.6
NARROW_FONT = 10


# Characters per line of a narrow chart's label: about the drawing's width in 10 pt DejaVu Sans.
NARROW_WRAP = 40
# A narrow chart's heights in inches: a bar with its figure, a line of its label, and the axis below.
_BAR_ROW, _LABEL_LINE, _AXIS = 0.42, 0.19, 0.75
# Of a bar's row, the part above its middle: the rest is the gap before the next label.
_ABOVE_BAR = 0.15


def narrow_labels(bars: list[Bar]) -> list[list[str]]:
    """Each bar's label wrapped at words into the lines a narrow chart shows above the bar."""
    return [textwrap.wrap(b.label, NARROW_WRAP) or [""] for b in bars]


def chart_size(bars: list[Bar], narrow: bool = False) -> tuple[int, int]:
    """The chart's drawn width and height in pixels at CHART_DPI."""
    width, height = _figsize(bars, narrow)
    return round(width * CHART_DPI), round(height * CHART_DPI)


def _figsize(bars: list[Bar], narrow: bool) -> tuple[float, float]:
    if narrow:
        # Each label has lines of its own above its bar, so the height follows the wrapped labels.
        lines = sum(len(label) for label in narrow_labels(bars))
        return NARROW_WIDTH, round(len(bars) * _BAR_ROW + lines * _LABEL_LINE + _AXIS + 0.1, 2)
    return WIDE_WIDTH, 0.42 * len(bars) + 1.0


def _save(fig) -> dict[str, bytes]:
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=200, metadata={"Software": None})
    return {"svg": svg.getvalue(), "png": png.getvalue()}


def _figure(bars: list[Bar], narrow: bool):
    plt = _pyplot()
    plt.rcParams["svg.hashsalt"] = "interview-report"
    plt.rcParams["svg.fonttype"] = "none"  # real text: selectable, searchable, small
    return plt, plt.subplots(figsize=_figsize(bars, narrow), dpi=CHART_DPI)


def _whiskers(rows: list[Bar]) -> tuple[list[float], list[list[float]]]:
    values = [percent(b.n, b.N) for b in rows]
    errors = [
        [v - b.low for v, b in zip(values, rows, strict=True)],
        [b.high - v for v, b in zip(values, rows, strict=True)],
    ]
    return values, errors


def bar_chart(bars: list[Bar], xlabel: str) -> dict[str, bytes]:
    """Horizontal bars with 95% interval whiskers, first bar on top, as {"svg": ..., "png": ...}
    (one figure laid out once, saved twice).

    Deterministic: no dates in the file, a fixed SVG hash salt, text kept as text.
    """
    rows = list(reversed(bars))
    plt, (fig, ax) = _figure(rows, narrow=False)
    values, errors = _whiskers(rows)
    ax.barh([b.label for b in rows], values, color="#2f6690", xerr=errors, ecolor="#7a8793", capsize=3)
    for i, b in enumerate(rows):
        ax.text(b.high + 1.5, i, f"{percent_label(b.n, b.N)} ({b.n} of {b.N})", va="center", fontsize=9)
    ax.set_xlim(0, 135)  # room for the "100% (n of N)" label
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel(xlabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    drawn = _save(fig)
    plt.close(fig)
    return drawn


def narrow_bar_chart(bars: list[Bar], xlabel: str) -> bytes:
    """The chart as an SVG for a phone: each label on its own line above its bar, using the full width
    that side labels would take, and the figure beside the bar, all in type that stays readable
    at about the width drawn. Deterministic as bar_chart is."""
    width, height = _figsize(bars, narrow=True)
    plt, (fig, ax) = _figure(bars, narrow=True)
    # Laid out in inches from the top, so a row's height follows its label's lines.
    values, errors = _whiskers(bars)
    ys, y = [], 0.1
    for b, lines in zip(bars, narrow_labels(bars), strict=True):
        for line in lines:
            ax.text(0, y, line, va="top", ha="left", fontsize=NARROW_FONT, color="#1b1b1b")
            y += _LABEL_LINE
        y += _ABOVE_BAR
        ys.append(y)
        ax.text(b.high + 2, y, f"{percent_label(b.n, b.N)} ({b.n} of {b.N})", va="center", fontsize=NARROW_FONT)
        y += _BAR_ROW - _ABOVE_BAR
    ax.barh(ys, values, height=0.2, color="#2f6690", xerr=errors, ecolor="#7a8793", capsize=2)
    ax.set_xlim(0, 150)  # room for "100% (n of N)" at this type size
    ax.set_ylim(y + 0.02, 0)
    ax.set_yticks([])
    ax.set_xticks([0, 50, 100])
    ax.tick_params(labelsize=NARROW_FONT)
    ax.set_xlabel(xlabel, fontsize=NARROW_FONT)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    # Fixed margins, not tight_layout: the axes must span the same inches the rows were laid out in.
    fig.subplots_adjust(left=0.03, right=0.97, top=1, bottom=(_AXIS - 0.02) / height)
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return svg.getvalue()


def prevalence_bars(report: Report) -> list[Bar]:
    return [Bar(f.label, f.n, f.N, f.share.low, f.share.high) for f in report.findings]


SHARE_SIZE = (1200, 630)


def _font(bold: bool, size: int):
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    # matplotlib ships DejaVu: the same font on every machine, so the same pixels.
    import matplotlib

    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size)


def _fit(draw, text: str, width: int, height: int) -> tuple[int, list[str]]:
    """The largest of a few type sizes at which `text`, wrapped at words, fits the box; the smallest
    otherwise."""
    for size in (56, 50, 44, 40, 36, 32):
        font = _font(True, size)
        lines: list[str] = []
        for word in text.split():
            if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        if len(lines) * round(size * 1.25) <= height:
            break
    return size, lines


def share_card_png(report_title: str, headline: str, figure: str, detail: str) -> bytes:
    """A 1200x630 card for link previews: the report's name, the finding and its figure."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SHARE_SIZE, "#fdfdfb")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, SHARE_SIZE[1]), fill="#1d5a85")
    x = 80
    draw.text((x, 60), report_title, font=_font(False, 34), fill="#555a60")
    y = 150
    if figure:
        draw.text((x, y), figure, font=_font(True, 150), fill="#1d5a85")
        y += 190
    lines = textwrap.wrap(headline, 36 if figure else 30)
    size, step = (54, 70) if figure else (64, 80)
    if not figure and len(lines) > 3:
        # A summary sentence: the largest type at which all of it fits above the detail line, never cut.
        size, lines = _fit(draw, headline, SHARE_SIZE[0] - x - 60, SHARE_SIZE[1] - 80 - y - 20)
        step = round(size * 1.25)
    for line in lines[:3] if figure else lines:
        draw.text((x, y), line, font=_font(True, size), fill="#1b1b1b")
        y += step
    draw.text((x, SHARE_SIZE[1] - 80), detail, font=_font(False, 34), fill="#555a60")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
