import django.db.models.deletion
from django.db import migrations, models

import huunghi.search.models

TABLE = "huunghi_search_searchdocument"


def postgresql_storage(apps, schema_editor):
    """PostgreSQL: GIN indexes of the two word vectors, without a pending list (fastupdate off: a
    search never scans entries not yet merged; documents are written one at a time, when an
    article is saved). Rows hold what every lookup tests (ids, date, the word vectors, kept in the
    row: STORAGE MAIN); the texts, counts and positional vector, read for the few candidates and
    results only, go to the TOAST table (toast_tuple_target 128), LZ4-compressed where the server
    has it (several times faster to read back than pglz). Rows of 5 kB, one per page, made a
    lookup that reads the table in its order read a page per document."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("title_vector", "words_vector"):
        schema_editor.execute(
            f"CREATE INDEX huunghi_search_document_{column} ON {TABLE} USING gin ({column}) WITH (fastupdate = off)"
        )
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE MAIN")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        lz4 = cursor.fetchone() is not None
    if lz4:
        for column in ("title", "lead", "body", "counts", "vector", "title_vector", "words_vector"):
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION lz4")
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.BigIntegerField()),
                ("date", models.DateTimeField(blank=True, null=True)),
                ("title", models.TextField(blank=True)),
                ("lead", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("counts", models.JSONField(default=dict)),
                ("vector", huunghi.search.models.TsVectorField(blank=True, null=True)),
                ("title_vector", huunghi.search.models.TsVectorField(blank=True, null=True)),
                ("words_vector", huunghi.search.models.TsVectorField(blank=True, null=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "constraints": [
                    models.UniqueConstraint(fields=("content_type", "object_id"), name="search_document_unique_object")
                ],
            },
        ),
        migrations.RunPython(postgresql_storage, migrations.RunPython.noop),
    ]
