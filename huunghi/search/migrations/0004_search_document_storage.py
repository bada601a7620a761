from django.db import migrations

TABLE = "huunghi_search_searchdocument"
READ_PER_CANDIDATE = ("counts", "vector", "title_vector", "words_vector")


def storage(apps, schema_editor):
    """PostgreSQL: what is read of every candidate stays in the row (STORAGE MAIN: compressed
    there before anything is moved out), compressed with LZ4 where the server has it (several
    times faster to read back than pglz); the texts, read for the results shown only, go out of
    the row first."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        lz4 = cursor.fetchone() is not None
    for column in READ_PER_CANDIDATE:
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE MAIN")
        if lz4:
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION lz4")


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in READ_PER_CANDIDATE:
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE EXTENDED")


class Migration(migrations.Migration):

    dependencies = [
        ("huunghi_search", "0003_search_document_words_vector"),
    ]

    operations = [migrations.RunPython(storage, default_storage)]
