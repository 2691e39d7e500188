"""Figures (write/figures.py): a chart's SVG and PNG, word clouds and share cards are drawn, the same bytes
every time, at the size a page and a link preview expect; a cloud with too few words is not drawn."""

from __future__ import annotations

import struct

from generator.models import Share, ThemeFinding
from generator.write.figures import Bar, bar_chart, cloud_weights, share_card_png, wordcloud_png

BARS = [Bar("Saves time", 5, 8, 30.57, 86.32), Bar("Job security", 1, 8, 2.24, 47.09)]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def finding(words: tuple[tuple[str, float], ...]) -> ThemeFinding:
    return ThemeFinding("saves-time", "Saves time", "", 1, 1, ("a",), (), (), words, Share("all", 1, 1, 20.65, 100.0))


def test_a_chart_is_an_svg_with_its_labels_as_text_and_a_png_the_same_every_time():
    drawn = bar_chart(BARS, "Share of interviews (N = 8)")
    svg = drawn["svg"].decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    for text in ("Saves time", "Job security", "63% (5 of 8)", "13% (1 of 8)", "Share of interviews (N = 8)"):
        assert text in svg
    assert "<dc:date>" not in svg  # no build date in the file
    # 7.5 inches wide at 200 dpi; 0.42 inches a bar plus an inch for the axis.
    assert png_size(drawn["png"]) == (1500, 368)
    assert bar_chart(BARS, "Share of interviews (N = 8)") == drawn


def test_cloud_words_are_sized_in_steps_of_a_twentieth_of_the_largest():
    weights = (("hours", 10.0), ("faster", 5.0), ("quick", 1.0), ("rare", 0.1))
    assert cloud_weights(finding(weights)) == (("hours", 1.0), ("faster", 0.5), ("quick", 0.1), ("rare", 0.05))


def test_a_word_cloud_is_drawn_from_three_words_the_same_every_time_and_not_from_two():
    three = finding((("hours", 3.0), ("faster", 2.0), ("quick", 1.0)))
    cloud = wordcloud_png(three)
    assert cloud is not None and png_size(cloud) == (800, 400)
    assert wordcloud_png(three) == cloud
    assert wordcloud_png(finding((("hours", 3.0), ("faster", 2.0)))) is None
    assert wordcloud_png(finding(())) is None


def test_a_share_card_is_a_1200_by_630_png_the_same_every_time():
    card = share_card_png("How teachers use AI", "AI saves time", "63%", "5 of 8 interviews")
    assert png_size(card) == (1200, 630)
    assert share_card_png("How teachers use AI", "AI saves time", "63%", "5 of 8 interviews") == card
    assert share_card_png("How teachers use AI", "AI saves time", "13%", "1 of 8 interviews") != card


# A phone's content width in CSS pixels (a 390 px screen less the page's margins), and the smallest
# type that reads there without zooming.
PHONE_WIDTH, LEGIBLE_PX = 358, 12


def svg_text(svg: bytes) -> tuple[float, list[tuple[float, float, str]]]:
    """The SVG's width in its own units, and each text's font size, x and words."""
    import re

    text = svg.decode("utf-8")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', text).group(1))
    pattern = r'<text style="font-size: ([\d.]+)px[^"]*" x="([\d.]+)"[^>]*>([^<]*)</text>'
    found = [(float(size), float(x), words) for size, x, words in re.findall(pattern, text)]
    return width, found


def test_a_narrow_chart_shown_at_a_phones_width_has_type_a_reader_can_read_and_the_wide_one_does_not():
    from generator.write.figures import narrow_bar_chart

    bars = [Bar(f"Trades, manufacturing and logistics {i}", i, 16, 0.0, 100.0) for i in range(16)]
    width, texts = svg_text(narrow_bar_chart(bars, "Share of interviews (N = 16)"))
    shown = [size * PHONE_WIDTH / width for size, _, _ in texts]
    assert texts and min(shown) >= LEGIBLE_PX
    # The wide chart, squeezed into the same width, is what a phone showed before: too small to read.
    wide_width, wide_texts = svg_text(bar_chart(bars, "Share of interviews (N = 16)")["svg"])
    assert max(size * PHONE_WIDTH / wide_width for size, _, _ in wide_texts) < LEGIBLE_PX


def test_a_narrow_charts_long_labels_wrap_whole_inside_the_drawing_and_it_is_the_same_every_time():
    from pathlib import Path

    import matplotlib
    from PIL import ImageFont

    from generator.write.figures import narrow_bar_chart

    label = "unclear (not described in the interview), a label longer than any the report has"
    bars = [Bar(label, 1, 8, 2.24, 47.09), *BARS]
    svg = narrow_bar_chart(bars, "Share of interviews (N = 8)")
    width, texts = svg_text(svg)
    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), 100)
    label_lines = [(size, x, words) for size, x, words in texts if words and words in label]
    # Every word of the label is drawn, over more than one line, and no line runs past the right edge.
    assert " ".join(words for _, _, words in label_lines) == label and len(label_lines) > 1
    for size, x, words in label_lines:
        assert x + font.getlength(words) * size / 100 <= width
    for text in ("Saves time", "Job security", "63% (5 of 8)", "13% (1 of 8)", "Share of interviews (N = 8)"):
        assert text in svg.decode("utf-8")
    assert narrow_bar_chart(bars, "Share of interviews (N = 8)") == svg
