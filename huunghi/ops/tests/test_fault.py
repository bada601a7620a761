"""Fault test: PostgreSQL stops under a running gunicorn; pages answer 503 with a Vietnamese
message, /healthz 503, nothing hangs; PostgreSQL comes back and the same workers (no restart)
answer 200 again. Runs on a throw-away cluster (tests/pgcluster.py), never the shared server."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from . import pgcluster
from .conftest import ROOT, app_env, manage

pytestmark = pytest.mark.fault
# Pages that need the database and were not served (so not cached) before the outage.
PAGES = ["/admin/login/", "/khong-co-trang-nay/"]


def get(port, path, timeout=10):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def workers_of(master_pid):
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            children.add(int(stat.parent.name))
    return children


def wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def cluster():
    if pgcluster.binaries() is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    cluster = pgcluster.Cluster().init()
    cluster.start()
    yield cluster
    cluster.destroy()


def test_pages_answer_503_while_postgresql_is_down_and_recover_without_restart(cluster, tmp_path):
    url = cluster.create_database("huunghi")
    env = app_env(url, tmp_path, DATABASE_CONN_MAX_AGE="60", GUNICORN_WORKERS="2",
                  GUNICORN_BIND=f"127.0.0.1:{pgcluster.free_port()}")  # fmt: skip
    manage(env, "migrate", "--noinput")
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_until(lambda: _answers(port), 30, "gunicorn to answer")
        assert get(port, "/healthz")[0] == 200
        assert get(port, "/")[0] == 200
        workers = workers_of(server.pid)
        assert len(workers) == 2

        cluster.stop()
        status, headers, body = get(port, "/healthz")
        assert status == 503 and '"unreachable"' in body
        for path in PAGES:
            started = time.monotonic()
            status, headers, body = get(port, path)
            assert status == 503, (path, status, body[:300])
            assert time.monotonic() - started < 5
            assert 'lang="vi"' in body and "cơ sở dữ liệu" in body, body[:500]
            assert headers["Retry-After"]
        assert server.poll() is None

        cluster.start()
        wait_until(lambda: get(port, "/healthz")[0] == 200, 30, "/healthz to recover")
        for path in PAGES[:1]:
            wait_until(lambda path=path: get(port, path)[0] == 200, 15, f"{path} to recover")
        assert get(port, "/khong-co-trang-nay/")[0] == 404  # answered from the database again
        assert server.poll() is None and workers_of(server.pid) == workers  # the same processes
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _answers(port):
    try:
        get(port, "/healthz", timeout=2)
        return True
    except OSError:
        return False
