"""A member import killed (SIGKILL) in the middle of writing leaves no row of it: the importer
writes every accepted row in one transaction, and the database rolls back what was never
committed — on SQLite (the WAL is discarded when the file is next opened) and on PostgreSQL
(the server aborts the transaction of a vanished client)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from huunghi.core.models import OrgLogEntry
from huunghi.orgs.models import Membership, MembershipStatusChange, Person

from .conftest import ROOT, app_env

pytestmark = pytest.mark.django_db
ROWS = 30_000
TABLES = [m._meta.db_table for m in (Person, Membership, MembershipStatusChange, OrgLogEntry)]


@pytest.fixture(scope="session")
def member_sheet(tmp_path_factory):
    sys.path.insert(0, str(ROOT))
    from bench.member_sheet import write_member_sheet

    return write_member_sheet(tmp_path_factory.mktemp("sheet") / f"members-{ROWS}.xlsx", ROWS)


class Database:
    def __init__(self, url):
        self.url = url
        self.sqlite_path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None

    def query(self, sql, params=()):
        if self.sqlite_path:
            conn = sqlite3.connect(self.sqlite_path)
            try:
                return conn.execute(sql, params).fetchall()
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()

    def counts(self):
        return {table: self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in TABLES}  # noqa: S608

    def writing(self, wal_size_at_start):
        """True once rows of the import are being written (not yet committed)."""
        if self.sqlite_path:
            wal = self.sqlite_path + "-wal"
            return os.path.exists(wal) and os.path.getsize(wal) > wal_size_at_start + 64 * 1024
        # The import's transaction holds a write lock on the people table: the COPY has begun.
        return bool(self.query(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE c.relname = ? AND l.mode = 'RowExclusiveLock' AND l.granted AND a.datname = current_database()",
            (Person._meta.db_table,),
        ))  # fmt: skip

    def wal_size(self):
        wal = (self.sqlite_path or "") + "-wal"
        return os.path.getsize(wal) if self.sqlite_path and os.path.exists(wal) else 0

    def settled(self):
        """No session of the killed import is left on the server."""
        if self.sqlite_path:
            return True
        return not self.query(
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def test_an_import_killed_while_writing_leaves_no_rows(ops_databases, member_sheet, tmp_path):
    database = Database(ops_databases.copy_of_test_database("import_kill"))
    before = database.counts()
    env = app_env(database.url, tmp_path)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_members", str(member_sheet), "--org", "nghe-an",
         "--on-duplicate", "skip", "-v", "2"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        seen = b""
        while b"write: 0/1" not in seen:  # the importer's progress: analysis done, writing starts
            chunk = os.read(process.stderr.fileno(), 65536)
            assert chunk, f"the import ended before writing: {seen[-2000:]!r}"
            seen = seen[-100:] + chunk
        wal_at_start = database.wal_size()
        deadline = time.monotonic() + 30
        while not database.writing(wal_at_start):
            assert process.poll() is None, "the import finished before it could be killed while writing"
            assert time.monotonic() < deadline, "no sign of the import writing"
            time.sleep(0.01)
        assert process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    deadline = time.monotonic() + 20
    while not database.settled() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert database.counts() == before
    if database.sqlite_path:
        assert database.query("PRAGMA integrity_check") == [("ok",)]
