"""Stored member counts (số hội viên theo ngày): `member_counts` without counting again.

Counting the distinct members of a subtree on a date reads every membership under it: seconds for
the whole country with a million members, asked for twice by every annual report, by dashboards
and by the portal's structure pages. So a count, once made, is stored (`MemberTally`, per
organization and date) with a stamp: the database's clock read *before* counting.

What a count depends on — memberships, their status changes, headcount reports, where an
organization sits in the tree — marks the organization where it changed (`MemberTallyMark`) with
the clock at the change. A stored count is used only while its stamp is later than every mark in
its subtree; otherwise it is counted again and stored over the old one. Marks are written in the
writer's transaction (so its own later reads count again) and once more after it commits, so a
count that began before the commit, and may have missed the change, is older than the mark.

Signals mark single saves and deletes (`orgs.signals`); writers that bypass them (the member
importer's bulk inserts, `QuerySet.update`) call `mark_changed` themselves.
"""

from django.db import connections, router, transaction

from .models import MemberTally, MemberTallyMark, Organization

CLOCK_SQL = {  # microseconds since the epoch, on the database's clock
    # On a replica, the time of the last transaction it replayed: what it shows is at least that recent.
    "postgresql": "(extract(epoch FROM coalesce(pg_last_xact_replay_timestamp(), clock_timestamp()))"
    " * 1000000)::bigint",
    "sqlite": "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)",
}


def mark_changed(organization_ids):
    """Stored counts of these organizations and of everything above them are out of date."""
    ids = sorted({int(pk) for pk in organization_ids if pk})
    if not ids:
        return
    alias = router.db_for_write(MemberTallyMark)
    _write_marks(ids, alias)
    if connections[alias].in_atomic_block:
        transaction.on_commit(lambda: _write_marks(ids, alias), using=alias)


def _write_marks(ids, alias):
    """One upsert, stamped by the database's clock (PostgreSQL and SQLite share the syntax)."""
    connection = connections[alias]
    now = CLOCK_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {MemberTallyMark._meta.db_table} (organization_id, changed)"  # noqa: S608  (constants)
            f" VALUES {', '.join([f'(%s, {now})'] * len(ids))}"
            " ON CONFLICT (organization_id) DO UPDATE SET changed = excluded.changed",
            ids,
        )


def stored_or_counted(organizations, on, count):
    """{pk: members on `on`} of `organizations`: stored counts still valid, the rest from
    `count(organizations, on)` (which returns the same shape), then stored."""
    organizations = list({o.pk: o for o in organizations}.values())
    alias = router.db_for_read(MemberTally)
    stamp, latest = _clock_and_marks(organizations, alias)  # the clock before counting: see above
    stored = {
        pk: (stored_stamp, value)
        for pk, stored_stamp, value in MemberTally.objects.using(alias)
        .filter(organization_id__in=[o.pk for o in organizations], on=on)
        .values_list("organization_id", "stamp", "count")
    }
    result, missing = {}, []
    for organization in organizations:
        found = stored.get(organization.pk)
        if found and found[0] > latest.get(organization.path, 0):
            result[organization.pk] = found[1]
        else:
            missing.append(organization)
    if missing:
        counted = count(missing, on)
        result.update(counted)
        _store(counted, on, stamp)
    return result


def _clock_and_marks(organizations, alias):
    """The clock now, and {path: the latest mark in its subtree} for the organizations' paths
    (absent when none), in one query."""
    connection = connections[alias]
    marks, organizations_table = MemberTallyMark._meta.db_table, Organization._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.now, o.path, m.changed FROM (SELECT {CLOCK_SQL[connection.vendor]} AS now) c"  # noqa: S608
            f" LEFT JOIN ({marks} m JOIN {organizations_table} o ON o.id = m.organization_id) ON 1 = 1"
        )
        rows = cursor.fetchall()
    paths = {o.path for o in organizations}
    latest = {}
    for _now, path, changed in rows:
        if path is None:
            continue
        ancestor = ""
        for segment in path.split("/")[:-1]:  # the organization and each one above it
            ancestor += segment + "/"
            if ancestor in paths and changed > latest.get(ancestor, 0):
                latest[ancestor] = changed
    return rows[0][0], latest


KEEP_OTHER_DAYS = 2 * 24 * 3600 * 1_000_000  # µs: counts of days other than 31 December


def _store(counted, on, stamp):
    """Store the counts. Year-end counts (31 December: what reports compare) are kept; counts of
    other days (today's, on dashboards and portal pages) only for two days, so the table does not
    grow by a row per organization every day."""
    alias = router.db_for_write(MemberTally)
    rows = [MemberTally(organization_id=pk, on=on, stamp=stamp, count=n) for pk, n in sorted(counted.items())]
    MemberTally.objects.using(alias).filter(
        organization_id__in=list(counted), stamp__lt=stamp - KEEP_OTHER_DAYS
    ).exclude(on__month=12, on__day=31).delete()
    MemberTally.objects.using(alias).bulk_create(
        rows, update_conflicts=True, unique_fields=["organization", "on"], update_fields=["stamp", "count"]
    )
