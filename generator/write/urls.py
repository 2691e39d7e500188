"""The site's URL scheme: where every page and every anchor lives (pure).

Every URL is site-root-relative without a leading slash; templates prefix SITEURL.
Interview pages are addressed by transcript id, themes by codebook slug, turns by number;
anchors are stable across rebuilds, never a position in a list.
"""

from __future__ import annotations

import hashlib

from generator.models import Quote, ThemeQuote

HOME_URL = ""
METHODOLOGY_URL = "methodology/"
INTERVIEWS_URL = "interviews/"
QUOTES_URL = "quotes/"
EMERGING_URL = "themes/emerging/"
SEARCH_URL = "search/"
CHANGES_URL = "changes/"
# The Data page, in the folder that holds the data files it describes.
DATA_URL = "data/"
PARTICIPANTS_URL = "participants/"
STYLE_URL = "interaction-style/"
AGREEMENT_URL = f"{METHODOLOGY_URL}#agreement"


def save_as(url: str) -> str:
    """The file a page's URL is served from."""
    return f"{url}index.html"


def interview_url(interview_id: str) -> str:
    return f"{INTERVIEWS_URL}{interview_id}/"


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def dimension_url(slug: str) -> str:
    """A codebook dimension's page; its slug uses underscores, so it never reads as a theme's."""
    return f"dimensions/{slug}/"


def slide_url(slug: str) -> str:
    return f"{theme_url(slug)}slide/"


def turn_url(interview_id: str, turn: int) -> str:
    return f"{interview_url(interview_id)}#turn-{turn}"


def quote_anchor(quote: Quote) -> str:
    """Stable across rebuilds: the turn number plus a hash of the exact words."""
    return f"quote-{quote.turn}-{_digest(quote.text)}"


def theme_quote_anchor(q: ThemeQuote) -> str:
    """Stable: the interview, the turn and a hash of the exact words, never a position in a list."""
    return f"quote-{q.interview_id}-{q.turn}-{_digest(q.text)}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
