"""Backup and restore of the whole platform — every table and every stored file — in one file.

The file (FORMAT_VERSION 1) is an uncompressed tar, so that any member can be read without
unpacking the others:

- `tables/<table>.copy.gz` (PostgreSQL): the table's `COPY … TO STDOUT` text, exact for every
  type (timestamps with their offset, JSONB, bytea, tsvector) and fast for millions of rows;
- `tables/<table>.jsonl.gz` (SQLite): one JSON list per row, the values as SQLite stores them
  (blobs as `{"b": base64}`), so floats, JSON text and dates come back character for character;
- `files/<storage>/<name>`: every file of the media storage (`default`) and of `private`;
- `manifest.json`, last: format, creation time, database vendor, applied migrations, and per table
  its columns, rows, sha256 and sequence values, per file its size and sha256.

Rows are copied table by table, ids included: content types, permissions, Wagtail's tree paths
and every foreign key keep their values, so nothing needs natural keys. Restoring empties the
rows that `migrate` creates by itself (content types, permissions, Wagtail's root page, default
site and groups, the reference data some migrations load), copies every table in one
transaction with foreign keys checked at the end, then sets each sequence back to the value it had
(never below the highest id). A restore from one vendor into the other is refused.

Both directions stream: rows go through gzip members one batch at a time and files are copied
in chunks, so memory stays flat whatever the number of members.
"""

import base64
import datetime
import gzip
import hashlib
import io
import json
import os
import posixpath
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

FORMAT = "huunghi-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
STORAGE_NAMES = ("default", "private")
BATCH = 5000
CHUNK = 1024 * 1024
PROGRESS_EVERY = 100_000
GZIP_LEVEL = 4  # ~3× smaller than level 1 on member tables, twice as fast as level 9

# Tables that `migrate` fills by itself on an empty database (content types, permissions,
# Wagtail's root page, site, locale, collection, moderation workflow and groups, the award forms
# and basic salary of huunghi.emulation's reference migration, the SQLite search index's
# bookkeeping). A database is empty when no other table holds a row.
MIGRATE_SEEDED_TABLES = frozenset({
    "auth_group", "auth_group_permissions", "auth_permission", "django_content_type", "django_migrations",
    "emulation_awardform", "emulation_basicsalary",
    "wagtailcore_collection", "wagtailcore_groupapprovaltask", "wagtailcore_groupapprovaltask_groups",
    "wagtailcore_groupcollectionpermission", "wagtailcore_grouppagepermission", "wagtailcore_locale",
    "wagtailcore_page", "wagtailcore_site", "wagtailcore_task", "wagtailcore_workflow",
    "wagtailcore_workflowpage", "wagtailcore_workflowtask",
})  # fmt: skip


