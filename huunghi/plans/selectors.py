"""Reads of plans: the achieved figures of a year and the progress of each target.

Every figure comes from the statistics functions of the registry, foreign relations and aid
(`relations_stats`, `aid_totals`, `member_counts`), the same ones the annual report and emulation
scoring read."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from huunghi.aid.aggregates import aid_totals_many
from huunghi.emulation.choices import Measure
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.orgs.selectors import member_counts
from huunghi.relations.choices import Direction
from huunghi.relations.stats import relations_stats_many, year_range

from .models import YearPlan


@dataclass
class YearFigures:
    """The measures of one organization's subtree in one year (up to `end`)."""

    organization: Organization
    year: int
    end: datetime.date
    relations: object  # RelationsStats
    aid: object  # AidTotals
    members_start: int | None  # on the eve of the year (None when not counted)
    members_end: int
    new_branches: list

    def value(self, measure):
        if measure == Measure.NEW_MEMBERS:
            return Decimal(self.members_end - self.members_start)
        return {
            Measure.DELEGATIONS_IN: Decimal(self.relations.delegations[Direction.INCOMING]),
            Measure.DELEGATIONS_OUT: Decimal(self.relations.delegations[Direction.OUTGOING]),
            Measure.DELEGATIONS: Decimal(self.relations.delegations_total),
            Measure.EVENTS: Decimal(self.relations.events_total),
            Measure.AGREEMENTS: Decimal(self.relations.agreements_signed),
            Measure.AID_VND: self.aid.received_vnd,
            Measure.NEW_BRANCHES: Decimal(len(self.new_branches)),
        }[measure]


def new_branches(*, organization, start, end):
    return new_branches_many(organizations=[organization], start=start, end=end)[organization.pk]


def new_branches_many(*, organizations, start, end):
    """{organization.pk: branches of its subtree founded in the period}, in one query."""
    paths = Q()
    for organization in organizations:
        paths |= Q(path__startswith=organization.path)
    branches = list(
        Organization.objects.filter(paths, kind=OrgKind.BRANCH, founded_on__gte=start, founded_on__lte=end)
        .select_related("parent", "admin_unit")
        .order_by("founded_on", "name")
    )
    return {o.pk: [b for b in branches if b.path.startswith(o.path)] for o in organizations}


def year_figures(*, organization, year, until=None):
    """The year's figures of one organization's subtree, counted up to `until` (default: the
    whole year)."""
    return year_figures_many(organizations=[organization], year=year, until=until)[organization.pk]


def year_figures_many(*, organizations, year, until=None, members=None, detail=True):
    """{organization.pk: YearFigures} with a fixed number of statistics calls for all of them.

    `members`: the member counts on the eve of the year and at its end, when the caller has
    counted them already (a report counts each date once for every year it shows). Without
    `detail`, the headline values only (`YearFigures.value`), not the breakdowns: a year shown
    only for comparison."""
    organizations = list(organizations)
    start, end = year_range(year)
    end = min(end, until) if until else end
    relations = relations_stats_many(organizations=organizations, start=start, end=end, detail=detail)
    aid = aid_totals_many(organizations=organizations, start=start, end=end, detail=detail)
    if members is None:
        members = (
            member_counts(organizations=organizations, on=start - datetime.timedelta(days=1)),
            member_counts(organizations=organizations, on=end),
        )
    before, after = members
    branches = new_branches_many(organizations=organizations, start=start, end=end)
    return {
        o.pk: YearFigures(
            organization=o,
            year=year,
            end=end,
            relations=relations[o.pk],
            aid=aid[o.pk],
            members_start=before.get(o.pk),
            members_end=after[o.pk],
            new_branches=branches[o.pk],
        )  # fmt: skip
        for o in organizations
    }


def records_url(measure, organization, year):
    """The back-office list of the records behind a figure."""
    query = {"year": year, "organization": organization.pk}
    if measure in (Measure.DELEGATIONS_IN, Measure.DELEGATIONS_OUT, Measure.DELEGATIONS):
        if measure != Measure.DELEGATIONS:
            query["direction"] = Direction.INCOMING if measure == Measure.DELEGATIONS_IN else Direction.OUTGOING
        name = "wagtailsnippets_relations_delegation:list"
    elif measure == Measure.EVENTS:
        name = "wagtailsnippets_relations_event:list"
    elif measure == Measure.AGREEMENTS:
        name, query = "wagtailsnippets_relations_cooperationagreement:list", {"year": year}
    elif measure == Measure.AID_VND:
        name = "wagtailsnippets_aid_aiditem:list"
    elif measure == Measure.NEW_BRANCHES:
        name = "wagtailsnippets_orgs_organization:list"
        query = {"kind": OrgKind.BRANCH, "founded_on_from": f"{year}-01-01", "founded_on_to": f"{year}-12-31"}
    else:
        name = "wagtailsnippets_orgs_membership:list"
        query = {"joined_on_from": f"{year}-01-01", "joined_on_to": f"{year}-12-31"}
    return f"{reverse(name)}?{urlencode(query)}"


class Status:
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass
class TargetProgress:
    target: object
    goal: Decimal  # in the measure's unit (đồng for money)
    achieved: Decimal
    percent: Decimal | None  # achieved / goal; None for a zero goal
    status: str
    url: str


def elapsed_share(year, today):
    """The part of the year gone by on `today`: 0 before it, 1 after it."""
    start, end = year_range(year)
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days + 1) / Decimal((end - start).days + 1)


def plan_progress(*, plan, figures=None, today=None):
    """Each target of the plan against the figures of its year so far."""
    today = today or timezone.localdate()
    figures = figures or year_figures(organization=plan.organization, year=plan.year)
    share = elapsed_share(plan.year, today)
    rows = []
    for target in plan.targets.all():
        goal = target.value_in_measure_unit
        achieved = figures.value(target.measure)
        percent = (achieved * 100 / goal).quantize(Decimal("0.1")) if goal else None
        if achieved >= goal:
            status = Status.REACHED
        elif achieved >= goal * share:
            status = Status.ON_TRACK
        else:
            status = Status.BEHIND
        rows.append(TargetProgress(target, goal, achieved, percent, status,
                                   records_url(target.measure, plan.organization, plan.year)))  # fmt: skip
    return rows


def plan_for(*, organization, year):
    return (
        YearPlan.objects.filter(organization=organization, year=year)
        .prefetch_related("targets__directive", "directives")
        .first()
    )
