"""The search page: how much of the study the index holds."""

from __future__ import annotations

from generator.publication import Publication
from generator.write.urls import SEARCH_URL, save_as
from generator.write.views.page import Page


def search_page(publication: Publication) -> Page:
    data = {
        "kind": "search",
        "interviews_indexed": publication.searchable,
        "N": publication.report.N,
        "quotes": publication.interviews,
    }
    return Page("Search", "search", SEARCH_URL, save_as(SEARCH_URL), "pagedata/search.json", data)
