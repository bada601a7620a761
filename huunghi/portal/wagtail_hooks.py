from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea

from huunghi.core.access import user_scope_path

from .admin_views import ArticleSearchView


@hooks.register("register_admin_urls")
def register_portal_urls():
    return [path("portal/tim-kiem/", ArticleSearchView.as_view(), name="portal_article_search")]


class ScopedMenuItem(MenuItem):
    def is_shown(self, request):
        return user_scope_path(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_article_search_menu_item():
    return ScopedMenuItem(_("Search news articles"), reverse("portal_article_search"), icon_name="search", order=250)


class ArticleSearchArea(SearchArea):
    def is_shown(self, request):
        return user_scope_path(request.user) is not None


@hooks.register("register_admin_search_area")
def register_article_search_area():
    return ArticleSearchArea(_("News articles"), reverse("portal_article_search"), icon_name="doc-full", order=150)
