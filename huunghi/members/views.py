"""Back-office pages for members at scale: import (upload → preview → confirm → result), template,
export of personal data, anonymization."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi.core.access import policy_for, scoped_queryset, user_scope_path
from huunghi.orgs.models import Organization, Person

from . import jobs, privacy
from .exporter import XLSX_TYPE, build_template, export_members
from .importer import DECISIONS, KEEP, MERGE, SKIP, check_permission
from .models import ImportJob

ALLOWED_EXTENSIONS = ("xlsx", "xls", "ods", "csv")
DECISION_CHOICES = [
    ("", gettext_lazy("— choose —")),
    (MERGE, gettext_lazy("Merge into one person")),
    (KEEP, gettext_lazy("Keep both")),
    (SKIP, gettext_lazy("Skip this row")),
]


def importable_organizations(user):
    """Organizations the user may import members into (officers, inside their scope)."""
    scope = user_scope_path(user)
    if scope is None or not privacy.can_view_contact(user, user.organization.path if user.organization_id else ""):
        return Organization.objects.none()
    if not policy_for(Person).user_has_permission(user, "add"):
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=user.organization.path).order_by("path")


def _limit_mb():
    return f"{settings.MEMBER_IMPORT_MAX_BYTES / 1024 / 1024:.0f}"


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=gettext_lazy("Import into"))
    file = forms.FileField(
        label=gettext_lazy("Member sheet"),
        help_text=gettext_lazy("Excel (.xlsx, .xls), OpenDocument (.ods) or CSV (UTF-8)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = importable_organizations(user)
        self.fields["file"].help_text = _("%(formats)s At most %(limit)s MB.") % {
            "formats": self.fields["file"].help_text,
            "limit": _limit_mb(),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of type “.%(extension)s” cannot be imported. Save the sheet as .xlsx or .csv.")
                % {"extension": extension}
            )
        if upload.size > settings.MEMBER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_too_big(upload.size))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty (0 bytes). Choose the saved member sheet."))
        return upload


def _too_big(size):
    return _("The file is %(size)s MB; the limit is %(limit)s MB per upload. Split the sheet into smaller files.") % {
        "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
        "limit": _limit_mb(),
    }


class MembersMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not importable_organizations(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("members_import_index"), "label": _("Member import and export")},
            {"url": "", "label": self.get_page_title()},
        ]


class ImportIndexView(MembersMixin, FormView):
    template_name = "members/import_index.html"
    form_class = UploadForm

    def get_page_title(self):
        return _("Member import and export")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        initial_org = self.request.user.organization
        if initial_org is not None:
            kwargs.setdefault("initial", {})["organization"] = initial_org.pk
        return kwargs

    def post(self, request, *args, **kwargs):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.MEMBER_IMPORT_MAX_BYTES + 64 * 1024:
            # Refused before the upload is parsed: nothing of it is stored.
            form = self.form_class(user=request.user)
            form.add_error("file", _too_big(length))
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        organization = form.cleaned_data["organization"]
        check_permission(self.request.user, organization)
        upload = form.cleaned_data["file"]
        job = ImportJob(organization=organization, created_by=self.request.user, original_name=upload.name[:255])
        job.file.save(upload.name, upload, save=False)
        job.save()
        jobs.start_analysis(job)
        return redirect("members_import_job", job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["jobs"] = scoped_queryset(ImportJob, user).select_related("organization", "created_by")[:30]
        organizations = importable_organizations(user)
        context["organizations"] = organizations
        context["can_export"] = user.has_perm("orgs.export_personal_data")
        context["limit_mb"] = _limit_mb()
        return context


def _job_for(user, pk):
    job = get_object_or_404(scoped_queryset(ImportJob, user).select_related("organization", "created_by"), pk=pk)
    check_permission(user, job.organization)
    return job


class ImportJobView(MembersMixin, TemplateView):
    template_name = "members/import_job.html"

    def get_page_title(self):
        return _("Import of %(file)s") % {"file": self.job.original_name}

    def dispatch(self, request, *args, **kwargs):
        self.job = _job_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        summary = job.summary or {}
        context.update(
            job=job,
            summary=summary,
            counts=summary.get("counts", {}),
            progress=jobs.progress_payload(job),
            decision_choices=DECISION_CHOICES,
            more_duplicates=max(0, summary.get("duplicates_total", 0) - len(summary.get("duplicates", []))),
            more_rejections=max(0, summary.get("rejections_total", 0) - len(summary.get("rejections", []))),
            Status=ImportJob.Status,
        )
        return context


class ImportProgressView(View):
    def get(self, request, pk):
        return JsonResponse(jobs.progress_payload(_job_for(request.user, pk)))


class ImportConfirmView(View):
    def post(self, request, pk):
        job = _job_for(request.user, pk)
        if job.status != ImportJob.Status.READY:
            messages.error(request, _("This import is not waiting for confirmation."))
            return redirect("members_import_job", job.pk)
        if request.POST.get("action") == "cancel":
            job.status = ImportJob.Status.CANCELLED
            job.save(update_fields=["status"])
            messages.success(request, _("The import was cancelled; nothing was written."))
            return redirect("members_import_index")
        summary = job.summary or {}
        apply_all = request.POST.get("decision_all", "")
        decisions, missing = {}, []
        for duplicate in summary.get("duplicates", []):
            row = str(duplicate["row"])
            choice = request.POST.get(f"decision_{row}") or apply_all
            if choice not in DECISIONS:
                missing.append(row)
            else:
                decisions[row] = choice
        hidden = summary.get("duplicates_total", 0) - len(summary.get("duplicates", []))
        if hidden > 0 and apply_all not in DECISIONS:
            missing.append("…")
        if missing:
            messages.error(
                request,
                _("Choose what to do with every possible duplicate (rows %(rows)s) before confirming.")
                % {"rows": ", ".join(missing[:20])},
            )
            return redirect("members_import_job", job.pk)
        if apply_all in DECISIONS:
            decisions["*"] = apply_all
        job.decisions = decisions
        jobs.start_commit(job, request.user)
        return redirect("members_import_job", job.pk)


class ImportReportView(View):
    def get(self, request, pk):
        job = _job_for(request.user, pk)
        if not job.report:
            raise Http404
        with job.report.open("rb") as report:
            data = report.read()
        response = HttpResponse(data, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="bao-cao-nhap-hoi-vien-{job.pk}.xlsx"'
        return response


def _organization_from(request):
    organizations = importable_organizations(request.user)
    try:
        return organizations.get(pk=int(request.GET.get("organization") or request.user.organization_id))
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


class TemplateDownloadView(View):
    def get(self, request):
        organization = _organization_from(request)
        workbook = build_template(organization)
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="mau-hoi-vien-{organization.slug}.xlsx"'
        workbook.save(response)
        return response


class ExportView(View):
    """Export of members with their personal data: separate permission, logged row by row."""

    def get(self, request):
        organization = _organization_from(request)
        if not privacy.can_export_personal(request.user, organization):
            raise PermissionDenied
        file_format = "csv" if request.GET.get("format") == "csv" else "xlsx"
        data, person_ids = export_members(organization, file_format)
        privacy.log_personal_export(
            user=request.user, organization=organization, person_ids=person_ids, file_format=file_format
        )
        content_type = "text/csv; charset=utf-8" if file_format == "csv" else XLSX_TYPE
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="hoi-vien-{organization.slug}.{file_format}"'
        return response


class AnonymizeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "members/anonymize.html"
    header_icon = "user"

    def get_page_title(self):
        return _("Anonymize a person")

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(scoped_queryset(Person, request.user, "change"), pk=kwargs["pk"])
        if not privacy.can_view_contact(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["memberships"] = self.person.memberships.select_related("organization")
        return context

    def post(self, request, pk):
        if self.person.anonymized_on:
            messages.info(request, _("This person was already anonymized."))
        else:
            privacy.anonymize_person(person=self.person, acting_user=request.user)
            messages.success(request, _("The person's data was erased; their memberships still count."))
        return redirect("wagtailsnippets_orgs_person:edit", self.person.pk)
