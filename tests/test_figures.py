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
