"""Reads of the public portal: published articles of one union's site, categories."""

from .models import NewsArticlePage, NewsCategory


def article_list(*, home, category=None):
    """Live, public articles under a union home page (one locale's tree), newest first."""
    articles = (
        NewsArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("category", "locale")
        .order_by("-date", "-pk")
    )
    if category is not None:
        articles = articles.filter(category=category)
    return articles


def category_list(*, locale):
    return NewsCategory.objects.filter(locale=locale).order_by("name")
