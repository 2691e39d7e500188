"""Emerging themes: clusters of what participants said that no codebook theme covers.

Participant sentences that are informative and not evidence for any codebook theme (chosen
per interview by the analysis, so they are cached with it: InterviewSummary.statements) are
clustered by their words (TF-IDF, then k-means with a fixed seed), so the same input
always gives the same clusters. A cluster is a candidate for a new code, never a finding: it
is named by its most representative statement, the participant's exact words (an
EmergingTheme's `name`), and shown with its most distinctive words, how many interviews it
spans and a few more typical statements, so a researcher can decide whether to promote it
into the codebook. A cluster's key is made from its words, never from its number or its
name, so its anchor survives a rebuild that names it by another statement.

Most representative means: using the most of the cluster's distinctive words, then nearest
its centre. Nearest the centre alone favoured short sentences that use one of its words
heavily ("For example, everyone else uses VS Code, while I use Sublime Text." for a cluster on
writing code). The name is the first such statement that reads as a name (`reads_as_name`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from generator.analyse.text import STOPWORDS
from generator.memo import Memo, digest
from generator.models import EmergingTheme, InterviewSummary, Quote, ThemeQuote
from generator.redact import MARKER

if TYPE_CHECKING:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

CLUSTERS = 14
# k-means is fitted on at most this many statements (a fixed, order-free sample); the rest are assigned
# to the nearest cluster, so a study of 80,000 interviews clusters in seconds, not minutes.
MAX_FITTED = 20_000
KEYWORDS = 6
EXAMPLES = 4
# Words any answer in an interview about AI at work uses; they name no topic.
_GENERIC = frozenset(
    """help helps helped helping ask asking asked need needs needed want wanted task tasks idea ideas example
    examples specific sometimes often usually find finding way ways working better good great able make making
    time times day days take takes using uses tool tools model models don doesn didn isn wasn won wouldn can
    couldn ll ve re just really actually pretty maybe probably definitely generally typically mostly thing
    things lot lots kind sort quite little bit end point try trying tried look looking feel felt sure""".split()
)
_CONTRACTION = re.compile(r"\b\w+['’]\w+\b")
# A cluster holding more than this share of all sentences is the leftover, not a topic.
CATCH_ALL = 0.4
# A cluster is a topic only where at least this share of its statements use its most distinctive
# word. k-means also makes mixtures of statements that share no word and fit no other cluster
# better; on the public corpus two such clusters held a third of their statements each, every
# topic more than half (most all).
SHARED = 0.5
# A name is a whole sentence of a heading's length: a capital first, a full stop or an exclamation
# mark last (no question, no fragment), no redaction marker, and this many words.
NAME_WORDS = (8, 20)
_SENTENCE = re.compile(r"^[\"“]?[A-Z].*[.!][\"”’)]*$", re.S)


# Bump when the clustering changes what it finds.
EMERGING_VERSION = "4"


def find_emerging(
    interviews: Sequence[InterviewSummary], clusters: int = CLUSTERS, memo: Memo | None = None
) -> tuple[EmergingTheme, ...]:
    texts: list[str] = []
    origin: list[tuple[str, Quote]] = []
    # k-means depends on input order: fix it, so any ordering of the same study agrees.
    for s in sorted(interviews, key=lambda x: x.id):
        for statement in s.statements:
            texts.append(statement.text)
            origin.append((s.id, statement))
    k = min(clusters, len(texts) // 20)
    if k < 2:
        return ()
    memo = memo or Memo(None)
    # Where each statement was said: it keys the memo and orders the fitted sample.
    said = [f"{i}\x1f{s.turn}\x1f{s.text}" for i, s in origin]
    settings = f"{k} {MAX_FITTED} {CATCH_ALL} {SHARED} {NAME_WORDS} {KEYWORDS} {EXAMPLES}"
    key = digest(EMERGING_VERSION, [settings, *said])
    remembered = memo.get("emerging", key)
    if remembered is not None:
        return tuple(_decode(e) for e in remembered)
    found = _cluster(texts, origin, said, k)
    memo.put("emerging", key, [_encode(e) for e in found])
    return found


def reads_as_name(text: str) -> bool:
    """Whether a statement can stand as a cluster's name: a whole sentence of a heading's length."""
    low, high = NAME_WORDS
    return low <= len(text.split()) <= high and bool(_SENTENCE.match(text)) and not MARKER.search(text)


def _encode(e: EmergingTheme) -> list[Any]:
    quotes = [[q.interview_id, q.text, q.turn] for q in e.quotes]
    name = [e.name.interview_id, e.name.text, e.name.turn] if e.name else None
    return [e.key, list(e.keywords), e.interviews, e.sentences, quotes, name]


def _decode(raw: list[Any]) -> EmergingTheme:
    key, keywords, interviews, sentences, quotes, name = raw
    return EmergingTheme(
        key, tuple(keywords), interviews, sentences, tuple(ThemeQuote(*q) for q in quotes),
        ThemeQuote(*name) if name else None,
    )  # fmt: skip


def _cluster(texts: list[str], origin: list[tuple[str, Quote]], said: list[str], k: int) -> tuple[EmergingTheme, ...]:
    # Imported here: a rebuild that finds the clusters remembered never needs scikit-learn (a second to import).
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    large = len(texts) >= 2000
    vectorizer = TfidfVectorizer(
        stop_words=sorted(STOPWORDS | ENGLISH_STOP_WORDS | _GENERIC),
        # Small studies need looser limits, or no word survives both.
        min_df=5 if large else 2,
        max_df=0.05 if large else 0.25,
        ngram_range=(1, 2),
        sublinear_tf=True,
        # Contractions ("I'll", "isn't") are dropped whole; they name no topic.
        # Redaction markers ("[NAME-1]") are not words anyone said.
        preprocessor=lambda text: _CONTRACTION.sub(" ", MARKER.sub(" ", text).lower()),
        token_pattern=r"(?u)\b[a-z]{3,}\b",
    )
    fitted = _sample(said)
    try:
        sample = vectorizer.fit_transform([texts[i] for i in fitted])
    except ValueError:  # no word is frequent enough to cluster on
        return ()
    model = KMeans(n_clusters=k, random_state=0, n_init=4).fit(sample)
    terms = np.array(vectorizer.get_feature_names_out())
    # Each cluster's most distinctive words, most distinctive first (a row per cluster).
    top = np.argsort(-model.cluster_centers_, axis=1, kind="stable")[:, :KEYWORDS]
    if len(fitted) == len(texts):
        labels, distances = model.labels_, model.transform(sample)
        used = _words_used(sample, labels, top)
    else:
        labels, distances, used = _assign(model, vectorizer, texts, top)
    found = []
    for c in range(k):
        members = np.flatnonzero(labels == c)
        if len(members) == 0 or len(members) > CATCH_ALL * len(texts) or used[members, 0].mean() < SHARED:
            continue
        keywords = tuple(terms[top[c]])
        ids = {origin[i][0] for i in members}
        # Most representative first; lexsort is stable, so ties keep the input's fixed order.
        typical = members[np.lexsort((distances[members, c], -used[members].sum(axis=1)))]
        named = next((i for i in typical if reads_as_name(texts[i])), typical[0])
        name = ThemeQuote(origin[named][0], origin[named][1].text, origin[named][1].turn)
        quotes: list[ThemeQuote] = []
        # More voices than the name's: one statement an interview, none from the name's.
        seen = {name.interview_id}
        for i in typical:
            interview_id, sentence = origin[i]
            if interview_id in seen:
                continue
            seen.add(interview_id)
            quotes.append(ThemeQuote(interview_id, sentence.text, sentence.turn))
            if len(quotes) == EXAMPLES:
                break
        found.append(EmergingTheme("-".join(keywords[:3]), keywords, len(ids), len(members), tuple(quotes), name))
    found.sort(key=lambda e: (-e.interviews, e.key))
    return tuple(found)


def _sample(said: list[str]) -> list[int]:
    """Indices of the statements k-means is fitted on: all of them, or the MAX_FITTED with the smallest
    hash of where they were said, so the sample depends on the statements, not on their order."""
    if len(said) <= MAX_FITTED:
        return list(range(len(said)))
    keys = [hashlib.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=8).digest() for where in said]
    return sorted(sorted(range(len(said)), key=keys.__getitem__)[:MAX_FITTED])


def _assign(
    model: KMeans, vectorizer: TfidfVectorizer, texts: list[str], top: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each statement's nearest cluster, its distances to every centre and which of that cluster's
    words it uses, a batch at a time."""
    labels, distances, used = [], [], []
    for start in range(0, len(texts), _BATCH):
        matrix = vectorizer.transform(texts[start : start + _BATCH])
        d = model.transform(matrix)
        labels.append(d.argmin(axis=1))
        distances.append(d)
        used.append(_words_used(matrix, labels[-1], top))
    return np.concatenate(labels), np.concatenate(distances), np.concatenate(used)


def _words_used(matrix: Any, labels: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Which of its own cluster's words each statement uses: a row per statement, a column per word."""
    used = np.zeros((matrix.shape[0], top.shape[1]), dtype=bool)
    for c, words in enumerate(top):
        rows = np.flatnonzero(labels == c)
        if len(rows):
            used[rows] = matrix[rows][:, words].toarray() > 0
    return used


_BATCH = 50_000
