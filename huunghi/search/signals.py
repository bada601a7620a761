"""Search documents follow their objects: rebuilt on save, removed on delete, filled after
`migrate` for objects that have none (a database that had articles before search documents).

Like Wagtail's own search index, kept by signals: a document is derived data, a cache of what
ranking reads (STYLE.md keeps signals for caches)."""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

from . import documents


def _document_model(instance):
    """The model whose document `instance` has: its own, or for a Wagtail page saved as a plain
    `Page`, its specific model."""
    model = type(instance)
    if not hasattr(model, "search_texts"):
        model = getattr(instance, "specific_class", None)
    return model if model is not None and hasattr(model, "search_texts") else None


def _saved(sender, instance, raw=False, using=None, **kwargs):
    if raw:  # fixtures: `manage.py update_search_documents` afterwards
        return
    model = _document_model(instance)
    if model is not None:
        documents.documents_update(model=model, pks=[instance.pk], using=using)


def _deleted(sender, instance, using=None, **kwargs):
    documents.documents_delete(model=type(instance), pks=[instance.pk], using=using)


def _migrated(sender, using=None, **kwargs):
    from .models import SearchDocument

    tables = set(connections[using].introspection.table_names())
    models = [SearchDocument, *documents.document_models()]
    if all(model._meta.db_table in tables for model in models):  # not after a migration backwards
        documents.documents_rebuild(missing_only=True, using=using)


def connect(app_config):
    for model in documents.document_models():
        for saved in (model, *model._meta.get_parent_list()):
            post_save.connect(_saved, sender=saved, dispatch_uid=f"search-document-save-{saved._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-document-delete-{model._meta.label}")
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="search-documents-fill")
