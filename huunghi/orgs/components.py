"""Back-office dashboard panel: the user's part of the tree with member counts, and recent changes."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from huunghi.core.access import user_scope_path
from huunghi.core.models import OrgLogEntry

from .models import Organization
from .selectors import organization_structure


class RegistrySummaryPanel(Component):
    name = "registry_summary"
    order = 50
    template_name = "orgs/panels/registry_summary.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        scope = user_scope_path(user)
        root = None
        if scope is not None:
            roots = Organization.objects.filter(path=scope) if scope else Organization.objects.filter(parent=None)
            root = roots.order_by("path").first()
        return {
            "title": _("Your organization"),
            "structure": organization_structure(root=root) if root else None,
            "ancestors": root.ancestors() if root else [],
            "recent": [
                (entry, entry.formatter.format_message(entry))
                for entry in OrgLogEntry.objects.viewable_by_user(user).select_related("user", "content_type")[:8]
            ],
        }
