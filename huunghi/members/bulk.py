"""Fast inserts for large imports: ids reserved up front, then plain INSERTs of ready values.

`bulk_create` converts every value of every object through its field (about 11 s of a 20,000-row
import here); the importer already holds validated Python values, so it hands them to the driver
directly: `executemany` on SQLite, `COPY` on PostgreSQL. Only the JSON of audit entries is
converted through its field. Call inside `transaction.atomic()`.
"""

from django.db import connection

BATCH = 5000


def reserve_ids(model, count):
    """`count` fresh primary keys for `model`, safe against concurrent writers."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (transaction_mode IMMEDIATE), so nobody
        # else can take these ids; start above both the highest id and the AUTOINCREMENT counter.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608  (table name from the model)
        start = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        if row and row[0] > start:
            start = row[0]
    return list(range(start + 1, start + 1 + count))


def insert(model, field_names, rows):
    """INSERT `rows` (tuples in the order of `field_names`) into `model`'s table."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(meta.db_table)
    adapters = _adapters(fields)
    if adapters:
        rows = [
            tuple(adapt(value) if adapt else value for adapt, value in zip(adapters, row, strict=True)) for row in rows
        ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _adapters(fields):
    """Per field, a conversion the driver needs, or None."""
    adapters = []
    needed = False
    for field in fields:
        adapt = None
        internal = field.get_internal_type()
        if internal == "JSONField":
            if connection.vendor == "postgresql":
                import json

                encoder = field.encoder

                def adapt(value, encoder=encoder):
                    return json.dumps(value, cls=encoder)
            else:

                def adapt(value, field=field):
                    return field.get_db_prep_save(value, connection)
        elif internal == "DateTimeField" and connection.vendor != "postgresql":

            def adapt(value):
                return connection.ops.adapt_datetimefield_value(value)
        elif internal == "DateField" and connection.vendor != "postgresql":

            def adapt(value):
                return connection.ops.adapt_datefield_value(value)

        adapters.append(adapt)
        needed = needed or adapt is not None
    return adapters if needed else None
