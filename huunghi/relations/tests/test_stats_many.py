"""`relations_stats_many` against the single-organization figures, and both against the rule
counted row by row (the implementation before the counting moved into SQL), on the demo data
plus records shared across branches and unions."""

import datetime
from collections import Counter

import pytest

from huunghi.orgs.models import Organization
from huunghi.relations.filters import involving
from huunghi.relations.models import CooperationAgreement, Delegation, Event, ForeignPartner
from huunghi.relations.stats import RelationsStats, relations_stats, relations_stats_many, year_range


def counted_row_by_row(organization, start, end):
    stats = RelationsStats(organization=organization, start=start, end=end)
    delegations = (
        involving(Delegation.objects.all(), organization)
        .filter(starts_on__gte=start, starts_on__lte=end)
        .prefetch_related("partners")
    )
    for delegation in delegations:
        direction = delegation.direction
        stats.delegations[direction] += 1
        stats.people[direction] += delegation.size
        stats.by_level.setdefault(delegation.level, Counter())[direction] += 1
        codes = {c.code for c in delegation.countries} | {p.country.code for p in delegation.partners.all()}
        for code in codes:
            stats.by_country.setdefault(code, Counter())[direction] += 1
        stats.by_month.setdefault((delegation.starts_on.year, delegation.starts_on.month), Counter())[direction] += 1
    events = involving(Event.objects.all(), organization).filter(starts_on__gte=start, starts_on__lte=end)
    for kind, starts_on in events.values_list("kind", "starts_on"):
        stats.events[kind] = stats.events.get(kind, 0) + 1
        stats.by_month.setdefault((starts_on.year, starts_on.month), Counter())["events"] += 1
    agreements = CooperationAgreement.objects.filter(organization__path__startswith=organization.path)
    stats.agreements_signed = agreements.filter(signed_on__gte=start, signed_on__lte=end).count()
    stats.agreements_in_force = (
        agreements.filter(signed_on__lte=end)
        .exclude(ends_on__lt=end)
        .exclude(status__in=["terminated", "negotiating"])
        .count()
    )
    return stats


@pytest.fixture
def shared_records(db):
    """Delegations and events shared by two branches of one union, and across two unions."""
    nghe_an = Organization.objects.get(slug="nghe-an")
    thanh_hoa = Organization.objects.get(slug="thanh-hoa")
    branches = list(Organization.objects.filter(path__startswith=nghe_an.path, kind="branch").order_by("pk")[:2])
    assert len(branches) == 2
    partner = ForeignPartner.objects.filter(country="LA").first() or ForeignPartner.objects.first()
    day = datetime.date(2023, 5, 17)
    common = {"level": "peoples_org", "starts_on": day, "ends_on": day, "size": 4}
    both_branches = Delegation.objects.create(
        organization=branches[0], direction="incoming", title="Shared by two branches", countries=["LA", "KH"], **common
    )
    both_branches.hosts.set([branches[1]])
    both_branches.partners.set([partner])
    both_branches.save()  # ParentalManyToManyFields are written on save
    across = Delegation.objects.create(
        organization=thanh_hoa, direction="outgoing", title="Thanh Hóa with two Nghệ An branches", **common
    )
    across.hosts.set(branches)
    across.partners.set([partner])
    across.save()
    event = Event.objects.create(
        organization=thanh_hoa, kind="conference", title="Co-organized", starts_on=day, ends_on=day, country="LA"
    )
    event.organizers.set([branches[0]])
    event.participants.set([branches[0], branches[1], nghe_an])
    event.save()
    return nghe_an


def all_organizations():
    return list(Organization.objects.order_by("path"))


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025, 2026])
def test_many_equals_single_and_row_by_row(shared_records, year):
    start, end = year_range(year)
    organizations = all_organizations()
    many = relations_stats_many(organizations=organizations, start=start, end=end)
    assert set(many) == {o.pk for o in organizations}
    for organization in organizations:
        expected = counted_row_by_row(organization, start, end)
        assert relations_stats(organization=organization, start=start, end=end) == expected, organization.slug
        assert many[organization.pk] == expected, organization.slug


def test_shared_delegation_counts_once_for_the_union(shared_records):
    start, end = year_range(2023)
    alone = counted_row_by_row(shared_records, start, end)
    stats = relations_stats(organization=shared_records, start=start, end=end)
    assert stats == alone
    titles = involving(Delegation.objects.all(), shared_records).filter(starts_on__year=2023)
    assert stats.delegations_total == titles.count()
    assert stats.events_total == involving(Event.objects.all(), shared_records).filter(starts_on__year=2023).count()
    assert Delegation.hosts.through.objects.filter(delegation__title__startswith="Thanh Hóa with").count() == 2


def test_a_part_of_a_year_and_no_organizations(shared_records):
    start, end = datetime.date(2023, 3, 15), datetime.date(2023, 8, 31)
    many = relations_stats_many(organizations=[shared_records], start=start, end=end)
    assert many[shared_records.pk] == counted_row_by_row(shared_records, start, end)
    assert relations_stats_many(organizations=[], start=start, end=end) == {}


def test_without_detail_the_headline_figures_are_the_same(shared_records):
    start, end = year_range(2023)
    organizations = all_organizations()
    full = relations_stats_many(organizations=organizations, start=start, end=end)
    light = relations_stats_many(organizations=organizations, start=start, end=end, detail=False)
    for organization in organizations:
        a, b = full[organization.pk], light[organization.pk]
        assert (a.delegations, a.people, a.events, a.agreements_signed, a.agreements_in_force) == (
            b.delegations, b.people, b.events, b.agreements_signed, b.agreements_in_force
        ), organization.slug  # fmt: skip
