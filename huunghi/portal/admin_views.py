"""Back office: search in the news articles of the portals the user may reach (own organization's
union sites and those below it), with the same Vietnamese-aware search as the public portal."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from huunghi import search
from huunghi.core.access import user_scope_path

from .models import NewsArticlePage

RESULTS = 50


def article_queryset_for(user):
    """Articles (drafts included) of the portals whose organization is in the user's subtree."""
    scope = user_scope_path(user)
    if scope is None:
        raise PermissionDenied
    articles = NewsArticlePage.objects.all()
    if scope:
        from .models import UnionHomePage

        homes = UnionHomePage.objects.filter(organization__path__startswith=scope)
        paths = list(homes.values_list("path", flat=True))
        if not paths:
            return articles.none()
        from django.db.models import Q

        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        articles = articles.filter(condition)
    return articles


class ArticleSearchView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/article_search.html"
    page_title = "Tìm tin bài"

    def get_page_title(self):
        from django.utils.translation import gettext

        return gettext("Search news articles")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        articles = article_queryset_for(self.request.user)
        hits = search.search(articles, query, limit=RESULTS) if query.strip() else []
        context.update(query=query, hits=hits)
        return context
