"""The annual work-review report (báo cáo tổng kết công tác năm) computed from the records.

Three scopes: a union (its whole subtree), an emulation cluster (its member unions that year) and
the country (VUFO's tree). Every figure comes from the statistics functions through
`plans.selectors.year_figures_many`; this module only chooses whose figures, and compares.

The 2025 reform: a union's figures of the year before include those of the unions merged into it
(followed through `Organization.successor`), so Hải Phòng 2026 is compared with Hải Phòng and
Hải Dương 2025. Units are the ones of the report's year: a 2024 report lists the old provinces,
a 2026 report the new ones.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from huunghi.emulation.choices import Measure
from huunghi.emulation.models import Award, ClusterMember, EmulationCluster
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.orgs.selectors import alive_on, member_counts
from huunghi.plans.selectors import new_branches, plan_for, plan_progress, year_figures_many
from huunghi.relations.models import Delegation, Event
from huunghi.relations.stats import year_range

UNION_KINDS = (OrgKind.NATIONAL_UNION, OrgKind.PROVINCIAL_UNION)
MEMBERS = "members"  # members at the year's end (not a plan measure: a stock, not a flow)


class Scope:
    UNION = "union"
    CLUSTER = "cluster"
    NATIONAL = "national"


# The headline figures of every report, in the order they are printed.
HEADLINES = [
    (Measure.DELEGATIONS_IN, _("Foreign delegations received")),
    (Measure.DELEGATIONS_OUT, _("Delegations sent abroad")),
    (Measure.EVENTS, _("Events and conferences")),
    (Measure.AGREEMENTS, _("Cooperation agreements signed")),
    (Measure.AID_VND, _("Aid received (VND)")),
    (Measure.NEW_BRANCHES, _("New branches")),
    (MEMBERS, _("Members at the year's end")),
]


def values_of(figures):
    """The headline values of one `YearFigures`."""
    values = {measure: figures.value(measure) for measure, _label in HEADLINES if measure != MEMBERS}
    values[MEMBERS] = Decimal(figures.members_end)
    return values


def add_values(*dicts):
    total = {}
    for values in dicts:
        for key, value in values.items():
            total[key] = total.get(key, Decimal(0)) + value
    return total


@dataclass
class UnitRow:
    """One union of a cluster or national report."""

    organization: Organization
    current: dict
    previous: dict  # its predecessors' included
    predecessors: list = field(default_factory=list)
    rank: int | None = None  # in its emulation cluster, once final
    points: Decimal | None = None


@dataclass
class AnnualReport:
    scope: str
    year: int
    organization: Organization  # the issuer: the union, the cluster's head, VUFO
    figures: object  # YearFigures of the scope's total (the union's subtree; the root for national)
    current: dict
    previous: dict
    cluster: EmulationCluster | None = None
    rows: list = field(default_factory=list)  # UnitRow, for cluster and national reports
    plan: object = None
    progress: list = field(default_factory=list)  # TargetProgress
    events: list = field(default_factory=list)
    delegations: list = field(default_factory=list)
    emulation: dict | None = None  # {"cluster", "rank", "out_of", "points"} for a union
    awards: list = field(default_factory=list)
    next_plan: object = None
    associations: int = 0  # member associations alive at the year's end
    branches: int = 0  # branches alive at the year's end
    branch_members: dict = field(default_factory=dict)  # new branch pk → members at the year's end

    @property
    def is_empty(self):
        """Nothing recorded in the year: the report says so instead of failing."""
        return not any(value for key, value in self.current.items() if key != MEMBERS) and not self.events


def predecessors_of(organizations):
    """{pk: [organizations merged into it, directly or through a chain]}."""
    result = {o.pk: [] for o in organizations}
    frontier = {o.pk: o.pk for o in organizations}  # predecessor's successor id → the unit it counts for
    while frontier:
        found = list(Organization.objects.filter(successor_id__in=frontier.keys()).exclude(pk__in=frontier.keys()))
        next_frontier = {}
        for organization in found:
            owner = frontier[organization.successor_id]
            result[owner].append(organization)
            next_frontier[organization.pk] = owner
        frontier = next_frontier
    return result


def _rows(organizations, year, also_at_end=()):
    """Current and previous figures of each unit, the previous with its predecessors'; and the
    current `YearFigures` by organization. Members are counted once per date: the eve of the
    year is the end of the year before."""
    organizations = list(organizations)
    before = predecessors_of(organizations)
    lineage = list({p.pk: p for ps in before.values() for p in ps}.values())
    eve, end = year_range(year - 1)[1], year_range(year)[1]
    at_eve = member_counts(organizations=organizations + lineage, on=eve)
    at_end = member_counts(organizations=organizations + list(also_at_end), on=end)
    current = year_figures_many(organizations=organizations, year=year, members=(at_eve, at_end))
    previous = year_figures_many(  # compared by its headline values only
        organizations=organizations + lineage, year=year - 1, members=({}, at_eve), detail=False
    )
    rows = []
    for organization in organizations:
        merged = before[organization.pk]
        prev = add_values(values_of(previous[organization.pk]), *(values_of(previous[p.pk]) for p in merged))
        rows.append(UnitRow(organization, values_of(current[organization.pk]), prev, merged))
    return rows, current, at_end


def _ids_involving(model, organization, start, end):
    """Ids of the records of the period owned by, or shared with, the subtree: one indexed lookup
    per way of taking part (`relations.filters.involving` writes the same rule as one OR-ed join,
    which reads every year of the subtree's records)."""
    in_period = Q(starts_on__gte=start, starts_on__lte=end)
    ids = set(
        model.objects.filter(in_period, organization__path__startswith=organization.path).values_list("pk", flat=True)
    )
    for lookup in model.shared_lookups:
        shared = model.objects.filter(in_period, **{f"{lookup}__path__startswith": organization.path})
        ids.update(shared.values_list("pk", flat=True))
    return ids


def _notable(organization, year):
    """The year's events and delegations of the subtree, with the fields the report prints."""
    start, end = year_range(year)
    events = list(
        Event.objects.filter(pk__in=_ids_involving(Event, organization, start, end))
        .only("starts_on", "title", "kind", "venue", "city", "country", "admin_unit")
        .select_related("admin_unit__parent__parent")  # its name with district and province
        .order_by("starts_on", "pk")
    )
    delegations = list(
        Delegation.objects.filter(pk__in=_ids_involving(Delegation, organization, start, end))
        .only("starts_on", "title", "direction", "level", "size")
        .order_by("starts_on", "pk")
    )
    return events, delegations


def _own_events(organization, year):
    """The events the organization itself held (VUFO's, for the national report: the unions' own
    are counted in their rows, and would be thousands to list)."""
    start, end = year_range(year)
    return list(
        Event.objects.filter(organization=organization, starts_on__gte=start, starts_on__lte=end)
        .select_related("admin_unit__parent__parent")  # its name with district and province
        .order_by("starts_on", "pk")
    )


def _emulation(organization, year):
    member = ClusterMember.objects.filter(organization=organization, year=year).select_related("cluster").first()
    if member is None:
        return None
    cluster = member.cluster
    result = {"cluster": cluster, "rank": None, "out_of": cluster.members.count(), "points": None}
    if cluster.is_final:
        from huunghi.emulation.scoring import cluster_ranking

        for score in cluster_ranking(cluster):
            if score.sheet.organization_id == organization.pk:
                result.update(rank=score.rank, points=score.total)
    return result


def _awards(organizations, year, subtree=True):
    """Awards for the year to the organizations (and, with `subtree`, to their branches and people)."""
    paths = Q()
    for organization in organizations:
        paths |= (
            Q(recipient_organization__path__startswith=organization.path)
            if subtree
            else Q(recipient_organization=organization)
        )
    return list(
        Award.objects.filter(paths, year=year)
        .select_related("award_form", "recipient_organization", "recipient_person")
        .order_by("decision_date", "pk")
    )


def _structure(report):
    """Associations and branches alive at the year's end, and the members of each new branch."""
    start, end = year_range(report.year)
    alive = alive_on(Organization.objects.filter(path__startswith=report.organization.path), end)
    counts = dict(alive.values_list("kind").annotate(n=Count("pk")).order_by())
    report.associations = counts.get(OrgKind.ASSOCIATION, 0)
    report.branches = counts.get(OrgKind.BRANCH, 0)
    return report


def union_report(*, organization, year):
    """The report of one union (or association) for a year: its whole subtree."""
    start, end = year_range(year)
    branches = new_branches(organization=organization, start=start, end=end)
    rows, current, at_end = _rows([organization], year, also_at_end=branches)
    row, figures = rows[0], current[organization.pk]
    plan = plan_for(organization=organization, year=year)
    events, delegations = _notable(organization, year)
    report = AnnualReport(
        scope=Scope.UNION,
        year=year,
        organization=organization,
        figures=figures,
        current=row.current,
        previous=row.previous,
        plan=plan,
        progress=plan_progress(plan=plan, figures=figures, today=year_range(year)[1]) if plan else [],
        events=events,
        delegations=delegations,
        emulation=_emulation(organization, year),
        awards=_awards([organization], year),
        next_plan=plan_for(organization=organization, year=year + 1),
    )
    report.branch_members = {b.pk: at_end[b.pk] for b in figures.new_branches}
    return _structure(report)


def _ranked(rows, cluster):
    if cluster is None or not cluster.is_final:
        return
    from huunghi.emulation.scoring import cluster_ranking

    by_org = {score.sheet.organization_id: score for score in cluster_ranking(cluster)}
    for row in rows:
        score = by_org.get(row.organization.pk)
        if score:
            row.rank, row.points = score.rank, score.total
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.organization.name))


