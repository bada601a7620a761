#!/usr/bin/env python
"""Annual report at national scale (issue 7, must-have 6): a generated national data set on
PostgreSQL and three figures against the issue's targets.

The database `huunghi_bench_reports` (127.0.0.1:5432, user postgres) is created, migrated and
filled once: VUFO, 34 provincial unions (one per province of the 2025 list), their friendship
associations and branches founded over the years, about 1,000,000 members (people, memberships —
some people in two branches, some who left or went inactive — and headcount reports), 100,000
delegations and 100,000 events with foreign partners, countries and co-hosts (some shared by two
branches of one union, some by two unions), 100,000 aid transactions (pledges, commitments and
disbursements in VND and foreign currencies) on about 30,000 aid items, for 2017–2026. Rows go in
with COPY; a marker table records a finished data set, so later runs reuse it.

Then, warm, in-process (development settings, DEBUG off), several runs each, median and p95
(member counts are stored once counted, `huunghi.orgs.tallies`; the same reports with no stored
counts, as after a change to the members, are printed too):

  (a) one union-year annual report, target < 200 ms;
  (b) the national report for a year, target < 2 s;
  (c) the time spent in the report's SQL queries (summed with `connection.execute_wrapper`)
      against the same aggregates written as bare SQL here (delegations in/out, events by kind,
      aid received in VND, members at year end with the headcount rule, new branches), for the
      year and the year before; target ratio <= 1.5.

The report is `huunghi.reports.generator.union_report` / `national_report` when that module
exists; until then, the statistics calls a union-year report makes (`relations_stats`,
`aid_totals`, `member_counts`, branch counts — for the year and the year before).

    .venv/bin/python bench/reports.py [--reuse] [--fresh] [--year 2025] [--runs 15]
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATABASE = "huunghi_bench_reports"
SERVER = "postgresql://postgres@127.0.0.1:5432"
MARKER = "bench_reports_dataset"
DATASET_VERSION = 1
TARGETS = {"union": 200.0, "national": 2000.0, "ratio": 1.5}  # ms, ms, query time / bare SQL time

YEARS = range(2017, 2027)
FIRST_DAY, LAST_DAY = datetime.date(2017, 1, 1), datetime.date(2026, 12, 31)
MEMBERS = 1_000_000
DELEGATIONS = 100_000
EVENTS = 100_000
AID_TRANSACTIONS = 100_000
PARTNERS = 3_000
AGREEMENTS = 4_000
COUNTRIES = ("LA KH CN RU JP KR US FR DE CU IN TH GB AU IT PL CZ HU BG MN SG MY ID PH NL BE CA BR VE ZA").split()
LEVELS = ["state", "party", "peoples_org", "ngo", "business", "overseas_vietnamese"]
PARTNER_KINDS = ["state", "party", "peoples_org", "ngo", "diplomatic", "international", "business", "education"]
EVENT_KINDS = ["conference", "commemoration", "signing", "cultural", "executive_meeting", "other"]
AID_KINDS = ["program", "project", "non_project", "emergency", "scholarship"]
SECTORS = ["12220", "11220", "15150", "72010", "43040", "16010", "14030", "31120"]
CURRENCIES = [("VND", None, 55), ("USD", Decimal("24500.50"), 25), ("EUR", Decimal("26800.25"), 10),
              ("JPY", Decimal("168.35"), 5), ("KRW", Decimal("18.12"), 5)]  # fmt: skip
REFORM = datetime.date(2025, 7, 1)
DECREE_313_FROM = datetime.date(2025, 12, 8)


# --- Generation ------------------------------------------------------------------------------


def day_between(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange(max(0, (last - first).days) + 1))


def copy_rows(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


class Ids:
    """Explicit primary keys, so rows can refer to each other before they are written."""

    def __init__(self):
        self.next = {}

    def __call__(self, table):
        self.next[table] = self.next.get(table, 0) + 1
        return self.next[table]


def generate(seed=7):
    from django.db import connection

    from huunghi.core.models import AdminUnit

    rng = random.Random(seed)
    ids = Ids()
    tables = {}  # table -> (columns, rows)

    def add(table, columns, row):
        tables.setdefault(table, (columns, []))[1].append(row)

    org_columns = ["id", "name", "short_name", "name_en", "slug", "kind", "path", "partner_country", "founded_on",
                   "dissolved_on", "address", "phone", "email", "website", "description", "admin_unit_id",
                   "parent_id", "successor_id"]  # fmt: skip
    orgs = {}  # id -> dict(path, union, kind, founded, parent)

    def org(name, slug, kind, parent, founded, admin_unit, country="", dissolved=None):
        pk = ids("org")
        path = (orgs[parent]["path"] if parent else "") + f"{pk:07d}/"
        union = pk if kind == "provincial_union" else (orgs[parent]["union"] if parent else None)
        orgs[pk] = {"path": path, "union": union, "kind": kind, "founded": founded, "parent": parent}
        add("orgs_organization", org_columns,
            (pk, name, "", "", slug, kind, path, country, founded, dissolved, "", "", "", "", "", admin_unit,
             parent, None))  # fmt: skip
        return pk

    provinces = list(AdminUnit.objects.filter(generation="2025", level="province").order_by("code"))
    vufo = org("Liên hiệp các tổ chức hữu nghị Việt Nam", "bench-vufo", "national_union", None,
               datetime.date(1950, 5, 12), None)  # fmt: skip
    places = {}  # union id -> (legacy units, 2025 units): where its aid went
    unions, branches_of = [], {}
    for n, province in enumerate(provinces):
        union = org(f"Liên hiệp các tổ chức hữu nghị {province.name}", f"bench-{province.code}",
                    "provincial_union", vufo, datetime.date(1990 + n % 10, 3, 1), province.pk)  # fmt: skip
        unions.append(union)
        legacy = list(
            AdminUnit.objects.filter(generation="legacy", level="district", parent__successors=province).values_list(
                "pk", flat=True
            )
        )
        new = list(AdminUnit.objects.filter(generation="2025", parent=province).values_list("pk", flat=True))
        places[union] = (legacy or [province.pk], new or [province.pk])
        branches = branches_of[union] = []
        countries = rng.sample(COUNTRIES, rng.randint(8, 14))
        parents = [(union, None)]
        for code in countries:
            founded = (datetime.date(rng.randint(1995, 2015), rng.randint(1, 12), 1) if rng.random() < 0.9
                       else day_between(rng, FIRST_DAY, datetime.date(2026, 6, 30)))  # fmt: skip
            assoc = org(f"Hội hữu nghị Việt Nam – {code} {province.name}", f"bench-{province.code}-{code.lower()}",
                        "association", union, founded, None, country=code)  # fmt: skip
            parents.append((assoc, code))
        for parent, code in parents:
            for b in range(rng.randint(5, 12) if code else rng.randint(2, 5)):
                parent_founded = orgs[parent]["founded"]
                if rng.random() < 0.55 and parent_founded.year < 2017:
                    founded = day_between(
                        rng, max(parent_founded, datetime.date(2000, 1, 1)), datetime.date(2016, 12, 31)
                    )
                else:
                    founded = day_between(rng, max(parent_founded, FIRST_DAY), datetime.date(2026, 11, 20))
                dissolved = day_between(rng, founded, datetime.date(2026, 11, 20)) if rng.random() < 0.03 else None
                branch = org(f"Chi hội {b + 1} {code or ''} {province.name}", f"bench-{parent}-{b}", "branch", parent,
                             founded, province.pk, dissolved=dissolved)  # fmt: skip
                branches.append(branch)
                if rng.random() < 0.05:  # a branch under a branch
                    sub = org(f"Chi hội cơ sở {b + 1} {province.name}", f"bench-{branch}-sub", "branch", branch,
                              day_between(rng, founded, datetime.date(2026, 11, 20)), province.pk)  # fmt: skip
                    branches.append(sub)
    all_branches = [b for u in unions for b in branches_of[u]]
    print(f"  {len(orgs)} organizations ({len(all_branches)} branches)", flush=True)

    # Members: people recorded by branches (unions of very different sizes), one membership each,
    # some a second one in another branch of their union; some left, some went inactive.
    weights = [rng.lognormvariate(0, 0.8) for _ in all_branches]
    owner_of = rng.choices(all_branches, weights=weights, k=MEMBERS)
    person_columns = ["id", "full_name", "name_folded", "gender", "birth_date", "phone", "email", "address",
                      "occupation", "organization_id", "anonymized_on"]  # fmt: skip
    membership_columns = ["id", "joined_on", "left_on", "card_number", "note", "organization_id", "person_id"]
    change_columns = ["id", "status", "effective_on", "note", "membership_id"]
    genders = ["male", "female", "female", "male", "other"]
    today = datetime.date(2026, 11, 20)
    recorded = {}  # org id -> memberships recorded there (for headcount reports above them)
    for pk in range(1, MEMBERS + 1):
        branch = owner_of[pk - 1]
        add("orgs_person", person_columns,
            (pk, f"Hội viên {pk}", f"hoi vien {pk}", genders[pk % 5], None, "", "", "", "", branch, None))  # fmt: skip
        joins = [branch]
        if rng.random() < 0.03:
            other = rng.choice(branches_of[orgs[branch]["union"]])
            if other != branch:
                joins.append(other)
        for where in joins:
            start = max(orgs[where]["founded"], datetime.date(2000, 1, 1))
            joined = day_between(rng, start, today)
            left = day_between(rng, joined, today) if rng.random() < 0.07 else None
            membership = ids("membership")
            add("orgs_membership", membership_columns, (membership, joined, left, "", "", where, pk))
            recorded[where] = recorded.get(where, 0) + 1
            if rng.random() < 0.04:
                status = rng.choice(["inactive", "inactive", "moved", "deceased"])
                effective = day_between(rng, joined, today)
                add("orgs_membershipstatuschange", change_columns, (ids("change"), status, effective, "", membership))
                if status == "inactive" and rng.random() < 0.5 and effective < today:
                    add("orgs_membershipstatuschange", change_columns,
                        (ids("change"), "active", day_between(rng, effective + datetime.timedelta(days=1), today), "",
                         membership))  # fmt: skip

    # Headcount reports: every association and union, a quarter of the branches, once a year.
    headcount_columns = ["id", "as_of", "count", "source", "note", "organization_id"]
    for pk, node in orgs.items():
        if node["kind"] == "national_union" or (node["kind"] == "branch" and rng.random() > 0.25):
            continue
        base = recorded.get(pk, 0)
        for year in YEARS:
            as_of = datetime.date(year, 12, 31) if year < 2026 else datetime.date(2026, 6, 30)
            if as_of < node["founded"]:
                continue
            count = int(base * rng.uniform(0.9, 1.6)) + rng.randint(20, 400)
            add("orgs_headcountreport", headcount_columns, (ids("headcount"), as_of, count, "Báo cáo năm", "", pk))

    # Foreign partners, delegations, events, agreements.
    partner_columns = ["id", "name", "name_vi", "kind", "country", "city", "contact_person", "email", "phone",
                       "website", "address", "notes", "organization_id"]  # fmt: skip
    partners_by_country = {}
    for n in range(PARTNERS):
        pk, country = ids("partner"), rng.choice(COUNTRIES)
        partners_by_country.setdefault(country, []).append(pk)
        add("relations_foreignpartner", partner_columns,
            (pk, f"Partner {n}", "", rng.choice(PARTNER_KINDS), country, "", "", "", "", "", "", "",
             rng.choice(unions)))  # fmt: skip
    nodes_of = {u: [pk for pk, node in orgs.items() if node["union"] == u] for u in unions}
    kinds_of = {u: {k: [pk for pk in nodes_of[u] if orgs[pk]["kind"] == k] for k in ("association", "branch")}
                for u in unions}  # fmt: skip
    union_weights = [rng.uniform(0.3, 2.5) for _ in unions]

    def owner():
        union = rng.choices(unions, weights=union_weights)[0]
        roll = rng.random()
        if roll < 0.4:
            return union
        candidates = kinds_of[union]["association" if roll < 0.75 else "branch"]
        return rng.choice(candidates) if candidates else union

    def co_owner(owner_pk):
        union = orgs[owner_pk]["union"]
        if rng.random() < 0.6:
            return rng.choice(branches_of[union])
        return rng.choice(nodes_of[rng.choice(unions)])

    delegation_columns = ["id", "direction", "level", "title", "countries", "head_name", "head_title", "size",
                          "starts_on", "ends_on", "purpose", "programme", "outcome", "follow_up",
                          "organization_id"]  # fmt: skip
    for n in range(DELEGATIONS):
        pk, by = ids("delegation"), owner()
        starts = day_between(rng, FIRST_DAY, LAST_DAY)
        codes = rng.sample(COUNTRIES, 2 if rng.random() < 0.15 else 1)
        add("relations_delegation", delegation_columns,
            (pk, "incoming" if rng.random() < 0.55 else "outgoing", rng.choice(LEVELS), f"Đoàn {n}", ",".join(codes),
             "", "", rng.randint(1, 30), starts, starts + datetime.timedelta(days=rng.randint(0, 7)), "", "", "", "",
             by))  # fmt: skip
        chosen = set()
        for _ in range(rng.choice([0, 1, 1, 2])):
            country = codes[0] if rng.random() < 0.8 else rng.choice(COUNTRIES)
            chosen.add(rng.choice(partners_by_country.get(country) or partners_by_country[COUNTRIES[0]]))
        for partner in chosen:
            add("relations_delegation_partners", ["id", "delegation_id", "foreignpartner_id"],
                (ids("dpartner"), pk, partner))  # fmt: skip
        if rng.random() < 0.12:
            for host in {co_owner(by) for _ in range(rng.randint(1, 2))} - {by}:
                add("relations_delegation_hosts", ["id", "delegation_id", "organization_id"], (ids("dhost"), pk, host))
    event_columns = ["id", "kind", "title", "starts_on", "ends_on", "country", "city", "venue", "attendance",
                     "description", "outcome", "admin_unit_id", "executive_meeting_id", "organization_id"]  # fmt: skip
    province_of = {u: orgs_unit for u, orgs_unit in zip(unions, (p.pk for p in provinces), strict=True)}
    for n in range(EVENTS):
        pk, by = ids("event"), owner()
        starts = day_between(rng, FIRST_DAY, LAST_DAY)
        abroad = rng.random() < 0.2
        add("relations_event", event_columns,
            (pk, rng.choice(EVENT_KINDS), f"Sự kiện {n}", starts, starts + datetime.timedelta(days=rng.randint(0, 3)),
             rng.choice(COUNTRIES) if abroad else "", "", "", rng.randint(10, 500), "", "",
             None if abroad else province_of[orgs[by]["union"]], None, by))  # fmt: skip
        for table in ("relations_event_organizers", "relations_event_participants"):
            if rng.random() < 0.08:
                other = co_owner(by)
                if other != by:
                    add(table, ["id", "event_id", "organization_id"], (ids(table), pk, other))
        if rng.random() < 0.3:
            add("relations_event_partners", ["id", "event_id", "foreignpartner_id"],
                (ids("epartner"), pk, rng.randint(1, PARTNERS)))  # fmt: skip
    agreement_columns = ["id", "title", "signed_on", "starts_on", "ends_on", "status", "summary", "document_id",
                         "organization_id", "event_id", "partner_id"]  # fmt: skip
    for n in range(AGREEMENTS):
        signed = day_between(rng, datetime.date(2010, 1, 1), LAST_DAY)
        ends = signed + datetime.timedelta(days=365 * rng.randint(1, 6)) if rng.random() < 0.7 else None
        add("relations_cooperationagreement", agreement_columns,
            (ids("agreement"), f"Thỏa thuận {n}", signed, signed, ends,
             rng.choice(["in_force", "in_force", "expired", "terminated", "negotiating"]), "", None, owner(), None,
             rng.randint(1, PARTNERS)))  # fmt: skip

    # Aid: items with donors and places, and their money movements.
    item_columns = ["id", "title", "kind", "regime", "domestic_donors", "decision_number", "decision_date",
                    "decision_authority", "sector", "beneficiaries", "beneficiary_count", "status", "starts_on",
                    "ends_on", "description", "overrun_reason", "organization_id"]  # fmt: skip
    transaction_columns = ["id", "sort_order", "kind", "date", "amount", "currency", "rate", "rate_date", "amount_vnd",
                           "note", "aid_id", "donor_id"]  # fmt: skip
    currency_weights = [c[2] for c in CURRENCIES]
    transactions = 0
    while transactions < AID_TRANSACTIONS:
        pk, by = ids("aid"), owner()
        starts = day_between(rng, FIRST_DAY, LAST_DAY)
        regime = "decree_313_2025" if starts >= DECREE_313_FROM else "decree_80_2020"
        roll = rng.random()
        donors = [] if roll < 0.12 else rng.sample(range(1, PARTNERS + 1), 2 if roll > 0.85 else 1)
        domestic = "Doanh nghiệp trong tỉnh" if (not donors and rng.random() < 0.6) or rng.random() < 0.05 else ""
        add("aid_aiditem", item_columns,
            (pk, f"Khoản viện trợ {pk}", rng.choice(AID_KINDS), regime, domestic, "", None, "", rng.choice(SECTORS),
             "", None, "2", starts, None, "", "Bench", by))  # fmt: skip
        for donor in donors:
            add("aid_aiditem_donors", ["id", "aiditem_id", "foreignpartner_id"], (ids("donor"), pk, donor))
        legacy, new = places[orgs[by]["union"]]
        for order in range(0 if rng.random() < 0.1 else (2 if rng.random() < 0.05 else 1)):
            unit = rng.choice(new if starts >= REFORM else legacy)
            add("aid_aidplace", ["id", "sort_order", "admin_unit_id", "aid_id"], (ids("place"), order, unit, pk))
        for order in range(min(rng.randint(1, 6), AID_TRANSACTIONS - transactions)):
            transactions += 1
            currency, rate, _ = rng.choices(CURRENCIES, weights=currency_weights)[0]
            if currency == "VND":
                amount = Decimal(rng.randrange(5_000_000, 2_000_000_000, 1000))
                amount_vnd = amount
            elif currency in ("JPY", "KRW"):
                amount = Decimal(rng.randrange(100_000, 50_000_000))
                amount_vnd = (amount * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            else:
                amount = Decimal(rng.randrange(100_000, 10_000_000)) / 100
                amount_vnd = (amount * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            day = min(starts + datetime.timedelta(days=rng.randrange(400)), LAST_DAY)
            kind = rng.choices(["pledge", "commitment", "disbursement"], weights=[15, 20, 65])[0]
            donor = rng.choice(donors) if donors and rng.random() < 0.3 else None
            add("aid_aidtransaction", transaction_columns,
                (ids("transaction"), order, kind, day, amount, currency, rate, day if rate else None, amount_vnd, "",
                 pk, donor))  # fmt: skip

    # Members are recorded branch by branch (a member sheet per organization), so their rows lie
    # together on disk as they do in production.
    tables["orgs_membership"][1].sort(key=lambda row: row[5])
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for table, (columns, rows) in tables.items():
            started = time.monotonic()
            copy_rows(raw, table, columns, rows)
            print(f"  {table:<34} {len(rows):>9,} rows  {time.monotonic() - started:6.1f} s", flush=True)
        for table in tables:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("ANALYZE")
    return {table: len(rows) for table, (columns, rows) in tables.items()}


def prepare(fresh):
    """Create, migrate and fill the database unless a finished data set is there (the marker)."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and fresh:
            connection.execute(f"DROP DATABASE {DATABASE}")
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {MARKER} (version int, generated_at timestamptz,"
                           " seconds float, sizes text)")  # fmt: skip
        done = connection.execute(
            f"SELECT seconds, sizes FROM {MARKER} WHERE version = %s", [DATASET_VERSION]
        ).fetchone()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)  # new migrations (indexes) on a reused data set too
    if done:
        print(f"Reusing {DATABASE} (generated in {done[0]:.0f} s: {done[1]})", flush=True)
        return
    from django.db import connection, transaction

    from huunghi.core.adminunits import load_admin_units
    from huunghi.orgs.models import Organization

    if Organization.objects.exists():
        sys.exit(f"{DATABASE} holds an unfinished data set: run again with --fresh")
    print(f"Generating the national data set in {DATABASE}", flush=True)
    started = time.monotonic()
    load_admin_units()
    with transaction.atomic():
        sizes = generate()
    seconds = time.monotonic() - started
    summary = ", ".join(f"{table} {count}" for table, count in sizes.items())
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, now(), %s, %s)", [DATASET_VERSION, seconds, summary])
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, before measuring
    print(f"Data set generated in {seconds:.0f} s", flush=True)


