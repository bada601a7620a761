from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from huunghi.core.viewsets import ScopedSnippetViewSet

from .models import ReportDraft


class ReportDraftViewSet(ScopedSnippetViewSet):
    """The report's text, opened from the annual report page (no menu item of its own)."""

    model = ReportDraft
    icon = "doc-full-inverse"
    add_to_admin_menu = False
    menu_label = _("Annual report texts")
    list_display = ["__str__", "year", "scope", "organization"]
    list_select_related = ("organization",)
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("superior_body"),
                FieldRowPanel([FieldPanel("number"), FieldPanel("symbol")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("signed_on")]),
                FieldRowPanel([FieldPanel("signer_authority"), FieldPanel("signer_title"), FieldPanel("signer_name")]),
                FieldPanel("recipients"),
            ],
            heading=_("Document particulars"),
        ),
        FieldPanel("situation"),
        FieldPanel("assessment"),
        FieldPanel("shortcomings"),
        FieldPanel("lessons"),
        FieldPanel("directions"),
        FieldPanel("proposals"),
    ]
