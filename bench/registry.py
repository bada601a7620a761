"""Registry benchmark: loaders, member counting and back-office pages on a grown tree.

Run: .venv/bin/python bench/registry.py [--branches 500] [--members-per-branch 10]
Uses a throw-away SQLite database (or DATABASE_URL if set — it must point at an empty database)
and prints one line per figure.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(label, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<58} {time.perf_counter() - started:8.2f} s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=500)
    parser.add_argument("--members-per-branch", type=int, default=10)
    args = parser.parse_args()

    os.environ.setdefault("HUUNGHI_VAR_DIR", tempfile.mkdtemp(prefix="huunghi-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "1"
    import django

    django.setup()

    import datetime

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from huunghi.core.adminunits import load_admin_units
    from huunghi.core.models import AdminUnit
    from huunghi.demo.services import load_demo
    from huunghi.orgs.models import HeadcountReport, Membership, Organization, Person
    from huunghi.orgs.selectors import member_counts
    from huunghi.users.models import User

    print(
        f"database: {connection.vendor}; branches added: {args.branches}; members per branch: {args.members_per_branch}"
    )
    timed("migrate", call_command, "migrate", verbosity=0)
    timed("load_admin_units (empty database)", load_admin_units)
    timed("load_admin_units (again, nothing to change)", load_admin_units)
    timed("load_demo (first run)", load_demo)
    timed("load_demo (again, nothing to change)", load_demo)

    # Grow Nghệ An's Việt–Lào association: branches in 2025 communes, each with a headcount report
    # and recorded members. Bulk inserts: this measures reads, not the audited write path.
    association = Organization.objects.get(slug="nghe-an-viet-lao")
    communes = list(AdminUnit.objects.filter(generation="2025", level="commune", parent__short_name="Nghệ An"))
    founded = datetime.date(2025, 8, 1)

    def grow():
        with transaction.atomic():
            start = Organization.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
            branches = [
                Organization(
                    pk=start + i,
                    name=f"Chi hội thử nghiệm {i}",
                    slug=f"bench-{i}",
                    kind="branch",
                    parent=association,
                    admin_unit=communes[i % len(communes)],
                    founded_on=founded,
                    path=f"{association.path}{start + i:07d}/",
                )
                for i in range(args.branches)
            ]
            Organization.objects.bulk_create(branches)
            HeadcountReport.objects.bulk_create(
                [HeadcountReport(organization=b, as_of=founded, count=40, source="bench") for b in branches]
            )
            people = Person.objects.bulk_create(
                [
                    Person(organization=b, full_name=f"Hội viên {b.pk}-{j}")
                    for b in branches
                    for j in range(args.members_per_branch)
                ]
            )
            Membership.objects.bulk_create(
                [Membership(organization=p.organization, person=p, joined_on=founded) for p in people]
            )

    timed(f"bulk-create {args.branches} branches and their members", grow)
    nghe_an = Organization.objects.get(slug="nghe-an")
    tree = list(Organization.objects.filter(path__startswith=nghe_an.path))
    totals = timed(f"member_counts for all {len(tree)} organizations of Nghệ An", member_counts, organizations=tree)
    print(f"{'Nghệ An members in total':<58} {totals[nghe_an.pk]:8d}")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="nghean.admin"))
    for label, url in [
        ("organization list (50 rows)", "/admin/snippets/orgs/organization/"),
        (
            "organization list, search 'thử nghiệm 4'",
            "/admin/snippets/orgs/organization/?q=th%E1%BB%AD+nghi%E1%BB%87m+4",
        ),
        ("member list (50 rows)", "/admin/snippets/orgs/membership/"),
        ("organization edit page", f"/admin/snippets/orgs/organization/edit/{association.pk}/"),
        ("organization CSV export (whole scope)", "/admin/snippets/orgs/organization/?export=csv"),
        ("administrative unit chooser, search 'Vinh'", "/admin/snippets/choose/core/adminunit/?q=Vinh"),
        ("dashboard", "/admin/"),
    ]:
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - started
        print(f"{label:<58} {elapsed * 1000:8.0f} ms {len(queries):5d} queries  HTTP {response.status_code}")


if __name__ == "__main__":
    main()
