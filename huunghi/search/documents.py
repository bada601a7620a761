"""Search documents kept in step with the objects they describe (huunghi.search.models).

A model takes part by providing `search_texts()` → {"title": …, "lead": …, "body": …} (and, to read
many at once, `search_texts_bulk(queryset, pks)` → {pk: (texts, date)}). Its document is rebuilt
from the database row whenever the object is saved — the row, not the instance saved: a Wagtail
draft saves the page row with the live text kept while the instance holds the draft — and removed
when it is deleted (huunghi.search.signals). Whether an object may be shown (published, in this
site) is never stored: search filters the documents by the caller's queryset, so publishing and
unpublishing change results at once.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS

from huunghi.core.text import fold

from .folding import fold_for_matching

FIELDS = ("title", "lead", "body")  # weighted A, B, C in the vector; other fields join the body
WEIGHTS = "ABC"
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position; later words share it
MAX_WORD_CHARS = 200  # a query is at most 200 characters (huunghi.search.query): longer words never match
BATCH = 500
_WORD = re.compile(r"\w+")


def document_values(texts):
    """The columns of a search document, from an object's `search_texts()`.

    Words are what ranking counts: the runs of word characters of the folded text, so a phrase is
    a run of consecutive words and "as typed" is a word of the lower-cased original (one whose
    folded form differs: "nghệ", never "nghe"). Fields are one position apart, so no phrase spans
    two of them."""
    fields = {name: texts.get(name) or "" for name in FIELDS}
    extra = [text for name, text in texts.items() if name not in FIELDS and text]
    if extra:
        fields["body"] = "\n".join([fields["body"], *extra]).strip()
    counts, positions = {}, {}
    position = 1
    for index, name in enumerate(FIELDS):
        weight = WEIGHTS[index]
        first = position
        for word in _WORD.findall(fold_for_matching(fields[name])):
            if len(word) <= MAX_WORD_CHARS:
                counts.setdefault(word, [0, 0, 0])[index] += 1
                positions.setdefault(word, []).append(f"{min(position, MAX_POSITION)}{weight}")
            position += 1
        for word in set(_WORD.findall(fields[name].lower())):
            if len(word) <= MAX_WORD_CHARS and word != fold(word):
                positions.setdefault(word, []).append(f"{min(first, MAX_POSITION)}{weight}")
        position += 1
    return {
        **fields,
        "counts": counts,
        "vector": " ".join(f"'{word}':{','.join(places)}" for word, places in positions.items()),
        "title_vector": " ".join(f"'{word}'" for word, (in_title, _lead, _body) in counts.items() if in_title),
        "words_vector": " ".join(f"'{word}'" for word in counts),
    }


def document_models():
    """The models that have search documents: those providing `search_texts()`."""
    from django.apps import apps

    return [model for model in apps.get_models() if hasattr(model, "search_texts")]


def _texts(model, pks, using):
    queryset = model._default_manager.using(using)
    bulk = getattr(model, "search_texts_bulk", None)
    if bulk is not None:
        return bulk(queryset, pks)
    return {obj.pk: (obj.search_texts(), getattr(obj, "date", None)) for obj in queryset.filter(pk__in=pks)}


def documents_update(*, model, pks, using=DEFAULT_DB_ALIAS):
    """Rebuild the documents of `model`'s objects `pks` from the database; an object no longer
    there loses its document."""
    from .models import SearchDocument

    pks = list(pks)
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    found = _texts(model, pks, using)
    documents = [
        SearchDocument(content_type=content_type, object_id=pk, date=date, **document_values(texts))
        for pk, (texts, date) in found.items()
    ]
    SearchDocument.objects.using(using).bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["date", *FIELDS, "counts", "vector", "title_vector", "words_vector"],
    )
    gone = [pk for pk in pks if pk not in found]
    if gone:
        documents_delete(model=model, pks=gone, using=using)
    return len(documents)


def documents_delete(*, model, pks, using=DEFAULT_DB_ALIAS):
    from .models import SearchDocument

    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    SearchDocument.objects.using(using).filter(content_type=content_type, object_id__in=list(pks)).delete()


def documents_rebuild(*, missing_only=False, using=DEFAULT_DB_ALIAS):
    """Build the documents of every object of every document model (or only of those without
    one), in batches; documents of objects that are gone are removed. {model: documents written}."""
    from .models import SearchDocument

    written = {}
    for model in document_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        documents = SearchDocument.objects.using(using).filter(content_type=content_type)
        pks = model._default_manager.using(using).order_by("pk").values_list("pk", flat=True)
        if missing_only:
            pks = pks.exclude(pk__in=documents.values("object_id"))
        else:
            documents.exclude(object_id__in=model._default_manager.using(using).values("pk")).delete()
        pks = list(pks)
        written[model] = sum(
            documents_update(model=model, pks=pks[start : start + BATCH], using=using)
            for start in range(0, len(pks), BATCH)
        )
    return written
