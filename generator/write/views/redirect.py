"""Redirect pages: a renamed theme's old addresses keep working."""

from __future__ import annotations

from generator.write.urls import save_as
from generator.write.views.page import Page


def redirect_page(old: str, new: str, label: str) -> Page:
    """An old address (a renamed theme's slug) keeps working: its page points to the new one."""
    data = {"kind": "redirect", "target": new, "label": label}
    name = old.strip("/").replace("/", "-")
    return Page(label, "redirect", old, save_as(old), f"pagedata/redirects/{name}.json", data)
