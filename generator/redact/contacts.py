"""E-mail addresses and URLs, whatever punctuation touches them and however they are spelled out.

Reads normalised text (see normalise.py). Every pattern here starts only where a word or token
starts and looks a bounded distance ahead, so a detector's time stays linear in the text's length.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from urlextract import URLExtract

from generator.redact.spans import Span

__all__ = ["email_spans", "url_spans", "is_domain_name"]

# Characters that end a URL or a bare domain: quotes, brackets, guillemets, dashes, ellipses.
_URL_CHARS = r"[^\s<>\"'()\[\]{}«»“”‘’—–…|\\^`]"
_TRAILING = ".,;:!?&*'\"’”"
_SCHEME_URL = re.compile(r"(?i)(?<![\w.+-])(?:[a-z][a-z0-9+.-]{0,30}://|www\.)" + _URL_CHARS + "+")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_BARE_DOMAIN = re.compile(rf"(?i)(?<![\w@.%/-])((?:{_LABEL}\.){{1,6}}([a-z]{{2,24}}))(?![\w@-])(?:[/?#]{_URL_CHARS}*)?")
# `CLAUDE.md` and `script.py` are file names that happen to end in a country's domain.
_FILE_SUFFIXES = frozenset(
    "md py js ts rs go sh txt csv json yaml yml toml pdf doc docx xls xlsx ppt pptx png jpg jpeg gif svg "
    "html htm css xml zip ipynb r sql log ini cfg c h cpp java rb pl swift kt mp3 mp4 wav mov".split()
)

# The address may be followed by a hyphen used as a dash ("jane@x.com--then"), not by one inside a label.
_EMAIL = re.compile(rf"(?i)(?<![\w.+'%-])([\w.+'-]{{1,64}})@((?:{_LABEL}\.){{1,6}}[a-z]{{2,24}})(?![a-z0-9]|-[a-z0-9])")
# Written out: jane dot doe at outlook dot com, jane[at]outlook[dot]com, jane (at) outlook.com,
# jane%40outlook.com. A plain " at " also starts most English sentences' places ("at work"), so it
# counts only where the domain spells a dot out too.
_AT = r"(?:\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*|\s+(?:at|AT)\s+|%40|\s*@\s*)"
_DOT = r"(?:\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?:dot|DOT)\s+|\.)"
_WORD = r"[A-Za-z0-9_+-]{1,64}"
_SPELLED = re.compile(
    rf"(?<![\w.+%-])({_WORD}(?:{_DOT}{_WORD}){{0,4}})({_AT})({_WORD}(?:{_DOT}{_WORD}){{1,5}})(?![\w-])"
)
_DOT_SPLIT = re.compile(f"({_DOT})")
# What a spelled-out address cannot lack; most texts have none, and the full pattern is slow to scan.
_BRACKETED_AT = re.compile(r"[\[({<]\s*(?i:at)\s*[\])}>]")
# A dot before a letter, after a letter or digit: where a bare domain could be ("bill.com", not "e. g.").
# The pattern starts with its literal dot, so the engine jumps from dot to dot.
_DOTTED = re.compile(r"\.[a-z]", re.IGNORECASE)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_PLAIN_AT = re.compile(r"\s+(?:at|AT)\s+")
# Words a spelled-out address is never made of, however the sentence around it reads ("at the dot com boom").
_NOT_ADDRESS_WORDS = frozenset("a an the this that my our your their his her its it me us them some any".split())


@functools.cache
def _tlds() -> frozenset[str]:
    # urlextract ships IANA's list of top-level domains; loading it reads no network.
    return frozenset(t.lstrip(".").lower() for t in URLExtract()._load_cached_tlds())


def is_domain_name(tld: str) -> bool:
    return tld.lower() in _tlds()


def email_spans(text: str) -> Iterator[Span]:
    """E-mail addresses, written plainly or spelled out; the value is the address itself."""
    if not ("@" in text or "%40" in text or "dot" in text or "DOT" in text or _BRACKETED_AT.search(text)):
        return
    for m in _EMAIL.finditer(text) if "@" in text else ():
        local, domain = m.group(1), m.group(2)
        start = m.start() + len(local) - len(local.lstrip(".'-"))
        local = local.strip(".'-")
        if local:
            yield Span(start, m.end(), "email", f"{local}@{domain}".lower())
    pos = 0
    while (spelled := _SPELLED.search(text, pos)) is not None:
        found = _spelled_email(spelled)
        if found is None:
            pos = spelled.start() + 1  # the address may start at a later word of this match
            continue
        yield found
        pos = found.end


def _spelled_email(m: re.Match[str]) -> Span | None:
    at = m.group(2)
    local_parts = _DOT_SPLIT.split(m.group(1))
    local, local_dots = local_parts[::2], local_parts[1::2]
    domain = _DOT_SPLIT.split(m.group(3))  # labels and the separators between them
    # The longest run of labels that ends in a real top-level domain: "outlook dot com dot and" is outlook.com.
    while len(domain) > 1 and not is_domain_name(domain[-1]):
        del domain[-2:]
    labels, dots = domain[::2], domain[1::2]
    if len(labels) < 2 or any(w.lower() in _NOT_ADDRESS_WORDS for w in local + labels):
        return None
    if at == "@" and all(d == "." for d in dots + local_dots):
        return None  # written plainly: _EMAIL has it
    if _PLAIN_AT.fullmatch(at) and all(d == "." for d in dots):
        return None  # "I work at acme.com" is where, not an address
    end = m.start(3) + sum(map(len, domain))
    return Span(m.start(), end, "email", f"{'.'.join(local)}@{'.'.join(labels)}".lower())


def url_spans(text: str) -> Iterator[Span]:
    """Web addresses: with a scheme or www. anywhere, or a bare domain with a real top-level domain."""
    if "://" in text or "www." in text.lower():
        for m in _SCHEME_URL.finditer(text):
            url = m.group(0).rstrip(_TRAILING)
            yield Span(m.start(), m.start() + len(url), "url", url.lower().rstrip("/"))
    done = 0
    for hint in _DOTTED.finditer(text):
        if hint.start() <= done or not text[hint.start() - 1].isalnum():
            continue
        # Back to where the token starts, then the whole domain from there: one match per token.
        start = hint.start() - 1
        while start > done and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        bare = _BARE_DOMAIN.match(text, start)
        done = bare.end() if bare else hint.end()
        if bare is None or not is_domain_name(bare.group(2)):
            continue
        if bare.end() == bare.end(1) and bare.group(2).lower() in _FILE_SUFFIXES:
            continue
        url = bare.group(0).rstrip(_TRAILING)
        yield Span(bare.start(), bare.start() + len(url), "url", url.lower().rstrip("/"))
