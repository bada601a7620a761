from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TsVectorField(models.TextField):
    """PostgreSQL's `tsvector`, written in its text form (`'nghe':1A 'an':2A`); on other databases
    an empty text column (their search goes through the texts, huunghi.search.ranking)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"

    def get_db_prep_value(self, value, connection, prepared=False):
        return value if connection.vendor == "postgresql" else None


class SearchDocument(models.Model):
    """The search document (tài liệu tìm kiếm) of one searchable object: its texts as
    `search_texts()` gives them, and what ranking reads of them prepared once, when the object is
    saved (huunghi.search.documents) rather than at every search.

    `counts` holds how often each folded word occurs in the title, the lead and the body
    ({"nghe": [1, 0, 4]}). On PostgreSQL, `vector` holds the folded words at their positions,
    weighted A (title), B (lead), C (body), plus the words that carry diacritics as written: the
    whole-phrase and as-typed rules of the few candidates read it. Candidates are found with the
    GIN indexes of two small vectors of words alone: `title_vector` (the title's) and
    `words_vector` (all fields'), cheap to test row by row too when most documents match."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    object_id = models.BigIntegerField()
    date = models.DateTimeField(null=True, blank=True)
    title = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    counts = models.JSONField(default=dict)
    vector = TsVectorField(null=True, blank=True)
    title_vector = TsVectorField(null=True, blank=True)
    words_vector = TsVectorField(null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_unique_object")
        ]

    def __str__(self):
        return self.title
