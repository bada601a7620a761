"""Back-office screens of the registry (Wagtail snippet viewsets, one menu group)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from huunghi.core.access import path_in_scope, user_scope_path
from huunghi.core.viewsets import ScopedAdminModelForm, ScopedSnippetViewSet
from huunghi.members.privacy import CONTACT_FIELDS, MASK, can_view_contact

from . import filters
from .choices import MembershipStatus
from .models import Congress, ExecutiveMeeting, HeadcountReport, Membership, Organization, Person, Position, Term
from .selectors import member_counts, status_on


class TreeTitleColumn(TitleColumn):
    """The organization's name indented by its depth, so the list reads as the tree."""

    def get_value(self, instance):
        return "\u2003" * max(instance.depth - 1, 0) + ("└ " if instance.depth > 1 else "") + instance.name


class MemberCountColumn(Column):
    """Members of the subtree today; computed once for the whole page of rows."""

    def get_value(self, instance):
        if instance.member_total is None:
            return "—"
        return f"{instance.member_total:,}".replace(",", ".")


class OrganizationViewSet(ScopedSnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    menu_order = 100
    add_to_admin_menu = False
    list_select_related = ("parent", "admin_unit__parent__parent", "successor")
    search_fields = ["name", "short_name", "slug"]
    filterset_class = filters.OrganizationFilterSet
    ordering = ["path"]
    list_export = [
        "name",
        "short_name",
        "slug",
        "kind",
        "parent",
        "partner_country",
        "admin_unit",
        "founded_on",
        "dissolved_on",
        "address",
        "phone",
        "email",
        "website",
    ]
    export_filename = "to-chuc"
    inspect_view_fields = [
        "name",
        "short_name",
        "name_en",
        "slug",
        "kind",
        "parent",
        "partner_country",
        "admin_unit",
        "founded_on",
        "dissolved_on",
        "successor",
        "address",
        "phone",
        "email",
        "website",
        "description",
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("short_name"), FieldPanel("name_en")]), FieldPanel("slug")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
                FieldPanel("partner_country"),
                FieldPanel("admin_unit"),
            ],
            heading=_("Place in the network"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("founded_on"), FieldPanel("dissolved_on")]), FieldPanel("successor")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("description"),
            ],
            heading=_("Contact"),
        ),
    ]

    @property
    def list_display(self):
        return [
            TreeTitleColumn("name", label=capfirst(_("name")), url_name=self.get_url_name("edit")),
            "kind",
            "admin_unit",
            MemberCountColumn("member_total", label=capfirst(_("members"))),
        ]

    @property
    def index_view_class(self):
        base = super().index_view_class

        class OrganizationIndexView(base):
            def get_context_data(self, **kwargs):
                context = super().get_context_data(**kwargs)
                rows = list(context["object_list"])
                # Ancestors above the user's scope are listed for orientation only: their totals
                # would include other tenants' members.
                own = [row for row in rows if path_in_scope(row.path, user_scope_path(self.request.user))]
                totals = member_counts(organizations=own)
                for row in rows:
                    row.member_total = totals.get(row.pk)
                return context

        return OrganizationIndexView


