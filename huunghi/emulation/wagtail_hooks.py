from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import views
from .services import ACTION_STAGE
from .viewsets import EmulationViewSetGroup

register_snippet(EmulationViewSetGroup)


@hooks.register("register_log_actions")
def register_emulation_log(actions):
    @actions.register_action(ACTION_STAGE)
    class StageFormatter(LogFormatter):
        label = _("Emulation stage")

        def format_message(self, log_entry):
            return _("Stage: %(status)s") % {"status": log_entry.data.get("status", "")}


@hooks.register("register_admin_urls")
def register_emulation_urls():
    return [
        path("emulation/", views.ClusterListView.as_view(), name="emulation_clusters"),
        path("emulation/cluster/<int:pk>/", views.ClusterDetailView.as_view(), name="emulation_cluster"),
        path("emulation/cluster/<int:pk>/ranking.<str:fmt>", views.ranking_export, name="emulation_ranking_export"),
        path("emulation/sheet/<int:pk>/", views.SheetView.as_view(), name="emulation_sheet"),
        path("emulation/sheet/<int:pk>/export.<str:fmt>", views.sheet_export, name="emulation_sheet_export"),
        path("emulation/entry/<int:pk>/history/", views.EntryHistoryView.as_view(), name="emulation_entry_history"),
        path("emulation/union/<int:pk>/", views.UnionHistoryView.as_view(), name="emulation_union_history"),
    ]
