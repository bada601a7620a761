from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import views
from .viewsets import PlansViewSetGroup

register_snippet(PlansViewSetGroup)


@hooks.register("register_admin_urls")
def register_plans_urls():
    return [path("plans/dashboard/", views.DashboardView.as_view(), name="plans_dashboard")]
