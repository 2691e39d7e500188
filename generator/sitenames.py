"""The names the built site uses for its own folders, pages and files.

A theme's slug or alias may not take one of them (checked in generator/config.py).
"""

from __future__ import annotations

# Names the site itself uses, for its folders, pages and files (generator/write/, theme/templates/).
# A theme's slug and aliases become page and file names (themes/<slug>/, figures/share/<slug>.png,
# pagedata/themes/<slug>.json): `emerging` or `report` would silently replace the emerging themes
# page or the report's share card, and the rest are refused too so that no theme ever shares a name
# with a page a reader already knows, whichever folder the theme's files sit in.
SITE_NAMES = {
    "changes": "the 'What changed' page (changes/)",
    "data": "the data exports folder (data/)",
    "dimensions": "the dimensions folder (dimensions/)",
    "editions": "the editions folder (editions/)",
    "emerging": "the emerging themes page (themes/emerging/)",
    "figures": "the figures folder (figures/)",
    "home": "the home page",
    "index": "the home page (index.html)",
    "interaction-style": "the interaction style page (interaction-style/)",
    "interaction-styles": "the interaction style chart (figures/interaction-styles.svg)",
    "interviews": "the interviews page (interviews/)",
    "methodology": "the methodology page (methodology/)",
    "narrow": "the phone-width charts folder (figures/narrow/)",
    "occupation-groups": "the occupation groups chart (figures/occupation-groups.svg)",
    "pagedata": "the page data folder (pagedata/)",
    "pagefind": "the search index folder (pagefind/)",
    "pages": "the page stubs folder (pages/)",
    "participants": "the 'Who was interviewed' page (participants/)",
    "prevalence": "the prevalence chart (figures/prevalence.svg)",
    "quotes": "the quote wall (quotes/)",
    "redirects": "the redirect data folder (pagedata/redirects/)",
    "report": "the report's share card (figures/share/report.png)",
    "search": "the search page (search/)",
    "share": "the share cards folder (figures/share/)",
    "slide": "every theme's slide page (themes/<slug>/slide/)",
    "slides": "the slide data folder (pagedata/slides/)",
    "splits": "the study splits chart (figures/splits.svg)",
    "theme": "the styles and scripts folder (theme/)",
    "themes": "the themes folder (themes/)",
}
