"""Quotes as pages show them: the exact words, linked to the turn they were said in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.models import Quote, ThemeQuote
from generator.write.urls import theme_quote_anchor, turn_url


def quote(interview_id: str, q: Quote) -> dict[str, Any]:
    """A quote on its own interview's page."""
    return {"text": q.text, "turn": q.turn, "url": turn_url(interview_id, q.turn)}


def theme_quote(q: ThemeQuote, occupation: str) -> dict[str, Any]:
    """A quote on a theme's page, the quote wall or a slide, with who said it."""
    return {
        "text": q.text,
        "interview_id": q.interview_id,
        "turn": q.turn,
        "url": turn_url(q.interview_id, q.turn),
        "occupation": occupation,
        "anchor": theme_quote_anchor(q),
    }


def once_per_page() -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Pass a page's quotes through in the order the page shows them: a sentence shown again is marked
    `repeat`, and the template keeps it out of the search index, so that a search result shows the
    sentence once, not once per section of the page that quotes it."""
    seen: set[tuple[str | None, int, str]] = set()

    def shown(q: dict[str, Any]) -> dict[str, Any]:
        key = (q.get("interview_id"), q["turn"], q["text"])
        if key in seen:
            return {**q, "repeat": True}
        seen.add(key)
        return q

    return shown
