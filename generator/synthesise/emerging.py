"""Emerging themes: clusters of what participants said that no codebook theme covers.

Participant sentences that are informative and not evidence for any codebook theme (chosen
per interview by the analysis, so they are cached with it: InterviewSummary.statements) are
clustered by their words (TF-IDF, then k-means with a fixed seed), so the same input
always gives the same clusters. Each cluster is shown with how many interviews it
spans, its most distinctive words and the sentences closest to its centre, so a
researcher can decide whether to promote it into the codebook. A cluster's key is
made from its words, never from its number.
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


# Bump when the clustering changes what it finds.
EMERGING_VERSION = "3"


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
    settings = f"{k} {MAX_FITTED} {CATCH_ALL} {KEYWORDS} {EXAMPLES}"
    key = digest(EMERGING_VERSION, [settings, *said])
    remembered = memo.get("emerging", key)
    if remembered is not None:
        return tuple(_decode(e) for e in remembered)
    found = _cluster(texts, origin, said, k)
    memo.put("emerging", key, [_encode(e) for e in found])
    return found


def _encode(e: EmergingTheme) -> list[Any]:
    return [e.key, list(e.keywords), e.interviews, e.sentences, [[q.interview_id, q.text, q.turn] for q in e.quotes]]


def _decode(raw: list[Any]) -> EmergingTheme:
    key, keywords, interviews, sentences, quotes = raw
    return EmergingTheme(key, tuple(keywords), interviews, sentences, tuple(ThemeQuote(*q) for q in quotes))


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
    if len(fitted) == len(texts):
        labels, distances = model.labels_, model.transform(sample)
    else:
        labels, distances = _assign(model, vectorizer, texts)
    found = []
    for c in range(k):
        members = np.flatnonzero(labels == c)
        if len(members) == 0 or len(members) > CATCH_ALL * len(texts):
            continue
        keywords = tuple(terms[np.argsort(-model.cluster_centers_[c], kind="stable")[:KEYWORDS]])
        ids = {origin[i][0] for i in members}
        quotes: list[ThemeQuote] = []
        seen: set[str] = set()
        for i in members[np.argsort(distances[members, c], kind="stable")]:
            interview_id, sentence = origin[i]
            if interview_id in seen:
                continue
            seen.add(interview_id)
            quotes.append(ThemeQuote(interview_id, sentence.text, sentence.turn))
            if len(quotes) == EXAMPLES:
                break
        found.append(EmergingTheme("-".join(keywords[:3]), keywords, len(ids), len(members), tuple(quotes)))
    found.sort(key=lambda e: (-e.interviews, e.key))
    return tuple(found)


def _sample(said: list[str]) -> list[int]:
    """Indices of the statements k-means is fitted on: all of them, or the MAX_FITTED with the smallest
    hash of where they were said, so the sample depends on the statements, not on their order."""
    if len(said) <= MAX_FITTED:
        return list(range(len(said)))
    keys = [hashlib.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=8).digest() for where in said]
    return sorted(sorted(range(len(said)), key=keys.__getitem__)[:MAX_FITTED])


def _assign(model: KMeans, vectorizer: TfidfVectorizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each statement's nearest cluster and its distances to every centre, a batch at a time."""
    labels, distances = [], []
    for start in range(0, len(texts), _BATCH):
        matrix = vectorizer.transform(texts[start : start + _BATCH])
        d = model.transform(matrix)
        labels.append(d.argmin(axis=1))
        distances.append(d)
    return np.concatenate(labels), np.concatenate(distances)


_BATCH = 50_000
