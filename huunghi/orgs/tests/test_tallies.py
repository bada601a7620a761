"""Stored member counts: the same figures as counting, and never stale after a change."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huunghi.core.services import record_create, record_delete, record_update, snapshot
from huunghi.orgs.models import (
    HeadcountReport,
    Membership,
    MembershipStatusChange,
    MemberTally,
    MemberTallyMark,
    Organization,
    Person,
)
from huunghi.orgs.selectors import count_members, member_count, member_counts
from huunghi.orgs.tallies import CLOCK_SQL

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 1)


def clock():
    """The database's clock, as stored counts and marks are stamped."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {CLOCK_SQL[connection.vendor]}")
        return cursor.fetchone()[0]


def org(slug):
    return Organization.objects.get(slug=slug)


def new_member(organization, name="Trần Văn Tính", joined=DAY):
    # Recorded by the association above, so the membership may move between its branches.
    person = record_create(instance=Person(organization=organization.parent, full_name=name), acting_user=None)
    return record_create(instance=Membership(organization=organization, person=person, joined_on=joined),
                         acting_user=None)  # fmt: skip


def test_stored_counts_equal_counting_for_every_organization_and_date():
    organizations = list(Organization.objects.all())
    for day in (datetime.date(2023, 12, 31), datetime.date(2024, 12, 31), DAY):
        counted = count_members(organizations=organizations, on=day)
        assert member_counts(organizations=organizations, on=day) == counted  # counted, then stored
        assert MemberTally.objects.filter(on=day).count() == len(organizations)
        assert member_counts(organizations=organizations, on=day) == counted  # read back


def test_a_stored_count_is_read_not_counted_again():
    nghe_an = org("nghe-an")
    first = member_count(organization=nghe_an, on=DAY)
    with CaptureQueriesContext(connection) as queries:
        assert member_count(organization=nghe_an, on=DAY) == first
    assert not any("orgs_membership" in q["sql"] for q in queries.captured_queries)


def unreported_branch(union):
    """A branch of the union without its headcount reports: each recorded member adds one."""
    branch = Organization.objects.filter(kind="branch", path__startswith=union.path).order_by("path").first()
    for report in branch.headcounts.all():
        record_delete(instance=report, acting_user=None)
    return branch


def test_a_new_member_changes_the_counts_up_the_tree_at_once():
    union = org("nghe-an")
    branch = unreported_branch(union)
    association = branch.parent
    before = member_counts(organizations=[branch, association, union], on=DAY)
    membership = new_member(branch, joined=DAY - datetime.timedelta(days=10))
    after = member_counts(organizations=[branch, association, union], on=DAY)
    assert after == {pk: n + 1 for pk, n in before.items()}

    record_delete(instance=membership, acting_user=None)
    assert member_counts(organizations=[branch, association, union], on=DAY) == before


def test_a_status_change_and_a_leaving_date_change_the_count():
    branch = unreported_branch(org("nghe-an"))
    membership = new_member(branch, joined=datetime.date(2024, 1, 1))
    with_them = member_count(organization=branch, on=DAY)
    MembershipStatusChange.objects.create(
        membership=membership, status="inactive", effective_on=datetime.date(2024, 3, 1)
    )
    assert member_count(organization=branch, on=DAY) == with_them - 1
    MembershipStatusChange.objects.filter(membership=membership).get().delete()
    assert member_count(organization=branch, on=DAY) == with_them
    before = snapshot(membership)
    membership.left_on = datetime.date(2024, 5, 1)
    record_update(instance=membership, acting_user=None, before=before)
    assert member_count(organization=branch, on=DAY) == with_them - 1


def test_a_headcount_report_changes_the_count():
    branch = org("nghe-an-viet-nga-vinh")
    before = member_count(organization=branch, on=DAY)
    report = record_create(
        instance=HeadcountReport(organization=branch, as_of=datetime.date(2024, 5, 1), count=before + 500,
                                 source="Báo cáo quý II"),
        acting_user=None,
    )  # fmt: skip
    assert member_count(organization=branch, on=DAY) == before + 500
    record_delete(instance=report, acting_user=None)
    assert member_count(organization=branch, on=DAY) == before


def test_a_member_moved_to_another_branch_leaves_the_first_one():
    vinh, dien_chau = unreported_branch(org("nghe-an")), org("nghe-an-viet-nga-dien-chau")
    membership = new_member(vinh)
    before = member_counts(organizations=[vinh, dien_chau], on=DAY)
    old = snapshot(membership)
    membership.organization = dien_chau
    record_update(instance=membership, acting_user=None, before=old)
    after = member_counts(organizations=[vinh, dien_chau], on=DAY)
    assert after[vinh.pk] == before[vinh.pk] - 1
    assert after[dien_chau.pk] >= before[dien_chau.pk]  # unless a reported headcount already covers them


def test_a_branch_moved_to_another_association_takes_its_members_along():
    branch, viet_nga, viet_lao = org("nghe-an-viet-nga-dien-chau"), org("nghe-an-viet-nga"), org("nghe-an-viet-lao")
    before = member_counts(organizations=[branch, viet_nga, viet_lao], on=DAY)
    old = snapshot(branch)
    branch.parent = viet_lao
    record_update(instance=branch, acting_user=None, before=old)
    after = member_counts(organizations=[branch, viet_nga, viet_lao], on=DAY)
    assert after[viet_nga.pk] == before[viet_nga.pk] - before[branch.pk]
    assert after[viet_lao.pk] == before[viet_lao.pk] + before[branch.pk]


def test_a_count_begun_before_a_change_was_committed_is_not_used():
    """A count stamped before the change's mark (it may have missed the change) is counted again."""
    branch = org("nghe-an-viet-nga-vinh")
    true_count = count_members(organizations=[branch], on=DAY)[branch.pk]
    stamp = clock()
    MemberTally.objects.create(organization=branch, on=DAY, stamp=stamp, count=true_count + 99)
    MemberTallyMark.objects.update_or_create(organization_id=branch.pk, defaults={"changed": stamp + 1})
    assert member_count(organization=branch, on=DAY) == true_count
    assert MemberTally.objects.get(organization=branch, on=DAY).count == true_count


def test_a_changed_branch_leaves_other_unions_stored_counts_alone():
    nghe_an, thanh_hoa = org("nghe-an"), org("thanh-hoa")
    member_counts(organizations=[nghe_an, thanh_hoa], on=DAY)
    stored = MemberTally.objects.get(organization=thanh_hoa, on=DAY).stamp
    new_member(org("nghe-an-viet-nga-vinh"))
    member_counts(organizations=[nghe_an, thanh_hoa], on=DAY)
    assert MemberTally.objects.get(organization=thanh_hoa, on=DAY).stamp == stored
    assert MemberTally.objects.get(organization=nghe_an, on=DAY).stamp > stored


def test_counts_of_other_days_than_year_ends_are_dropped_after_two_days():
    branch = org("nghe-an-viet-nga-vinh")
    old = clock() - 3 * 24 * 3600 * 1_000_000
    for day in (datetime.date(2023, 12, 31), datetime.date(2024, 3, 1)):
        MemberTally.objects.create(organization=branch, on=day, stamp=old, count=1)
    member_count(organization=branch, on=DAY)  # counted and stored: the old day is dropped
    assert set(MemberTally.objects.filter(organization=branch).values_list("on", flat=True)) == {
        datetime.date(2023, 12, 31),
        DAY,
    }
