"""Write generator/synthesise/cloud_stopwords.txt from wordcloud's STOPWORDS.

The synthesise stage leaves these words out of word-cloud weights. It reads the list from the file,
so that it need not import wordcloud (and with it matplotlib), which only figure drawing uses.
Run after upgrading wordcloud; tests/test_dependencies.py fails while the two lists differ.
"""

from __future__ import annotations

from pathlib import Path

from wordcloud import STOPWORDS

OUT = Path(__file__).resolve().parent.parent / "generator" / "synthesise" / "cloud_stopwords.txt"

if __name__ == "__main__":
    header = "# wordcloud's STOPWORDS, one a line; written by tools/cloud_stopwords.py, do not edit.\n"
    OUT.write_text(header + "".join(f"{w}\n" for w in sorted(STOPWORDS)), encoding="utf-8")
    print(f"Wrote {len(STOPWORDS)} words to {OUT}")