# --- Measuring -------------------------------------------------------------------------------


class QueryTimer:
    """Sums the time of every SQL query run inside it (connection.execute_wrapper)."""

    def __init__(self):
        self.seconds, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def report_functions():
    """(union report, national report): the generator's, or the statistics calls it makes."""
    try:
        from huunghi.reports.generator import national_report, union_report
    except ImportError:
        pass
    else:
        return "huunghi.reports.generator", union_report, national_report
    return "statistics calls (no huunghi/reports/generator.py yet)", stats_union_report, stats_national_report


def _year_figures(organizations, year):
    """What a report reads for one year: relations, aid, members at the start and end, branches."""
    from huunghi.aid.aggregates import aid_totals_many
    from huunghi.orgs.selectors import member_counts
    from huunghi.relations.stats import relations_stats_many, year_range

    start, end = year_range(year)
    return {
        "relations": relations_stats_many(organizations=organizations, start=start, end=end),
        "aid": aid_totals_many(organizations=organizations, start=start, end=end),
        "members_start": member_counts(organizations=organizations, on=start - datetime.timedelta(days=1)),
        "members_end": member_counts(organizations=organizations, on=end),
        "new_branches": _new_branches(organizations, start, end),
    }


def _new_branches(organizations, start, end):
    from huunghi.orgs.models import Organization

    return {
        o.pk: list(
            Organization.objects.filter(
                path__startswith=o.path, kind="branch", founded_on__gte=start, founded_on__lte=end
            ).order_by("founded_on", "name")
        )
        for o in organizations
    }


