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

from django.db.models import Case, CharField, Count, F, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Substr

from huunghi.core.choices import AdminLevel

from .models import AidItem, AidPlace, AidTransaction, TransactionKind

PROVINCE = AdminLevel.PROVINCE

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


def aid_totals(*, organization, start, end):
    return aid_totals_many(organizations=[organization], start=start, end=end)[organization.pk]


def aid_totals_many(*, organizations, start, end, detail=True):
    """`aid_totals` for several organizations: {organization.pk: AidTotals}, the same figures as
    calling it for each (national and cluster reports), in two queries; without `detail`, in one,
    the totals only (no breakdown by kind, currency, country, sector, locality or year).

    Summed in SQL, grouped by the path prefix of the longest requested path's length, then added
    up in Python into every requested organization whose path starts with it: an aid item belongs
    to one organization, so the groups of a subtree add up to its totals (VUFO's and the unions'
    in one pass).
    """
    result = {o.pk: AidTotals(organization=o, start=start, end=end) for o in organizations}
    if not organizations:
        return result
    by_path = {o.path: result[o.pk] for o in organizations}
    lengths = sorted({len(path) for path in by_path})
    roots = []  # the requested paths not below another one
    for path in sorted(by_path):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    movements = AidTransaction.objects.filter(date__gte=start, date__lte=end).annotate(
        prefix=Substr("aid__organization__path", 1, lengths[-1])
    )
    if len(roots) == 1:  # LIKE, which the path index serves
        movements = movements.filter(aid__organization__path__startswith=roots[0])
    elif len(lengths) == 1:
        movements = movements.filter(prefix__in=roots)
    else:
        under = Q()
        for path in roots:
            under |= Q(aid__organization__path__startswith=path)
        movements = movements.filter(under)

    def totals_of(prefix):
        """The requested organizations whose subtree holds the group `prefix`."""
        return [by_path[prefix[:n]] for n in lengths if len(prefix) >= n and prefix[:n] in by_path]

    received = ~Q(kind__in=[TransactionKind.PLEDGE, TransactionKind.COMMITMENT])
    sums = movements.values("prefix").annotate(
        pledged=Sum("amount_vnd", filter=Q(kind=TransactionKind.PLEDGE)),
        committed=Sum("amount_vnd", filter=Q(kind=TransactionKind.COMMITMENT)),
        items=Count("aid", distinct=True, filter=received),
        received=Sum("amount_vnd", filter=received),
    )
    for row in sums.order_by():
        for here in totals_of(row["prefix"]):
            here.pledged_vnd += row["pledged"] or 0
            here.committed_vnd += row["committed"] or 0
            here.items += row["items"]
            if not detail:
                here.received_vnd += row["received"] or 0
    if not detail:
        return result
    breakdown = (
        movements.filter(received)
        .annotate(year=ExtractYear("date"), country=_country(), locality=_locality())
        .values("prefix", "aid__kind", "aid__sector", "currency", "year", "country", "locality")
        .annotate(vnd=Sum("amount_vnd"), amount=Sum("amount"))
    )
    for row in breakdown.order_by():
        amount = row["vnd"]
        for here in totals_of(row["prefix"]):
            here.received_vnd += amount
            here.by_kind[row["aid__kind"]] += amount
            here.by_currency[row["currency"]] += row["amount"]
            here.by_sector[row["aid__sector"]] += amount
            here.by_year[row["year"]] += amount
            here.by_country[row["country"]] += amount
            here.by_locality[row["locality"]] += amount
    return result


def _country():
    """The attribution country of a movement (see the module's docstring)."""
    donors = AidItem.donors.through.objects.filter(aiditem_id=OuterRef("aid_id")).values("aiditem_id")
    only = donors.annotate(n=Count("foreignpartner__country", distinct=True)).annotate(
        code=Case(When(n=1, then=Max("foreignpartner__country")), default=Value(MIXED), output_field=CharField())
    )
    no_foreign_donor = Case(When(aid__domestic_donors="", then=Value(NO_DONOR)), default=Value("VN"))
    return Case(
        When(donor__isnull=False, then=F("donor__country")),
        default=Coalesce(Subquery(only.values("code")), no_foreign_donor),  # no row: no foreign donor
        output_field=CharField(),
    )


def _locality():
    """The province of the item's first place ("" when it has none)."""
    place = AidPlace.objects.filter(aid_id=OuterRef("aid_id")).order_by("sort_order", "pk")
    province = Case(
        When(admin_unit__level=PROVINCE, then=F("admin_unit__name")),
        When(admin_unit__parent__level=PROVINCE, then=F("admin_unit__parent__name")),
        When(admin_unit__parent__parent__level=PROVINCE, then=F("admin_unit__parent__parent__name")),
        default=Value(MIXED),
        output_field=CharField(),
    )
    return Coalesce(Subquery(place.annotate(province=province).values("province")[:1]), Value(MIXED))
