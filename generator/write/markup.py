"""Inline Markdown as generator/write/catalogue.py writes it (`code` and *emphasis* only) -> HTML, for the
templates' `inline` filter: the README shows the same text as Markdown."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`]+)`")
_EMPHASIS = re.compile(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])")


def inline(text: str) -> Markup:
    """The text escaped, its code spans as <code> and, outside them, its *emphasis* as <em>."""
    parts = _CODE.split(text)
    html = []
    for i, part in enumerate(parts):
        if i % 2:
            html.append(f"<code>{escape(part)}</code>")
        else:
            html.append(_EMPHASIS.sub(r"<em>\1</em>", str(escape(part))))
    return Markup("".join(html))
