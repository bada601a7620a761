"""Load test: a mixed portal + open data API load on the production serving setup, with wrk on loopback.

Run: .venv/bin/python bench/load.py [--duration 60] [--connections 64] [--db URL] [--setup]

1. The database (default postgres://postgres@127.0.0.1:5432/huunghi_load; BENCH_LOAD_DB overrides)
   gets the schema, the administrative units and the demo data once (again with --setup);
   `collectstatic` fills a temporary STATIC_ROOT for whitenoise.
2. gunicorn starts with gunicorn.conf.py and config.settings.production (plain HTTP on loopback:
   DJANGO_SECURE_SSL_REDIRECT=0; workers are not recycled during the run unless --recycle, so
   that their memory before and after can be compared).
3. The URLs: every union's portal home and a few of its live pages (Host: <slug>.localhost),
   VUFO's at localhost, and the public API (news, organizations, statistics lists and details).
   Each must answer 200 once before the run; wrk then requests them in turn from a Lua script,
   each request from a random client address (X-Forwarded-For), as the API throttles per client.
4. Prints each URL's time for one client (the slowest), then requests/s, latency percentiles
   (p99), errors (socket errors, non-2xx/3xx; the run fails unless zero), and each worker's RSS
   before and after the run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = os.environ.get("BENCH_LOAD_DB", "postgres://postgres@127.0.0.1:5432/huunghi_load")
PAGES_PER_SITE = 6
URLS_MARK = "LOAD-URLS "


def python():
    return str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def manage(env, *args, quiet=True):
    subprocess.run([python(), str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)  # fmt: skip


def prepare_database(url, force, env):
    """Schema + administrative units + demo, once (the demo's organizations mark it done)."""
    import psycopg

    server, _, name = url.rpartition("/")
    admin_url = server.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not force:
            try:
                with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
                    if db.execute("SELECT COUNT(*) FROM orgs_organization").fetchone()[0] > 10:
                        print(f"database: {name} (demo already loaded; --setup to rebuild)")
                        return
            except psycopg.Error:
                pass
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    setup_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_DEBUG": "1"}
    manage(setup_env, "migrate", "--noinput")
    manage(setup_env, "load_admin_units")
    manage(setup_env, "load_demo")
    print(f"database: {name} built (migrate, load_admin_units, load_demo) in {time.perf_counter() - started:.0f} s")


def child_urls():
    """In a Django process: [(host, path)] to request."""
    import django

    django.setup()
    from django.urls import reverse
    from wagtail.models import Page, Site

    urls = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        host = site.hostname if site.hostname not in ("", "*") else "localhost"
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
        for page in pages[:PAGES_PER_SITE]:
            parts = page.get_url_parts()
            if parts:
                urls.append((host, parts[2]))
    for name, query in (("api-public-news-list", ""), ("api-public-organization-list", ""),
                        ("api-public-statistics-list", "?year=2024")):  # fmt: skip
        try:
            urls.append(("localhost", reverse(name) + query))
        except Exception:  # noqa: BLE001 — an endpoint the tree does not have (yet)
            pass
    print(URLS_MARK + json.dumps(urls))


def fetch(port, host, path, timeout=30):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def api_details(port, urls):
    """Detail URLs from the first item of each API list."""
    details = []
    for host, path in urls:
        if not path.startswith("/api/") or "?" in path:
            continue
        status, body = fetch(port, host, path)
        try:
            data = json.loads(body)
        except ValueError:
            continue
        items = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(items, list) and items and isinstance(items[0], dict) and "id" in items[0]:
            details.append((host, f"{path.rstrip('/')}/{items[0]['id']}/"))
    return details


def workers(master_pid):
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master_pid:
                status = (stat.parent / "status").read_text()
                found[int(stat.parent.name)] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        except (OSError, AttributeError):
            continue
    return found


def print_rss(label, rss):
    listed = ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in sorted(rss.items()))
    print(f"workers' RSS {label}: total {sum(rss.values()):.0f} MB ({listed})")


