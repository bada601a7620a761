"""Every row of every table and every stored file of a database and var directory, read with
the driver directly (not Django), for exact comparison of a source and its restored copy."""

import hashlib
import sqlite3
from pathlib import Path


def database_rows(url):
    """{table: sorted rows}; SQLite: values as stored; PostgreSQL: the COPY text of each row."""
    if url.startswith("sqlite:///"):
        return _sqlite_rows(url.removeprefix("sqlite:///"))
    return _postgres_rows(url)


def _sqlite_rows(path):
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        virtual = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
        tables = {}
        for name in names:
            if any(name.startswith(v + "_") for v in virtual):
                continue  # FTS5 shadow tables: SQLite's own index structures
            select = "rowid, *" if name in virtual else "*"
            rows = conn.execute(f'SELECT {select} FROM "{name}"').fetchall()  # noqa: S608
            tables[name] = sorted(rows, key=repr)
        return tables
    finally:
        conn.close()


def _postgres_rows(url):
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        names = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
        tables = {}
        for name in names:
            with conn.cursor().copy(f'COPY "{name}" TO STDOUT') as copy:
                data = b"".join(bytes(chunk) for chunk in copy)
            tables[name] = sorted(data.splitlines())
        sequences = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()").fetchall()
        tables["(sequences)"] = sorted(sequences)
        return tables


def files(var_dir):
    """{relative path: sha256} of the media and private files under a var directory."""
    result = {}
    for part in ("media", "private"):
        root = Path(var_dir) / part
        for path in sorted(root.rglob("*")) if root.exists() else ():
            if path.is_file():
                result[f"{part}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result
