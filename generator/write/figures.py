"""Figures drawn at build time: a word cloud per theme and the prevalence chart.

Deterministic: word clouds use a seed derived from the theme slug, and the SVG chart
is written without a date and with a fixed hash salt, so the same report gives the
same bytes.
"""

from __future__ import annotations

import io
import zlib

import matplotlib

matplotlib.use("Agg")  # no display on a build machine

import matplotlib.pyplot as plt  # noqa: E402
from wordcloud import WordCloud  # noqa: E402

from generator.models import Report, ThemeFinding  # noqa: E402
from generator.write.pages import percent_label  # noqa: E402

CLOUD_SIZE = (800, 400)
# Bump when a figure's drawing code changes, so cached figures are drawn again.
FIGURES_VERSION = "1"


def wordcloud_png(finding: ThemeFinding) -> bytes | None:
    """A PNG word cloud of the words in the theme's evidence, or None with too few words."""
    weights = dict(finding.word_weights)
    if len(weights) < 3:
        return None
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
    cloud.to_image().save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def prevalence_svg(report: Report) -> str:
    """A horizontal bar chart of every theme's prevalence, most prevalent on top."""
    findings = list(reversed(report.findings))
    plt.rcParams["svg.hashsalt"] = "interview-report"
    plt.rcParams["svg.fonttype"] = "none"  # real text: selectable, searchable, small
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(findings) + 1.0), dpi=100)
    values = [f.percent for f in findings]
    ax.barh([f.label for f in findings], values, color="#2f6690")
    for i, f in enumerate(findings):
        ax.text(f.percent + 1, i, f"{percent_label(f.n, f.N)} ({f.n} of {f.N})", va="center", fontsize=9)
    ax.set_xlim(0, 135)  # room for the "100% (n of N)" label
    ax.set_xlabel(f"Share of interviews (N = {report.N})")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()
