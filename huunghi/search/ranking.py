"""Ranking: candidates from the search backend (folded query against folded copies), then one
scoring in Python, identical on SQLite and PostgreSQL."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from huunghi.core.text import fold

from .highlight import highlight, snippet
from .query import parse_query

# How much a word found in each field counts; models name their fields in `search_texts()`.
FIELD_WEIGHTS = {"title": 6.0, "lead": 3.0, "body": 1.0}
DEFAULT_WEIGHT = 1.0
PHRASE_BONUS = 4.0  # × field weight, when the query's words stand together in that order
EXACT_BONUS = 0.5  # × field weight, per word found with the diacritics the reader typed
CANDIDATES = 200  # the backend's best candidates that are ranked again
_WORD = re.compile(r"\w+")


@dataclass
class Hit:
    object: object
    score: float
    title_html: str = ""
    snippet_html: str = ""
    fields: dict = field(default_factory=dict)


def _analyse(texts):
    """Per field: folded words counted, the folded text with single spaces, lower-case originals."""
    analysed = {}
    for name, text in texts.items():
        text = text or ""
        folded_words = _WORD.findall(fold(text))
        analysed[name] = (
            Counter(folded_words),
            " " + " ".join(folded_words) + " ",
            set(_WORD.findall(text.lower())),
        )
    return analysed


def _score(query, analysed, idf):
    score = 0.0
    matched = set()
    for name, (counts, joined, originals) in analysed.items():
        weight = FIELD_WEIGHTS.get(name, DEFAULT_WEIGHT)
        for term in query.terms:
            count = counts.get(term, 0)
            if count:
                matched.add(term)
                score += weight * idf.get(term, 1.0) * (1.0 + math.log(count))
        if len(query.terms) > 1 and f" {query.folded} " in joined:
            score += weight * PHRASE_BONUS * len(query.terms)
        for word in query.exact_terms:
            if word != fold(word) and word in originals:
                score += weight * EXACT_BONUS
    coverage = len(matched) / len(query.terms)
    return score * coverage * coverage


def search(queryset, text, *, limit=20, candidates=CANDIDATES):
    """Objects of `queryset` matching the reader's `text`, best first, as `Hit`s with highlighted
    title and snippet. Objects provide `search_texts()` → {"title": …, "lead": …, "body": …}."""
    query = parse_query(text)
    if not query:
        return []
    found = list(queryset.search(query.folded, operator="or")[:candidates])
    analysed = {obj.pk: _analyse(obj.search_texts()) for obj in found}
    total = len(found) or 1
    document_frequency = Counter()
    for fields in analysed.values():
        present = set()
        for counts, _joined, _originals in fields.values():
            present.update(t for t in query.terms if counts.get(t))
        document_frequency.update(present)
    idf = {t: math.log(1.0 + total / (1 + document_frequency[t])) + 0.1 for t in query.terms}
    hits = []
    for obj in found:
        score = _score(query, analysed[obj.pk], idf)
        if score > 0:
            hits.append(Hit(object=obj, score=score))
    hits.sort(key=lambda h: (-h.score, -_timestamp(h.object), h.object.pk))
    hits = hits[:limit]
    for hit in hits:
        texts = hit.object.search_texts()
        hit.title_html = highlight(texts.get("title", ""), query)
        body = texts.get("lead") or ""
        body_text = texts.get("body") or ""
        if not any(fold(body).count(t) for t in query.terms) and body_text:
            body = body_text
        hit.snippet_html = snippet(body, query)
    return hits


def _timestamp(obj):
    value = getattr(obj, "date", None)
    return value.timestamp() if value is not None else 0


def search_autocomplete(queryset, text, *, limit=8):
    """Titles that start with what the reader is typing, diacritics or not."""
    query = parse_query(text)
    if not query:
        return []
    return list(queryset.autocomplete(query.folded)[:limit])