def cluster_report(*, cluster):
    """The report of an emulation cluster for its year: each member union and their sum."""
    members = [m.organization for m in cluster.members.select_related("organization").order_by("sort_order", "pk")]
    rows, _current, _at_end = _rows(members, cluster.year)
    _ranked(rows, cluster)
    return AnnualReport(
        scope=Scope.CLUSTER,
        year=cluster.year,
        organization=cluster.head,
        figures=None,
        current=add_values(*(r.current for r in rows)),
        previous=add_values(*(r.previous for r in rows)),
        cluster=cluster,
        rows=rows,
        awards=_awards(members, cluster.year, subtree=False),
    )


def unions_of_year(year):
    """The provincial unions that existed at the year's end (the reform's new units after it)."""
    end = year_range(year)[1]
    return list(alive_on(Organization.objects.filter(kind=OrgKind.PROVINCIAL_UNION), end).order_by("name"))


def national_report(*, year, root=None):
    """The country: VUFO's whole tree as the total, one row per provincial union of the year."""
    root = root or Organization.objects.filter(kind=OrgKind.NATIONAL_UNION).order_by("pk").first()
    unions = unions_of_year(year)
    rows, current, _at_end = _rows([*unions, root], year)  # one pass for the unions and the whole tree
    total, figures = rows.pop(), current[root.pk]
    members = {m.organization_id: m.cluster for m in ClusterMember.objects.filter(year=year).select_related("cluster")}
    for cluster in {c.pk: c for c in members.values()}.values():
        _ranked([r for r in rows if members.get(r.organization.pk) == cluster], cluster)
    report = AnnualReport(
        scope=Scope.NATIONAL,
        year=year,
        organization=root,
        figures=figures,
        current=total.current,
        previous=total.previous,
        rows=rows,
        events=_own_events(root, year),
        awards=_awards([root], year),
    )
    return _structure(report)


def report_date(year):
    """A review report is dated early in the next year; the draft proposes 15 January."""
    return datetime.date(year + 1, 1, 15)
