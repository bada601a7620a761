"""Operations tests run the real commands in subprocesses, against throw-away databases copied
from the session's test database (administrative units and demo data already loaded), so that
each test starts from committed demo data in seconds instead of a minute of loading.

On SQLite the copy is a file (the test database lives in memory); on PostgreSQL it is a database
created from the test database as template, named `<test database>_<purpose>`, dropped after.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[3]


def pytest_configure(config):
    config.addinivalue_line("markers", "fault: stops and starts a throw-away PostgreSQL cluster under a running server")


class Databases:
    """Throw-away databases of the vendor the suite runs on."""

    def __init__(self, tmp_path_factory):
        self.vendor = connection.vendor
        self.tmp = tmp_path_factory.mktemp("ops-db")
        self.settings = dict(connection.settings_dict)
        self.created = []

    # PostgreSQL ------------------------------------------------------------------
    def _server_url(self, name):
        s = self.settings
        auth = quote(s["USER"] or "")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"])
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"

    def _admin(self, sql):
        import psycopg

        url = self._server_url("postgres")
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
            conn.execute(sql)

    # Both ------------------------------------------------------------------------
    def url(self, name):
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp / (name + '.sqlite3')}"
        return self._server_url(name)

    def unique(self, purpose):
        base = self.settings["NAME"] if self.vendor == "postgresql" else "ops"
        return f"{base}_{purpose}_{uuid.uuid4().hex[:6]}"

    def make_template(self):
        """A committed copy of the session's test database, made before any test opens its
        transaction (PostgreSQL copies only a database nobody is connected to)."""
        self.template = self.unique("template")
        if self.vendor == "sqlite":
            target = sqlite3.connect(self.tmp / (self.template + ".sqlite3"))
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
        else:
            connections.close_all()
            self._admin(f'CREATE DATABASE "{self.template}" TEMPLATE "{self.settings["NAME"]}"')
            self.created.append(self.template)

    def copy_of_test_database(self, purpose):
        """A new database holding the session's test data (demo loaded); returns its DATABASE_URL."""
        name = self.unique(purpose)
        if self.vendor == "sqlite":
            shutil.copyfile(self.tmp / (self.template + ".sqlite3"), self.tmp / (name + ".sqlite3"))
        else:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            self.created.append(name)
        return self.url(name)

    def empty(self, purpose):
        """A new database without any table; returns its DATABASE_URL."""
        name = self.unique(purpose)
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{name}"')
            self.created.append(name)
        return self.url(name)

    def drop_all(self):
        for name in reversed(self.created):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def ops_databases(django_db_setup, django_db_blocker, tmp_path_factory):
    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("test_") or "memorydb" in name or connection.is_in_memory_db()):
        pytest.fail(f"Refusing to copy {name}: not a test database (mark the test django_db).")
    databases = Databases(tmp_path_factory)
    with django_db_blocker.unblock():
        databases.make_template()
        yield databases
        databases.drop_all()


def app_env(database_url, var_dir, **extra):
    """Environment of a subprocess running the app on `database_url` with its files under `var_dir`."""
    env = {k: v for k, v in os.environ.items() if k not in {"MEDIA_ROOT", "PRIVATE_ROOT", "STATIC_ROOT"}}
    env.update(
        DATABASE_URL=database_url,
        HUUNGHI_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="0",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env, *args, check=True, timeout=300):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if check and completed.returncode:
        command = " ".join(args)
        raise AssertionError(f"manage.py {command} → {completed.returncode}\n{completed.stdout}\n{completed.stderr}")
    return completed
