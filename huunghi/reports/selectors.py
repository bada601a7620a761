"""Which report a user may make: one place for the scope checks of the report pages and command."""

from django.utils.translation import gettext_lazy as _

from huunghi.core.access import user_scope_path
from huunghi.emulation import access as emulation_access
from huunghi.emulation.models import EmulationCluster
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization

from . import generator
from .models import ReportDraft, Scope

NO_SUCH_ORGANIZATION = _("Choose an organization of your own union.")
NO_CLUSTER = _("Choose an emulation cluster you lead or oversee.")
NOT_NATIONAL = _("Only VUFO's administrators and auditors make the national report.")


def report_organizations(user):
    """The organizations whose union report the user may make: their own subtree."""
    scope = user_scope_path(user)
    if scope is None:
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=scope).exclude(kind=OrgKind.BRANCH).order_by("path")


def report_clusters(user):
    """Clusters whose report the user may make: the head and deputy of that year, and overseers."""
    clusters = EmulationCluster.objects.select_related("head", "deputy_head").order_by("-year", "number")
    return [c for c in clusters if emulation_access.can_view_all_sheets(user, c)]


def can_make_national(user):
    return user_scope_path(user) == ""


def build(*, scope, year=None, organization=None, cluster=None):
    """(AnnualReport, ReportDraft or None) for a scope."""
    if scope == Scope.CLUSTER:
        report = generator.cluster_report(cluster=cluster)
        draft = ReportDraft.objects.filter(scope=scope, cluster=cluster).first()
    elif scope == Scope.NATIONAL:
        report = generator.national_report(year=year, root=organization)
        draft = ReportDraft.objects.filter(scope=scope, organization=report.organization, year=year).first()
    else:
        report = generator.union_report(organization=organization, year=year)
        draft = ReportDraft.objects.filter(scope=scope, organization=organization, year=year).first()
    return report, draft


def file_name(report, extension):
    """bao-cao-tong-ket-2023-nghe-an.docx"""
    if report.scope == Scope.CLUSTER:
        who = f"cum-{report.cluster.number}"
    elif report.scope == Scope.NATIONAL:
        who = "toan-quoc"
    else:
        who = report.organization.slug
    return f"bao-cao-tong-ket-{report.year}-{who}.{extension}"
