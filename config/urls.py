from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from huunghi.core import health
from huunghi.portal import views as portal_views

handler500 = "huunghi.core.health.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", health.favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("the-hoi-vien/", include("huunghi.members.urls_public")),
    path("api/", include("huunghi.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Portal pages: Vietnamese at /, English translations under /en/ (huunghi.portal.middleware).
urlpatterns += i18n_patterns(
    path("sitemap.xml", portal_views.sitemap_view, name="portal_sitemap"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
