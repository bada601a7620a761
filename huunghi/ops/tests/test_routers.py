"""The replica router: reads outside transactions to "replica", writes and reads inside a
transaction to the primary; and, end to end, a process started with DATABASE_REPLICA_URL reads
the replica's data while writing to the primary."""

import subprocess
import sys

import pytest
from django.db import connections

from huunghi.ops.routers import ReplicaRouter, primary
from huunghi.orgs.models import Organization

from .conftest import ROOT, app_env


def test_reads_go_to_the_replica_outside_transactions_and_writes_to_the_primary(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    assert router.db_for_read(Organization) == "replica"
    assert router.db_for_write(Organization) == "default"
    with primary():
        assert router.db_for_read(Organization) == "default"
    assert router.db_for_read(Organization) == "replica"
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(Organization) == "default"


def test_only_the_primary_is_migrated_and_objects_of_both_relate():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "orgs")
    assert not router.allow_migrate("replica", "orgs")
    one, other = Organization(), Organization()
    one._state.db, other._state.db = "default", "replica"
    assert router.allow_relation(one, other)


CHECK = """
import django, json
django.setup()
from django.conf import settings
from django.db import transaction
from huunghi.orgs.models import Organization
seen = {"routers": settings.DATABASE_ROUTERS}
seen["read"] = Organization.objects.get(slug="nghe-an").name
with transaction.atomic():
    seen["in_transaction"] = Organization.objects.get(slug="nghe-an").name
Organization.objects.filter(slug="thanh-hoa").update(name="Written to the primary")
seen["written_read_from_replica"] = Organization.objects.get(slug="thanh-hoa").name
print(json.dumps(seen))
"""


@pytest.mark.django_db
def test_a_process_with_a_replica_reads_it_and_writes_the_primary(ops_databases, tmp_path):
    import json

    primary_url = ops_databases.copy_of_test_database("primary")
    replica_url = ops_databases.copy_of_test_database("replica")
    # Tell the two apart: the replica's copy of one name differs.
    marker = "Read from the replica"
    script = ("import django; django.setup()\nfrom huunghi.orgs.models import Organization\n"
              f"Organization.objects.filter(slug='nghe-an').update(name={marker!r})")  # fmt: skip
    env = app_env(replica_url, tmp_path)
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, timeout=120)

    env = app_env(primary_url, tmp_path, DATABASE_REPLICA_URL=replica_url)
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["routers"] == ["huunghi.ops.routers.ReplicaRouter"]
    assert seen["read"] == marker
    assert seen["in_transaction"] != marker
    assert seen["written_read_from_replica"] != "Written to the primary"  # the write went to the primary
