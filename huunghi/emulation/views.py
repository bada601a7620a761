"""The yearly emulation cycle in the back office: my clusters, a cluster's program, covenant,
members and ranking, a member's score sheet (self-assessment → review → answer → final), the
history behind each score, a union's results over the years, and the exports."""

import re
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi.core.models import OrgLogEntry
from huunghi.core.wagtail_hooks import _changes_text

from . import access, exports, services
from .choices import CriterionKind, SheetStatus
from .criteria import fmt_points
from .models import EmulationCluster, ScoreEntry, ScoreSheet
from .scoring import cluster_ranking, sheet_score

EVIDENCE_EXTENSIONS = ("pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "jpg", "jpeg", "png")
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
THOUSANDS_RE = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text):
    """A number as Vietnamese users write it: 87,5 · 1.000.000.000 · 12 · 87.5. None if blank;
    ValueError if it is not a number."""
    text = (text or "").strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif THOUSANDS_RE.match(text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


class EmulationViewMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("emulation_clusters"), "label": _("Emulation")}]
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]


class ClusterListView(EmulationViewMixin, TemplateView):
    """The clusters the user takes part in, by year, with the user's part in each."""

    template_name = "emulation/clusters.html"

    def get_page_title(self):
        return _("Emulation clusters")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        clusters = access.visible_clusters(
            user, EmulationCluster.objects.select_related("head", "deputy_head").prefetch_related("members")
        )
        rows = []
        for cluster in clusters:
            if access.is_head(user, cluster) and not access.is_platform(user):
                part = _("Cluster head")
            elif access.is_deputy(user, cluster):
                part = _("Deputy cluster head")
            elif access.is_member(user, cluster):
                part = _("Member")
            else:
                part = _("VUFO")
            rows.append({"cluster": cluster, "part": part, "members": len(cluster.members.all())})
        context["rows"] = rows
        union = user.organization if access._union_id(user) else None
        context["history_url"] = reverse("emulation_union_history", args=[union.pk]) if union else None
        return context


def _cluster_for(user, pk):
    cluster = get_object_or_404(EmulationCluster.objects.select_related("head", "deputy_head", "criteria_set"), pk=pk)
    if not access.can_view_cluster(user, cluster):
        raise Http404
    return cluster


class ClusterDetailView(EmulationViewMixin, TemplateView):
    template_name = "emulation/cluster.html"

    def dispatch(self, request, *args, **kwargs):
        self.cluster = _cluster_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.cluster)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "finalize":
                services.finalize_cluster(self.cluster, request.user)
                messages.success(request, _("The cluster's results are final; members now see the ranking."))
            elif action == "propose":
                created = services.draft_proposals(self.cluster, request.user)
                messages.success(request, _("%(count)s award proposals drafted.") % {"count": len(created)})
            elif action == "sheets" and access.is_platform(request.user):
                services.sheets_ensure(self.cluster)
                messages.success(request, _("Score sheets are ready for every member."))
            else:
                raise PermissionDenied
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("emulation_cluster", pk=self.cluster.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, cluster = self.request.user, self.cluster
        sheets = {s.organization_id: s for s in cluster.sheets.all()}
        see_all = access.can_view_all_sheets(user, cluster)
        members = []
        for member in cluster.members.select_related("organization"):
            sheet = sheets.get(member.organization_id)
            visible = sheet is not None and access.can_view_sheet(user, sheet)
            members.append({"organization": member.organization, "sheet": sheet if visible else None})
        ranking = []
        if access.can_view_ranking(user, cluster):
            ranking = ranking_rows(cluster)
            for row in ranking:
                row["can_open"] = access.can_view_sheet(user, row["sheet"])
        context.update(
            cluster=cluster,
            program=cluster.program_items.all(),
            signatures=cluster.signatures.select_related("organization"),
            members=members,
            see_all=see_all,
            ranking=ranking,
            top_codes=top_codes(cluster),
            tie_break=tie_break_text(cluster),
            is_head=access.is_head(user, cluster),
            is_platform=access.is_platform(user),
            proposals=cluster.proposals.select_related("award_form", "recipient_organization")
            if access.can_view_ranking(user, cluster)
            else [],
            all_final=bool(sheets) and all(s.is_final for s in sheets.values()),
        )
        return context


def top_codes(cluster):
    return [c for c in cluster.criteria_set.ordered_criteria() if "." not in c.code]


def tie_break_text(cluster):
    codes = cluster.criteria_set.tie_break_codes()
    if not codes:
        return _("Equal totals share the rank.")
    return _(
        "Equal totals are ordered by the points of criterion %(codes)s, in that order; units still equal share "
        "the rank."
    ) % {"codes": ", ".join(codes)}


def ranking_rows(cluster):
    rows, top = [], top_codes(cluster)
    for score in cluster_ranking(cluster):
        rows.append(
            {
                "rank": score.rank,
                "organization": score.sheet.organization,
                "sheet": score.sheet,
                "total": fmt_points(score.total),
                "total_value": score.total,
                "by_code": {code: fmt_points(v) for code, v in score.by_code.items()},
                "cells": [fmt_points(score.by_code.get(c.code, 0)) for c in top],
                "missing": score.missing,
                "status": score.sheet.get_status_display(),
            }
        )
    return rows


def _sheet_for(user, pk):
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("cluster__criteria_set", "cluster__head", "organization"), pk=pk
    )
    if not access.can_view_sheet(user, sheet):
        raise Http404
    return sheet


