"""Rewrite the README's configuration reference tables from the settings registry.

Each table sits between `<!-- settings: NAME -->` and `<!-- /settings -->` (NAME is a block of
generator/config/settings.py's BLOCKS); the text around them is written by hand. Run after adding or
changing a setting; tests/test_readme.py fails while the README and the registry differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config.settings import BLOCKS, reference_table  # noqa: E402

README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- settings: (\w+) -->\n).*?(<!-- /settings -->)", re.S)


def rewrite(text: str) -> str:
    """The README with every settings block replaced by the registry's table."""
    found = {m[2] for m in BLOCK.finditer(text)}
    missing = sorted(set(BLOCKS) - found)
    if missing:
        raise SystemExit(f"{README}: no <!-- settings: {missing[0]} --> block; add one where its table belongs")
    return BLOCK.sub(lambda m: m[1] + reference_table(m[2]) + m[3], text)


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Rewrote the settings tables in {README}")
