"""Aid figures: the one place reports and emulation scoring get them from.

`aid_totals(organization=…, start=…, end=…)` sums the money movements of the aid items of an
organization's subtree dated within the period. The headline figure ("mobilized") is what was
received — disbursements — in VND (see `money.py` for conversion and rounding); pledges and
commitments are reported beside it. Attribution, so that no đồng is counted twice:
- country: the donor of the movement, else the item's only foreign donor country, else "VN" when
  the item has domestic donors only, "-" when it has no donor recorded, else "" (several
  countries, not split);
- locality: the province of the item's first place ("" when it has none);
- kind and sector: the item's.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import AidTransaction, TransactionKind

MIXED = ""  # several countries, not split
NO_DONOR = "-"  # no donor recorded


@dataclass
class AidTotals:
    organization: object
    start: datetime.date
    end: datetime.date
    received_vnd: Decimal = Decimal(0)
    pledged_vnd: Decimal = Decimal(0)
    committed_vnd: Decimal = Decimal(0)
    items: int = 0
    by_kind: dict = field(default_factory=lambda: defaultdict(Decimal))
    by_currency: dict = field(default_factory=lambda: defaultdict(Decimal))  # original amounts received
    by_country: dict = field(default_factory=lambda: defaultdict(Decimal))
    by_sector: dict = field(default_factory=lambda: defaultdict(Decimal))
    by_locality: dict = field(default_factory=lambda: defaultdict(Decimal))
    by_year: dict = field(default_factory=lambda: defaultdict(Decimal))


def _province(unit):
    while unit is not None and unit.level != "province":
        unit = unit.parent
    return unit.name if unit is not None else MIXED


def aid_totals(*, organization, start, end):
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


def aid_totals_many(*, organizations, start, end):
    """`aid_totals` for several organizations: {organization.pk: AidTotals}, the same figures as
    calling it for each (national and cluster reports)."""
    return {o.pk: aid_totals(organization=o, start=start, end=end) for o in organizations}
