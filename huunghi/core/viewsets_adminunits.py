"""Administrative units in the back office: a read-only list and the chooser every form uses."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import user_actions
from .choosers import OrmSearchChooseMixin
from .models import AdminUnit


class AdminUnitPermissionPolicy(BasePermissionPolicy):
    """Every back-office user may look units up; nobody edits them (they come from the package)."""

    def user_has_permission(self, user, action):
        return action == "view" and "view" in user_actions(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True) if "view" in actions else get_user_model().objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, a) for a in actions):
            return AdminUnit.objects.all()
        return AdminUnit.objects.none()


class AdminUnitFilterSet(WagtailFilterSet):
    class Meta:
        model = AdminUnit
        fields = ["generation", "level"]


class _ChooseMixin(OrmSearchChooseMixin):
    """Units of both generations, searchable by name; the validity column tells them apart."""

    @property
    def columns(self):
        return [*super().columns, Column("validity", label=_("Validity"), accessor="validity_text")]

    def get_object_list(self):
        return AdminUnit.objects.select_related("parent__parent").order_by("generation", "level", "name")


_base = SnippetChooserViewSet


class AdminUnitChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("AdminUnitChooseView", (_ChooseMixin, _base.choose_view_class), {})
    choose_results_view_class = type("AdminUnitChooseResultsView", (_ChooseMixin, _base.choose_results_view_class), {})


class AdminUnitViewSet(SnippetViewSet):
    model = AdminUnit
    icon = "site"
    menu_label = _("Administrative units")
    add_to_admin_menu = False
    list_display = ["name", "parent", "level", "generation", "valid_from", "valid_to"]
    list_per_page = 50
    search_fields = ["name", "short_name"]
    search_backend_name = None
    filterset_class = AdminUnitFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    chooser_viewset_class = AdminUnitChooserViewSet

    @property
    def permission_policy(self):
        return AdminUnitPermissionPolicy(AdminUnit)

    def get_queryset(self, request):
        return AdminUnit.objects.select_related("parent__parent")