# Refusals, as constants so that tests assert on them.
NOT_EMPTY = _lazy(
    "The database is not empty, so nothing was restored: %(tables)s already hold rows. "
    "Restore into an empty database (no tables, or only what “migrate” creates)."
)
OTHER_MIGRATIONS = _lazy(
    "The backup was made with other migrations than this database or code has (%(migrations)s…); "
    "nothing was restored. Restore it with the version of HữuNghị that made it."
)
FILES_NOT_EMPTY = _lazy("The file storage is not empty (%(storage)s: %(name)s exists); nothing was restored.")
OTHER_TABLES = _lazy("The tables of this database differ from the backup's (%(tables)s); nothing was restored.")
BROKEN_KEYS = _lazy("The backup breaks %(count)s foreign keys (first in %(table)s); nothing was restored.")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (translated)."""


@dataclass
class Progress:
    """Prints what is being done to a stream (the command's stderr); silent without one."""

    stream: object = None
    lines: list = field(default_factory=list)

    def __call__(self, message, *, final=True):
        if self.stream is None:
            return
        self.stream.write(("\r" + message + "\n") if final else ("\r" + message))
        self.stream.flush()


# --------------------------------------------------------------------------- helpers


class _HashingWriter:
    """File wrapper that hashes what is written through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self):
        self.raw.flush()


class _HashingReader:
    """File wrapper that hashes what is read through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha.update(data)
        return data

    def drain(self):
        while self.read(CHUNK):
            pass
        return self.sha.hexdigest()


def _walk(storage, path=""):
    """Every file name of a storage, sorted, with '/' separators."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from _walk(storage, posixpath.join(path, directory) if path else directory)


def _storages():
    return [(name, storages[name]) for name in STORAGE_NAMES if name in settings.STORAGES]


def _encode_sqlite(value):
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    return value


def _decode_sqlite(value):
    if isinstance(value, dict):
        return base64.b64decode(value["b"])
    return value


def _quote(connection, name):
    return connection.ops.quote_name(name)


# --------------------------------------------------------------------------- database description


def _sqlite_virtual_tables(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    return {row[0] for row in cursor.fetchall()}


def _tables(connection):
    """{table: [columns]} of every table that holds data (SQLite's internal and FTS shadow tables
    are rebuilt by SQLite itself, so they are left out)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        tables = {}
        if connection.vendor == "sqlite":
            virtual = _sqlite_virtual_tables(cursor)
            for name in names:
                if name.startswith("sqlite_") or any(name.startswith(v + "_") for v in virtual):
                    continue
                cursor.execute(f"PRAGMA table_xinfo({_quote(connection, name)})")
                columns = [row[1] for row in cursor.fetchall() if row[6] == 0]  # not hidden, not generated
                tables[name] = (["rowid"] if name in virtual else []) + columns
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_generated = 'NEVER' "
                "ORDER BY table_name, ordinal_position"
            )
            for table, column in cursor.fetchall():
                if table in names:
                    tables.setdefault(table, []).append(column)
        else:
            raise BackupError(_("Backups support SQLite and PostgreSQL only, not %(vendor)s.")
                              % {"vendor": connection.vendor})  # fmt: skip
    return dict(sorted(tables.items()))


def _postgres_sequences(cursor):
    """{table: [[column, last_value, is_called]]} for every sequence owned by a column."""
    cursor.execute(
        "SELECT t.relname, a.attname, s.relname FROM pg_class s "
        "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "JOIN pg_namespace n ON n.oid = s.relnamespace "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema()"
    )
    owned = cursor.fetchall()
    sequences = {}
    for table, column, sequence in owned:
        cursor.execute(f'SELECT last_value, is_called FROM "{sequence}"')
        last_value, is_called = cursor.fetchone()
        sequences.setdefault(table, []).append([column, last_value, is_called])
    return sequences


def _applied_migrations(connection):
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _migrations_of_code():
    """What `migrate` records on an empty database: every migration, and for a squashed one also
    those it replaces (Django records both)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    recorded = set()
    for key, migration in graph.nodes.items():
        recorded.add(key)
        recorded.update(tuple(replaced) for replaced in migration.replaces or ())
    return recorded


def _set_session(cursor, connection):
    """Same text forms on both sides of a PostgreSQL copy, whatever the server's defaults."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL TimeZone = 'UTC'")
        cursor.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        cursor.execute("SET LOCAL IntervalStyle = 'postgres'")
        cursor.execute("SET LOCAL extra_float_digits = 3")
        cursor.execute("SET LOCAL bytea_output = 'hex'")


# --------------------------------------------------------------------------- backup


def backup(output, *, using="default", progress=None):
    """Write the database `using` and every stored file into `output`; returns the manifest.

    The file appears under its name only when complete (written as `<name>.partial`, then renamed).
    """
    progress = progress or Progress()
    connection = connections[using]
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "migrations": [],
        "tables": [],
        "sqlite_sequence": {},
        "files": [],
    }
    try:
        with tarfile.open(partial, "w:", format=tarfile.PAX_FORMAT) as tar:
            _backup_tables(connection, tar, manifest, output.parent, progress)
            _backup_files(tar, manifest, progress)
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    rows = sum(t["rows"] for t in manifest["tables"])
    counts = {"tables": len(manifest["tables"]), "rows": rows, "files": len(manifest["files"]), "file": output}
    progress(_("Backup written: %(tables)s tables, %(rows)s rows, %(files)s files → %(file)s") % counts)
    return manifest


