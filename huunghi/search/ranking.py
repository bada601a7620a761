"""Ranking: candidates from the search backend (folded query against folded copies), then one
scoring in Python, identical on SQLite and PostgreSQL."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from huunghi.core.text import fold

from .folding import fold_for_matching
from .highlight import highlight, snippet
from .query import parse_query

# How much a word found in each field counts; models name their fields in `search_texts()`.
FIELD_WEIGHTS = {"title": 6.0, "lead": 3.0, "body": 1.0}
DEFAULT_WEIGHT = 1.0
PHRASE_BONUS = 4.0  # × field weight, when the query's words stand together in that order
EXACT_BONUS = 0.5  # × field weight, per word found with the diacritics the reader typed
CANDIDATES = 200  # the backend's best candidates that are ranked again


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
        for term in query.terms:
            count = counts.get(term, 0)
            if count:
                matched.add(term)
                score += weight * idf.get(term, 1.0) * (1.0 + math.log(count))
        if phrase:
            score += weight * PHRASE_BONUS * len(query.terms)
        score += weight * EXACT_BONUS * exact
    coverage = len(matched) / len(query.terms)
    return score * coverage * coverage


def search(queryset, text, *, limit=20, candidates=CANDIDATES):
    """Objects of `queryset` matching the reader's `text`, best first, as `Hit`s with highlighted
    title and snippet. Objects provide `search_texts()` → {"title": …, "lead": …, "body": …}; a
    model may also provide `search_texts_bulk(queryset, pks)` → {pk: (texts, date)}, so the
    candidates are ranked from their texts and only the hits shown become objects."""
    query = parse_query(text)
    if not query:
        return []
    ids = _candidates(queryset, query, candidates)
    texts = _texts(queryset, ids)
    matcher = _Matcher(query)
    analysed = {pk: matcher.analyse(fields) for pk, (fields, _date) in texts.items()}
    total = len(analysed) or 1
    document_frequency = Counter()
    for fields in analysed.values():
        present = set()
        for counts, _phrase, _exact in fields.values():
            present.update(t for t in query.terms if counts.get(t))
        document_frequency.update(present)
    idf = {t: math.log(1.0 + total / (1 + document_frequency[t])) + 0.1 for t in query.terms}
    scored = []
    for pk, fields in analysed.items():
        score = _score(query, fields, idf)
        if score > 0:
            scored.append((-score, -_timestamp(texts[pk][1]), pk))
    scored.sort()
    scored = scored[:limit]
    shown = queryset.defer_streamfields() if hasattr(queryset, "defer_streamfields") else queryset
    objects = shown.in_bulk([pk for _s, _t, pk in scored])  # what a list of results shows, no bodies
    hits = []
    for negative_score, _t, pk in scored:
        fields = texts[pk][0]
        hit = Hit(object=objects[pk], score=-negative_score)
        hit.title_html = highlight(fields.get("title", ""), query)
        body = fields.get("lead") or ""
        body_text = fields.get("body") or ""
        if not any(fold(body).count(t) for t in query.terms) and body_text:
            body = body_text
        hit.snippet_html = snippet(body, query)
        hits.append(hit)
    return hits


def _texts(queryset, ids):
    """{pk: (the fields' texts, date)} of the candidates, in the order of `ids`."""
    bulk = getattr(queryset.model, "search_texts_bulk", None)
    if bulk is not None:
        found = bulk(queryset, ids)
    else:
        found = {obj.pk: (obj.search_texts(), getattr(obj, "date", None)) for obj in queryset.filter(pk__in=ids)}
    return {pk: found[pk] for pk in ids if pk in found}


def _candidates(queryset, query, limit):
    """Ids of at most `limit` objects of `queryset` that the backend finds for the folded words.

    On PostgreSQL, from Wagtail's search index table in three steps, each taken only while fewer
    than `limit` are found: every word in the title (the `autocomplete` vector holds the title and
    its folded copy), every word anywhere, then any word (the `body` vector holds the folded copies
    of title, lead and body). Each step is one GIN index lookup that stops at the limit, without
    ranking or ordering (an order would make PostgreSQL read every match first): the backend's
    own search matches and ranks `title || body` for every matching row, a full scan of 100,000
    articles for a common word (950 ms). When more than `limit` articles have every word in
    their title, which of them are ranked is left to the index. Elsewhere (SQLite), the backend's
    search, ranked."""
    from django.db import connections

    if connections[queryset.db].vendor != "postgresql":
        return [obj.pk for obj in queryset.search(query.folded, operator="or")[:limit]]
    ids = []
    for vector, operator in (("autocomplete", "&"), ("body", "&"), ("body", "|")):
        if len(query.terms) == 1 and operator == "|":
            break  # the same as the step before
        ids += _index_lookup(queryset, query.terms, vector, operator, exclude=ids, limit=limit - len(ids))
        if len(ids) >= limit:
            break
    return ids


def _index_lookup(queryset, terms, vector, operator, *, exclude, limit):
    """Ids of `queryset`'s objects whose index `vector` matches the words joined by `operator`."""
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import IntegerField
    from django.db.models.functions import Cast
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.search.models import IndexEntry

    quoted = ["'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms]
    tsquery = SearchQuery(f" {operator} ".join(quoted), search_type="raw", config="simple")
    entries = (
        IndexEntry.objects.using(queryset.db)
        .filter(content_type_id__in=get_descendants_content_types_pks(queryset.model), **{vector: tsquery})
        .annotate(object_pk=Cast("object_id", IntegerField()))
        .filter(object_pk__in=queryset.order_by().values("pk"))
        .exclude(object_pk__in=exclude)
        .order_by()
        .values_list("object_pk", flat=True)
    )
    return list(entries[:limit])


def _timestamp(value):
    return value.timestamp() if value is not None else 0


def search_autocomplete(queryset, text, *, limit=8):
    """Titles that start with what the reader is typing, diacritics or not."""
    query = parse_query(text)
    if not query:
        return []
    return list(queryset.autocomplete(query.folded)[:limit])
