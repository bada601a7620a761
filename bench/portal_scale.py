#!/usr/bin/env python
"""Cold render and search with 100,000 articles (issue 8, item 4): p95 against the targets.

A PostgreSQL database `huunghi_bench_scale` (127.0.0.1:5432, user postgres; --database to use
another) gets the demo, then N articles under Nghệ An's news index, inserted in bulk: page rows
cloned from a demo article with their treebeard paths computed directly, their rows in Wagtail's
search index as its indexer writes them (title, lead, body and their folded copies as tsvectors),
and their search documents as `huunghi.search` builds them when an article is saved (what its
search reads on PostgreSQL). Then, in-process (Django's test client, development settings with
DEBUG off, persistent database connections as in production, no page cache: every request
carries a query string; what all pages of the site share is read once per cache generation,
huunghi/portal/site_cache.py):

  - cold render: GET of random articles, p95 against 25 ms;
  - search: GET /tim-kiem/?q=… for ten queries, ten times each, p95 against 30 ms.

    .venv/bin/python bench/portal_scale.py [--articles 100000] [--renders 300] [--reuse] [--database NAME]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
DATABASE = "huunghi_bench_scale"
TEMPLATE = "huunghi_bench_portal"  # bench/portal.py's database, when it exists: the demo, loaded
SERVER = "postgresql://postgres@127.0.0.1:5432"
HOST = "nghe-an.localhost"
TARGETS = {"cold render": 25.0, "search": 30.0}
SEARCH_ROUNDS = 10  # each query of QUERIES searched this many times: 100 searches for the p95
WORDS = (
    "hội hữu nghị việt lào nghệ an đoàn đại biểu giao lưu hợp tác hội nghị ban chấp hành nhân dân "
    "tỉnh xiêng khoảng huaphăn chi hội kỷ niệm năm ngày thành lập trao tặng học bổng sinh viên "
    "tình đoàn kết đặc biệt tổng kết công tác đối ngoại thăm chúc mừng tết bunpimay"
).split()
QUERIES = [
    "nghe an",
    "hội nghị",
    "hoc bong sinh vien",
    "đoàn đại biểu",
    "xieng khoang",
    "tết",
    "giao lưu hợp tác",
    "ban chap hanh",
    "ky niem ngay thanh lap",
    "tình đoàn kết đặc biệt",
]


def prepare_database(articles):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cloned = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [TEMPLATE]).fetchone()
        if cloned:
            try:
                connection.execute(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")
            except psycopg.errors.ObjectInUse:  # another benchmark is using it: load the demo here
                cloned = None
        if not cloned:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    # On a clone too: the template may predate the latest migrations or be half built (bench/portal.py
    # builds it in place); the loaders are idempotent, and the demo's search documents are rebuilt.
    for args in (["migrate", "--noinput"], ["load_admin_units"], ["load_demo", "--force"], ["update_search_documents"]):
        print(f"  manage.py {' '.join(args)}", flush=True)
        subprocess.run([PYTHON, "manage.py", *args], env=os.environ, cwd=REPO, check=True)
    started = time.monotonic()
    generate(articles)
    elapsed = time.monotonic() - started
    print(f"  {articles} articles, their search index rows and documents in {elapsed:.1f} s", flush=True)


def _base36(number, width=4):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = alphabet[rest] + digits
    return digits.rjust(width, "0")


def quoted(columns):
    return ", ".join('"' + column + '"' for column in columns)


def generate(count):
    """Page rows cloned from a demo article (every column but those that differ), in one INSERT …
    SELECT over a table of (n, path, slug, title, lead); then the article rows and index rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from huunghi.core.text import fold
    from huunghi.portal.models import NewsArticlePage, NewsIndexPage
    from huunghi.search.documents import document_values
    from huunghi.search.models import SearchDocument

    index = NewsIndexPage.objects.get(
        url_path__endswith="/tin-tuc/", locale__language_code="vi", url_path__contains="nghe-an"
    )
    model = NewsArticlePage.objects.child_of(index).first()
    rng = random.Random(8)
    first = index.numchild + 1
    while NewsArticlePage.objects.filter(path=index.path + _base36(first)).exists():
        first += 1
    body_text = model.body_text()
    # The search document as huunghi.search.documents builds it when an article is saved: every
    # column it returns (the texts aside: title and lead are the article's, the body is shared).
    prepared = [name for name in document_values({}) if name not in ("title", "lead", "body")]
    rows = []
    for n in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
        lead = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 40))).capitalize() + "."
        document = document_values({"title": title, "lead": lead, "body": body_text})
        document["counts"] = json.dumps(document["counts"], ensure_ascii=False)
        rows.append(
            (n, index.path + _base36(first + n), f"bench-{n}", title, lead, fold(title), fold(lead))
            + tuple(document[name] for name in prepared)
        )
    page_columns = [
        f.column for f in NewsArticlePage._meta.get_parent_list()[0]._meta.local_concrete_fields if f.column != "id"
    ]
    overrides = {
        "path": "g.path",
        "slug": "g.slug",
        "title": "g.title",
        "draft_title": "g.title",
        "numchild": "0",
        "url_path": f"'{index.url_path}' || g.slug || '/'",
        "translation_key": "gen_random_uuid()",
        "latest_revision_id": "NULL",
        "live_revision_id": "NULL",
        "alias_of_id": "NULL",
    }
    select = ", ".join(overrides.get(c, f'p."{c}"') for c in page_columns)
    article_columns = [f.column for f in NewsArticlePage._meta.local_concrete_fields if f.column != "page_ptr_id"]
    article_overrides = {"lead": "g.lead", "date": "now() - (g.n || ' minutes')::interval"}
    article_select = ", ".join(article_overrides.get(c, f'a."{c}"') for c in article_columns)
    content_type = ContentType.objects.get_for_model(NewsArticlePage).pk
    with transaction.atomic(), connection.cursor() as cursor:
        document_columns = ", ".join(f"d_{name} text" for name in prepared)
        cursor.execute(
            "CREATE TEMP TABLE g (n int, path text, slug text, title text, lead text, ftitle text,"
            f" flead text, {document_columns}, page_id int)"
        )
        copied = ", ".join(["n", "path", "slug", "title", "lead", "ftitle", "flead", *(f"d_{p}" for p in prepared)])
        with cursor.cursor.copy(f"COPY g ({copied}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({quoted(page_columns)}) "
            f"SELECT {select} FROM g, wagtailcore_page p WHERE p.id = %s",
            [model.pk],
        )
        cursor.execute("UPDATE g SET page_id = p.id FROM wagtailcore_page p WHERE p.path = g.path")
        cursor.execute(
            f"INSERT INTO portal_newsarticlepage (page_ptr_id, {quoted(article_columns)}) "
            f"SELECT g.page_id, {article_select} FROM g, portal_newsarticlepage a WHERE a.page_ptr_id = %s",
            [model.pk],
        )
        cursor.execute("UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s", [count, index.pk])
        # What Wagtail's indexer writes for an article (NewsArticlePage.search_fields, config 'simple'):
        # autocomplete = title and folded title; title = the title; body = lead, body text, and the
        # folded copies of title, lead and body (every clone has the model article's body).
        body = "g.lead || ' ' || %s || ' ' || g.ftitle || ' ' || g.flead || ' ' || %s"
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title_norm, autocomplete, title, body,"
            " title_text, body_text) SELECT %s, g.page_id::text, 1.0,"
            " to_tsvector('simple', g.title || ' ' || g.ftitle), to_tsvector('simple', g.title),"
            f" to_tsvector('simple', {body}), g.title, {body} FROM g",
            [content_type, body_text, fold(body_text), body_text, fold(body_text)],
        )
        # GIN indexes (fastupdate off for searches: articles are saved one at a time) are rebuilt
        # after the insert, as `CREATE INDEX` builds them: inserting 100,000 documents one index
        # entry at a time takes a minute more, and merging a pending list leaves them ten times
        # their size.
        table = SearchDocument._meta.db_table
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
            " WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [table],
        )
        gin_indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET LOCAL gin_pending_list_limit = '1GB'")
        for name in gin_indexes:
            cursor.execute(f"ALTER INDEX {name} SET (fastupdate = on)")
        types = {f.column: f.db_type(connection) for f in SearchDocument._meta.concrete_fields}
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, date, title, lead, body, {', '.join(prepared)})"
            " SELECT %s, g.page_id, now() - (g.n || ' minutes')::interval, g.title, g.lead, %s, "
            + ", ".join(f"g.d_{name}::{types[name]}" for name in prepared)
            + " FROM g",
            [content_type, body_text],
        )
        for name in gin_indexes:
            cursor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
            cursor.execute(f"REINDEX INDEX {name}")
    # What autovacuum does within a minute of a bulk insert (PostgreSQL 13+ vacuums after inserts):
    # statistics, and the visibility map that lets index-only scans skip the table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return [row[2] for row in rows]


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def measure(renders, articles):
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    rng = random.Random(4)
    slugs = [f"bench-{rng.randrange(articles)}" for _ in range(renders)]
    for slug in slugs[:10]:  # warm the process (templates, code), not the pages
        assert client.get(f"/tin-tuc/{slug}/?warm=1").status_code == 200
    render_ms, render_cpu = [], []
    for i, slug in enumerate(slugs):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(f"/tin-tuc/{slug}/?n={i}")
        render_ms.append((time.perf_counter() - started) * 1000)
        render_cpu.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, slug
    search_ms, search_cpu = [], []
    for round_ in range(SEARCH_ROUNDS):
        for query in QUERIES:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get("/tim-kiem/", {"q": query, "r": round_})
            search_ms.append((time.perf_counter() - started) * 1000)
            search_cpu.append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200, query
    return (render_ms, render_cpu), (search_ms, search_cpu)


