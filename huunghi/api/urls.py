"""/api/: the OpenAPI schema, its documentation page (Swagger UI served from our own static files —
no CDN, works offline, no inline script, so the site's Content-Security-Policy holds) and version 1
of the endpoints. No Redoc page: its bundle fetches Google Fonts and a logo from a CDN, and starts
a blob: worker the CSP refuses."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("public/news", apis.PublicNewsViewSet, basename="api-public-news")
router.register("public/organizations", apis.PublicOrganizationViewSet, basename="api-public-organization")
router.register("public/statistics", apis.PublicStatisticsViewSet, basename="api-public-statistics")
router.register("partners", apis.ForeignPartnerViewSet, basename="api-partner")
router.register("delegations", apis.DelegationViewSet, basename="api-delegation")
router.register("events", apis.EventViewSet, basename="api-event")
router.register("aid-items", apis.AidItemViewSet, basename="api-aid-item")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/token/", apis.TokenInfoView.as_view(), name="api-token"),
    path("v1/", include(router.urls)),
]
