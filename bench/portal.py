#!/usr/bin/env python
"""Speed of a portal article page (issue 8, item 4), all in one run on the same article:

  (a) warm page: the production serving setup — nginx in front of gunicorn (production settings,
      PostgreSQL), the page rendered once and then served by nginx from PORTAL_STATIC_DIR
      (docs/portal-serving.md);
  (b) the same HTML as a plain static file served by nginx — the limit;
  (c) Debian's WordPress 6.1 (php-fpm, nginx, MariaDB; no cache plugin) serving the same article —
      the peer;
  (d) a cache miss: gunicorn rendering the page on every request (a query string bypasses the
      page cache and the rendered files), through nginx. What every page of the site shares — the
      site and its home pages, the news categories, the menu, the table of translations, where view
      restrictions sit, and the header, footer and feed links rendered from them — is read or
      rendered once per cache generation (huunghi/portal/site_cache.py), as it is for any page
      rendered after the first one following a publish; the article itself (one query, then one for
      its tags and the delegations and events it reports) is read, and its page rendered, on every
      request.

(b), (a), (d) and (c) run one after the other, --rounds times (2 by default): other work on the
machine then weighs on each pair alike ((a) against (b), (d) against (c)), and each round gives its
ratios; the verdicts take the worst round.

gunicorn runs as in production (gunicorn.conf.py: 2 × cores + 1 sync workers unless --workers).

Run as root on a machine with Debian's nginx, wrk, wordpress, php-fpm and mariadb-server
(`apt-get install nginx wrk wordpress php-fpm php-mysql mariadb-server`) and PostgreSQL on
127.0.0.1:5432:

    .venv/bin/python bench/portal.py [--duration 10] [--connections 64] [--threads 2] [--workers N]
                                     [--rounds 2] [--no-wordpress] [--setup]

Everything runs from a throw-away directory on its own ports (its own PostgreSQL database
`huunghi_bench_portal`, its own MariaDB database `huunghi_bench_wp`, /etc/wordpress/config-huunghi-bench.php).
The database and the collected static files (in the system's temporary directory) are kept for
the next run; --setup rebuilds both.
Not measured here: cold render and search with 100,000 articles (see the report at the end).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
HOST = "nghe-an.localhost"
ARTICLE = "/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/"
PG_DATABASE = "huunghi_bench_portal"
WP_DATABASE = "huunghi_bench_wp"
WP_CONFIG_NAME = "huunghi-bench"
WP_HOST = "wp-bench.localhost"
STATIC_ROOT = Path(tempfile.gettempdir()) / "huunghi-bench-portal-static"
TARGETS = {"nginx static": 62_700, "WordPress": 46}  # the figures on 2 cores, wrk -t2 -c64


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env=None, **kwargs):
    result = subprocess.run(args, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def wait_http(url, host=None, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"Host": host} if host else {})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status < 500:
                    return
        except Exception:  # noqa: BLE001 — not up yet
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout} s")


def fetch(url, host, data=None):
    request = urllib.request.Request(url, data=data, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(url, host, args):
    result = run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--timeout",
            "30s",  # wrk's default (2 s) would cap the latencies of a page that takes longer
            "--latency",
            "-H",
            f"Host: {host}",
            url,
        ]
    )
    out = result.stdout
    rate = float(WRK_LINE.search(out).group(1))
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {int(p): float(v) * factor[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} error responses\n{out}")
    return rate, latency


# --- Django: production settings, PostgreSQL, gunicorn ---------------------------------------


def django_env(tmp):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS=".localhost,127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}",
        DATABASE_CONN_MAX_AGE="60",  # persistent connections, as docs/portal-serving.md advises
        DJANGO_SECURE_SSL_REDIRECT="0",
        HUUNGHI_VAR_DIR=str(tmp / "var"),
        STATIC_ROOT=str(STATIC_ROOT),
        MEDIA_ROOT=str(tmp / "media"),
        PORTAL_STATIC_DIR=str(tmp / "html"),
        LOG_LEVEL="ERROR",
    )
    return env


def prepare_django(tmp, env, setup):
    import psycopg

    steps = [["migrate", "--noinput"]]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if setup or not exists:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
            steps += [["load_admin_units"], ["load_demo", "--force"]]
        else:
            print(f"  database {PG_DATABASE} kept from the last run (--setup to rebuild)")
    if setup or not (STATIC_ROOT / "staticfiles.json").exists():
        steps.append(["collectstatic", "--noinput"])
    for args in steps:
        print(f"  manage.py {' '.join(args)}", flush=True)
        run([PYTHON, "manage.py", *args], env=env, cwd=REPO)


def start_gunicorn(tmp, env, port, workers):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_MAX_REQUESTS": "0"}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 — lives as long as the process
    return subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "config.wsgi"], cwd=REPO, env=env, stdout=log, stderr=log
    )


# --- WordPress: MariaDB, php-fpm ----------------------------------------------------------------


def prepare_wordpress(tmp, title, lead, body_html):
    run(["mysql", "-uroot", "-e", f"DROP DATABASE IF EXISTS {WP_DATABASE};"
         f"CREATE DATABASE {WP_DATABASE} CHARACTER SET utf8mb4;"
         "CREATE USER IF NOT EXISTS 'huunghi_bench'@'localhost' IDENTIFIED BY 'bench';"
         f"GRANT ALL ON {WP_DATABASE}.* TO 'huunghi_bench'@'localhost'; FLUSH PRIVILEGES;"])  # fmt: skip
    Path(f"/etc/wordpress/config-{WP_CONFIG_NAME}.php").write_text(
        "<?php\n"
        f"define('DB_NAME', '{WP_DATABASE}');\ndefine('DB_USER', 'huunghi_bench');\ndefine('DB_PASSWORD', 'bench');\n"
        "define('DB_HOST', 'localhost');\ndefine('DB_CHARSET', 'utf8mb4');\n"
        "define('WP_CONTENT_DIR', '/usr/share/wordpress/wp-content');\n"
        "define('DISABLE_WP_CRON', true);\n"
        "$table_prefix = 'wp_';\n"
    )
    return {"title": title, "lead": lead, "body": body_html}


def start_php_fpm(tmp):
    socket_path = tmp / "php-fpm.sock"
    conf = tmp / "php-fpm.conf"
    conf.write_text(
        f"[global]\npid = {tmp / 'php-fpm.pid'}\nerror_log = {tmp / 'php-fpm.log'}\ndaemonize = no\n"
        f"[www]\nuser = root\ngroup = root\nlisten = {socket_path}\npm = static\npm.max_children = 8\n"
        "clear_env = no\n"
    )
    process = subprocess.Popen(
        ["php-fpm8.2", "-R", "-F", "-y", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    for _ in range(50):
        if socket_path.exists():
            return process, socket_path
        time.sleep(0.1)
    sys.exit("php-fpm did not start")


def install_wordpress(base_url, article):
    form = urllib.parse.urlencode(
        {
            "weblog_title": "Bench",
            "user_name": "bench",
            "admin_password": "bench-Passw0rd!",
            "admin_password2": "bench-Passw0rd!",
            "pw_weak": "1",
            "admin_email": "bench@example.invalid",
            "blog_public": "0",
            "language": "",
        }  # fmt: skip
    ).encode()
    status, _headers, body = fetch(base_url + "/wp-admin/install.php?step=2", WP_HOST, data=form)
    if b"Success" not in body and b"already installed" not in body:
        sys.exit("WordPress installation failed:\n" + body.decode(errors="replace")[-2000:])
    content = f"<p><strong>{article['lead']}</strong></p>\n{article['body']}"
    sql = (
        "INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, "
        "post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, "
        "post_content_filtered, post_parent, guid, menu_order, post_type) "
        "VALUES (1, NOW(), UTC_TIMESTAMP(), %s, %s, '', 'publish', 'closed', 'closed', "
        "'hoi-nghi-ban-chap-hanh', '', '', NOW(), UTC_TIMESTAMP(), '', 0, '', 0, 'post');"
        "SELECT LAST_INSERT_ID();"
    )
    quoted = [("'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'") for value in (content, article["title"])]
    result = run(["mysql", "-uroot", "-N", WP_DATABASE, "-e", sql % tuple(quoted)])
    return int(result.stdout.split()[-1])


# --- nginx ----------------------------------------------------------------------------------


def nginx_conf(tmp, ports, gunicorn_port, php_socket):
    wordpress = ""
    if php_socket:
        wordpress = f"""
  server {{  # (c) WordPress
    listen 127.0.0.1:{ports["wordpress"]};
    root /usr/share/wordpress;
    index index.php;
    location / {{ try_files $uri $uri/ /index.php?$args; }}
    location ~ \\.php$ {{
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param WORDPRESS_CONFIG {WP_CONFIG_NAME};
      fastcgi_pass unix:{php_socket};
    }}
  }}"""
    return f"""user root;
