"""Back-office screens of aid mobilization (menu "Viện trợ")."""

from decimal import Decimal

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from huunghi.core.text import fold
from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from . import errors, filters, money
from .models import AidItem, TransactionKind


class AidItemForm(ScopedAdminModelForm):
    scoped_choice_actions = {"donors": ["view"]}

    def is_valid(self):
        """Checks across the inline rows, which ClusterForm validates after `clean()`: a recipient
        listed twice, and more received than committed without a reason."""
        valid = super().is_valid()
        if not valid:
            return False
        seen = set()
        for form in self._live_forms("awards"):
            key = (fold(form.cleaned_data.get("recipient") or ""), fold(form.cleaned_data.get("school") or ""))
            if key in seen:
                message = errors.RECIPIENT_TWICE % {"name": form.cleaned_data["recipient"]}
                form.add_error("recipient", message)
                self.add_error(None, message)
                valid = False
            seen.add(key)
        received = committed = Decimal(0)
        for form in self._live_forms("transactions"):
            data = form.cleaned_data
            try:
                amount = money.to_vnd(data["amount"], data["currency"], data.get("rate") or 1)
            except (KeyError, TypeError, money.MoneyError):
                continue
            if data.get("kind") == TransactionKind.DISBURSEMENT:
                received += amount
            elif data.get("kind") == TransactionKind.COMMITMENT:
                committed += amount
        if committed and received > committed and not (self.cleaned_data.get("overrun_reason") or "").strip():
            self.add_error(
                "overrun_reason",
                errors.DISBURSED_MORE_THAN_COMMITTED
                % {"disbursed": money.format_vnd(received), "committed": money.format_vnd(committed)},
            )
            valid = False
        return valid

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [f for f in formset.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")]


class AidInspectView(InspectView):
    """The aid item with its money in its own currencies and in đồng, and its scholarship recipients."""

    template_name = "aid/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movements = self.object.transactions.select_related("donor").order_by("date", "sort_order")
        context["movements"] = [
            {
                "date": m.date,
                "kind": m.get_kind_display(),
                "amount": money.format_amount(m.amount, m.currency),
                "rate": (money.format_amount(m.rate, "VND") + f" / {m.currency}") if m.rate else "",
                "vnd": money.format_vnd(m.amount_vnd),
                "donor": m.donor or "",
            }
            for m in movements
        ]
        context["received"] = money.format_vnd(self.object.totals_vnd()[TransactionKind.DISBURSEMENT])
        context["awards"] = [
            {"recipient": a.recipient, "school": a.school, "amount": money.format_vnd(a.amount_vnd)}
            for a in self.object.awards.all()
        ]
        return context


class AidItemViewSet(ScopedSnippetViewSet):
    model = AidItem
    icon = "clipboard-list"
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
    inspect_view_class = AidInspectView
    panels = [
        FieldPanel("organization"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("sector"),
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
    menu_icon = "clipboard-list"
    menu_order = 220
    items = (AidItemViewSet,)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            MenuItem(_("Aid totals"), reverse_lazy("aid_totals"), icon_name="table", order=150),
        ]
