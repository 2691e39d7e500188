"""Write the content folder: a Publication -> the Pelican stubs, the page data, the exports and the figures.

Content is rewritten only where its bytes changed, and files left over from an earlier build are
removed before Pelican reads the folder, so what Pelican renders and copies is exactly the current
publication.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.cache import Cache
from generator.config import StudyConfig
from generator.publication import Publication
from generator.synthesise.editions import Edition
from generator.write.charts import cards, chart_csv, charts, clouds, drawings, figure_data
from generator.write.dimension_exports import dimensions_csv, dimensions_export
from generator.write.editions import edition_pages, editions_export
from generator.write.encode import json_bytes
from generator.write.exports import emerging_export, interviews_csv, interviews_export, themes_csv, themes_export
from generator.write.figure_cache import FigureCache
from generator.write.folder import ContentFolder, ContentStats
from generator.write.project import project_bytes
from generator.write.stub import content_path, stub
from generator.write.views import Page, build_pages
from generator.write.views.data import data_page

# A figure's files and how to get their bytes (from the cache, a drawing worker, or drawn here).
_FigureFiles = tuple[tuple[str, ...], Callable[[], tuple[bytes | None, ...]]]


class ContentWriting:
    """Pages and exports written, and nothing else left in the folder; figures still being drawn.
    `finish` writes the figures (under `figures/`, which Pelican does not read); leaving the `with`
    block stops any drawing still running, so a failed build leaves no worker behind."""

    def __init__(self, folder: ContentFolder, cache: FigureCache, figures: list[_FigureFiles]) -> None:
        self.folder, self.cache, self.figures = folder, cache, figures

    def __enter__(self) -> ContentWriting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cache.close()

    def finish(self) -> ContentStats:
        for names, files in self.figures:
            for name, data in zip(names, files(), strict=True):
                self.folder.put(name, data or b"")
        self.cache.close()
        self.cache.prune()
        return self.folder.stats


def put_page(folder: ContentFolder, page: Page) -> None:
    folder.put(content_path(page), stub(page).encode("utf-8"))
    # Compact: page data is a build intermediate, and only compact JSON uses the C encoder
    # (indenting 1,000 pages' data took 2.7 s of every rebuild).
    folder.put(page.data_path, json_bytes(page.data))
    folder.stats.pages += 1


def start_content(
    publication: Publication,
    config: StudyConfig,
    root: Path,
    edition: str,
    figure_cache: Path | None = None,
    history: tuple[Edition, ...] = (),
    workers: int = 1,
    project_cache: Path | None = None,
) -> ContentWriting:
    """Write the pages and exports, with the figures they show drawing in `workers` processes
    meanwhile; the caller renders the site and calls `finish` before it is published. Adding one
    interview moves every chart's n of N, and drawing them was most of such a rebuild."""
    report = publication.report
    folder = ContentFolder(root)
    put = folder.put
    cache = FigureCache(figure_cache, workers)
    shown_charts, shown_clouds = charts(report, config.agreement), clouds(report)
    drawn = drawings(shown_charts, shown_clouds, cards(report, config))
    cache.start(drawing for _, drawing in drawn)
    figure_files: list[_FigureFiles] = [
        ((f"figures/{c.name}.csv",), functools.partial(chart_csv, c)) for c in shown_charts
    ]
    figure_files += [(names, functools.partial(cache.get, drawing)) for names, drawing in drawn]
    writing = ContentWriting(folder, cache, figure_files)
    with contextlib.ExitStack() as on_error:
        on_error.push(writing)
        # Each file under data/ with its size, for the Data page, which is written after them.
        data: dict[str, int] = {}

        def export(name: str, content: bytes) -> None:
            data[name] = put(f"data/{name}", content)

        pages: Iterable[Page] = build_pages(publication, config, figure_data(shown_charts, shown_clouds), edition)
        if history:
            pages = itertools.chain(pages, edition_pages(history, config, publication.interviews))
            export("editions.json", json_bytes(editions_export(history), indent=True))
        for page in pages:
            put_page(folder, page)

        if publication.interviews:
            data["interviews.json"] = folder.put_chunks("data/interviews.json", interviews_export(report, edition))
            export("interviews.csv", interviews_csv(report).encode("utf-8"))
        export("themes.json", json_bytes(themes_export(report, edition), indent=True))
        export("emerging.json", json_bytes(emerging_export(report, edition), indent=True))
        export("themes.csv", themes_csv(report).encode("utf-8"))
        if report.dimensions:
            export("dimensions.json", json_bytes(dimensions_export(report, edition), indent=True))
            export("dimensions.csv", dimensions_csv(report).encode("utf-8"))
        projects = Cache(project_cache, ".qdpx")
        if publication.interviews:
            # Only where the site quotes participants: the project holds their words.
            export("project.qdpx", project_bytes(publication, config, projects))
        projects.prune()
        put_page(folder, data_page(publication, config, data, edition))
        for names, _ in figure_files:
            for name in names:
                folder.reserve(name)
        # Before Pelican reads the folder, not after: it renders every stub and copies every export it
        # finds, so a page or export an earlier build wrote and this one did not (an interview withdrawn,
        # a lower publication level) would otherwise be published once more.
        folder.remove_the_rest()
        on_error.pop_all()
    return writing