def main():
    global DATABASE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="measure the database of a previous run")
    parser.add_argument("--database", default=DATABASE, help=f"the database to (re)build and measure ({DATABASE})")
    options = parser.parse_args()
    DATABASE = options.database
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",  # no collectstatic; DEBUG off below
        DJANGO_DEBUG="0",
        HUUNGHI_VAR_DIR=tempfile.mkdtemp(prefix="huunghi-bench-scale-"),  # its own page cache
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
        DJANGO_ALLOWED_HOSTS=".localhost,127.0.0.1,testserver",
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        DJANGO_SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="ERROR",
        # Persistent connections, as production runs (config.settings.production: 60 s).
        DATABASE_CONN_MAX_AGE=os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
    )
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    if not options.reuse:
        print(f"Preparing {DATABASE} with {options.articles} articles", flush=True)
        prepare_database(options.articles)
    load_before = os.getloadavg()[0]
    render, search = measure(options.renders, options.articles)
    print(
        f"load average (1 min) before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for name, (values, cpu) in (("cold render", render), ("search", search)):
        figure = p95(values)
        verdict = "met" if figure < TARGETS[name] else "NOT met"
        print(
            f"{name:12} p50 {statistics.median(values):6.1f} ms  p95 {figure:6.1f} ms  "
            f"target p95 < {TARGETS[name]:.0f} ms: {verdict}  ({len(values)} requests; "
            f"this process's CPU time p50 {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms)"
        )


if __name__ == "__main__":
    main()
