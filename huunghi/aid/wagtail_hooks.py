from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import views
from .viewsets import AidViewSetGroup

register_snippet(AidViewSetGroup)


@hooks.register("register_admin_urls")
def register_aid_urls():
    from .views_iati import IatiExportView

    return [
        path("aid/totals/", views.AidTotalsView.as_view(), name="aid_totals"),
        path("aid/iati/", IatiExportView.as_view(), name="aid_iati_export"),
    ]
