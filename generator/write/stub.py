"""The Pelican stub format: an HTML file per page holding only metadata (the template, the addresses,
the page data's path); generator/write/pelican_plugin.py reads the data in when Pelican renders it."""

from __future__ import annotations

import html

from generator.write.views.page import Page


def content_path(page: Page) -> str:
    """Where the page's stub goes in the content folder."""
    return f"pages/{page.save_as.removesuffix('index.html').strip('/') or 'home'}.html"


def stub(page: Page) -> str:
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