def stats_union_report(*, organization, year):
    return [_year_figures([organization], y) for y in (year, year - 1)]


def stats_national_report(*, year):
    from huunghi.orgs.models import Organization

    organizations = list(Organization.objects.filter(kind__in=["national_union", "provincial_union"]))
    return [_year_figures(organizations, y) for y in (year, year - 1)]


BARE_SQL = {
    "delegations in/out": """
        WITH sub AS (SELECT id FROM orgs_organization WHERE path LIKE %(prefix)s)
        SELECT d.direction, count(*) FROM relations_delegation d
        WHERE d.starts_on BETWEEN %(start)s AND %(end)s
          AND (d.organization_id IN (SELECT id FROM sub)
               OR EXISTS (SELECT 1 FROM relations_delegation_hosts h
                          WHERE h.delegation_id = d.id AND h.organization_id IN (SELECT id FROM sub)))
        GROUP BY d.direction""",
    "events by kind": """
        WITH sub AS (SELECT id FROM orgs_organization WHERE path LIKE %(prefix)s)
        SELECT e.kind, count(*) FROM relations_event e
        WHERE e.starts_on BETWEEN %(start)s AND %(end)s
          AND (e.organization_id IN (SELECT id FROM sub)
               OR EXISTS (SELECT 1 FROM relations_event_organizers x
                          WHERE x.event_id = e.id AND x.organization_id IN (SELECT id FROM sub))
               OR EXISTS (SELECT 1 FROM relations_event_participants x
                          WHERE x.event_id = e.id AND x.organization_id IN (SELECT id FROM sub)))
        GROUP BY e.kind""",
    "aid received (VND)": """
        SELECT coalesce(sum(t.amount_vnd), 0) FROM aid_aidtransaction t
        JOIN aid_aiditem i ON i.id = t.aid_id JOIN orgs_organization o ON o.id = i.organization_id
        WHERE o.path LIKE %(prefix)s AND t.kind = 'disbursement' AND t.date BETWEEN %(start)s AND %(end)s""",
    "members at year end": """
        WITH sub AS (SELECT id, path FROM orgs_organization WHERE path LIKE %(prefix)s),
        counted AS (
            SELECT m.organization_id, m.person_id FROM orgs_membership m
            WHERE m.organization_id IN (SELECT id FROM sub) AND m.joined_on <= %(end)s
              AND (m.left_on IS NULL OR m.left_on > %(end)s)
              AND NOT EXISTS (
                  SELECT 1 FROM orgs_membershipstatuschange c
                  WHERE c.membership_id = m.id AND c.effective_on <= %(end)s AND c.status <> 'active'
                    AND NOT EXISTS (SELECT 1 FROM orgs_membershipstatuschange l
                                    WHERE l.membership_id = c.membership_id AND l.effective_on > c.effective_on
                                      AND l.effective_on <= %(end)s))),
        reported AS (SELECT DISTINCT ON (organization_id) organization_id, count FROM orgs_headcountreport
                     WHERE organization_id IN (SELECT id FROM sub) AND as_of <= %(end)s
                     ORDER BY organization_id, as_of DESC),
        here AS (SELECT organization_id, count(DISTINCT person_id) AS n FROM counted
                 WHERE organization_id IN (SELECT organization_id FROM reported) GROUP BY organization_id)
        SELECT (SELECT count(DISTINCT person_id) FROM counted)
             + (SELECT coalesce(sum(greatest(0, r.count - coalesce(h.n, 0))), 0)
                FROM reported r LEFT JOIN here h USING (organization_id))""",
    "new branches": """
        SELECT count(*) FROM orgs_organization
        WHERE path LIKE %(prefix)s AND kind = 'branch' AND founded_on BETWEEN %(start)s AND %(end)s""",
}


