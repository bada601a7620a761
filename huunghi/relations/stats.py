"""Foreign-relations statistics: the one place these numbers are computed.

`relations_stats(organization=…, start=…, end=…)` counts what the organization and every
organization below it owned or took part in, between two dates (by start date). The statistics
panel, the annual report and emulation scoring all call it. A delegation shared by two branches
of the same union counts once for the union.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Aggregate, CharField, Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, Substr
from django_countries import countries

from .choices import Direction, EventKind, Level
from .models import CooperationAgreement, Delegation, Event

IN, OUT = Direction.INCOMING, Direction.OUTGOING


@dataclass
class RelationsStats:
    organization: object
    start: datetime.date
    end: datetime.date
    delegations: dict = field(default_factory=lambda: {IN: 0, OUT: 0})  # direction → count
    people: dict = field(default_factory=lambda: {IN: 0, OUT: 0})  # direction → people in them
    by_level: dict = field(default_factory=dict)  # level → {direction: count}
    by_country: dict = field(default_factory=dict)  # ISO code → {direction: count}
    by_month: dict = field(default_factory=dict)  # (year, month) → {direction: count, "events": count}
    events: dict = field(default_factory=dict)  # kind → count
    agreements_signed: int = 0
    agreements_in_force: int = 0

    @property
    def delegations_total(self):
        return self.delegations[IN] + self.delegations[OUT]

    @property
    def events_total(self):
        return sum(self.events.values())

    def country_rows(self):
        """(code, name, incoming, outgoing), most delegations first."""
        rows = [(code, countries.name(code), c.get(IN, 0), c.get(OUT, 0)) for code, c in self.by_country.items()]
        return sorted(rows, key=lambda r: (-(r[2] + r[3]), r[1]))

    def level_rows(self):
        return [(level, label, self.by_level.get(level, {}).get(IN, 0), self.by_level.get(level, {}).get(OUT, 0))
                for level, label in Level.choices]  # fmt: skip

    def month_rows(self):
        rows, day = [], self.start.replace(day=1)
        while day <= self.end:
            counts = self.by_month.get((day.year, day.month), {})
            rows.append((day.year, day.month, counts.get(IN, 0), counts.get(OUT, 0), counts.get("events", 0)))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return rows

    def event_rows(self):
        return [(kind, label, self.events.get(kind, 0)) for kind, label in EventKind.choices]


def relations_stats(*, organization, start, end):
    return relations_stats_many(organizations=[organization], start=start, end=end)[organization.pk]


def relations_stats_many(*, organizations, start, end, detail=True):
    """`relations_stats` for several organizations: {organization.pk: RelationsStats}, the same
    figures as calling it for each (national and cluster reports), in a fixed number of queries.
    Without `detail`, the countries of the delegations' partners are not read (`by_country` then
    holds only the countries recorded on the delegations): for a year shown only by its totals.

    Counted in SQL, grouped by path prefix: organizations whose paths have the same length never
    contain one another, so each length is one set of queries grouped by `path[:length]`. A record
    counts for its owner's prefix; a record shared with an organization under another prefix (a
    co-host in another union) is added there once, however many of its organizations share it.
    """
    result = {o.pk: RelationsStats(organization=o, start=start, end=end) for o in organizations}
    for length, by_prefix in _layers(organizations).items():
        stats = {prefix: result[o.pk] for prefix, o in by_prefix.items()}
        _count_delegations(stats, length, start, end, detail)
        _count_events(stats, length, start, end)
        _count_agreements(stats, length, start, end)
    return result


def _layers(organizations):
    """{path length: {path: organization}}."""
    layers = {}
    for organization in organizations:
        layers.setdefault(len(organization.path), {})[organization.path] = organization
    return layers


def _prefix(lookup, length):
    return Substr(lookup, 1, length)


def _in_prefixes(queryset, lookup, prefixes):
    """Rows whose `lookup` path starts with one of `prefixes` (all of one length); one prefix
    filters with LIKE, which the path index serves."""
    if len(prefixes) == 1:
        return queryset.filter(**{f"{lookup}__startswith": next(iter(prefixes))})
    return queryset.filter(prefix__in=list(prefixes))


class _Codes(Aggregate):
    """The distinct values of a column, comma-separated (order not kept)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(DISTINCT %(expressions)s, ',')"
        )


def _partner_countries(delegation="pk"):
    """Subquery: the countries of a delegation's partners, comma-separated."""
    through = Delegation.partners.through
    return Subquery(
        through.objects.filter(delegation_id=OuterRef(delegation))
        .values("delegation_id")
        .annotate(codes=_Codes("foreignpartner__country"))
        .values("codes")
    )


def _codes(*texts):
    return {code for text in texts if text for code in text.split(",") if code}


def _count_delegation(stats, direction, level, month, size, count=1):
    stats.delegations[direction] += count
    stats.people[direction] += size
    stats.by_level.setdefault(level, Counter())[direction] += count
    stats.by_month.setdefault(month, Counter())[direction] += count


