from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import (
    cards_hooks,  # noqa: F401  (member cards register their own admin URLs)
    privacy,
    views,
)


@hooks.register("register_admin_urls")
def register_member_urls():
    return [
        path("members/import/", views.ImportIndexView.as_view(), name="members_import_index"),
        path("members/import/<int:pk>/", views.ImportJobView.as_view(), name="members_import_job"),
        path("members/import/<int:pk>/progress/", views.ImportProgressView.as_view(), name="members_import_progress"),
        path("members/import/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="members_import_confirm"),
        path("members/import/<int:pk>/report/", views.ImportReportView.as_view(), name="members_import_report"),
        path("members/template/", views.TemplateDownloadView.as_view(), name="members_template"),
        path("members/export/", views.ExportView.as_view(), name="members_export"),
        path("members/people/<int:pk>/anonymize/", views.AnonymizeView.as_view(), name="members_anonymize"),
    ]


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return views.importable_organizations(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_member_menu_item():
    return OfficerMenuItem(_("Member import and export"), reverse("members_import_index"), icon_name="table", order=125)


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    @actions.register_action(privacy.ACTION_IMPORT)
    class ImportFormatter(LogFormatter):
        label = _("Import from a sheet")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if "counts" in data:
                counts = data["counts"]
                return _("Imported %(file)s: %(new)s new, %(updated)s updated, %(rejected)s rejected") % {
                    "file": data.get("file", ""),
                    "new": counts.get("new", 0),
                    "updated": counts.get("updated", 0),
                    "rejected": counts.get("rejected", 0),
                }
            if data.get("new"):
                return _("Created from %(file)s, row %(row)s") % {"file": data.get("file", ""), "row": data.get("row")}
            if data.get("merged"):
                return _("Merged with row %(row)s of %(file)s") % {"file": data.get("file", ""), "row": data.get("row")}
            changes = ", ".join(f"{c['field']}: “{c['old']}” → “{c['new']}”" for c in data.get("changes", []))
            return _("Updated from %(file)s, row %(row)s: %(changes)s") % {
                "file": data.get("file", ""),
                "row": data.get("row"),
                "changes": changes,
            }

    @actions.register_action(privacy.ACTION_EXPORT)
    class ExportFormatter(LogFormatter):
        label = _("Export of personal data")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Exported personal data of %(count)s people (%(format)s)") % {
                "count": data.get("count", 0),
                "format": data.get("format", ""),
            }

    @actions.register_action(privacy.ACTION_ANONYMIZE)
    class AnonymizeFormatter(LogFormatter):
        label = _("Anonymize")

        def format_message(self, log_entry):
            return _("Personal data erased on the member's request")


@hooks.register("register_snippet_listing_buttons")
def anonymize_button(snippet, user, next_url=None):
    from wagtail.admin.widgets.button import Button

    from huunghi.orgs.models import Person

    if isinstance(snippet, Person) and not snippet.anonymized_on and privacy.can_view_contact(user, snippet):
        yield Button(
            _("Anonymize on request"),
            reverse("members_anonymize", args=[snippet.pk]),
            icon_name="user",
            priority=90,
        )