def print_slowest(port, urls, count=8):
    """One client, each URL three times after the warm-up: where a request's time goes."""
    timings = []
    for host, path in urls:
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            fetch(port, host, path)
            samples.append((time.perf_counter() - started) * 1000)
        timings.append((sorted(samples)[1], host + path))
    timings.sort(reverse=True)
    median = sorted(t for t, _ in timings)[len(timings) // 2]
    print(f"one client, median of 3 per URL: median URL {median:.0f} ms; slowest:")
    for ms, url in timings[:count]:
        print(f"  {ms:6.0f} ms  {url}")


LUA = """
local urls = {%s}
local i = 0
request = function()
  i = i %% #urls + 1
  -- Many clients, as on the Internet: the open data API throttles per client address
  -- (X-Forwarded-For, as the proxy in front sets it), 120 requests a minute each.
  local client = "10." .. (i %% 200) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format("GET", urls[i][2], {["Host"] = urls[i][1], ["X-Forwarded-For"] = client})
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--setup", action="store_true", help="rebuild the database")
    parser.add_argument("--recycle", action="store_true", help="keep gunicorn's max_requests recycling")
    parser.add_argument("--only", choices=["portal", "api"], help="one kind of URL instead of the mix")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    var_dir = Path(tempfile.mkdtemp(prefix="huunghi-load-"))
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.db,
        "HUUNGHI_VAR_DIR": str(var_dir),
        # collectstatic is incremental: one directory for every run.
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "huunghi-load-static"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-load-only-" + os.urandom(8).hex(),
        "DJANGO_ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    if not args.recycle:
        env["GUNICORN_MAX_REQUESTS"] = "0"
    prepare_database(args.db, args.setup, env)
    if args.setup or not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        started = time.perf_counter()
        manage(env, "collectstatic", "--noinput")  # whitenoise compresses every file: minutes
        print(f"collectstatic: {time.perf_counter() - started:.0f} s")
    listed = subprocess.run([python(), str(Path(__file__).resolve()), "--child-urls"], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True)  # fmt: skip
    urls = json.loads(next(x for x in listed.stdout.splitlines() if x.startswith(URLS_MARK)).removeprefix(URLS_MARK))

    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen([python(), "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"], env=env,
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(port, "localhost", "/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start; see {var_dir / 'gunicorn.log'}") from None
                time.sleep(0.3)
        urls += api_details(port, urls)
        if args.only:
            urls = [(h, p) for h, p in urls if p.startswith("/api/") == (args.only == "api")]
        bad = []
        for host, path in urls:  # every URL answers 200 before the run (and warms the caches)
            status, _ = fetch(port, host, path)
            if status != 200:
                bad.append(f"{status} {host}{path}")
        if bad:
            raise SystemExit("not 200 before the run:\n  " + "\n  ".join(bad))
        portal = sum(1 for _, p in urls if not p.startswith("/api/"))
        print(f"gunicorn: {len(workers(server.pid))} workers, production settings; {len(urls)} URLs "
              f"({portal} portal pages on {len({h for h, p in urls if not p.startswith('/api/')})} hosts, "
              f"{len(urls) - portal} API)")  # fmt: skip
        for host, path in urls:
            print(f"  {host}{path}")
        print_slowest(port, urls)
        before = workers(server.pid)
        print_rss("before", before)

        script = var_dir / "mixed.lua"
        script.write_text(LUA % ", ".join(f"{{{json.dumps(h)}, {json.dumps(p)}}}" for h, p in urls))
        command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
                   "--timeout", "10s", "--latency", "-s", str(script), f"http://127.0.0.1:{port}/"]  # fmt: skip
        print("$ " + " ".join(command))
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
        print(done.stdout)
        after = workers(server.pid)
        print_rss("after", after)
        if set(after) != set(before):
            print("  (workers were replaced during the run)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return report(done.stdout)


def report(output):
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non2xx.group(1)) if non2xx else 0
    errors += sum(int(x) for x in socket.groups()) if socket else 0
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    print(f"RESULT requests/s {float(rate.group(1)) if rate else 0:.0f}  p99 {p99_ms:.0f} ms  errors {errors}")
    return 0 if errors == 0 and rate else 1


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    if sys.argv[1:] == ["--child-urls"]:
        sys.path.insert(0, str(ROOT))
        child_urls()
    else:
        sys.exit(main())
