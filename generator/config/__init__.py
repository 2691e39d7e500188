"""Typed study configuration: `load_config(path)` reads study.toml and the guide and codebook it names.

The modules behind it are private; this is the API the other stages use.
"""

from generator.config.codebook import MAX_SLUG, SLUG, CodebookTheme, GuideSection
from generator.config.dimensions import CodebookDimension, CodebookValue
from generator.config.settings import SETTINGS, Setting
from generator.config.splits import StudySplit
from generator.config.study import DETECTORS, PUBLISH_LEVELS, Limits, Privacy, StudyConfig, load_config
from generator.errors import ConfigError
from generator.sitenames import SITE_NAMES

__all__ = [
    "DETECTORS", "MAX_SLUG", "PUBLISH_LEVELS", "SETTINGS", "SITE_NAMES", "SLUG", "CodebookDimension", "CodebookTheme",
    "CodebookValue", "ConfigError", "GuideSection", "Limits", "Privacy", "Setting", "StudyConfig", "StudySplit",
    "load_config",
]  # fmt: skip
