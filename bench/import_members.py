"""Member import benchmark: a realistic 100,000-row sheet into the Nghệ An union, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/import_members.py [--rows 100000] [--db sqlite|postgres|both] [--profile]

1. Generates the sheet (bench/member_sheet.py: Việt–Lào branch members, mixed date and phone shapes,
   ~1% repeated people, ~0.5% bad rows), cached under the temp dir by row count.
2. For each database: a fresh schema (migrate, load_admin_units, load_demo) in one subprocess —
   SQLite in a new temp file, PostgreSQL as `huunghi_bench` (dropped and created again; skipped
   when the server cannot be reached; BENCH_POSTGRES_URL overrides the address) — then the import
   in another (`run_import(..., on_duplicate="skip")`), so that the peak memory measured is the
   import's own process.
3. Prints one line per database: rows, seconds, rows/s, peak RSS, counts; targets ≥ 3,000 rows/s
   and < 500 MB. `--profile` runs the import under cProfile and prints the top functions.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_ROWS_PER_SECOND = 3000
TARGET_PEAK_MB = 500
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/huunghi_bench")
CACHE_DIR = Path(tempfile.gettempdir()) / "huunghi-bench-members"
RESULT_MARK = "BENCH-RESULT "


def sheet_path(rows):
    from bench.member_sheet import VERSION, write_member_sheet

    CACHE_DIR.mkdir(exist_ok=True)
    path = CACHE_DIR / f"members-{rows}-v{VERSION}.xlsx"
    if path.exists():
        print(f"sheet: {path} ({path.stat().st_size / 1024 / 1024:.1f} MB, cached)")
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial.xlsx")
    write_member_sheet(partial, rows)
    partial.rename(path)
    elapsed = time.perf_counter() - started
    print(f"sheet: {path} ({path.stat().st_size / 1024 / 1024:.1f} MB) generated in {elapsed:.1f} s")
    return path


# --------------------------------------------------------------------- child processes


def _django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()


def child_setup():
    """Fresh schema and demo data in the database DATABASE_URL names."""
    _django()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"set-up (migrate, load_admin_units, load_demo) {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _by_column(rejections):
    """{column: [count, first message]}: what was refused, in a few lines."""
    by_column = {}
    for rejection in rejections:
        entry = by_column.setdefault(rejection.column, [0, rejection.message])
        entry[0] += 1
    return by_column


def child_import(path, profile_to=None):
    """One import, timed; prints a JSON line with the figures."""
    import resource

    _django()
    from django.db import connection

    from huunghi.members.importer import run_import
    from huunghi.orgs.models import Membership, Organization, Person

    organization = Organization.objects.get(slug="nghe-an")
    people_before = Person.objects.count()
    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def call():
        return run_import(path, organization=organization, on_duplicate="skip", file_name=Path(path).name)

    started = time.perf_counter()
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(call)
        profiler.dump_stats(profile_to)
    else:
        result = call()
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    figures = {
        "vendor": connection.vendor,
        "seconds": seconds,
        "peak_mb": peak_kib / 1024,
        "before_mb": before_kib / 1024,
        "counts": result.counts,
        "skipped": result.skipped,
        "rows_total": result.rows_total,
        "fatal": result.fatal,
        "written": result.written,
        "people_added": Person.objects.count() - people_before,
        "memberships": Membership.objects.count(),
        "rejections_by_column": _by_column(result.rejections),
    }
    print(RESULT_MARK + json.dumps(figures, ensure_ascii=False))


# --------------------------------------------------------------------- the driver


def _run(args, env, label):
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"{label} failed (exit {completed.returncode})")
    return completed, time.perf_counter() - started


def _postgres_ready():
    """Drops and creates the bench database; False (with a message) when the server is unreachable."""
    try:
        import psycopg
    except ImportError:
        print("postgres: skipped, psycopg is not installed")
        return False
    server, _, name = POSTGRES_URL.rpartition("/")
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"postgres: skipped, {server} cannot be reached ({str(error).strip().splitlines()[0]})")
        return False
    return True


def bench_database(db, path, rows, profile):
    var_dir = tempfile.mkdtemp(prefix=f"huunghi-bench-{db}-")
    env = {**os.environ, "HUUNGHI_VAR_DIR": var_dir, "DJANGO_DEBUG": "0", "LOG_LEVEL": "ERROR"}
    if db == "postgres":
        if not _postgres_ready():
            return None
        env["DATABASE_URL"] = POSTGRES_URL
    else:
        env["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    # load_demo refuses to run without DEBUG (its accounts have a known password); the import runs
    # without it, so that Django does not keep every query in memory.
    _, setup_seconds = _run(["--child-setup"], {**env, "DJANGO_DEBUG": "1"}, f"{db} set-up")
    print(f"{db}: fresh schema and demo data in {setup_seconds:.1f} s")
    child = ["--child-import", str(path)]
    profile_file = None
    if profile:
        profile_file = Path(var_dir) / "import.prof"
        child += ["--profile-to", str(profile_file)]
    completed, _ = _run(child, env, f"{db} import")
    line = next(x for x in reversed(completed.stdout.splitlines()) if x.startswith(RESULT_MARK))
    figures = json.loads(line.removeprefix(RESULT_MARK))
    figures.update(database=db, rows=rows)
    if profile_file:
        import pstats

        print(f"\n{db}: cProfile of the import (top 30 by own time, then by cumulative time)")
        stats = pstats.Stats(str(profile_file))
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(30)
    return figures


def print_table(results):
    print()
    print(f"{'database':<10} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'peak MB':>8}  counts")
    for r in results:
        rate = r["rows"] / r["seconds"] if r["seconds"] else 0
        counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items())
        print(f"{r['database']:<10} {r['rows']:>8} {r['seconds']:>8.1f} {rate:>8.0f} {r['peak_mb']:>8.0f}  {counts}")
        rate_ok = "ok" if rate >= TARGET_ROWS_PER_SECOND else "BELOW TARGET"
        memory_ok = "ok" if r["peak_mb"] < TARGET_PEAK_MB else "OVER TARGET"
        print(f"{'':<10} target ≥ {TARGET_ROWS_PER_SECOND:,} rows/s: {rate_ok}; < {TARGET_PEAK_MB} MB: {memory_ok} "
              f"(process before the import: {r['before_mb']:.0f} MB)")  # fmt: skip
        print(f"{'':<10} written: {r['written']}; people added {r['people_added']}, duplicates skipped "
              f"{r['skipped']}, sheet rows after the header {r['rows_total']}")  # fmt: skip
        if r["fatal"]:
            print(f"{'':<10} FATAL: {r['fatal']}")
        for column, (count, message) in sorted(r["rejections_by_column"].items()):
            print(f"{'':<10} rejected {count:>5} × {column}: {message[:80]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--profile", action="store_true", help="run the import under cProfile and print hot spots")
    parser.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-import", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child_setup:
        return child_setup()
    if args.child_import:
        return child_import(args.child_import, args.profile_to)

    path = sheet_path(args.rows)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [r for db in databases if (r := bench_database(db, path, args.rows, args.profile))]
    if results:
        print_table(results)


if __name__ == "__main__":
    main()
