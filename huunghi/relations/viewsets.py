"""Back-office screens of foreign relations (menu "Đối ngoại")."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from huunghi.core.access import scoped_queryset
from huunghi.core.text import fold
from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from . import errors, filters
from .models import CooperationAgreement, Delegation, Event, ForeignPartner


def likely_duplicates(delegation, partner_ids):
    """Delegations of the same owner and direction whose dates overlap this one's and that share
    a foreign partner or carry the same title (case and diacritics aside)."""
    if not (delegation.organization_id and delegation.starts_on and delegation.ends_on and delegation.direction):
        return []
    candidates = (
        Delegation.objects.filter(
            organization_id=delegation.organization_id,
            direction=delegation.direction,
            starts_on__lte=delegation.ends_on + datetime.timedelta(days=1),
            ends_on__gte=delegation.starts_on - datetime.timedelta(days=1),
        )
        .exclude(pk=delegation.pk)
        .prefetch_related("partners")
    )
    title = fold(delegation.title)
    found = []
    for other in candidates:
        shared_partner = bool(set(partner_ids) & {p.pk for p in other.partners.all()})
        if shared_partner or fold(other.title) == title:
            found.append(other)
    return found


class RelationsForm(ScopedAdminModelForm):
    # Partners: any the user can see (their union's registry too); the network's organizations
    # taking part: any of them, across unions.
    scoped_choice_actions = {"partners": ["view"], "partner": ["view"], "hosts": None, "organizers": None,
                             "participants": None}  # fmt: skip


class DelegationForm(RelationsForm):
    not_duplicate = forms.BooleanField(
        label=_("This is not a duplicate"),
        required=False,
        help_text=_("Tick only when the platform warns of a likely duplicate and it is a different delegation."),
    )

    def clean(self):
        cleaned = super().clean()
        partners = cleaned.get("partners")
        if not partners and not cleaned.get("countries"):
            self.add_error("countries", _("Choose the foreign partners, or at least their country."))
        elif partners:  # the partners' countries are the delegation's countries too
            codes = {str(code) for code in cleaned.get("countries") or []} | {p.country.code for p in partners}
            cleaned["countries"] = sorted(codes)
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            return cleaned  # the model's date check speaks first; duplicates are looked for afterwards
        if self.errors or cleaned.get("not_duplicate"):
            return cleaned
        probe = Delegation(
            pk=self.instance.pk,
            organization=cleaned.get("organization"),
            direction=cleaned.get("direction"),
            title=cleaned.get("title") or "",
            starts_on=cleaned.get("starts_on"),
            ends_on=cleaned.get("ends_on"),
        )
        probe.organization_id = cleaned["organization"].pk if cleaned.get("organization") else None
        duplicates = likely_duplicates(probe, [p.pk for p in partners or []])
        if duplicates:
            raise ValidationError(errors.LIKELY_DUPLICATE % {"other": "; ".join(str(d) for d in duplicates[:3])})
        return cleaned


class RecordInspectView(InspectView):
    """Inspect page with the record's photos (caption and photographer credit) and documents."""

    template_name = "relations/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photos"] = self.object.photos.select_related("image")
        context["documents"] = self.object.documents.select_related("document")
        return context


class PartnerInspectView(InspectView):
    """Inspect page of a partner with every delegation, event and agreement linked to it that the
    user may see, newest first."""

    template_name = "relations/inspect.html"

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        context = super().get_context_data(**kwargs)
        user, partner, rows = self.request.user, self.object, []
        for model, records, date_field in (
            (Delegation, scoped_queryset(Delegation, user).filter(partners=partner), "starts_on"),
            (Event, scoped_queryset(Event, user).filter(partners=partner), "starts_on"),
            (CooperationAgreement, scoped_queryset(CooperationAgreement, user).filter(partner=partner), "signed_on"),
        ):
            name = model._meta.model_name
            for record in records:
                kind = record.get_direction_display() if model is Delegation else model._meta.verbose_name
                rows.append(
                    {
                        "date": getattr(record, date_field),
                        "title": record.title,
                        "kind": kind,
                        "url": reverse(f"wagtailsnippets_relations_{name}:inspect", args=[record.pk]),
                    }
                )
        context["history"] = sorted(rows, key=lambda row: row["date"], reverse=True)
        return context


