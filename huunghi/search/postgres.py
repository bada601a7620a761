"""On PostgreSQL: the candidates and what ranking needs to know of them, read from the search
documents (huunghi.search.models) in SQL — per field, how often each word of the query occurs,
whether the whole phrase does, how many words typed with diacritics occur as typed — so Python
scores a few numbers per candidate instead of folding and scanning its texts."""

import json

from django.db import connections
from modelsearch.utils import get_descendants_content_types_pks

from huunghi.core.text import fold

from .documents import FIELDS, WEIGHTS
from .models import SearchDocument

TABLE = SearchDocument._meta.db_table


def _lexeme(word, weight=""):
    """A word as a tsquery operand, taken as it is (the documents' words are folded in Python)."""
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:{weight}" if weight else quoted


def analysed_candidates(queryset, query, limit):
    """{pk: ({field: (counts, phrase, exact)}, timestamp)} of at most `limit` objects of
    `queryset` whose documents have the query's words — the analysis `ranking._Matcher.analyse`
    makes of the texts, computed from the documents.

    Three steps, each taken only while fewer than `limit` are found: every word in the title,
    every word anywhere, then any word. Each step is one lookup that stops at the limit (on a GIN
    index, or reading the table in its order for words most documents have), without ranking or
    ordering: an order would make PostgreSQL read every match first. When more than `limit`
    documents have every word in their title, which of them are ranked is left to the index."""
    objects_sql, objects_params = queryset.order_by().values("pk").query.get_compiler(using=queryset.db).as_sql()
    content_types = get_descendants_content_types_pks(queryset.model)
    columns, column_params = _features(query)
    found = {}
    for vector, operator in (("title_vector", " & "), ("words_vector", " & "), ("words_vector", " | ")):
        if len(query.terms) == 1 and operator == " | ":
            break  # the same as the step before
        # The inner query finds the documents; its `||` hands each one's counts and vector up
        # read from the TOAST table once, where every feature would otherwise read them again.
        sql = (
            f"SELECT d.object_id, d.date, d.counts || '{{}}'::jsonb AS counts, d.vector || ''::tsvector AS vector"
            f" FROM {TABLE} d"
            f" WHERE d.content_type_id = ANY(%s) AND d.{vector} @@ %s::tsquery AND d.object_id IN ({objects_sql})"
        )
        params = [content_types, operator.join(_lexeme(term) for term in query.terms), *objects_params]
        if found:
            sql += " AND NOT (d.object_id = ANY(%s))"
            params.append(list(found))
        sql = f"SELECT d.object_id, extract(epoch FROM d.date)::float8, {columns} FROM ({sql} LIMIT %s) d"
        params = [*column_params, *params, limit - len(found)]
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            for pk, timestamp, features in cursor.fetchall():
                found[pk] = (_analysed(query, features), timestamp or 0)
        if len(found) >= limit:
            break
    return found


def _features(query):
    """One JSON array per candidate: each word's counts ([title, lead, body] or null), then per
    field the phrase and how many words typed with diacritics occur as typed."""
    items, params = [], []
    for term in query.terms:
        items.append("d.counts -> %s")
        params.append(term)
    words = query.folded.split(" ")
    exact = [word for word in query.exact_terms if word != fold(word)]
    for weight in WEIGHTS:
        if len(query.terms) > 1:
            items.append("d.vector @@ %s::tsquery")
            params.append(" <-> ".join(_lexeme(word, weight) for word in words))
        else:
            items.append("false")
        if exact:
            items.append("(" + " + ".join(["(d.vector @@ %s::tsquery)::int"] * len(exact)) + ")")
            params.extend(_lexeme(word, weight) for word in exact)
        else:
            items.append("0")
    return f"jsonb_build_array({', '.join(items)})", params


def _analysed(query, features):
    # jsonb comes as its text: Django leaves JSON parsing to its fields.
    values = json.loads(features) if isinstance(features, str) else features
    terms = len(query.terms)
    counts, rest = values[:terms], values[terms:]
    analysed = {}
    for index, name in enumerate(FIELDS):
        found = {term: c[index] if c else 0 for term, c in zip(query.terms, counts, strict=True)}
        analysed[name] = (found, rest[2 * index], rest[2 * index + 1])
    return analysed


def document_texts(queryset, pks):
    """{pk: {"title": …, "lead": …, "body": …}} of the objects' documents, for highlighting."""
    if not pks:
        return {}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT object_id, {', '.join(FIELDS)} FROM {TABLE}"
            " WHERE content_type_id = ANY(%s) AND object_id = ANY(%s)",
            [get_descendants_content_types_pks(queryset.model), list(pks)],
        )
        return {pk: dict(zip(FIELDS, texts, strict=True)) for pk, *texts in cursor.fetchall()}