def _count_delegations(stats, length, start, end, detail=True):
    in_period = Delegation.objects.filter(starts_on__gte=start, starts_on__lte=end)
    owned = _in_prefixes(in_period.annotate(prefix=_prefix("organization__path", length)), "organization__path", stats)
    # One grouped scan for counts, people, levels, months and the countries recorded on them;
    # then the partners' other countries (COUNT DISTINCT: two partners from one country count the
    # delegation once).
    groups = (
        owned.annotate(y=ExtractYear("starts_on"), m=ExtractMonth("starts_on"))  # numbers: no dates to convert
        .values("prefix", "direction", "level", "y", "m", "countries")
        .annotate(count=Count("pk"), size=Sum("size"))
        .order_by()
    )
    for row in groups:
        here, direction, count = stats[row["prefix"]], row["direction"], row["count"]
        _count_delegation(here, direction, row["level"], (row["y"], row["m"]), row["size"], count)
        for code in _codes(row["countries"]):
            here.by_country.setdefault(code, Counter())[direction] += count
    partners = Delegation.partners.through.objects.filter(
        delegation__starts_on__gte=start, delegation__starts_on__lte=end
    ).annotate(prefix=_prefix("delegation__organization__path", length))
    by_partner_country = (
        _in_prefixes(partners, "delegation__organization__path", stats)
        .values("prefix", "delegation__direction", "delegation__countries", "foreignpartner__country")
        .annotate(count=Count("delegation_id", distinct=True))
        .order_by()
    )
    for row in by_partner_country if detail else ():
        code = row["foreignpartner__country"]
        if code and code not in _codes(row["delegation__countries"]):
            here = stats[row["prefix"]].by_country.setdefault(code, Counter())
            here[row["delegation__direction"]] += row["count"]
    # Shared with a co-host under another prefix: counted there once.
    hosts = Delegation.hosts.through.objects.filter(delegation__in=in_period).annotate(
        prefix=_prefix("organization__path", length), owner_prefix=_prefix("delegation__organization__path", length)
    )
    shared = (
        _in_prefixes(hosts, "organization__path", stats)
        .exclude(owner_prefix=F("prefix"))
        .annotate(partner_codes=_partner_countries("delegation_id"))
        .values_list(
            "prefix",
            "delegation_id",
            "delegation__direction",
            "delegation__level",
            "delegation__size",
            "delegation__starts_on",
            "delegation__countries",
            "partner_codes",
        )  # fmt: skip
        .distinct()
        .order_by()
    )
    for prefix, _pk, direction, level, size, starts_on, codes, partner_codes in shared:
        here = stats[prefix]
        _count_delegation(here, direction, level, (starts_on.year, starts_on.month), size)
        for code in _codes(codes, partner_codes):
            here.by_country.setdefault(code, Counter())[direction] += 1


def _count_events(stats, length, start, end):
    in_period = Event.objects.filter(starts_on__gte=start, starts_on__lte=end)
    owned = _in_prefixes(in_period.annotate(prefix=_prefix("organization__path", length)), "organization__path", stats)
    by_kind = (
        owned.annotate(y=ExtractYear("starts_on"), m=ExtractMonth("starts_on"))
        .values("prefix", "kind", "y", "m")
        .annotate(count=Count("pk"))
    )
    for row in by_kind.order_by():
        here = stats[row["prefix"]]
        here.events[row["kind"]] = here.events.get(row["kind"], 0) + row["count"]
        here.by_month.setdefault((row["y"], row["m"]), Counter())["events"] += row["count"]
    # Shared with co-organizers or participants under another prefix: counted there once (UNION).
    shared = None
    for lookup in Event.shared_lookups:
        through = getattr(Event, lookup).through
        rows = (
            _in_prefixes(
                through.objects.filter(event__in=in_period).annotate(
                    prefix=_prefix("organization__path", length),
                    owner_prefix=_prefix("event__organization__path", length),
                ),
                "organization__path",
                stats,
            )
            .exclude(owner_prefix=F("prefix"))
            .values_list("prefix", "event_id", "event__kind", "event__starts_on")
            .order_by()
        )
        shared = rows if shared is None else shared.union(rows)
    for prefix, _pk, kind, starts_on in shared:
        here = stats[prefix]
        here.events[kind] = here.events.get(kind, 0) + 1
        here.by_month.setdefault((starts_on.year, starts_on.month), Counter())["events"] += 1


def _count_agreements(stats, length, start, end):
    agreements = _in_prefixes(
        CooperationAgreement.objects.annotate(prefix=_prefix("organization__path", length)), "organization__path", stats
    )
    in_force = Q(signed_on__lte=end) & ~Q(ends_on__lt=end) & ~Q(status__in=["terminated", "negotiating"])
    counts = agreements.values("prefix").annotate(
        signed=Count("pk", filter=Q(signed_on__gte=start, signed_on__lte=end)), in_force=Count("pk", filter=in_force)
    )
    for row in counts.order_by():
        stats[row["prefix"]].agreements_signed = row["signed"]
        stats[row["prefix"]].agreements_in_force = row["in_force"]


def year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
