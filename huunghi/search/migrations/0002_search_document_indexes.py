import huunghi.search.models
from django.db import migrations

TABLE = "huunghi_search_searchdocument"
GIN_INDEXES = {"huunghi_search_document_vector": "vector", "huunghi_search_document_title_vector": "title_vector"}


def create_gin_indexes(apps, schema_editor):
    """GIN indexes of the vectors: PostgreSQL only (elsewhere the columns stay empty)."""
    if schema_editor.connection.vendor == "postgresql":
        for name, column in GIN_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin ({column})")


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in GIN_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('huunghi_search', '0001_search_documents'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='title_vector',
            field=huunghi.search.models.TsVectorField(blank=True, null=True),
        ),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
    ]
