"""Write: a Publication -> Pelican content, figures and exports on disk; then Pelican renders the site.

This package is the only place that writes files. Where things are:
  urls.py          the URL scheme: every page's and anchor's address
  format.py        how numbers and labels read (the one percent rule)
  views/           one module per page kind: the data its template displays (its prose is in
                   theme/templates/<kind>.html)
  charts.py        what each figure shows; figures.py draws it; figure_cache.py keeps it
  exports.py       data/*.json and *.csv; editions.py the "What changed" pages and history
  catalogue.py     what every file under data/ holds, for the Data page and the README
  project.py       data/project.qdpx (the REFI-QDA project), cached
  markup.py        the catalogue's inline Markdown as HTML (the templates' `inline` filter)
  content.py       writes the content folder (folder.py) as Pelican stubs (stub.py) and page data
  render.py        runs Pelican; pelican_plugin.py feeds it the page data; search.py indexes the site
"""

from generator.write.content import ContentWriting, start_content
from generator.write.folder import ContentStats

__all__ = ["ContentStats", "ContentWriting", "start_content"]