class PersonForm(ScopedAdminModelForm):
    """Contact details are fields of the form only for officers of the organization that owns the
    person (Decree 356/2025/NĐ-CP); for anyone else they are neither shown nor overwritten."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        instance = self.instance
        if instance.pk:
            owner = instance.audit_org_path()
        else:
            owner = for_user.organization.path if getattr(for_user, "organization_id", None) else ""
        if not can_view_contact(for_user, owner):
            for name in CONTACT_FIELDS:
                self.fields.pop(name, None)


class ContactColumn(Column):
    """A contact detail, or a mask for users who may not see it."""

    def get_value(self, instance):
        return getattr(instance, self.name) or ""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if not (request and can_view_contact(request.user, instance)):
            context["value"] = MASK if context["value"] else ""
        return context


class PersonInspectView(InspectView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not can_view_contact(request.user, self.object):
            self.fields = [name for name in self.fields if name not in CONTACT_FIELDS]


class PersonViewSet(ScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 110
    list_display = [
        "full_name",
        ContactColumn("birth_date", label=_("date of birth")),
        ContactColumn("phone", label=_("phone")),
        "organization",
    ]
    list_select_related = ("organization",)
    search_fields = ["full_name"]
    filterset_class = filters.PersonFilterSet
    list_export = []  # personal data leaves only through the logged member export
    inspect_view_class = PersonInspectView
    base_form_class = PersonForm
    panels = [
        FieldPanel("organization"),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("gender"), FieldPanel("birth_date")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("address"),
        FieldPanel("occupation"),
        InlinePanel("consents", heading=_("Consents to the processing of personal data"), label=_("consent")),
    ]


STATUS_LABELS = dict(MembershipStatus.choices)


class StatusColumn(Column):
    def get_value(self, instance):
        return STATUS_LABELS.get(getattr(instance, "current_status", None) or MembershipStatus.ACTIVE, "")


class MembershipViewSet(ScopedSnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Members")
    menu_order = 120
    list_display = [
        "person",
        "organization",
        "joined_on",
        "left_on",
        "card_number",
        StatusColumn("current_status", label=_("status")),
    ]
    list_select_related = ("person", "organization")
    search_fields = ["person__full_name", "card_number"]
    filterset_class = filters.MembershipFilterSet
    list_export = []  # personal data leaves only through the logged member export
    panels = [
        FieldPanel("organization"),
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
        FieldPanel("card_number"),
        FieldPanel("note"),
        InlinePanel("status_changes", heading=_("Status history"), label=_("status change")),
    ]

    def get_queryset(self, request):
        from django.utils import timezone

        return super().get_queryset(request).annotate(current_status=status_on(timezone.localdate()))


class HeadcountReportViewSet(ScopedSnippetViewSet):
    model = HeadcountReport
    icon = "table"
    menu_label = _("Headcount reports")
    menu_order = 130
    list_display = ["organization", "as_of", "count", "source"]
    list_select_related = ("organization",)
    search_fields = ["organization__name", "source"]
    filterset_class = filters.HeadcountReportFilterSet
    list_export = ["organization", "as_of", "count", "source", "note"]
    export_filename = "so-hoi-vien"
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("count")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]


class PositionViewSet(ScopedSnippetViewSet):
    model = Position
    icon = "user"
    menu_label = _("Positions")
    menu_order = 140
    list_display = ["person", "title", "organization", "term", "starts_on"]
    list_select_related = ("person", "organization", "term", "term__organization")
    search_fields = ["person__full_name", "title_detail"]
    filterset_class = filters.PositionFilterSet
    list_export = ["person", "title", "title_detail", "organization", "term", "starts_on", "ends_on"]
    export_filename = "chuc-vu"
    panels = [
        FieldPanel("organization"),
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("term")]),
        FieldPanel("title_detail"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]


class CongressViewSet(ScopedSnippetViewSet):
    model = Congress
    icon = "date"
    menu_label = _("Congresses")
    menu_order = 150
    list_display = ["__str__", "held_on", "place"]
    list_select_related = ("organization",)
    search_fields = ["organization__name", "place"]
    filterset_class = filters.CongressFilterSet
    list_export = ["organization", "number", "held_on", "place", "summary"]
    export_filename = "dai-hoi"
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("held_on")]),
        FieldPanel("place"),
        FieldPanel("summary"),
    ]


class TermViewSet(ScopedSnippetViewSet):
    model = Term
    icon = "date"
    menu_label = _("Terms")
    menu_order = 160
    list_display = ["__str__", "starts_on", "ends_on"]
    list_select_related = ("organization",)
    search_fields = ["organization__name"]
    filterset_class = filters.TermFilterSet
    list_export = ["organization", "number", "congress", "starts_on", "ends_on"]
    export_filename = "nhiem-ky"
    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("congress")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]


class ExecutiveMeetingViewSet(ScopedSnippetViewSet):
    model = ExecutiveMeeting
    icon = "date"
    menu_label = _("Executive committee meetings")
    menu_order = 170
    list_display = ["__str__", "held_on", "place"]
    list_select_related = ("term", "term__organization")
    search_fields = ["agenda", "place"]
    filterset_class = filters.ExecutiveMeetingFilterSet
    list_export = ["term", "number", "held_on", "place", "agenda"]
    export_filename = "hoi-nghi-bch"
    panels = [
        FieldPanel("term"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("held_on")]),
        FieldPanel("place"),
        FieldPanel("agenda"),
    ]


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Registry")
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganizationViewSet,
        MembershipViewSet,
        PersonViewSet,
        HeadcountReportViewSet,
        PositionViewSet,
        CongressViewSet,
        TermViewSet,
        ExecutiveMeetingViewSet,
    )