def _backup_tables(connection, tar, manifest, temp_dir, progress):
    tables = _tables(connection)
    if connection.vendor == "postgresql":
        # One snapshot for every table.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _set_session(cursor, connection)
            manifest["migrations"] = _applied_migrations(connection)
            sequences = _postgres_sequences(cursor)
            for table, columns in tables.items():
                def dump(out, table=table, columns=columns):
                    return _dump_postgres(cursor, connection, table, columns, out, progress)

                _backup_table(tar, manifest, temp_dir, progress, table, columns, sequences.get(table, []), dump)
    else:
        # A plain sqlite3 connection: Django's converts dates and decimals on the way out, and the
        # values must stay exactly as stored. Its read transaction is one snapshot (WAL), and
        # writers are not blocked meanwhile.
        raw = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        try:
            raw.execute("BEGIN")
            cursor = raw.cursor()
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            manifest["migrations"] = [list(row) for row in cursor.fetchall()]
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
            manifest["sqlite_sequence"] = dict(cursor.fetchall())
            for table, columns in tables.items():
                def dump(out, table=table, columns=columns):
                    return _dump_sqlite(cursor, connection, table, columns, out, progress)

                _backup_table(tar, manifest, temp_dir, progress, table, columns, [], dump)
            raw.execute("COMMIT")
        finally:
            raw.close()
    progress(_("Database: %(tables)s tables copied.") % {"tables": len(tables)})


