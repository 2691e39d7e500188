"""The figure cache: a figure laid out once gives all its files, drawn once per build at most."""

from __future__ import annotations

from generator.write.figure_cache import Drawing, FigureCache


def test_a_chart_saved_as_svg_and_png_is_drawn_once_and_then_not_at_all(tmp_path):
    calls = []

    def draw() -> tuple[bytes | None, ...]:
        calls.append(1)
        return b"<svg/>", b"\x89PNG"

    chart = Drawing(("chart.svg", "chart.png"), draw)
    # Serial: no worker draws ahead; before, each of the two files drew the whole chart.
    assert FigureCache(tmp_path, workers=1).get(chart) == (b"<svg/>", b"\x89PNG")
    assert len(calls) == 1
    assert FigureCache(tmp_path, workers=1).get(chart) == (b"<svg/>", b"\x89PNG")
    assert len(calls) == 1


def test_an_entry_cut_short_is_drawn_again(tmp_path):
    cache = FigureCache(tmp_path)
    drawing = Drawing(("card",), lambda: (b"card bytes",))
    cache.get(drawing)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:-3])
    redrawn = Drawing(("card",), lambda: (b"card bytes",))
    assert FigureCache(tmp_path).get(redrawn) == (b"card bytes",)
    assert FigureCache(tmp_path).get(Drawing(("card",), lambda: (b"never drawn",))) == (b"card bytes",)
