"""Foreign-relations statistics: the one place these numbers are computed.

`relations_stats(organization=…, start=…, end=…)` counts what the organization and every
organization below it owned or took part in, between two dates (by start date). The statistics
panel, the annual report and emulation scoring all call it. A delegation shared by two branches
of the same union counts once for the union.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django_countries import countries

from .choices import Direction, EventKind, Level
from .filters import involving
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


def relations_stats_many(*, organizations, start, end):
    """`relations_stats` for several organizations: {organization.pk: RelationsStats}, the same
    figures as calling it for each (national and cluster reports)."""
    return {o.pk: relations_stats(organization=o, start=start, end=end) for o in organizations}


def year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
