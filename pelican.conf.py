"""Pelican settings for the report site.

`report build` reads this file and overrides PATH, OUTPUT_PATH and the study's
own values (SITENAME, REPORT); the values here make a plain
`pelican -s pelican.conf.py` over an already generated content folder work too.
"""

from pathlib import Path

_ROOT = Path(__file__).resolve().parent

# The generator writes Pelican content here; it is a build product, not an input.
PATH = str(_ROOT / "build" / "content")
OUTPUT_PATH = str(_ROOT / "output")
THEME = str(_ROOT / "theme")
THEME_STATIC_DIR = "theme"

SITENAME = "Interview report"
SITEURL = ""
# Relative links: the built folder works from any host, any sub-path, or file://.
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# A pinned locale keeps dates and sorting identical on every machine.
LOCALE = ("C.UTF-8", "C")

# Every page is generated; each carries its own url and save_as metadata.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS: list[str] = []
# Not "figures": they are still being drawn while Pelican renders, and `report build` links them in after.
STATIC_PATHS = ["data"]
# Hard links, not copies: the content and the site are both in the build's work folder, and the
# generator replaces a content file (never rewrites it in place), so a published file never changes.
STATIC_CREATE_LINKS = True
PAGE_EXCLUDES: list[str] = []
READERS = {"md": None, "markdown": None, "rst": None}

PLUGINS = ["generator.write.pelican_plugin"]

# Autoescape: participant text is untrusted and must always reach the page as text.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
FORMATTED_FIELDS: list[str] = []
TYPOGRIFY = False

# This is a report, not a blog: no article, archive, tag, category, author or feed pages.
DIRECT_TEMPLATES: list[str] = []
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
# Pelican's reader cache: a stub the generator did not rewrite is not parsed again. Keyed by the
# stub's hash, not its mtime, so a rewrite within the same clock tick is never missed.
# `report build` points CACHE_PATH into its work folder.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False
CACHE_PATH = str(_ROOT / "build" / "cache")
OUTPUT_SOURCES = False