def bare_sql(organization, year):
    """The same aggregates, hand-written, for the year and the year before; returns the figures."""
    from django.db import connection

    figures = {}
    with connection.cursor() as cursor:
        for y in (year, year - 1):
            params = {
                "prefix": organization.path + "%",
                "start": datetime.date(y, 1, 1),
                "end": datetime.date(y, 12, 31),
            }
            for name, sql in BARE_SQL.items():
                cursor.execute(sql, params)
                figures[(y, name)] = cursor.fetchall()
            params["end"] = datetime.date(y - 1, 12, 31)  # members at the start of the year
            cursor.execute(BARE_SQL["members at year end"], params)
            figures[(y, "members at start")] = cursor.fetchall()
    return figures


def check_bare_sql(organization, year):
    """The bare SQL computes the same figures as the statistics functions (else the comparison
    would mean nothing)."""
    from huunghi.aid.aggregates import aid_totals
    from huunghi.orgs.models import Organization
    from huunghi.orgs.selectors import member_count
    from huunghi.relations.stats import relations_stats, year_range

    figures = bare_sql(organization, year)
    for y in (year, year - 1):
        start, end = year_range(y)
        stats = relations_stats(organization=organization, start=start, end=end)
        branches = Organization.objects.filter(
            path__startswith=organization.path, kind="branch", founded_on__gte=start, founded_on__lte=end
        )
        expected = {
            "delegations in/out": {k: v for k, v in stats.delegations.items() if v},
            "events by kind": stats.events,
            "aid received (VND)": aid_totals(organization=organization, start=start, end=end).received_vnd,
            "members at year end": member_count(organization=organization, on=end),
            "members at start": member_count(organization=organization, on=start - datetime.timedelta(days=1)),
            "new branches": branches.count(),
        }
        for name, value in expected.items():
            rows = figures[(y, name)]
            got = dict(rows) if isinstance(value, dict) else rows[0][0]
            assert got == value, (organization.slug, y, name, got, value)


