"""Back-office screens of aid mobilization (menu "Viện trợ")."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from . import errors, filters
from .models import AidItem


class AidItemForm(ScopedAdminModelForm):
    scoped_choice_actions = {"donors": ["view"]}

    def clean(self):
        cleaned = super().clean()
        awards = self.formsets.get("awards")
        if awards is not None:
            seen = {}
            for form in awards.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if not data or data.get("DELETE") or not data.get("recipient"):
                    continue
                key = (money_key(data.get("recipient")), money_key(data.get("school")))
                if key in seen:
                    form.add_error("recipient", errors.RECIPIENT_TWICE % {"name": data["recipient"]})
                    self.add_error(None, errors.RECIPIENT_TWICE % {"name": data["recipient"]})
                seen[key] = True
        return cleaned


def money_key(text):
    from huunghi.core.text import fold

    return fold(text or "")


class AidItemViewSet(ScopedSnippetViewSet):
    model = AidItem
    icon = "gift"
    menu_label = _("Aid items")
    menu_order = 100
    list_display = ["title", "kind", "starts_on", "status", "organization"]
    list_select_related = ("organization",)
    search_fields = ["title", "decision_number", "beneficiaries", "domestic_donors"]
    filterset_class = filters.AidItemFilterSet
    list_export = [
        "title",
        "kind",
        "regime",
        "sector",
        "starts_on",
        "ends_on",
        "status",
        "beneficiaries",
        "organization",
    ]
    export_filename = "vien-tro"
    base_form_class = AidItemForm
    panels = [
        FieldPanel("organization"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("sector")]),
        FieldPanel("donors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("domestic_donors"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("decision_authority"),
            ],
            heading=_("Approving decision"),
        ),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        InlinePanel("places", heading=_("Places"), label=_("place"), min_num=0),
        FieldRowPanel([FieldPanel("beneficiaries"), FieldPanel("beneficiary_count")]),
        FieldPanel("description"),
        InlinePanel(
            "transactions",
            heading=_("Money: pledges, commitments, disbursements"),
            label=_("money movement"),
            panels=[
                FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("donor")]),
                FieldRowPanel(
                    [FieldPanel("amount"), FieldPanel("currency"), FieldPanel("rate"), FieldPanel("rate_date")]
                ),
                FieldPanel("note"),
            ],
        ),  # fmt: skip
        FieldPanel("overrun_reason"),
        InlinePanel("awards", heading=_("Scholarship recipients"), label=_("scholarship")),
    ]


class AidViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Aid")
    menu_icon = "gift"
    menu_order = 220
    items = (AidItemViewSet,)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            MenuItem(_("Aid totals"), reverse_lazy("aid_totals"), icon_name="table", order=150),
        ]
