from django.db import migrations

TABLE = "huunghi_search_searchdocument"


def narrow_rows(apps, schema_editor):
    """PostgreSQL: rows hold what every lookup tests (ids, date, the two word vectors, kept in the
    row); the texts, counts and positional vector, read for the few candidates and results only,
    go to the TOAST table (LZ4 where the server has it). Kept in the row, they made rows of 5 kB,
    one per page: a lookup that reads the table in its order read a page per document."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        lz4 = cursor.fetchone() is not None
    for column in ("counts", "vector"):
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE EXTENDED")
    if lz4:
        for column in ("title", "lead", "body"):
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION lz4")
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


def default_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")
        for column in ("counts", "vector"):
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE MAIN")


class Migration(migrations.Migration):

    dependencies = [
        ("huunghi_search", "0004_search_document_storage"),
    ]

    operations = [migrations.RunPython(narrow_rows, default_rows)]
