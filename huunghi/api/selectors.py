"""Reads behind the public endpoints. Figures come from the platform's statistics functions only:
`relations_stats` (delegations, events), `aid_totals` (aid received in VND), `member_count`
(members, each person once); branches are the registry's branch organizations alive that day."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from huunghi.aid.aggregates import aid_totals
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.orgs.selectors import alive_on, member_counts
from huunghi.portal.models import NewsArticlePage, UnionHomePage
from huunghi.relations.choices import Direction
from huunghi.relations.stats import relations_stats, year_range

UNION_KINDS = (OrgKind.NATIONAL_UNION, OrgKind.PROVINCIAL_UNION)


def public_article_list():
    """Live, public news articles of every union's site (every locale), newest first."""
    return (
        NewsArticlePage.objects.live()
        .public()
        .select_related("category", "locale")
        .prefetch_related("tagged_items__tag")
        .order_by("-date", "-pk")
    )


def union_sites():
    """Path of each union home page (every locale) → the union's slug."""
    return dict(UnionHomePage.objects.values_list("path", "organization__slug"))


def articles_of_site(queryset, slug):
    paths = UnionHomePage.objects.filter(organization__slug=slug).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return queryset.filter(condition)


def public_organization_list():
    return Organization.objects.select_related("admin_unit").order_by("pk")


def unions():
    return Organization.objects.filter(kind__in=UNION_KINDS).order_by("pk")


def unions_in_year(year):
    """The national and provincial unions that existed at some time in `year`."""
    start, end = year_range(year)
    return (
        Organization.objects.filter(kind__in=UNION_KINDS)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=end))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
        .order_by("pk")
    )


def branch_count(*, organization, on):
    branches = Organization.objects.filter(path__startswith=organization.path, kind=OrgKind.BRANCH)
    return alive_on(branches, on).count()


@dataclass
class UnionYear:
    organization: Organization
    year: int
    delegations_received: int
    delegations_sent: int
    events: int
    aid_received_vnd: int
    members: int
    branches: int


def union_year_figures(*, organizations, year):
    """One `UnionYear` per organization (a page of a list: a few queries per union)."""
    start, end = year_range(year)
    members = member_counts(organizations=organizations, on=end)
    rows = []
    for organization in organizations:
        relations = relations_stats(organization=organization, start=start, end=end)
        aid = aid_totals(organization=organization, start=start, end=end)
        rows.append(
            UnionYear(
                organization=organization,
                year=year,
                delegations_received=relations.delegations[Direction.INCOMING],
                delegations_sent=relations.delegations[Direction.OUTGOING],
                events=relations.events_total,
                aid_received_vnd=int(aid.received_vnd),
                members=members[organization.pk],
                branches=branch_count(organization=organization, on=end),
            )
        )
    return rows


def first_statistics_year():
    return 1950  # VUFO was founded in 1950; no record of the network is older


def last_statistics_year():
    return timezone.localdate().year + 1
