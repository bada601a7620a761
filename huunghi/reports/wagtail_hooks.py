from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import views
from .viewsets import ReportDraftViewSet

register_snippet(ReportDraftViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/annual/", views.AnnualReportView.as_view(), name="reports_annual"),
        path("reports/annual/download.<str:fmt>", views.DownloadView.as_view(), name="reports_download"),
        path("reports/annual/text/", views.DraftView.as_view(), name="reports_draft"),
    ]
