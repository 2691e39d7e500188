"""Rewrite the README's configuration reference tables from the settings registry, and its data export
schema from the catalogue of data files.

Each table sits between `<!-- settings: NAME -->` and `<!-- /settings -->` (NAME is a block of
generator/config/settings.py's BLOCKS), the export schema between `<!-- exports -->` and
`<!-- /exports -->` (generator/write/catalogue.py); the text around them is written by hand. Run after
adding or changing a setting or an export; tests/test_readme.py fails while the README and the
registries differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config.settings import BLOCKS, reference_table  # noqa: E402
from generator.write.catalogue import readme_section  # noqa: E402

README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- settings: (\w+) -->\n).*?(<!-- /settings -->)", re.S)
EXPORTS = re.compile(r"(<!-- exports -->\n).*?(<!-- /exports -->)", re.S)


def rewrite(text: str) -> str:
    """The README with every settings block replaced by the registry's table."""
    found = {m[2] for m in BLOCK.finditer(text)}
    missing = sorted(set(BLOCKS) - found)
    if missing:
        raise SystemExit(f"{README}: no <!-- settings: {missing[0]} --> block; add one where its table belongs")
    if not EXPORTS.search(text):
        raise SystemExit(f"{README}: no <!-- exports --> block; add one under 'Data export schema'")
    text = BLOCK.sub(lambda m: m[1] + reference_table(m[2]) + m[3], text)
    return EXPORTS.sub(lambda m: m[1] + "\n" + readme_section() + "\n" + m[2], text)


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Rewrote the settings tables and the data export schema in {README}")
