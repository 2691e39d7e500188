"""The Data page: every file this build published under data/, with its size, what it holds field by field
(from the catalogue, the README's source too), the licence it is published under and how to cite it."""

from __future__ import annotations

from collections.abc import Mapping

from generator.config import StudyConfig
from generator.errors import BuildError
from generator.publication import Publication
from generator.write.catalogue import BY_NAME, CATALOGUE, field_name
from generator.write.format import size_label
from generator.write.urls import DATA_URL, save_as
from generator.write.views.citation import citation
from generator.write.views.page import Page


def data_page(publication: Publication, config: StudyConfig, sizes: Mapping[str, int], edition: str) -> Page:
    """`sizes`: each file written under data/ (its name there) and its size in bytes."""
    unknown = sorted(set(sizes) - set(BY_NAME))
    if unknown:
        # A new export must say what it holds before it is published.
        raise BuildError(f"data/{unknown[0]} has no entry in generator/write/catalogue.py; describe it there")
    files = [
        {
            "name": f.name,
            "anchor": "file-" + f.name.replace(".", "-"),
            "url": f"{DATA_URL}{f.name}",
            "format": f.format,
            "summary": f.summary,
            "layout": f.layout,
            "fields": [{"name": field_name(x.name), "type": x.type, "meaning": x.meaning} for x in f.fields],
            "notes": f.notes,
            "size": sizes[f.name],
            "size_label": size_label(sizes[f.name]),
        }
        for f in CATALOGUE
        if f.name in sizes
    ]
    data = {
        "kind": "data",
        "N": publication.report.N,
        # The date, as every footer names the edition; the id too, since each export's `edition` field holds it.
        "edition": edition[:10],
        "edition_id": edition,
        "files": files,
        "licence": {"name": config.data_licence, "url": config.data_licence_url} if config.data_licence else None,
        "credit": config.credit,
        "citation": citation(config, edition[:10], DATA_URL, "Data", "data"),
    }
    return Page("Data", "data", DATA_URL, save_as(DATA_URL), "pagedata/data.json", data)