PHOTOS = InlinePanel("photos", heading=_("Photos"), label=_("photo"))
DOCUMENTS = InlinePanel("documents", heading=_("Documents"), label=_("document"))


class DelegationViewSet(ScopedSnippetViewSet):
    model = Delegation
    icon = "globe"
    menu_label = _("Delegations")
    menu_order = 100
    list_display = ["title", "direction", "level", "starts_on", "ends_on", "size", "organization"]
    list_select_related = ("organization",)
    search_fields = ["title", "head_name", "purpose"]
    filterset_class = filters.DelegationFilterSet
    list_export = [
        "title",
        "direction",
        "level",
        "head_name",
        "size",
        "starts_on",
        "ends_on",
        "organization",
        "purpose",
    ]
    export_filename = "doan-doi-ngoai"
    base_form_class = DelegationForm
    inspect_view_class = RecordInspectView
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("direction"), FieldPanel("level")]),
        FieldPanel("title"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("countries"),
        FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
        FieldRowPanel([FieldPanel("size"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("not_duplicate"),
        FieldPanel("hosts"),
        MultiFieldPanel(
            [FieldPanel("purpose"), FieldPanel("programme"), FieldPanel("outcome"), FieldPanel("follow_up")],
            heading=_("Content"),
        ),
        PHOTOS,
        DOCUMENTS,
    ]


class EventViewSet(ScopedSnippetViewSet):
    base_form_class = RelationsForm
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 110
    list_display = ["title", "kind", "starts_on", "ends_on", "place", "organization"]
    list_select_related = ("organization", "admin_unit")
    search_fields = ["title", "venue", "description"]
    inspect_view_class = RecordInspectView
    filterset_class = filters.EventFilterSet
    list_export = ["title", "kind", "starts_on", "ends_on", "place", "organization", "description"]
    export_filename = "su-kien"
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("attendance")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [FieldPanel("admin_unit"), FieldRowPanel([FieldPanel("country"), FieldPanel("city")]), FieldPanel("venue")],
            heading=_("Place"),
        ),
        FieldPanel("organizers"),
        FieldPanel("participants"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("executive_meeting"),
        FieldPanel("description"),
        FieldPanel("outcome"),
        PHOTOS,
        DOCUMENTS,
    ]


class ForeignPartnerViewSet(ScopedSnippetViewSet):
    model = ForeignPartner
    icon = "site"
    menu_label = _("Foreign partners")
    menu_order = 120
    list_display = ["name", "name_vi", "kind", "country", "city", "organization"]
    list_select_related = ("organization",)
    search_fields = ["name", "name_vi", "city", "contact_person"]
    filterset_class = filters.ForeignPartnerFilterSet
    list_export = ["name", "name_vi", "kind", "country", "city", "contact_person", "email", "phone", "website"]
    export_filename = "doi-tac-nuoc-ngoai"
    inspect_view_class = PartnerInspectView
    inspect_view_fields = [
        "name", "name_vi", "kind", "country", "city", "contact_person", "email", "phone", "website", "address",
        "notes", "organization",
    ]  # fmt: skip
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_vi")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("contact_person"), FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("website"),
        FieldPanel("address"),
        FieldPanel("notes"),
    ]


class CooperationAgreementViewSet(ScopedSnippetViewSet):
    base_form_class = RelationsForm
    model = CooperationAgreement
    icon = "doc-full"
    menu_label = _("Cooperation agreements")
    menu_order = 130
    list_display = ["title", "partner", "signed_on", "ends_on", "status", "organization"]
    list_select_related = ("organization", "partner")
    search_fields = ["title", "summary"]
    filterset_class = filters.CooperationAgreementFilterSet
    list_export = ["title", "partner", "signed_on", "starts_on", "ends_on", "status", "organization"]
    export_filename = "thoa-thuan-hop-tac"
    panels = [
        FieldPanel("organization"),
        FieldPanel("partner"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("status"),
        FieldPanel("summary"),
        FieldPanel("event"),
        FieldPanel("document"),
    ]


class RelationsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Foreign relations")
    menu_icon = "globe"
    menu_order = 210
    items = (DelegationViewSet, EventViewSet, ForeignPartnerViewSet, CooperationAgreementViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            MenuItem(_("Calendar"), reverse_lazy("relations_calendar"), icon_name="calendar", order=140),
            MenuItem(_("Statistics"), reverse_lazy("relations_stats"), icon_name="table", order=150),
        ]
