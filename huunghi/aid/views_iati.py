"""Download of the IATI 2.03 activity file of an organization's aid items for a year.

GET `organization` (id or slug) and `year` (default: this year). The organization must be one the
user sees in `scoped_queryset(Organization, user)` and lie inside the user's own subtree (the
ancestors a union's staff may view read-only are not exported: their subtree holds other unions'
aid); otherwise 404. The file is aggregate (no personal data), so no personal-export right or log.
A file that would not validate is not served: 422 with the problems, as plain text.
"""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from huunghi.core.access import path_in_scope, policy_for, scoped_queryset, user_scope_path
from huunghi.orgs.models import Organization

from . import iati
from .models import AidItem

XML_TYPE = "application/xml; charset=utf-8"


def exportable_organization(user, value):
    """The organization named by `value` (id or slug) if the user may export it, else Http404."""
    if not value or not policy_for(AidItem).user_has_permission(user, "view"):
        raise Http404
    organizations = scoped_queryset(Organization, user)
    lookup = {"pk": int(value)} if str(value).isdigit() else {"slug": value}
    organization = organizations.filter(**lookup).first()
    if organization is None or not path_in_scope(organization.path, user_scope_path(user)):
        raise Http404
    return organization


class IatiExportView(View):
    http_method_names = ["get", "head", "options"]

    def get(self, request):
        user = request.user
        organization = exportable_organization(
            user, request.GET.get("organization") or (user.organization_id if user.is_authenticated else None)
        )
        try:
            year = int(request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            raise Http404 from None
        if not 1900 <= year <= 9999:
            raise Http404

        try:
            data = iati.export_activities(organization, year)
        except ValueError as error:
            return _problem(_("The IATI file could not be made: %(error)s") % {"error": error}, [])
        problems = iati.validate(data)
        if problems:
            return _problem(
                _("The IATI file of %(organization)s for %(year)s does not validate:")
                % {"organization": organization.name, "year": year},
                problems,
            )
        response = HttpResponse(data, content_type=XML_TYPE)
        response["Content-Disposition"] = f'attachment; filename="iati-{organization.slug}-{year}.xml"'
        return response


def _problem(message, problems):
    text = "\n".join([message, *(f"- {problem}" for problem in problems)]) + "\n"
    return HttpResponse(text, status=422, content_type="text/plain; charset=utf-8")
