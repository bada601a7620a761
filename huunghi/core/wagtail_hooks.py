from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from .access import OrgScopedMixin
from .bulk_actions import ScopedDeleteBulkAction
from .models import OrgLogEntry
from .services import ACTION_CREATE, ACTION_DELETE, ACTION_EDIT
from .viewsets_adminunits import AdminUnitViewSet


def _changes_text(log_entry):
    changes = log_entry.data.get("changes") or []
    return "; ".join(f"{c['label']}: “{c['old']}” → “{c['new']}”" for c in changes)


@hooks.register("register_log_actions")
def register_scoped_log(actions):
    actions.register_model(OrgScopedMixin, OrgLogEntry)

    @actions.register_action(ACTION_CREATE)
    class CreateFormatter(LogFormatter):
        label = _("Create")

        def format_message(self, log_entry):
            return _("Created")

    @actions.register_action(ACTION_EDIT)
    class EditFormatter(LogFormatter):
        label = _("Edit")

        def format_message(self, log_entry):
            text = _changes_text(log_entry)
            if not text:
                return _("Saved without changes")
            return _("Changed %(changes)s") % {"changes": text}

    @actions.register_action(ACTION_DELETE)
    class DeleteFormatter(LogFormatter):
        label = _("Delete")

        def format_message(self, log_entry):
            return _("Deleted")


register_snippet(AdminUnitViewSet)


# After Wagtail's own registration (order 0), so ours wins for the scoped models.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)
