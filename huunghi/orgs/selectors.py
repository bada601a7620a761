"""Reads of the registry that depend on who asks or span relations."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from huunghi.core.access import scoped_queryset

from .choices import MembershipStatus
from .models import HeadcountReport, Membership, MembershipStatusChange, Organization


def organization_list(*, user):
    return scoped_queryset(Organization, user).select_related("parent", "admin_unit")


def alive_on(queryset, day):
    """Organizations founded by `day` (or of unknown founding) and not dissolved by then."""
    return queryset.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day)).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
    )


def status_on(day):
    """Subquery: a membership's latest status on or before `day` (None when it never changed)."""
    return Subquery(
        MembershipStatusChange.objects.filter(membership=OuterRef("pk"), effective_on__lte=day)
        .order_by("-effective_on")
        .values("status")[:1]
    )


def active_memberships(day):
    """Memberships counted on `day`: joined, not left, and active by their status history."""
    return (
        Membership.objects.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .annotate(status_then=status_on(day))
        .filter(Q(status_then__isnull=True) | Q(status_then=MembershipStatus.ACTIVE))
    )


def member_count(*, organization, on=None):
    """Members of an organization and its whole subtree on a date, never counting a person twice.

    Rule: every individually recorded person counts once, however many branches they belong to.
    For each organization, a reported headcount (the latest on or before the date) stands for the
    members attached directly to it, recorded ones included; only the part it exceeds the recorded
    members there is added. Organizations with no report contribute their recorded members only.
    """
    return member_counts(organizations=[organization], on=on)[organization.pk]


def member_counts(*, organizations, on=None):
    """`member_count` for several organizations: the stored counts still valid, the others
    counted (`count_members`) and stored (see `tallies`)."""
    on = on or timezone.localdate()  # today in Vietnam, not on the server's clock
    organizations = list(organizations)
    if not organizations:
        return {}
    from .tallies import stored_or_counted

    return stored_or_counted(organizations, on, lambda missing, day: count_members(organizations=missing, on=day))


def count_members(*, organizations, on):
    """`member_count` for several organizations in three queries, counted from the records.

    Counted in SQL: the distinct people of each organization's subtree grouped by path prefix
    (organizations whose paths have the same length never contain one another: one grouped query
    per length, all in one UNION ALL); the latest headcount report of each organization that has
    one; and the people recorded there, to add what each report exceeds them by.
    """
    organizations = list(organizations)
    roots = []  # the requested organizations not below another one
    for path in sorted({o.path for o in organizations}):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    under_roots = Q()
    for path in roots:
        under_roots |= Q(path__startswith=path)
    # The organizations' ids, so that their memberships are read through the index on them;
    # none when they are every organization (the whole country reads the table straight through).
    nodes = list(Organization.objects.filter(under_roots).values_list("id", flat=True))
    everything = not Organization.objects.exclude(under_roots).exists()
    counted = _counted_memberships(on, None if everything else nodes)
    layers = {}
    for organization in organizations:
        layers.setdefault(len(organization.path), set()).add(organization.path)
    people = None  # path → distinct people of its subtree: one grouped query per length, in a UNION ALL
    for length, prefixes in layers.items():
        rows = counted.annotate(prefix=Substr("organization__path", 1, length))
        if len(prefixes) > 1:
            rows = rows.filter(prefix__in=list(prefixes))
        rows = rows.values_list("prefix").annotate(n=Count("person_id", distinct=True)).order_by()
        people = rows if people is None else people.union(rows, all=True)
    people = dict(people)

    # Reported headcounts: the latest on or before the day of each organization that has one.
    reports = (
        HeadcountReport.objects.filter(organization_id__in=nodes, as_of__lte=on)
        .exclude(
            Exists(
                HeadcountReport.objects.filter(
                    organization=OuterRef("organization"), as_of__gt=OuterRef("as_of"), as_of__lte=on
                )
            )
        )
        .values_list("organization_id", "organization__path", "count")
    )
    latest = {org_id: (path, count) for org_id, path, count in reports}
    extra = {}  # path → what reports exceed the recorded people by, in its subtree
    if latest:
        here = dict(
            counted.filter(organization_id__in=list(latest))
            .values_list("organization_id")
            .annotate(n=Count("person_id", distinct=True))
            .order_by()
        )
        for org_id, (path, count) in latest.items():
            exceeds = max(0, count - here.get(org_id, 0))
            ancestor = ""
            for segment in path.split("/")[:-1]:  # the organization and each one above it
                ancestor += segment + "/"
                extra[ancestor] = extra.get(ancestor, 0) + exceeds
    return {o.pk: people.get(o.path, 0) + extra.get(o.path, 0) for o in organizations}


def _counted_memberships(day, organization_ids):
    """`active_memberships(day)` of some organizations, written for counting at scale: instead of
    each membership's latest status, those whose latest status change on or before the day is not
    "active" (few) are left out."""
    changes = MembershipStatusChange.objects.filter(effective_on__lte=day)
    not_active = (
        changes.filter(membership=OuterRef("pk"))
        .exclude(status=MembershipStatus.ACTIVE)
        .exclude(Exists(changes.filter(membership=OuterRef("membership"), effective_on__gt=OuterRef("effective_on"))))
    )
    memberships = Membership.objects.all()
    if organization_ids is not None:
        memberships = memberships.filter(organization_id__in=organization_ids)
    return (
        memberships.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .exclude(Exists(not_active))
    )


@dataclass
class StructureNode:
    organization: Organization
    members: int
    children: list = field(default_factory=list)


def organization_structure(*, root, on=None):
    """The tree under `root` (itself included) with member counts, for portal and dashboards."""
    nodes = list(
        Organization.objects.filter(path__startswith=root.path, dissolved_on__isnull=True)
        .select_related("admin_unit")
        .order_by("path")
    )
    counts = member_counts(organizations=nodes, on=on)
    by_id = {o.pk: StructureNode(o, counts[o.pk]) for o in nodes}
    for o in nodes:
        if o.pk != root.pk and o.parent_id in by_id:
            by_id[o.parent_id].children.append(by_id[o.pk])
    return by_id.get(root.pk)