def _backup_table(tar, manifest, temp_dir, progress, table, columns, sequences, dump):
    suffix = "copy.gz" if manifest["vendor"] == "postgresql" else "jsonl.gz"
    with tempfile.TemporaryFile(dir=temp_dir) as spool:
        writer = _HashingWriter(spool)
        with gzip.GzipFile(fileobj=writer, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as out:
            rows = dump(out)
        info = tarfile.TarInfo(f"tables/{table}.{suffix}")
        info.size = writer.size
        info.mtime = int(timezone.now().timestamp())
        spool.seek(0)
        tar.addfile(info, spool)
    manifest["tables"].append({
        "name": table, "columns": columns, "rows": rows, "member": info.name,
        "sha256": writer.sha.hexdigest(), "sequences": sequences,
    })  # fmt: skip
    if rows >= PROGRESS_EVERY:
        progress(_("%(table)s: %(rows)s rows") % {"table": table, "rows": rows})


def _column_list(connection, columns):
    return ", ".join(_quote(connection, c) for c in columns)


def _dump_postgres(cursor, connection, table, columns, out, progress):
    rows = 0
    sql = f"COPY {_quote(connection, table)} ({_column_list(connection, columns)}) TO STDOUT"
    with cursor.cursor.copy(sql) as copy:
        for data in copy:
            out.write(data)
            before = rows
            rows += bytes(data).count(b"\n")
            if rows // PROGRESS_EVERY != before // PROGRESS_EVERY:
                progress(_("%(table)s: %(rows)s rows…") % {"table": table, "rows": rows}, final=False)
    return rows


def _dump_sqlite(cursor, connection, table, columns, out, progress):
    rows = 0
    cursor.execute(f"SELECT {_column_list(connection, columns)} FROM {_quote(connection, table)}")  # noqa: S608
    while batch := cursor.fetchmany(BATCH):
        lines = [json.dumps([_encode_sqlite(v) for v in row], ensure_ascii=False) for row in batch]
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
        rows += len(batch)
        if rows % PROGRESS_EVERY < BATCH and rows >= PROGRESS_EVERY:
            progress(_("%(table)s: %(rows)s rows…") % {"table": table, "rows": rows}, final=False)
    return rows


def _backup_files(tar, manifest, progress):
    for storage_name, storage in _storages():
        count = 0
        for name in _walk(storage):
            size = storage.size(name)
            info = tarfile.TarInfo(f"files/{storage_name}/{name}")
            info.size = size
            try:
                info.mtime = int(storage.get_modified_time(name).timestamp())
            except NotImplementedError:
                info.mtime = int(timezone.now().timestamp())
            with storage.open(name, "rb") as source:
                reader = _HashingReader(source)
                tar.addfile(info, reader)
            manifest["files"].append({"storage": storage_name, "name": name, "size": size,
                                      "sha256": reader.sha.hexdigest()})  # fmt: skip
            count += 1
        progress(_("Files of “%(storage)s”: %(count)s.") % {"storage": storage_name, "count": count})


# --------------------------------------------------------------------------- restore


def read_manifest(path):
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115  (closed by the caller)
        manifest = json.load(tar.extractfile(tar.getmember(MANIFEST)))
    except (OSError, KeyError, tarfile.TarError, ValueError):
        raise BackupError(_("%(file)s is not a HữuNghị backup (or it is incomplete).") % {"file": path}) from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        tar.close()
        raise BackupError(_("%(file)s is not a HữuNghị backup of format %(version)s.")
                          % {"file": path, "version": FORMAT_VERSION})  # fmt: skip
    return tar, manifest


def occupied_tables(connection):
    """[(table, rows)] of the tables holding rows that `migrate` does not create by itself."""
    occupied = []
    with connection.cursor() as cursor:
        for table in _tables(connection):
            if table in MIGRATE_SEEDED_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")  # noqa: S608
            count = cursor.fetchone()[0]
            if count:
                occupied.append((table, count))
    return occupied


def _has_schema(connection):
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def check_target(manifest, *, using="default"):
    """Raise BackupError, changing nothing, unless the database and the storages can take the backup.

    Returns None when the database already has the backup's schema (migrated as the backup, and
    empty), else the migration targets that give an empty database (no tables) the backup's
    schema: a backup made before newer migrations of the code is restored at its own state, and
    the newer migrations are applied after its rows are in.
    """
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(_("This backup comes from %(source)s and cannot be restored into %(target)s.")
                          % {"source": manifest["vendor"], "target": connection.vendor})  # fmt: skip
    wanted = {tuple(m) for m in manifest["migrations"]}
    fresh = not _has_schema(connection)
    if fresh:
        have = _migrations_of_code()
        targets = _targets(wanted) if wanted < have else None
        if wanted != have and targets is None:
            _refuse_migrations(wanted, have)
    else:
        occupied = occupied_tables(connection)
        if occupied:
            listed = ", ".join(f"{table} ({rows})" for table, rows in occupied[:5])
            raise BackupError(NOT_EMPTY % {"tables": listed})
        have = {tuple(m) for m in _applied_migrations(connection)}
        if wanted != have:
            _refuse_migrations(wanted, have)
        targets = None
    for storage_name, storage in _storages():
        for entry in manifest["files"]:
            if entry["storage"] == storage_name and storage.exists(entry["name"]):
                raise BackupError(FILES_NOT_EMPTY % {"storage": storage_name, "name": entry["name"]})
    return {"fresh": fresh, "targets": targets}


def _refuse_migrations(wanted, have):
    differing = sorted(wanted ^ have)[:5]
    raise BackupError(OTHER_MIGRATIONS % {"migrations": ", ".join(f"{a}.{n}" for a, n in differing)})


def _targets(wanted):
    """Per app, the last migrations of `wanted` (those no other migration of `wanted` in the app
    follows) — what `migrate` must reach to rebuild the backup's schema — or None when the code's
    migration graph cannot express that state (a squash made since, say)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    targets = []
    for key in sorted(wanted):
        if key not in graph.nodes:
            if any(key in (graph.nodes[n].replaces or ()) for n in graph.nodes if n in wanted):
                continue  # replaced by a squashed migration that is itself in the backup
            return None
        children = graph.node_map[key].children
        if not any(child[0] == key[0] and child in wanted for child in children):
            targets.append(key)
    return targets


def restore(path, *, using="default", progress=None):
    """Restore the backup at `path` into the empty database `using` and the storages."""
    progress = progress or Progress()
    connection = connections[using]
    tar, manifest = read_manifest(path)
    with tar:
        plan = check_target(manifest, using=using)
        if plan["fresh"] and plan["targets"] is None:
            progress(_("Creating the tables (migrate)…"))
            call_command("migrate", database=using, interactive=False, verbosity=0)
        elif plan["fresh"]:
            from django.db.migrations.executor import MigrationExecutor

            progress(_("Creating the tables as they were at the backup (migrate)…"))
            MigrationExecutor(connection).migrate(plan["targets"])
        tables = _tables(connection)
        expected = {t["name"]: t["columns"] for t in manifest["tables"]}
        if tables != expected:
            differing = sorted(set(tables).symmetric_difference(expected)) or sorted(
                t for t in tables if tables[t] != expected.get(t))  # fmt: skip
            raise BackupError(OTHER_TABLES % {"tables": ", ".join(differing[:5])})
        if connection.vendor == "postgresql":
            _restore_postgres(connection, tar, manifest, progress)
        else:
            _restore_sqlite(connection, tar, manifest, progress)
        _restore_files(tar, manifest, progress)
    if plan["targets"] is not None:
        progress(_("Applying the migrations made since the backup (migrate)…"))
        call_command("migrate", database=using, interactive=False, verbosity=0)
    rows = sum(t["rows"] for t in manifest["tables"])
    progress(_("Restored: %(tables)s tables, %(rows)s rows, %(files)s files.")
             % {"tables": len(manifest["tables"]), "rows": rows, "files": len(manifest["files"])})  # fmt: skip
    return manifest


def _member(tar, entry):
    try:
        return tar.extractfile(tar.getmember(entry["member"]))
    except KeyError:
        raise BackupError(_("The backup is damaged: %(member)s is missing.") % {"member": entry["member"]}) from None


def _check_sha(entry, digest):
    if digest != entry["sha256"]:
        raise BackupError(_("The backup is damaged: %(member)s does not match its checksum.")
                          % {"member": entry["member"]})  # fmt: skip


def _restore_postgres(connection, tar, manifest, progress):
    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked once, at commit.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        _set_session(cursor, connection)
        names = [t["name"] for t in manifest["tables"]]
        if names:
            cursor.execute("TRUNCATE " + ", ".join(_quote(connection, n) for n in names))
        for entry in manifest["tables"]:
            table, columns = entry["name"], entry["columns"]
            reader = _HashingReader(_member(tar, entry))
            sql = f"COPY {_quote(connection, table)} ({_column_list(connection, columns)}) FROM STDIN"
            with gzip.GzipFile(fileobj=reader, mode="rb") as data, cursor.cursor.copy(sql) as copy:
                while chunk := data.read(CHUNK):
                    copy.write(chunk)
            _check_sha(entry, reader.drain())
            for column, last_value, is_called in entry["sequences"]:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                    f"GREATEST(%s, (SELECT COALESCE(MAX({_quote(connection, column)}), 1) FROM {_quote(connection, table)})), %s)",  # noqa: S608,E501
                    [connection.ops.quote_name(table), column, last_value, is_called],
                )
            if entry["rows"] >= PROGRESS_EVERY:
                progress(_("%(table)s: %(rows)s rows") % {"table": table, "rows": entry["rows"]})
        _count_check(connection, manifest)
        progress(_("Checking foreign keys…"))


def _restore_sqlite(connection, tar, manifest, progress):
    if not connection.disable_constraint_checking():
        raise BackupError(_("Foreign keys could not be switched off on SQLite; nothing was restored."))
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # Virtual tables (the search index's FTS5) last: triggers fill them from their base
            # table, so they are emptied again just before their own rows go in.
            virtual = _sqlite_virtual_tables(cursor)
            entries = sorted(manifest["tables"], key=lambda e: e["name"] in virtual)
            for entry in entries:
                cursor.execute(f"DELETE FROM {_quote(connection, entry['name'])}")  # noqa: S608
            cursor.execute("DELETE FROM sqlite_sequence")
            for entry in entries:
                table, columns = entry["name"], entry["columns"]
                if table in virtual:
                    cursor.execute(f"DELETE FROM {_quote(connection, table)}")  # noqa: S608
                reader = _HashingReader(_member(tar, entry))
                placeholders = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {_quote(connection, table)} ({_column_list(connection, columns)}) VALUES ({placeholders})"  # noqa: S608,E501
                rows = 0
                with gzip.GzipFile(fileobj=reader, mode="rb") as data:
                    batch = []
                    for line in io.TextIOWrapper(data, encoding="utf-8"):
                        batch.append([_decode_sqlite(v) for v in json.loads(line)])
                        if len(batch) >= BATCH:
                            cursor.executemany(sql, batch)
                            rows += len(batch)
                            batch = []
                            if rows % PROGRESS_EVERY < BATCH and rows >= PROGRESS_EVERY:
                                progress(_("%(table)s: %(rows)s rows…") % {"table": table, "rows": rows}, final=False)
                    if batch:
                        cursor.executemany(sql, batch)
                _check_sha(entry, reader.drain())
                if entry["rows"] >= PROGRESS_EVERY:
                    progress(_("%(table)s: %(rows)s rows") % {"table": table, "rows": entry["rows"]})
            for name, seq in manifest["sqlite_sequence"].items():
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [name])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [name, seq])
            progress(_("Checking foreign keys…"))
            cursor.execute("PRAGMA foreign_key_check")
            broken = cursor.fetchall()
            if broken:
                raise BackupError(BROKEN_KEYS % {"count": len(broken), "table": broken[0][0]})
            _count_check(connection, manifest)
    finally:
        connection.enable_constraint_checking()


def _count_check(connection, manifest):
    with connection.cursor() as cursor:
        for entry in manifest["tables"]:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, entry['name'])}")  # noqa: S608
            count = cursor.fetchone()[0]
            if count != entry["rows"]:
                raise BackupError(_("%(table)s has %(count)s rows after the restore, the backup %(rows)s.")
                                  % {"table": entry["name"], "count": count, "rows": entry["rows"]})  # fmt: skip


def _restore_files(tar, manifest, progress):
    available = dict(_storages())
    for entry in manifest["files"]:
        storage = available.get(entry["storage"])
        if storage is None:
            raise BackupError(_("No storage “%(storage)s” is configured for the backup's files.")
                              % {"storage": entry["storage"]})  # fmt: skip
        member = _member(tar, {"member": f"files/{entry['storage']}/{entry['name']}"})
        reader = _HashingReader(member)
        reader.size = entry["size"]
        saved = storage.save(entry["name"], File(reader, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(_("%(name)s was stored as %(saved)s.") % {"name": entry["name"], "saved": saved})
        if reader.drain() != entry["sha256"]:
            storage.delete(saved)
            raise BackupError(_("The backup is damaged: %(name)s does not match its checksum.")
                              % {"name": entry["name"]})  # fmt: skip
    progress(_("Files restored: %(count)s.") % {"count": len(manifest["files"])})


def describe(manifest):
    """One line per fact of a manifest, for `restore --list`."""
    created = datetime.datetime.fromisoformat(manifest["created_at"])
    when = timezone.localtime(created).isoformat()
    yield _("Created at: %(when)s (%(vendor)s)") % {"when": when, "vendor": manifest["vendor"]}
    yield _("Migrations: %(count)s") % {"count": len(manifest["migrations"])}
    for entry in manifest["tables"]:
        yield f"  {entry['name']}: {entry['rows']}"
    yield _("Files: %(count)s") % {"count": len(manifest["files"])}
