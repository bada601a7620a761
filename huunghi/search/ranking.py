"""Ranking: candidates and their analysis (per field: each word's count, the phrase, the words
found as typed), then one scoring in Python, identical on SQLite and PostgreSQL."""

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections

from huunghi.core.text import fold

from .folding import fold_for_matching
from .highlight import highlight, snippet
from .query import parse_query

# How much a word found in each field counts; models name their fields in `search_texts()`.
FIELD_WEIGHTS = {"title": 6.0, "lead": 3.0, "body": 1.0}
DEFAULT_WEIGHT = 1.0
PHRASE_BONUS = 4.0  # × field weight, when the query's words stand together in that order
EXACT_BONUS = 0.5  # × field weight, per word found with the diacritics the reader typed
# The candidates ranked again (never fewer than the results asked for). Each costs about 35 µs at
# 100,000 articles (found, filtered by the caller's queryset, analysed, scored): 100 keep a search
# under 30 ms; when more match, which of them are ranked is left to the index either way.
CANDIDATES = 100


@dataclass
class Hit:
    object: object
    score: float
    title_html: str = ""
    snippet_html: str = ""
    fields: dict = field(default_factory=dict)


class _Matcher:
    """One query's analysis of texts: folded words counted, the phrase, the words typed with
    diacritics found as typed."""

    def __init__(self, query):
        self.query = query
        self.phrase = None
        if len(query.terms) > 1:
            words = query.folded.split(" ")
            self.phrase = re.compile(r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")
        # Whole words are found by searching for the word (a literal: fast) followed by no letter,
        # then checking the character before: `(?<!\w)` first makes every position a try.
        self.terms = {term: re.compile(re.escape(term) + r"(?!\w)") for term in query.terms}
        self.exact = [re.compile(re.escape(word) + r"(?!\w)") for word in query.exact_terms if word != fold(word)]

    def analyse(self, texts):
        """Per field: (how often each of the query's folded words occurs, whether the phrase does,
        how many words typed with diacritics occur as typed)."""
        analysed = {}
        for name, text in texts.items():
            text = text or ""
            folded = fold_for_matching(text)
            counts = {term: _count_words(pattern, folded) for term, pattern in self.terms.items()}
            phrase = self.phrase is not None and _count_words(self.phrase, folded, first=True) > 0
            exact = 0
            if self.exact:
                lowered = text.lower()
                exact = sum(1 for word in self.exact if _count_words(word, lowered, first=True))
            analysed[name] = (counts, phrase, exact)
        return analysed


def _count_words(pattern, text, *, first=False):
    r"""How many matches of `pattern` (ending with `(?!\w)`) start a word in `text`, without overlap
    (the number of times a word occurs among the text's words); with `first`, 1 at the first."""
    count, position = 0, 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return count
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            position = start + 1  # inside a word: look again from the next character
            continue
        count += 1
        if first:
            return count
        position = match.end()


def _score(query, analysed, idf):
    score = 0.0
    matched = set()
    for name, (counts, phrase, exact) in analysed.items():
        weight = FIELD_WEIGHTS.get(name, DEFAULT_WEIGHT)
        for term, count in counts.items():
            if count:
                matched.add(term)
                score += weight * idf.get(term, 1.0) * _repeated(count)
        if phrase:
            score += weight * PHRASE_BONUS * len(query.terms)
        score += weight * EXACT_BONUS * exact
    coverage = len(matched) / len(query.terms)
    return score * coverage * coverage


@functools.lru_cache(maxsize=1024)
def _repeated(count):
    """What a word found `count` times counts for: 1 + log(count)."""
    return 1.0 + math.log(count)


def search(queryset, text, *, limit=20, candidates=CANDIDATES, shown=None):
    """Objects of `queryset` matching the reader's `text`, best first, as `Hit`s with highlighted
    title and snippet. Objects provide `search_texts()` → {"title": …, "lead": …, "body": …}; a
    model may also provide `search_texts_bulk(queryset, pks)` → {pk: (texts, date)}, so the
    candidates are ranked from their texts and only the hits shown become objects.

    On PostgreSQL the candidates and their analysis come from the search documents
    (huunghi.search.postgres); elsewhere from the search backend and the objects' texts. The
    scoring is the same. `shown`: the queryset the hits' objects are read from, with only what a
    list of results shows (default: `queryset` without its stream fields)."""
    query = parse_query(text)
    if not query:
        return []
    candidates = max(candidates, limit)
    if connections[queryset.db].vendor == "postgresql":
        from . import postgres

        analysed = postgres.analysed_candidates(queryset, query, candidates)
        texts = None
    else:
        texts = _texts(queryset, _candidates(queryset, query, candidates))
        matcher = _Matcher(query)
        analysed = {pk: (matcher.analyse(fields), date) for pk, (fields, date) in texts.items()}
    scored = _ranked(query, analysed)[:limit]
    pks = [pk for _s, _t, pk in scored]
    if shown is None:
        shown = queryset.defer_streamfields() if hasattr(queryset, "defer_streamfields") else queryset
    objects = shown.in_bulk(pks)  # what a list of results shows, no bodies
    if texts is None:
        texts = {pk: (fields, None) for pk, fields in postgres.document_texts(queryset, pks).items()}
    hits = []
    for negative_score, _t, pk in scored:
        if pk not in objects or pk not in texts:
            continue  # deleted since the candidates were read
        fields = texts[pk][0]
        hit = Hit(object=objects[pk], score=-negative_score)
        hit.title_html = highlight(fields.get("title", ""), query)
        lead_counts = analysed[pk][0].get("lead", ({},))[0]
        shown_text = fields.get("lead") or ""
        if not any(lead_counts.values()) and fields.get("body"):
            shown_text = fields["body"]  # the lead has none of the words: show where the body has them
        hit.snippet_html = snippet(shown_text, query)
        hits.append(hit)
    return hits


def _ranked(query, analysed):
    """[(-score, -timestamp, pk)] of the candidates that score, best first; `analysed` is
    {pk: ({field: (counts, phrase, exact)}, date)}. A word's weight (idf) is how rare it is among
    the candidates."""
    total = len(analysed) or 1
    document_frequency = Counter()
    for fields, _date in analysed.values():
        present = set()
        for counts, _phrase, _exact in fields.values():
            present.update(t for t in query.terms if counts.get(t))
        document_frequency.update(present)
    idf = {t: math.log(1.0 + total / (1 + document_frequency[t])) + 0.1 for t in query.terms}
    scored = []
    for pk, (fields, date) in analysed.items():
        score = _score(query, fields, idf)
        if score > 0:
            scored.append((-score, -_timestamp(date), pk))
    scored.sort()
    return scored


def _texts(queryset, ids):
    """{pk: (the fields' texts, date)} of the candidates, in the order of `ids`."""
    bulk = getattr(queryset.model, "search_texts_bulk", None)
    if bulk is not None:
        found = bulk(queryset, ids)
    else:
        found = {obj.pk: (obj.search_texts(), getattr(obj, "date", None)) for obj in queryset.filter(pk__in=ids)}
    return {pk: found[pk] for pk in ids if pk in found}


def _candidates(queryset, query, limit):
    """Ids of at most `limit` objects of `queryset` that the search backend finds for the folded
    words, ranked by the backend (SQLite; PostgreSQL reads its search documents instead)."""
    return [obj.pk for obj in queryset.search(query.folded, operator="or")[:limit]]


def _timestamp(value):
    """A date as seconds since the epoch (given as such by huunghi.search.postgres); none: 0."""
    if value is None:
        return 0
    return value if isinstance(value, int | float) else value.timestamp()


def search_autocomplete(queryset, text, *, limit=8):
    """Titles that start with what the reader is typing, diacritics or not."""
    query = parse_query(text)
    if not query:
        return []
    return list(queryset.autocomplete(query.folded)[:limit])
