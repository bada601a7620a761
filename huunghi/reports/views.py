"""Back-office pages of the annual report: choose, preview, write the text, download."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi.core.access import policy_for, user_scope_path
from huunghi.core.services import record_create

from . import docformat, selectors
from .compose import compose
from .document import Heading, Paragraph, Table, format_cell
from .forms import ReportForm
from .models import ReportDraft, Scope
from .renderers import FORMATS, render


def _report_from_request(request, data):
    if user_scope_path(request.user) is None:
        raise Http404
    form = ReportForm(data, user=request.user)
    if not form.is_valid():
        return form, None, None
    report, draft = selectors.build(**form.report_args())
    return form, report, draft


class AnnualReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/annual.html"
    page_title = gettext_lazy("Annual reports")
    header_icon = "doc-full-inverse"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        data = self.request.GET.copy() if self.request.GET else None
        if data is None and user.organization_id:
            data = {"scope": Scope.UNION, "organization": user.organization_id}
        if data is None:
            context["form"] = ReportForm(user=user)
            return context
        form, report, draft = _report_from_request(self.request, data)
        context.update(form=form, report=report, draft=draft)
        if report is not None:
            query = urlencode({k: v for k, v in form.data.items() if v not in (None, "")})
            context["document"] = document = compose(report, draft)
            context["rows"] = list(_preview(document))
            context["recipient_lines"] = docformat.recipient_lines(document.recipients)
            context["annex"] = [(table, _table_cells(table)) for table in document.annex]
            context["downloads"] = [
                (fmt.upper(), f"{reverse('reports_download', args=[fmt])}?{query}") for fmt in FORMATS
            ]
            context["draft_url"] = f"{reverse('reports_draft')}?{query}"
            context["can_write"] = _draft_permission(user, report)
        return context


def _preview(document):
    """(kind, object, cells) of each block, values written as in the files."""
    for block in document.blocks:
        if isinstance(block, Table):
            yield "table", block, _table_cells(block)
        elif isinstance(block, Heading):
            yield "heading", block, None
        elif isinstance(block, Paragraph):
            yield "paragraph", block, None


def _table_cells(table):
    kinds = [c.kind for c in table.columns]
    rows = [[format_cell(v, k) for v, k in zip(row, kinds, strict=False)] for row in table.rows]
    total = [format_cell(v, k) for v, k in zip(table.total, kinds, strict=False)] if table.total else None
    return {"rows": rows, "total": total}


def _draft_organization(report):
    return report.cluster.head if report.scope == Scope.CLUSTER else report.organization


def _draft_permission(user, report):
    probe = ReportDraft(organization=_draft_organization(report), scope=report.scope, cluster=report.cluster)
    return policy_for(ReportDraft).user_has_permission_for_instance(user, "add", probe)


class DownloadView(View):
    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        form, report, draft = _report_from_request(request, request.GET)
        if report is None:
            raise Http404
        content, content_type, extension = render(compose(report, draft), fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{selectors.file_name(report, extension)}"'
        return response


class DraftView(View):
    """Open the report's text for writing: the existing one, or a new one made on this POST."""

    def post(self, request):
        form, report, draft = _report_from_request(request, request.POST)
        if report is None:
            raise Http404
        if draft is None:
            if not _draft_permission(request.user, report):
                raise PermissionDenied
            draft = ReportDraft(
                organization=_draft_organization(report),
                scope=report.scope,
                cluster=report.cluster,
                year=report.year,
            )
            with transaction.atomic():
                record_create(instance=draft, acting_user=request.user)
                draft.save_revision(user=request.user, log_action=False)
            messages.success(request, _("The report's text was created: write its sections and save."))
        return redirect(reverse("wagtailsnippets_reports_reportdraft:edit", args=[draft.pk]))
