"""Back-office screens of plans (menu "Kế hoạch")."""

from django import forms
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from huunghi.core.access import policy_for
from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet

from .models import Directive, YearPlan


class PlanForm(ScopedAdminModelForm):
    # Directives recorded by the organizations above count too (the Party's, recorded by VUFO).
    scoped_choice_actions = {"directives": ["view"]}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        readable = policy_for(Directive).instances_user_has_permission_for(for_user, "view")
        for form in self.formsets["targets"].forms + [self.formsets["targets"].empty_form]:
            form.fields["directive"].queryset = readable


class DirectiveViewSet(ScopedSnippetViewSet):
    model = Directive
    icon = "doc-full"
    menu_label = _("Directives and resolutions")
    menu_order = 100
    list_display = ["number", "title", "issued_on", "issuer", "organization"]
    list_select_related = ("organization",)
    search_fields = ["number", "title", "summary", "issuer"]
    list_filter = ["issued_on"]
    list_export = ["number", "issued_on", "issuer", "title", "summary", "organization"]
    export_filename = "van-ban-chi-dao"
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
        FieldPanel("issuer"),
        FieldPanel("title"),
        FieldPanel("summary"),
    ]


class YearPlanViewSet(ScopedSnippetViewSet):
    model = YearPlan
    icon = "list-ol"
    menu_label = _("Yearly plans")
    menu_order = 110
    list_display = ["title", "year", "number", "adopted_on", "organization"]
    list_select_related = ("organization",)
    search_fields = ["title", "summary"]
    list_filter = ["year"]
    list_export = ["year", "title", "number", "adopted_on", "organization"]
    export_filename = "ke-hoach-nam"
    base_form_class = PlanForm
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("number"), FieldPanel("adopted_on")]),
        FieldPanel("title"),
        FieldPanel("directives", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        InlinePanel("targets", heading=_("Targets"), label=_("target")),
    ]


class PlansViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Plans and reports")
    menu_icon = "list-ol"
    menu_order = 240
    items = (DirectiveViewSet, YearPlanViewSet)

    def get_submenu_items(self):
        items = [
            *super().get_submenu_items(),
            MenuItem(_("Progress dashboard"), reverse_lazy("plans_dashboard"), icon_name="table", order=120),
        ]
        try:  # the reports app registers its URL separately; no menu item for a page not there
            reports = reverse("reports_annual")
            items.append(MenuItem(_("Annual reports"), reports, icon_name="doc-full-inverse", order=130))
        except NoReverseMatch:
            pass
        return items