def timed_runs(func, runs):
    from django.db import connection

    func()  # warm
    wall, query = [], []
    for _ in range(runs):
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            func()
            wall.append((time.perf_counter() - started) * 1000)
        query.append(timer.seconds * 1000)
    return wall, query


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def line(label, values, target):
    figure = p95(values)
    verdict = "met" if figure < target else "NOT met"
    return (f"{label:<34} median {statistics.median(values):8.1f} ms  p95 {figure:8.1f} ms  "
            f"target < {target:.0f} ms: {verdict}  ({len(values)} runs)")  # fmt: skip


def measure(year, runs):
    from huunghi.orgs.models import Organization

    source, union_report, national_report = report_functions()
    print(f"Report: {source}; year {year}", flush=True)
    unions = list(Organization.objects.filter(kind="provincial_union").order_by("path"))
    rng = random.Random(year)
    picked = [rng.choice(unions) for _ in range(runs)]

    for organization in picked[:3]:
        check_bare_sql(organization, year)
    print("Bare SQL gives the same figures as the statistics functions (3 unions checked)", flush=True)
    # (a) one union-year report, a different union each run.
    union_wall, union_query, bare = [], [], []
    for organization in [picked[0], *picked]:
        w, q = timed_runs(lambda o=organization: union_report(organization=o, year=year), 1)
        b, _ = timed_runs(lambda o=organization: bare_sql(o, year), 1)
        union_wall += w
        union_query += q
        bare += b
    union_wall, union_query, bare = union_wall[1:], union_query[1:], bare[1:]  # first: warm-up of the process
    # The statistics calls alone (what the bare SQL computes, with their breakdowns), same unions.
    stats_query = []
    for organization in picked:
        stats_query += timed_runs(lambda o=organization: stats_union_report(organization=o, year=year), 1)[1]
    # (b) the national report.
    national_wall, national_query = timed_runs(lambda: national_report(year=year), max(3, runs // 3))
    vufo = Organization.objects.get(kind="national_union")
    national_bare, _ = timed_runs(lambda: bare_sql(vufo, year), max(3, runs // 3))

    # The same, with no stored member counts (the first report after members changed): counted.
    from django.db import connection

    from huunghi.orgs.models import MemberTally

    cold_query = []

    def cold(func):
        MemberTally.objects.all().delete()
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            func()
            wall = (time.perf_counter() - started) * 1000
        cold_query.append(timer.seconds * 1000)
        return wall

    union_cold = [cold(lambda o=o: union_report(organization=o, year=year)) for o in picked[: max(3, runs // 3)]]
    union_cold_query = list(cold_query)
    national_cold = [cold(lambda: national_report(year=year)) for _ in range(3)]
    national_report(year=year)  # stored again, as a first report leaves them

    print(line("(a) union-year report", union_wall, TARGETS["union"]))
    print(line("(b) national report", national_wall, TARGETS["national"]))
    print(line("    union-year, members counted", union_cold, TARGETS["union"]) + " — not stored yet")
    print(line("    national, members counted", national_cold, TARGETS["national"]) + " — not stored yet")
    ratio = statistics.median(union_query) / statistics.median(bare)
    verdict = "met" if ratio <= TARGETS["ratio"] else "NOT met"
    print(
        f"(c) union-year report's queries   median {statistics.median(union_query):8.1f} ms; the same aggregates "
        f"as bare SQL median {statistics.median(bare):8.1f} ms: ratio {ratio:.2f}, target <= {TARGETS['ratio']}: "
        f"{verdict}"
    )
    cold_ratio = statistics.median(union_cold_query) / statistics.median(bare)
    print(
        f"    the same, members counted     median {statistics.median(union_cold_query):8.1f} ms: ratio "
        f"{cold_ratio:.2f} — {'met' if cold_ratio <= TARGETS['ratio'] else 'NOT met'} (not stored yet)"
    )
    stats_ratio = statistics.median(stats_query) / statistics.median(bare)
    print(
        f"    statistics calls' queries     median {statistics.median(stats_query):8.1f} ms (relations_stats_many, "
        f"aid_totals_many, member_counts, new branches; year and year before): ratio {stats_ratio:.2f}"
    )
    national_ratio = statistics.median(national_query) / statistics.median(national_bare)
    print(
        f"    national report's queries     median {statistics.median(national_query):8.1f} ms; bare SQL for "
        f"VUFO's tree only (not each union's) median {statistics.median(national_bare):8.1f} ms: "
        f"ratio {national_ratio:.2f} (for information)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="measure only: the data set must already be there")
    parser.add_argument("--fresh", action="store_true", help="drop the database and generate the data set again")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="0",
        HUUNGHI_VAR_DIR=tempfile.mkdtemp(prefix="huunghi-bench-reports-"),
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(REPO))
    if options.reuse:
        import django

        django.setup()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"SELECT seconds, sizes FROM {MARKER} WHERE version = %s", [DATASET_VERSION])
            done = cursor.fetchone()
        if not done:
            sys.exit(f"No finished data set in {DATABASE}: run without --reuse")
        print(f"Reusing {DATABASE} (generated in {done[0]:.0f} s: {done[1]})", flush=True)
    else:
        prepare(options.fresh)
    measure(options.year, options.runs)


if __name__ == "__main__":
    main()
