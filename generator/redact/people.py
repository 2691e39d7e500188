"""People's names nobody listed: a title and a capitalised name, or a first name and a surname.

Name data comes from Faker's person providers (first and last names for some eighty countries,
shipped in the package and read without a network). Faker's bare `en` list, the whole of the US
Social Security name file, is left out: it counts "North", "Summer" and "General" as first names.

Two rules, both tuned for precision on interview speech (see eval/README.md, "Redaction: person names"):

- a title (Dr, Mr, Mrs, Ms, Mx, Prof, Professor, Sir, Dame) and one to three capitalised words:
  "Dr. Margaret Ellison", "Dr Snow";
- a first name from the data followed by a surname from the data: "Priya Raman".

Neither fires on an AI product or company whose name is also a first name ("Claude", "Jasper"), on a
pair after a determiner ("my Mary Kay business", "the Harry Potter books"), or where the second word
names a place or an institution ("Jackson County"). A first name on its own is not redacted, and
neither is a surname the data lacks ("Tom Hanks"). Public figures are names like any other: telling
them apart needs knowledge this tool does not ship, and redacting them is the safe side.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.redact.normalise import fold
from generator.redact.spans import Span

__all__ = ["PersonNames", "NameData", "name_data"]

# A capitalised word, "O'Brien" and "McDonald" included. Each pattern starts with its capital letter,
# not a look-behind, so the regular expression engine skips ahead to capitals: the scan stays fast.
_NAME_WORD = r"[A-Z](?:'[A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_TITLED = re.compile(
    rf"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?|Professor|Sir|Dame)[ \t]+({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})(?![\w-])"
)
_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})+(?![\w-])")
_WORD = re.compile(_NAME_WORD)
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'-]+")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[ \t]*$")
# Products and companies named like people, in how people talk about AI at work.
_NOT_PEOPLE = frozenset(
    "claude gemini chatgpt gpt copilot bard grok siri alexa cortana jasper julius perplexity llama mistral devin "
    "otter midjourney google microsoft apple amazon meta openai anthropic adobe canva notion grammarly".split()
)
# Second words that make the pair a place or an institution, though each is also someone's surname.
_NOT_SURNAMES = frozenset(
    "street road avenue lane city county island beach bay valley falls springs college university school academy "
    "center centre hospital clinic institute foundation law arts studio studios north south east west".split()
)
# Words before a pair that make it a thing rather than a person, and function words that are also
# first names somewhere ("May", "Will", "My").
_DETERMINERS = frozenset("a an the my your our their his her its this that these those some any every each no".split())
_FUNCTION_WORDS = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those a an the and but "
    "or nor so yet if then than as at by for from in into of off on onto out over to up upon with within without "
    "is am are was were be been being do does did have has had can could may might must shall should will would "
    "not no yes all any both each few more most other some such only own same too very just also how what when "
    "where which who whom why".split()
)


@dataclass(frozen=True)
class NameData:
    first: frozenset[str]
    last: frozenset[str]


@functools.cache
def name_data() -> NameData:
    """First names and surnames, folded as the detectors read text, in Latin script only."""
    import faker.providers.person as providers  # about 0.3 s: only builds that detect names pay it

    first: set[str] = set()
    last: set[str] = set()
    for module in sorted(m.name for m in pkgutil.iter_modules(providers.__path__)):
        provider = importlib.import_module(f"{providers.__name__}.{module}").Provider
        for attribute in sorted(dir(provider)):
            values = getattr(provider, attribute)
            if not isinstance(values, (tuple, list, dict)):
                continue
            if attribute.startswith("first_names") and module != "en":
                first.update(values)
            elif attribute.startswith("last_names"):
                last.update(values)
    return NameData(frozenset(_latin(first)), frozenset(_latin(last)))


def _latin(names: Iterable[str]) -> Iterator[str]:
    """The names written in Latin script, folded ("José" is read as "Jose")."""
    for name in names:
        if name.isascii():
            if _LATIN_NAME.fullmatch(name):
                yield name
        # Past U+024F no letter folds to ASCII: Cyrillic, Greek and CJK names are skipped unread.
        elif max(name) < "\u0250" and _LATIN_NAME.fullmatch(folded := fold(name)):
            yield folded


class PersonNames:
    """The two rules above over one normalised text."""

    def __init__(self, data: Callable[[], NameData] = name_data) -> None:
        # Loaded at the first pair of capitalised words, not before: a rebuild whose transcripts are all
        # in the redaction cache never reads the name data.
        self._data = data

    @property
    def data(self) -> NameData:
        return self._data()

    def spans(self, text: str) -> Iterator[Span]:
        for m in _TITLED.finditer(text):
            if _inside_word(text, m.start()):
                continue
            words = m.group(1).split()
            if words[0].lower() not in _NOT_PEOPLE and words[0].lower() not in _FUNCTION_WORDS:
                yield Span(m.start(1), m.end(1), "name", " ".join(words).lower())
        for run in _RUN.finditer(text):
            if not _inside_word(text, run.start()):
                yield from self._pairs(text, run)

    def _pairs(self, text: str, run: re.Match[str]) -> Iterator[Span]:
        words = list(_WORD.finditer(run.group(0)))
        k = 0
        while k < len(words) - 1:
            first, last = words[k].group(0), words[k + 1].group(0)
            before = words[k - 1].group(0) if k else _previous_word(text, run.start())
            if self._is_name(first, last) and before.lower() not in _DETERMINERS:
                end = k + 1
                # "Mary Kay Ash": a further surname belongs to the same name.
                if end + 1 < len(words) and words[end + 1].group(0) in self.data.last:
                    end += 1
                value = " ".join(w.group(0) for w in words[k : end + 1])
                yield Span(run.start() + words[k].start(), run.start() + words[end].end(), "name", value.lower())
                k = end + 1
            else:
                k += 1

    def _is_name(self, first: str, last: str) -> bool:
        data = self.data
        return (
            first in data.first
            and last in data.last
            and first.lower() not in _NOT_PEOPLE
            and first.lower() not in _FUNCTION_WORDS
            and last.lower() not in _NOT_SURNAMES
            and last.lower() not in _NOT_PEOPLE
            and last.lower() not in _FUNCTION_WORDS
        )


def _inside_word(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'-")


def _previous_word(text: str, start: int) -> str:
    m = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""
