"""Charts on a phone (issue 18): every page with a bar chart offers a narrow drawing of it to screens
under 40rem, the drawing is published, and the chart keeps its size attributes, alt text and downloads."""

from __future__ import annotations

import re

CHART_PAGES = ("index.html", "participants/index.html", "dimensions/ai_uses/index.html",
               "dimensions/workplace_stance/index.html", "interaction-style/index.html")  # fmt: skip


def test_each_chart_page_offers_phones_a_narrow_chart_that_is_published(built_site):
    for page in CHART_PAGES:
        html = (built_site / page).read_text(encoding="utf-8")
        pictures = re.findall(r"<picture>(.*?)</picture>", html, re.S)
        assert pictures, page
        for picture in pictures:
            phone = r'<source media="\(max-width: 40rem\)" srcset="([^"]+/figures/narrow/[^"]+\.svg)"'
            narrow = re.search(phone, picture)
            assert narrow, page
            assert (built_site / page).parent.joinpath(narrow.group(1)).resolve().is_file()
            img = re.search(r'<img src="([^"]+)\.svg" alt="Bar chart\. [^"]+" width="(\d+)" height="(\d+)"', picture)
            assert img, page
            # The wide chart is the one downloaded, on a phone too.
            assert f'<a href="{img.group(1)}.svg" download>SVG</a>' in html
            assert f'<a href="{img.group(1)}.png" download>PNG</a>' in html
