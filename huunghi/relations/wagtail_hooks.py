from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import views
from .viewsets import RelationsViewSetGroup

register_snippet(RelationsViewSetGroup)


@hooks.register("register_admin_urls")
def register_relations_urls():
    return [
        path("relations/calendar/", views.CalendarView.as_view(), name="relations_calendar"),
        path("relations/statistics/", views.StatsView.as_view(), name="relations_stats"),
    ]
