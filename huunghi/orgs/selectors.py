"""Reads of the registry that depend on who asks or span relations."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from huunghi.core.access import scoped_queryset

from .choices import MembershipStatus
from .models import HeadcountReport, Membership, MembershipStatusChange, Organization


def organization_list(*, user):
    return scoped_queryset(Organization, user).select_related("parent", "admin_unit")


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
    """`member_count` for several organizations in a fixed number of queries."""
    on = on or timezone.localdate()  # today in Vietnam, not on the server's clock
    result = {}
    if not organizations:
        return result
    prefixes = [o.path for o in organizations]
    path_filter = Q()
    for prefix in prefixes:
        path_filter |= Q(path__startswith=prefix)
    nodes = dict(Organization.objects.filter(path_filter).values_list("id", "path"))

    people_by_org = {}
    for org_id, person_id in (
        active_memberships(on).filter(organization_id__in=nodes).values_list("organization_id", "person_id")
    ):
        people_by_org.setdefault(org_id, set()).add(person_id)

    latest = {}
    for org_id, count in (
        HeadcountReport.objects.filter(organization_id__in=nodes, as_of__lte=on)
        .order_by("organization_id", "as_of")
        .values_list("organization_id", "count")
    ):
        latest[org_id] = count  # ordered by date: the last one wins

    for organization in organizations:
        people = set()
        extra = 0
        for org_id, path in nodes.items():
            if not path.startswith(organization.path):
                continue
            here = people_by_org.get(org_id, set())
            people |= here
            extra += max(0, latest.get(org_id, 0) - len(here))
        result[organization.pk] = len(people) + extra
    return result


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
