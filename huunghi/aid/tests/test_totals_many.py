"""`aid_totals_many` against the single-organization figures, and both against the rules summed
row by row (the implementation before the sums moved into SQL), on the demo data plus items that
exercise every attribution rule: a movement's own donor, one foreign donor country, several,
domestic donors only, no donor; a place in an old district, in a new commune, none; VND and
foreign currencies."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest

from huunghi.aid.aggregates import MIXED, NO_DONOR, AidTotals, aid_totals, aid_totals_many
from huunghi.aid.models import AidItem, AidPlace, AidTransaction, TransactionKind
from huunghi.core.models import AdminUnit
from huunghi.orgs.models import Organization
from huunghi.relations.models import ForeignPartner


def _province(unit):
    while unit is not None and unit.level != "province":
        unit = unit.parent
    return unit.name if unit is not None else MIXED


def summed_row_by_row(organization, start, end):
    totals = AidTotals(organization=organization, start=start, end=end)
    movements = (
        AidTransaction.objects.filter(
            aid__organization__path__startswith=organization.path, date__gte=start, date__lte=end
        )
        .select_related("aid", "donor")
        .prefetch_related("aid__donors", "aid__places__admin_unit__parent__parent")
    )
    items = set()
    for movement in movements:
        amount = movement.amount_vnd
        if movement.kind == TransactionKind.PLEDGE:
            totals.pledged_vnd += amount
            continue
        if movement.kind == TransactionKind.COMMITMENT:
            totals.committed_vnd += amount
            continue
        aid = movement.aid
        items.add(aid.pk)
        totals.received_vnd += amount
        totals.by_kind[aid.kind] += amount
        totals.by_currency[movement.currency] += movement.amount
        totals.by_sector[aid.sector] += amount
        totals.by_year[movement.date.year] += amount
        if movement.donor_id:
            country = movement.donor.country.code
        else:
            countries = {donor.country.code for donor in aid.donors.all()}
            if len(countries) == 1:
                country = countries.pop()
            elif not countries and aid.domestic_donors:
                country = "VN"
            elif not countries:
                country = NO_DONOR
            else:
                country = MIXED
        totals.by_country[country] += amount
        places = list(aid.places.all())
        totals.by_locality[_province(places[0].admin_unit) if places else MIXED] += amount
    totals.items = len(items)
    return totals


def as_plain(totals):
    """Comparable values: dicts without the zero entries a defaultdict may have gained."""
    values = dict(vars(totals))
    for name, value in values.items():
        if isinstance(value, defaultdict):
            values[name] = {key: amount for key, amount in value.items() if amount}
    return values


@pytest.fixture
def attribution_cases(db):
    nghe_an = Organization.objects.get(slug="nghe-an")
    thanh_hoa = Organization.objects.get(slug="thanh-hoa")
    branch = Organization.objects.filter(path__startswith=nghe_an.path, kind="branch").first()
    lao = ForeignPartner.objects.filter(country="LA").first()
    other = ForeignPartner.objects.exclude(country="LA").first()
    district = AdminUnit.objects.filter(generation="legacy", level="district", parent__short_name="Nghệ An").first()
    commune = AdminUnit.objects.filter(generation="2025", level="commune", parent__short_name="Nghệ An").first()
    day = datetime.date(2024, 3, 5)

    def item(owner, title, donors=(), domestic="", places=(), movements=()):
        aid = AidItem.objects.create(
            organization=owner, title=title, kind="non_project", sector="12220", starts_on=day, domestic_donors=domestic
        )
        aid.donors.set(donors)
        aid.save()  # a ParentalManyToManyField is written on save
        for order, unit in enumerate(places):
            AidPlace.objects.create(aid=aid, admin_unit=unit, sort_order=order)
        for kind, amount, currency, rate, donor in movements:
            AidTransaction.objects.create(
                aid=aid, kind=kind, date=day, amount=Decimal(amount), currency=currency,
                rate=Decimal(rate) if rate else None, rate_date=day if rate else None, donor=donor,
            )  # fmt: skip
        return aid

    disbursement = TransactionKind.DISBURSEMENT
    item(branch, "Two countries", [lao, other], places=[commune, district],
         movements=[(disbursement, "1000.50", "USD", "25000.5", None), (disbursement, "300000000", "VND", None, lao),
                    (TransactionKind.PLEDGE, "5000", "EUR", "27000", None)])  # fmt: skip
    item(branch, "One country", [lao], places=[district], movements=[(disbursement, "1234567", "JPY", "168.35", None)])
    commitment = TransactionKind.COMMITMENT
    item(nghe_an, "Domestic only", domestic="Doanh nghiệp trong tỉnh",
         movements=[(disbursement, "50000000", "VND", None, None), (commitment, "9", "VND", None, None)])  # fmt: skip
    item(thanh_hoa, "No donor, no place", movements=[(disbursement, "70000000", "VND", None, None)])
    return [nghe_an, thanh_hoa, branch]


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025, 2026])
def test_many_equals_single_and_row_by_row(attribution_cases, year):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    organizations = list(Organization.objects.order_by("path"))
    many = aid_totals_many(organizations=organizations, start=start, end=end)
    assert set(many) == {o.pk for o in organizations}
    for organization in organizations:
        expected = as_plain(summed_row_by_row(organization, start, end))
        assert as_plain(aid_totals(organization=organization, start=start, end=end)) == expected, organization.slug
        assert as_plain(many[organization.pk]) == expected, organization.slug


def test_every_attribution_rule_is_met(attribution_cases):
    nghe_an, thanh_hoa, _branch = attribution_cases
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    totals = aid_totals_many(organizations=[nghe_an, thanh_hoa], start=start, end=end)
    here, there = totals[nghe_an.pk], totals[thanh_hoa.pk]
    assert here.by_country[MIXED] > 0 and here.by_country["LA"] >= Decimal(300000000) and here.by_country["VN"] > 0
    assert there.by_country[NO_DONOR] >= Decimal(70000000) and there.by_locality[MIXED] >= Decimal(70000000)
    assert here.by_currency["USD"] >= Decimal("1000.50")
    assert sum(here.by_country.values()) == sum(here.by_locality.values()) == here.received_vnd
    assert aid_totals_many(organizations=[], start=start, end=end) == {}


def test_without_detail_the_totals_are_the_same(attribution_cases):
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    organizations = list(Organization.objects.order_by("path"))
    full = aid_totals_many(organizations=organizations, start=start, end=end)
    light = aid_totals_many(organizations=organizations, start=start, end=end, detail=False)
    for organization in organizations:
        a, b = full[organization.pk], light[organization.pk]
        assert (a.received_vnd, a.pledged_vnd, a.committed_vnd, a.items) == (
            b.received_vnd, b.pledged_vnd, b.committed_vnd, b.items
        ), organization.slug  # fmt: skip
    assert any(full[o.pk].received_vnd for o in organizations)
    assert not any(light[o.pk].by_kind for o in organizations)