def sheet_mode(user, sheet):
    """What the user may edit on the sheet now: "self", "review", "answer" or None (read only)."""
    if sheet.cluster.is_final or sheet.is_final:
        return None
    if sheet.status == SheetStatus.DRAFT and access.can_self_assess(user, sheet):
        return "self"
    if sheet.status in (SheetStatus.SUBMITTED, SheetStatus.REVIEWED, SheetStatus.ANSWERED) and access.is_head(
        user, sheet.cluster
    ):
        return "review"
    if sheet.status == SheetStatus.REVIEWED and access.can_self_assess(user, sheet):
        return "answer"
    return None


FIELDS_BY_MODE = {
    "self": ("target", "achieved", "passed", "evidence", "self_points"),
    "review": ("points", "comment"),
    "answer": ("answer",),
}
NUMBER_FIELDS = {"target", "achieved", "self_points", "points"}


class SheetView(EmulationViewMixin, TemplateView):
    template_name = "emulation/sheet.html"

    def dispatch(self, request, *args, **kwargs):
        self.sheet = _sheet_for(request.user, kwargs["pk"])
        self.row_errors = {}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Score sheet: %(union)s") % {"union": self.sheet.organization.name}

    def get_breadcrumbs_items(self):
        cluster = self.sheet.cluster
        return self.breadcrumbs_items + [
            {"url": reverse("emulation_clusters"), "label": _("Emulation")},
            {"url": reverse("emulation_cluster", args=[cluster.pk]), "label": str(cluster)},
            {"url": "", "label": self.sheet.organization.name},
        ]

    def _rows_from_post(self, mode):
        """entry id → values from the form; numbers parsed, bad ones reported per row."""
        rows, problems = {}, {}
        post = self.request.POST
        for entry in self.sheet.entries.select_related("criterion"):
            values = {}
            for name in FIELDS_BY_MODE[mode]:
                key = f"{name}-{entry.pk}"
                if name == "passed":
                    if f"passed-present-{entry.pk}" in post:
                        values["passed"] = {"yes": True, "no": False}.get(post.get(key, ""))
                    continue
                if key not in post:
                    continue
                if name in NUMBER_FIELDS:
                    try:
                        values[name] = parse_number(post[key])
                    except ValueError:
                        problems.setdefault(entry.pk, []).append(
                            _("“%(value)s” is not a number.") % {"value": post[key]}
                        )
                        continue
                else:
                    values[name] = post[key].strip()
            upload = self.request.FILES.get(f"evidence_file-{entry.pk}") if mode == "self" else None
            if upload is not None:
                try:
                    values["evidence_document"] = self._document(upload, entry)
                except ValidationError as error:
                    problems.setdefault(entry.pk, []).extend(error.messages)
            if values:
                rows[entry.pk] = values
        return rows, problems

    def _document(self, upload, entry):
        from wagtail.documents import get_document_model

        from huunghi.core.media import union_media_ensure
        from huunghi.core.uploads import check_upload

        check_upload(upload, EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES)
        collection, _group = union_media_ensure(self.sheet.organization)
        title = f"{self.sheet.cluster.year} — {entry.criterion.code} — {self.sheet.organization.short_name or ''}"
        return get_document_model().objects.create(
            title=title[:255], file=upload, collection=collection, uploaded_by_user=self.request.user
        )

    def post(self, request, *args, **kwargs):
        sheet, user = self.sheet, request.user
        action = request.POST.get("action", "save")
        mode = sheet_mode(user, sheet)
        try:
            if action == "propose":
                count = services.propose_from_records(sheet, user)
                messages.success(request, _("Figures of %(count)s criteria taken from the records.") % {"count": count})
            elif action in ("save", "submit", "send_review", "send_answer", "finalize", "accept"):
                if mode is None:
                    if sheet.is_final or sheet.cluster.is_final:
                        raise ValidationError(services.errors.SHEET_FINAL)
                    raise PermissionDenied
                rows, problems = self._rows_from_post(mode)
                if problems:
                    self.row_errors = problems
                    messages.error(request, _("Nothing was saved: correct the rows marked in red."))
                    return self.render_to_response(self.get_context_data(posted=request.POST))
                text = request.POST.get("sheet_text")
                if mode == "self":
                    services.save_self_assessment(sheet, user, rows, summary=text)
                elif mode == "review":
                    services.save_review(sheet, user, rows, head_comment=text)
                else:
                    services.save_answer(sheet, user, rows, answer=text)
                if action == "accept":
                    services.accept_self_scores(sheet, user)
                elif action == "submit":
                    services.submit(sheet, user)
                elif action == "send_review":
                    services.send_review(sheet, user)
                elif action == "send_answer":
                    services.send_answer(sheet, user)
                elif action == "finalize":
                    services.finalize_sheet(sheet, user)
                messages.success(request, DONE_MESSAGES[action]())
            else:
                raise PermissionDenied
        except services.EntryErrors as error:
            self.row_errors = {pk: e.messages for pk, e in error.by_entry.items()}
            messages.error(request, _("Nothing was saved: correct the rows marked in red."))
            return self.render_to_response(self.get_context_data(posted=request.POST))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("emulation_sheet", pk=sheet.pk)

    def get_context_data(self, posted=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet, user = self.sheet, self.request.user
        mode = sheet_mode(user, sheet)
        criteria = sheet.cluster.criteria_set.ordered_criteria()
        entries = {
            e.criterion_id: e
            for e in sheet.entries.select_related("self_by", "points_by", "evidence_document").prefetch_related(
                "delegations", "events", "aid_items", "branches"
            )
        }
        proposed = services.proposed_for(sheet)
        self_score = sheet_score(sheet, criteria, list(entries.values()), "self_points")
        head_score = sheet_score(sheet, criteria, list(entries.values()), "points")
        rows = []
        for criterion in criteria:
            entry = entries.get(criterion.pk)
            row = {
                "criterion": criterion,
                "is_group": criterion.kind == CriterionKind.GROUP,
                "indent": criterion.code.count("."),
                "self_total": fmt_points(self_score.by_code.get(criterion.code, 0)),
                "head_total": fmt_points(head_score.by_code.get(criterion.code, 0)),
            }
            if entry is not None:
                row.update(
                    entry=entry,
                    proposed=fmt_points(proposed[entry.pk]) if proposed.get(entry.pk) is not None else "",
                    errors=self.row_errors.get(entry.pk, []),
                    posted={name: (posted or {}).get(f"{name}-{entry.pk}") for name in FIELDS_BY_MODE.get(mode, ())},
                    links=evidence_links(entry),
                    history_url=reverse("emulation_entry_history", args=[entry.pk]),
                )
            rows.append(row)
        context.update(
            sheet=sheet,
            mode=mode,
            rows=rows,
            self_total=fmt_points(self_score.total),
            head_total=fmt_points(head_score.total),
            head_missing=head_score.missing,
            is_head=access.is_head(user, sheet.cluster),
            can_self=access.can_self_assess(user, sheet),
            status=sheet.get_status_display(),
            sheet_text_label={
                "self": _("Self-assessment summary"),
                "review": _("Cluster head's comment"),
                "answer": _("Union's answer"),
            }.get(mode),  # fmt: skip
            sheet_text_value=(posted or {}).get("sheet_text")
            or {"self": sheet.summary, "review": sheet.head_comment, "answer": sheet.answer}.get(mode, ""),
        )
        return context


DONE_MESSAGES = {
    "save": lambda: _("Saved."),
    "accept": lambda: _("The self-scores were taken for the criteria you had not scored."),
    "submit": lambda: _("Sent to the cluster head."),
    "send_review": lambda: _("The scores were sent to the union."),
    "send_answer": lambda: _("Your answer was sent to the cluster head."),
    "finalize": lambda: _("The score sheet is final."),
}


def evidence_links(entry):
    """The records behind a figure, each opening its own page."""
    links = []
    for delegation in entry.delegations.all():
        links.append((str(delegation), reverse("wagtailsnippets_relations_delegation:inspect", args=[delegation.pk])))
    for event in entry.events.all():
        links.append((str(event), reverse("wagtailsnippets_relations_event:inspect", args=[event.pk])))
    for item in entry.aid_items.all():
        links.append((str(item), reverse("wagtailsnippets_aid_aiditem:inspect", args=[item.pk])))
    for branch in entry.branches.all():
        links.append((str(branch), reverse("wagtailsnippets_orgs_organization:inspect", args=[branch.pk])))
    return links


class EntryHistoryView(EmulationViewMixin, TemplateView):
    """Who entered or changed a score, when, from what to what (the audit log)."""

    template_name = "emulation/entry_history.html"

    def dispatch(self, request, *args, **kwargs):
        self.entry = get_object_or_404(
            ScoreEntry.objects.select_related("sheet__cluster", "sheet__organization", "criterion"), pk=kwargs["pk"]
        )
        if not access.can_view_sheet(request.user, self.entry.sheet):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("History of criterion %(code)s — %(union)s") % {
            "code": self.entry.criterion.code,
            "union": self.entry.sheet.organization.name,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log = OrgLogEntry.objects.for_instance(self.entry).select_related("user").order_by("timestamp", "id")
        context.update(
            entry=self.entry,
            log=[{"when": e.timestamp, "user": e.user, "text": _changes_text(e) or e.action} for e in log],
            sheet_url=reverse("emulation_sheet", args=[self.entry.sheet_id]),
        )
        return context


def predecessors(organization):
    """The organization and every organization merged into it, however many mergers back."""
    found, frontier = [organization], [organization]
    from huunghi.orgs.models import Organization

    while frontier:
        frontier = list(Organization.objects.filter(successor__in=frontier).exclude(pk__in=[o.pk for o in found]))
        found.extend(frontier)
    return found


class UnionHistoryView(EmulationViewMixin, TemplateView):
    """A union's emulation results year by year, with those of the unions merged into it."""

    template_name = "emulation/union_history.html"

    def dispatch(self, request, *args, **kwargs):
        from huunghi.orgs.models import Organization

        self.union = get_object_or_404(Organization, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Emulation results over the years: %(union)s") % {"union": self.union.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        orgs = predecessors(self.union)
        sheets = access.visible_sheets(
            user, ScoreSheet.objects.filter(organization__in=orgs).select_related("cluster", "organization")
        )
        if not sheets.exists() and not access.is_overseer(user) and user.organization_id != self.union.pk:
            raise Http404
        rows, rankings = [], {}
        for sheet in sorted(sheets, key=lambda s: (-s.cluster.year, s.organization.name)):
            rank, total = None, None
            if sheet.status in (SheetStatus.REVIEWED, SheetStatus.ANSWERED, SheetStatus.FINAL):
                if sheet.cluster_id not in rankings:  # one ranking per cluster, not per sheet
                    rankings[sheet.cluster_id] = cluster_ranking(sheet.cluster)
                for score in rankings[sheet.cluster_id]:
                    if score.sheet.pk == sheet.pk:
                        total = fmt_points(score.total)
                        if sheet.cluster.is_final and access.can_view_ranking(user, sheet.cluster):
                            rank = score.rank
            rows.append(
                {
                    "year": sheet.cluster.year,
                    "cluster": sheet.cluster,
                    "organization": sheet.organization,
                    "merged": sheet.organization.pk != self.union.pk,
                    "sheet": sheet,
                    "rank": rank,
                    "total": total,
                    "members": sheet.cluster.sheets.count(),
                }
            )
        context.update(union=self.union, rows=rows)
        return context


# --- Exports ---------------------------------------------------------------------------------


def ranking_export(request, pk, fmt):
    cluster = _cluster_for(request.user, pk)
    if not access.can_view_ranking(request.user, cluster):
        raise Http404
    rows = ranking_rows(cluster)
    name = f"xep-hang-cum-{cluster.number}-{cluster.year}"
    if fmt == "xlsx":
        return _download(exports.ranking_xlsx(cluster, rows), f"{name}.xlsx", exports.XLSX)
    return _download(exports.ranking_pdf(cluster, rows), f"{name}.pdf", "application/pdf")


def sheet_export(request, pk, fmt):
    sheet = _sheet_for(request.user, pk)
    name = f"bang-diem-{sheet.organization.slug}-{sheet.cluster.year}"
    if fmt == "xlsx":
        return _download(exports.sheet_xlsx(sheet), f"{name}.xlsx", exports.XLSX)
    return _download(exports.sheet_pdf(sheet), f"{name}.pdf", "application/pdf")


def _download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
