"""`manage.py backup` then `manage.py restore` into an empty database gives back every row of every
table (all columns) and every file byte for byte; a non-empty database is refused untouched."""

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.utils import translation

from huunghi.ops.backup import NOT_EMPTY

from . import snapshot
from .conftest import ROOT, app_env, manage

# The session must set up the test database (pytest-django does only when a test asks for it).
pytestmark = pytest.mark.django_db


def test_backup_then_restore_into_an_empty_database_gives_back_every_row_and_file(ops_databases, tmp_path):
    source_url = ops_databases.copy_of_test_database("backup_src")
    source_env = app_env(source_url, tmp_path / "source")
    added = subprocess.run([sys.executable, str(Path(__file__).with_name("add_media.py"))], env=source_env, cwd=ROOT,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert added.returncode == 0, added.stderr

    backup_file = tmp_path / "huunghi.backup"
    done = manage(source_env, "backup", "-o", str(backup_file))
    assert "Backup written" in done.stderr or "ackup" in done.stderr  # progress on stderr
    with tarfile.open(backup_file) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["vendor"] == ops_databases.vendor
    assert {t["name"] for t in manifest["tables"]} >= {"orgs_person", "images_customimage", "django_content_type"}
    kinds = {(f["storage"], f["name"].split("/")[0]) for f in manifest["files"]}
    assert {("default", "original_images"), ("default", "images"), ("default", "documents"),
            ("private", "imports")} <= kinds  # fmt: skip

    target_url = ops_databases.empty("backup_dst")
    target_env = app_env(target_url, tmp_path / "target")
    manage(target_env, "restore", str(backup_file))

    source_rows, target_rows = snapshot.database_rows(source_url), snapshot.database_rows(target_url)
    assert source_rows.keys() == target_rows.keys()
    differing = [table for table in source_rows if source_rows[table] != target_rows[table]]
    assert differing == []
    assert sum(len(rows) for rows in target_rows.values()) > 10_000  # the demo, not an empty schema
    source_files = snapshot.files(tmp_path / "source")
    assert len(source_files) >= 5
    assert snapshot.files(tmp_path / "target") == source_files

    # A second restore finds the database in use: refused with a message, exit status ≠ 0, no change.
    again = manage(target_env, "restore", str(backup_file), check=False)
    assert again.returncode != 0
    with translation.override("vi"):
        refusal = str(NOT_EMPTY)
    assert refusal.split("%(tables)s")[0] in again.stderr
    assert snapshot.database_rows(target_url) == target_rows
    assert snapshot.files(tmp_path / "target") == source_files


def test_restore_refuses_what_is_not_a_backup(ops_databases, tmp_path):
    bogus = tmp_path / "not-a-backup.tar"
    bogus.write_bytes(b"hello")
    env = app_env(ops_databases.empty("bogus"), tmp_path / "var")
    refused = manage(env, "restore", str(bogus), check=False)
    assert refused.returncode != 0
    assert "not-a-backup.tar" in refused.stderr


def _reversible_latest_migration():
    """(app, latest, previous) of a project app whose latest migration can be unapplied and that
    no other migration depends on; None when there is none."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for config in apps.get_app_configs():
        if not config.name.startswith("huunghi."):
            continue
        for leaf in graph.leaf_nodes(config.label):
            migration = graph.nodes[leaf]
            parents = [p for p in graph.node_map[leaf].parents if p.key[0] == config.label]
            if (not graph.node_map[leaf].children and len(parents) == 1 and not migration.replaces
                    and all(op.reversible for op in migration.operations)):  # fmt: skip
                return config.label, leaf[1], parents[0].key[1]
    return None


def test_a_backup_older_than_the_code_is_restored_at_its_state_then_migrated(ops_databases, tmp_path):
    step = _reversible_latest_migration()
    assert step is not None, "no project app has a latest migration that can be unapplied"
    app, latest, previous = step
    source_url = ops_databases.copy_of_test_database("older_src")
    source_env = app_env(source_url, tmp_path / "source")
    manage(source_env, "migrate", app, previous)  # the database as an older version left it
    backup_file = tmp_path / "older.backup"
    manage(source_env, "backup", "-o", str(backup_file))

    target_url = ops_databases.empty("older_dst")
    target_env = app_env(target_url, tmp_path / "target")
    manage(target_env, "restore", str(backup_file))

    source_rows, target_rows = snapshot.database_rows(source_url), snapshot.database_rows(target_url)
    applied = manage(target_env, "showmigrations", app).stdout
    assert f"[X] {latest}" in applied
    bookkeeping = ("django_migrations", "(sequences)", "sqlite_sequence")  # what the newer migration changes
    counts = {t: len(rows) for t, rows in source_rows.items() if t not in bookkeeping}
    assert counts == {t: len(target_rows[t]) for t in counts}
    assert len(target_rows["django_migrations"]) == len(source_rows["django_migrations"]) + 1
