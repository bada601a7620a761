"""Back-office set-up of emulation (menu "Thi đua – Khen thưởng"): criteria sets, clusters, award
forms, the basic salary, proposals and awards. The yearly cycle has its own pages (views.py)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from .criteria import Row, tree_errors
from .models import Award, AwardForm, AwardProposal, BasicSalary, CriteriaSet, EmulationCluster


def _live_forms(form, name):
    formset = form.formsets.get(name)
    if formset is None:
        return []
    return [f for f in formset.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")]


class CriteriaSetForm(ScopedAdminModelForm):
    def is_valid(self):
        """The tree is checked across the inline rows (which ClusterForm validates after `clean()`):
        codes, parents, groups and the declared total. An error shows beside its criterion."""
        valid = super().is_valid()
        if not valid:
            return False
        rows, forms_by_code = [], {}
        for form in _live_forms(self, "criteria"):
            data = form.cleaned_data
            if data.get("code") is None or data.get("max_points") is None:
                continue
            rows.append(Row(data["code"].strip(), data.get("kind"), data["max_points"]))
            forms_by_code.setdefault(data["code"].strip(), form)
        for code, message in tree_errors(rows, self.cleaned_data.get("total_points")):
            form = forms_by_code.get(code)
            if form is not None:
                form.add_error("code", message)
            self.add_error(None, message)
            valid = False
        return valid


class CriteriaSetViewSet(ScopedSnippetViewSet):
    model = CriteriaSet
    icon = "list-ol"
    menu_label = _("Criteria sets")
    menu_order = 20
    list_display = ["name", "year", "total_points"]
    list_filter = ["year"]
    search_fields = ["name"]
    base_form_class = CriteriaSetForm
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("year"), FieldPanel("total_points")]),
        FieldPanel("tie_break"),
        FieldPanel("note"),
        InlinePanel(
            "criteria",
            heading=_("Criteria"),
            label=_("criterion"),
            panels=[
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("max_points")]),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("measure"), FieldPanel("unit"), FieldPanel("default_target")]),
                FieldRowPanel([FieldPanel("points_each"), FieldPanel("no_target_rule")]),
            ],
        ),
    ]


class ClusterForm(ScopedAdminModelForm):
    scoped_choice_actions = {"head": None, "deputy_head": None}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from huunghi.orgs.choices import OrgKind
        from huunghi.orgs.models import Organization

        unions = Organization.objects.filter(kind=OrgKind.PROVINCIAL_UNION).order_by("name")
        for name in ("head", "deputy_head"):
            if name in self.fields:
                self.fields[name].queryset = unions
        for name in ("members", "signatures"):
            formset = self.formsets.get(name)
            if formset is not None:
                for form in formset.forms + [formset.empty_form]:
                    if "organization" in form.fields:
                        form.fields["organization"].queryset = unions


class EmulationClusterViewSet(ScopedSnippetViewSet):
    model = EmulationCluster
    icon = "group"
    menu_label = _("Emulation clusters (set-up)")
    menu_order = 10
    list_display = ["name", "number", "year", "head", "deputy_head"]
    list_filter = ["year"]
    list_select_related = ("head", "deputy_head")
    search_fields = ["name"]
    base_form_class = ClusterForm
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("year")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("head"), FieldPanel("deputy_head")]),
        FieldPanel("criteria_set"),
        InlinePanel("members", heading=_("Member unions"), label=_("member"), panels=[FieldPanel("organization")]),
        InlinePanel("program_items", heading=_("Coordination program"), label=_("content item")),
        MultiFieldPanel(
            [
                FieldPanel("signing_place"),
                FieldRowPanel([FieldPanel("signing_starts_on"), FieldPanel("signing_ends_on")]),
                FieldPanel("signing_note"),
            ],
            heading=_("Covenant signing ceremony"),
        ),
        InlinePanel(
            "signatures",
            heading=_("Signatures of the covenant"),
            label=_("signature"),
            panels=[
                FieldRowPanel([FieldPanel("organization"), FieldPanel("signed_on")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
            ],
        ),
    ]


class AwardFormViewSet(ScopedSnippetViewSet):
    model = AwardForm
    icon = "pick"
    menu_label = _("Award forms")
    menu_order = 60
    list_display = ["name", "recipient", "bonus_multiple", "legal_basis", "valid_from", "valid_to"]
    list_filter = ["recipient", "legal_basis"]
    search_fields = ["name", "code"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("recipient")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("awarded_by"), FieldPanel("proposed_by")]),
        FieldRowPanel([FieldPanel("bonus_multiple"), FieldPanel("legal_basis")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
    ]


class BasicSalaryViewSet(ScopedSnippetViewSet):
    model = BasicSalary
    icon = "decimal"
    menu_label = _("Basic salary")
    menu_order = 70
    list_display = ["valid_from", "amount_vnd", "legal_basis"]
    panels = [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("amount_vnd")]), FieldPanel("legal_basis")]


class AwardRecordForm(ScopedAdminModelForm):
    scoped_choice_actions = {"award_form": None, "recipient_organization": ["view"], "recipient_person": ["view"]}


class AwardProposalViewSet(ScopedSnippetViewSet):
    model = AwardProposal
    icon = "doc-full"
    menu_label = _("Award proposals")
    menu_order = 40
    list_display = ["award_form", "recipient_organization", "recipient_person", "year", "rank", "status"]
    list_filter = ["year", "status"]
    list_select_related = ("award_form", "recipient_organization", "recipient_person", "cluster")
    search_fields = ["reason"]
    base_form_class = AwardRecordForm
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("award_form"),
        FieldRowPanel([FieldPanel("recipient_organization"), FieldPanel("recipient_person")]),
        FieldRowPanel([FieldPanel("rank", read_only=True), FieldPanel("total_points", read_only=True)]),
        FieldPanel("reason", widget=forms.Textarea(attrs={"rows": 3})),
    ]


class AwardViewSet(ScopedSnippetViewSet):
    model = Award
    icon = "success"
    menu_label = _("Awards")
    menu_order = 50
    list_display = ["award_form", "recipient_organization", "recipient_person", "decision_number", "decision_date",
                    "bonus_vnd"]  # fmt: skip
    list_filter = ["year"]
    list_select_related = ("award_form", "recipient_organization", "recipient_person")
    search_fields = ["decision_number", "reason", "issuer"]
    base_form_class = AwardRecordForm
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("proposal")]),
        FieldPanel("award_form"),
        FieldRowPanel([FieldPanel("recipient_organization"), FieldPanel("recipient_person")]),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
        FieldPanel("issuer"),
        FieldPanel("reason", widget=forms.Textarea(attrs={"rows": 3})),
    ]


class EmulationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Emulation")
    menu_icon = "group"
    menu_order = 230
    items = (
        EmulationClusterViewSet,
        CriteriaSetViewSet,
        AwardProposalViewSet,
        AwardViewSet,
        AwardFormViewSet,
        BasicSalaryViewSet,
    )

    def get_submenu_items(self):
        return [
            MenuItem(_("My clusters and scores"), reverse_lazy("emulation_clusters"), icon_name="table", order=1),
            *super().get_submenu_items(),
        ]