worker_processes 2;
pid {tmp / "nginx.pid"};
error_log {tmp / "nginx-error.log"};
events {{ worker_connections 4096; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path {tmp / "nginx-body"};
  proxy_temp_path {tmp / "nginx-proxy"};
  fastcgi_temp_path {tmp / "nginx-fastcgi"};
  uwsgi_temp_path {tmp / "nginx-uwsgi"};
  scgi_temp_path {tmp / "nginx-scgi"};
  upstream django {{ server 127.0.0.1:{gunicorn_port}; keepalive 16; }}

  server {{  # (a) the production serving setup: rendered files first, then gunicorn
    listen 127.0.0.1:{ports["portal"]};
    root {tmp / "html"}/$host;
    location / {{
      error_page 418 = @django;
      if ($request_method !~ ^(GET|HEAD)$) {{ return 418; }}
      if ($http_cookie ~* "sessionid") {{ return 418; }}
      if ($args ~ ".") {{ return 418; }}
      try_files $uri/index.html $uri/index.rss $uri/index.atom $uri @django;
    }}
    location @django {{
      proxy_pass http://django;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto http;
    }}
  }}

  server {{  # (b) the same HTML as a plain static file
    listen 127.0.0.1:{ports["static"]};
    root {tmp / "static-copy"};
  }}
{wordpress}
}}
"""


def report(name, rate, latency, reference=None):
    p99 = latency.get(99, float("nan"))
    line = f"  {name:<41} {rate:>9,.0f} req/s   p50 {latency.get(50, 0):6.2f} ms   p99 {p99:7.2f} ms"
    if reference:
        line += f"   ({reference})"
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 × cores + 1)")
    parser.add_argument("--no-wordpress", action="store_true")
    parser.add_argument(
        "--rounds", type=int, default=2, help="measure the four this many times, one after the other (ratios each)"
    )
    parser.add_argument("--setup", action="store_true", help="rebuild the database and the static files")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away directory")
    args = parser.parse_args()
    for tool in ("nginx", "wrk") + (() if args.no_wordpress else ("php-fpm8.2", "mysql")):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing (see the docstring for the Debian packages)")

    tmp = Path(tempfile.mkdtemp(prefix="huunghi-bench-portal-"))
    processes = []
    try:
        env = django_env(tmp)
        print("Preparing the Django site (PostgreSQL, production settings)…", flush=True)
        prepare_django(tmp, env, args.setup)
        gunicorn_port = free_port()
        processes.append(start_gunicorn(tmp, env, gunicorn_port, args.workers))
        wait_http(f"http://127.0.0.1:{gunicorn_port}{ARTICLE}", HOST)

        ports = {"portal": free_port(), "static": free_port(), "wordpress": free_port()}
        php_socket = None
        if not args.no_wordpress:
            php_process, php_socket = start_php_fpm(tmp)
            processes.append(php_process)
        for name in ("html", "static-copy", "nginx-body", "nginx-proxy", "nginx-fastcgi", "nginx-uwsgi", "nginx-scgi"):
            (tmp / name).mkdir(exist_ok=True)
        conf = tmp / "nginx.conf"
        conf.write_text(nginx_conf(tmp, ports, gunicorn_port, php_socket))
        processes.append(subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"]))
        portal = f"http://127.0.0.1:{ports['portal']}"
        wait_http(portal + ARTICLE, HOST)

        status, headers, html = fetch(portal + ARTICLE, HOST)
        rendered = tmp / "html" / HOST / ARTICLE.strip("/") / "index.html"
        assert status == 200 and rendered.is_file(), "the article was not rendered to a file"
        (tmp / "static-copy" / "article.html").write_bytes(html)
        text = html.decode()
        title = re.search(r"<h1>(.*?)</h1>", text, re.S).group(1)
        lead = re.search(r'<p class="lead">(.*?)</p>', text, re.S).group(1)
        after_lead = text.split('<p class="lead">', 1)[1].split("</p>", 1)[1]
        body = re.split(r"<section|<ul class=\"tags\"|</article>", after_lead)[0].strip()

        wp_url = None
        if not args.no_wordpress:
            prepare_wordpress(tmp, title, lead, body)
            wp_base = f"http://127.0.0.1:{ports['wordpress']}"
            wait_http(wp_base + "/readme.html", WP_HOST)
            post_id = install_wordpress(wp_base, {"title": title, "lead": lead, "body": body})
            wp_url = f"{wp_base}/?p={post_id}"
            status, _headers, wp_html = fetch(wp_url, WP_HOST)
            assert status == 200 and "Hội nghị" in wp_html.decode(), "WordPress does not show the article"

        print(
            f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s, article {ARTICLE} ({len(html):,} bytes),"
            f" gunicorn workers: {args.workers or 'gunicorn.conf.py default (2 × cores + 1)'}"
        )
        print(f"load average (1 min) before the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        # Each round measures the four one after the other: other work on the machine then weighs
        # on a pair (static file and warm page, cache miss and WordPress) alike, and each round
        # gives its ratios; the verdicts take the worst round.
        rounds = []
        for _round in range(args.rounds):
            static = wrk(f"http://127.0.0.1:{ports['static']}/article.html", "localhost", args)
            warm = wrk(portal + ARTICLE, HOST, args)
            cold = wrk(f"{portal}{ARTICLE}?render=1", HOST, args)
            peer = wrk(wp_url, WP_HOST, args) if wp_url else None
            rounds.append((static, warm, cold, peer, os.getloadavg()[0]))

        print(f"\nload average (1 min) after the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for number, (static, warm, cold, peer, load) in enumerate(rounds, 1):
            suffix = f" #{number}" if len(rounds) > 1 else ""
            print(f"round{suffix} (load average {load:.1f} at its end):" if len(rounds) > 1 else "")
            report(f"(b) nginx static file (the limit){suffix}", *static, f"issue: ≈ {TARGETS['nginx static']:,}")
            report(f"(a) warm page (nginx + rendered file){suffix}", *warm, f"{warm[0] / static[0]:.0%} of (b)")
            report(f"(d) cache miss (gunicorn renders){suffix}", *cold)
            if peer:
                note = f"(d) is {cold[0] / peer[0]:.1f}×; issue: ≈ {TARGETS['WordPress']}"
                report(f"(c) WordPress 6.1 (the peer){suffix}", *peer, note)

        def shown(values, form, unit=""):
            low, high = min(values), max(values)
            if len(values) == 1:
                return f"{low:{form}}{unit}"
            return f"{low:{form}}{unit}–{high:{form}}{unit} over {len(values)} rounds"

        print("\nTargets:")
        shares = [warm[0] / static[0] for static, warm, *_rest in rounds]
        verdict = "met" if min(shares) >= 0.5 else "NOT met"
        print(f"  warm page ≥ 50% of nginx static: {shown(shares, '.0%')} — {verdict}")
        p99s = [warm[1].get(99, float("inf")) for _static, warm, *_rest in rounds]
        verdict = "met" if max(p99s) < 50 else "NOT met"
        print(f"  warm page p99 < 50 ms at {args.connections} connections: {shown(p99s, '.2f', ' ms')} — {verdict}")
        if wp_url:
            ratios = [cold[0] / peer[0] for _static, _warm, cold, peer, _load in rounds]
            verdict = "met" if min(ratios) >= 5 else "NOT met"
            print(f"  cache miss ≥ 5× WordPress: {shown(ratios, '.1f', '×')} — {verdict}")
        print("  cold render p95 with 100,000 articles < 25 ms: not measured by this script")
        print("  search p95 over 100,000 articles < 30 ms: not measured by this script")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        if args.keep:
            print(f"(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
