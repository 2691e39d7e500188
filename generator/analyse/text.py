"""Small text tools shared by the analysis steps: tokens, crude stems, cue patterns."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just let me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves really things thing like get got going go know think kind
    lot bit much many well way something anything even still yeah yes okay ok sure one make use used
    using ai tool tools work also us im ive dont doesnt didnt cant wont thats theres id youre""".split()
)
_TOKEN = re.compile(r"[a-z][a-z'’-]*")


def stem(word: str) -> str:
    """A deliberately crude stem: enough to match 'tasks'/'task' and 'using'/'use'."""
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> list[str]:
    words = (w.replace("’", "'").strip("'-") for w in _TOKEN.findall(text.lower()))
    return [stem(w) for w in words if w and w not in STOPWORDS and len(w) > 2]


def normalise(text: str) -> str:
    """Lower-case with straight apostrophes; same length as the input, so offsets carry over."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _cue_body(cue: str) -> str:
    """A cue as a regex without word boundaries: `*` ends a word with any suffix, `~` is a gap of up
    to four words, `~~` a gap of up to twelve words that stays within the clause (no `.`, `;` or `:`)."""
    body = ""
    for i, token in enumerate(cue.lower().split()):
        if token == "~":
            body += r"(?:\W+\w+){0,4}?"
            continue
        if token == "~~":
            body += r"(?:[^\w.;:!?]+[\w']+){0,12}?"
            continue
        if i:
            body += r"\W+"
        body += re.escape(token.rstrip("*").replace("’", "'")) + (r"[\w'-]*" if token.endswith("*") else "")
    return body


@lru_cache(maxsize=512)
def cue_pattern(cue: str) -> re.Pattern[str]:
    return cue_alternation((cue,))


def cue_alternation(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for many cues. The word boundaries sit outside the alternation, so the
    engine rejects a position inside a word once instead of once per cue."""
    if not cues:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w'])(?:" + "|".join(_cue_body(c) for c in cues) + r")(?!\w)")
