"""Figures a criterion takes from the records: the statistics functions of the registry, foreign
relations and aid, never a count of our own. The records behind a figure are linked to the score
as its evidence, so the head can open each one."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from huunghi.aid.aggregates import aid_totals
from huunghi.aid.models import AidItem, TransactionKind
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.orgs.selectors import member_count
from huunghi.relations.choices import Direction
from huunghi.relations.filters import involving
from huunghi.relations.models import Delegation, Event
from huunghi.relations.stats import relations_stats, year_range

from .choices import Measure


@dataclass
class Figure:
    value: Decimal
    delegations: list = field(default_factory=list)
    events: list = field(default_factory=list)
    aid_items: list = field(default_factory=list)
    branches: list = field(default_factory=list)


def figure(measure, organization, year):
    """The achieved figure of `measure` for the organization's subtree in `year`, or None when the
    criterion is entered by hand."""
    start, end = year_range(year)
    if measure in (Measure.DELEGATIONS_IN, Measure.DELEGATIONS_OUT, Measure.DELEGATIONS, Measure.EVENTS,
                   Measure.AGREEMENTS):  # fmt: skip
        stats = relations_stats(organization=organization, start=start, end=end)
        in_year = {"starts_on__gte": start, "starts_on__lte": end}
        delegations = involving(Delegation.objects.all(), organization).filter(**in_year)
        if measure == Measure.DELEGATIONS_IN:
            return Figure(Decimal(stats.delegations[Direction.INCOMING]),
                          delegations=list(delegations.filter(direction=Direction.INCOMING)))  # fmt: skip
        if measure == Measure.DELEGATIONS_OUT:
            return Figure(Decimal(stats.delegations[Direction.OUTGOING]),
                          delegations=list(delegations.filter(direction=Direction.OUTGOING)))  # fmt: skip
        if measure == Measure.DELEGATIONS:
            return Figure(Decimal(stats.delegations_total), delegations=list(delegations))
        if measure == Measure.EVENTS:
            events = involving(Event.objects.all(), organization).filter(**in_year)
            return Figure(Decimal(stats.events_total), events=list(events))
        return Figure(Decimal(stats.agreements_signed))
    if measure == Measure.AID_VND:
        totals = aid_totals(organization=organization, start=start, end=end)
        items = AidItem.objects.filter(
            organization__path__startswith=organization.path,
            transactions__kind=TransactionKind.DISBURSEMENT,
            transactions__date__gte=start,
            transactions__date__lte=end,
        ).distinct()
        return Figure(totals.received_vnd, aid_items=list(items))
    if measure == Measure.NEW_BRANCHES:
        branches = Organization.objects.filter(
            path__startswith=organization.path, kind=OrgKind.BRANCH, founded_on__gte=start, founded_on__lte=end
        )
        return Figure(Decimal(len(branches)), branches=list(branches))
    if measure == Measure.NEW_MEMBERS:
        before = member_count(organization=organization, on=start - datetime.timedelta(days=1))
        after = member_count(organization=organization, on=end)
        return Figure(Decimal(after - before))
    return None
